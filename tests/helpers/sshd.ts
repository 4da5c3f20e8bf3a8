import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { requireInstalled } from './test-needs.js';

// A real OpenSSH server on 127.0.0.1 for one test file: its own sshd_config,
// host key and user key (ssh-keygen), a free high port, SFTP only through the
// in-process sftp server. It runs as whoever runs the tests (root or not) and
// lets only that user in, with the generated key. Clients reach it through
// `ssh` from `binDir`, which uses only this folder's ssh_config: host alias
// HOST_ALIAS, 127.0.0.1 only, strict host key checking against the key made here.

export const HOST_ALIAS = 'dinkydash-test-nas';
const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  port: number;
  /** Put first on PATH for restic: its `ssh` uses only this server's client config. */
  binDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function keygen(file: string): void {
  const result = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dinkydash-test', '-f', file], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`ssh-keygen failed: ${result.error?.message ?? result.stderr}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within 10 s: ${log()}`);
}

/** Sets up (but does not start) an OpenSSH server in `dir`. */
export async function makeTestSshd(dir: string): Promise<TestSshd> {
  requireInstalled('openssh-server');
  const user = os.userInfo().username;
  const port = await freePort();
  const at = (name: string) => path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  keygen(at('host_key'));
  keygen(at('user_key'));
  fs.copyFileSync(at('user_key.pub'), at('authorized_keys'));
  fs.writeFileSync(at('known_hosts'), `${HOST_ALIAS} ${fs.readFileSync(at('host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
  fs.writeFileSync(
    at('sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${at('host_key')}`,
      `PidFile ${at('sshd.pid')}`,
      `AuthorizedKeysFile ${at('authorized_keys')}`,
      'AuthenticationMethods publickey',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The test's folder lies under a shared /tmp, which StrictModes would refuse.
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${user}`,
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    at('ssh_config'),
    [
      `Host ${HOST_ALIAS}`,
      '  HostName 127.0.0.1',
      `  Port ${port}`,
      `  User ${user}`,
      `  IdentityFile ${at('user_key')}`,
      '  IdentitiesOnly yes',
      `  HostKeyAlias ${HOST_ALIAS}`,
      `  UserKnownHostsFile ${at('known_hosts')}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  ConnectTimeout 5',
      'Host *',
      // Anything but the test server is refused: the tests talk only to 127.0.0.1.
      '  HostName 0.0.0.0',
      '  Port 9',
      '',
    ].join('\n'),
  );
  const binDir = at('bin');
  fs.mkdirSync(binDir);
  fs.writeFileSync(path.join(binDir, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${at('ssh_config')} "$@"\n`, { mode: 0o755 });
  // As root, sshd wants its privilege separation folder, which Debian's service creates at start.
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  let child: ChildProcess | null = null;
  let log = '';
  return {
    port,
    binDir,
    async start() {
      log = '';
      child = spawn(SSHD, ['-D', '-e', '-f', at('sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr!.on('data', (d) => (log += d));
      await waitForPort(port, child, () => log);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
  };
}
