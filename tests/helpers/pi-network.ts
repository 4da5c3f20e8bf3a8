import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { requireInstalled } from './test-needs.js';

// A Pi on a home network, made of a network namespace joined to this machine
// by a veth pair: a program run inside (`run`) has only loopback, the address
// 10.200.N.2 and the IPv6 ULA fd20:dd:N::2 (plus the pair's link-local fe80::),
// and a browser out here reaches it at those over the pair, as a phone reaches
// a Pi across the home network. Never the
// machine's own network address, and nothing else can reach it. Needs root.

const PREFIX = 'dinkydash-pi-';

function ip(args: string[]): string {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Namespaces an earlier run of these tests left behind when it was killed (its process is gone). */
function removeLeftovers(): void {
  for (const line of ip(['netns', 'list']).split('\n')) {
    const match = new RegExp(`^${PREFIX}(\\d+)\\b`).exec(line);
    if (match && !alive(Number(match[1]))) spawnSync('ip', ['netns', 'del', `${PREFIX}${match[1]}`]);
  }
}

/** A 10.200.N.0/24 no interface of this machine uses yet (another test run may hold one). */
function freeSubnet(): number {
  const used = ip(['-4', '-o', 'addr', 'show']);
  for (let i = 0; i < 250; i++) {
    const n = (process.pid + i) % 250;
    if (!used.includes(` 10.200.${n}.`)) return n;
  }
  throw new Error('every 10.200.N.0/24 is in use on this machine');
}

export interface PiNetwork {
  /** The Pi's own address inside its namespace, which a phone opens. */
  piAddress: string;
  /** The Pi's IPv6 address (a unique local one, as a home router hands out). */
  piAddress6: string;
  /** This machine's end of the pair, where the phone's requests come from. */
  phoneAddress: string;
  /** Starts a shell command inside the Pi's namespace, in its own process group. */
  run(command: string, options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcess;
  /** Stops what `run` started and removes the namespace and the pair; safe to call twice. */
  close(): Promise<void>;
}

export function makePiNetwork(): PiNetwork {
  if (process.getuid?.() !== 0) throw new Error('This test makes a network namespace (ip netns add) and a veth pair, which needs root: run npm test as root, as .ci/run does.');
  requireInstalled('iproute2');
  removeLeftovers();
  const name = `${PREFIX}${process.pid}`;
  const n = freeSubnet();
  const outside = `ddpi${process.pid}o`.slice(0, 15);
  const inside = `ddpi${process.pid}i`.slice(0, 15);
  const piAddress = `10.200.${n}.2`;
  const phoneAddress = `10.200.${n}.1`;
  const piAddress6 = `fd20:dd:${n}::2`;
  const children: ChildProcess[] = [];
  let closed = false;

  const removeSync = () => {
    // Whatever still runs inside is ours: the namespace was made for this run.
    const left = spawnSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).stdout ?? '';
    for (const pid of left.split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    // Removing the namespace removes the pair's end inside it, and so the pair.
    spawnSync('ip', ['netns', 'del', name]);
    spawnSync('ip', ['link', 'del', outside], { stdio: 'ignore' });
  };
  // Even when the test run itself is ended early, no namespace stays behind.
  process.once('exit', removeSync);

  try {
    ip(['netns', 'add', name]);
    ip(['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside]);
    ip(['link', 'set', inside, 'netns', name]);
    ip(['addr', 'add', `${phoneAddress}/24`, 'dev', outside]);
    ip(['link', 'set', outside, 'up']);
    ip(['-6', 'addr', 'add', `fd20:dd:${n}::1/64`, 'dev', outside, 'nodad']);
    ip(['-n', name, 'addr', 'add', `${piAddress}/24`, 'dev', inside]);
    ip(['-n', name, '-6', 'addr', 'add', `${piAddress6}/64`, 'dev', inside, 'nodad']);
    ip(['-n', name, 'link', 'set', inside, 'up']);
    ip(['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (err) {
    removeSync();
    throw err;
  }

  return {
    piAddress,
    piAddress6,
    phoneAddress,
    run(command, options) {
      const child = spawn('ip', ['netns', 'exec', name, 'bash', '-c', command], {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      children.push(child);
      return child;
    },
    async close() {
      if (closed) return;
      closed = true;
      // SIGTERM first, so the server finishes and closes its family files, then whatever is left.
      await Promise.all(
        children.map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
          const exited = new Promise((resolve) => child.once('exit', resolve));
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            return;
          }
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        }),
      );
      removeSync();
      process.removeListener('exit', removeSync);
    },
  };
}
