import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { rssMb } from './engine.js';

/** The real `dinkydash serve`, in its own process, as systemd/dinkydash.service runs it. */
export interface RealServer {
  base: string;
  pid: number;
  /** What the server wrote to stderr so far (an unexpected error logs there). */
  stderr(): string;
  /** SIGTERM, as systemd stops it; resolves with the exit code (SIGKILL after 20 s, as TimeoutStopSec). */
  stop(): Promise<number | null>;
}

export const DINKYDASH = path.join(PROJECT_ROOT, 'bin', 'dinkydash');

/** Starts `node --max-semi-space-size=4 bin/dinkydash --data DIR serve` on a free loopback port; resolves once /healthz answers 200. */
export async function startRealServer(dataDir: string): Promise<RealServer> {
  const child = spawn(process.execPath, ['--max-semi-space-size=4', DINKYDASH, '--data', dataDir, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The unit's environment: two malloc arenas keep node's resident size small.
    env: { ...process.env, MALLOC_ARENA_MAX: '2', NODE_ENV: 'production' },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = / at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`dinkydash serve exited with ${code} before listening: ${stderr.trim()}`)));
  });
  while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200) await new Promise((r) => setTimeout(r, 5));
  return {
    base,
    pid: child.pid!,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface ProcessSample {
  rssMb: number;
  fds: number;
}

/** The process's resident size (VmRSS) and its open file descriptors, from /proc. */
export function sampleProcess(pid: number): ProcessSample {
  return { rssMb: rssMb(pid), fds: fs.readdirSync(`/proc/${pid}/fd`).length };
}

/** Files and bytes under a folder (0 when it does not exist). */
export function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  if (!fs.existsSync(dir)) return { files, bytes };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
