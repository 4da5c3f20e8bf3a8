import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import type { LoadResult } from './load.js';

// Every throughput figure of `npm run bench` comes from wrk: a Node client on the
// same two cores spends as much CPU per request as the bare route does, and caps
// it at about a third of what the server can answer, which made every ratio
// against it look several times better than it is.

const SCRIPT = path.join(PROJECT_ROOT, 'bench', 'wrk.lua');

export const WRK_MISSING = 'wrk is not installed, and every throughput figure of `npm run bench` comes from it. Install it with `apt-get install wrk` (Debian, Ubuntu, Raspberry Pi OS), then run `npm run bench` again.';

/** wrk's version line, or null when it is not on PATH. */
export function wrkVersion(): string | null {
  const out = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (out.error) return null;
  return /wrk \S+/.exec(`${out.stdout}${out.stderr}`)?.[0] ?? 'wrk';
}

export interface WrkOptions {
  base: string;
  /** Each request takes one of these at random (one path: always the same request). */
  paths: string[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** wrk threads: one, so that wrk takes at most one of the two cores from the server. */
  threads?: number;
  /** Statuses that count as answered as expected (others are errors). Default: 200. */
  okStatuses?: number[];
  /**
   * Count every answer's status in Lua. This costs wrk time per answer, so the
   * measured runs leave it off (they still count sockets errors and any status
   * ≥ 400) and a short separate run checks the statuses.
   */
  countStatuses?: boolean;
}

interface WrkJson {
  requests: number;
  seconds: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  status400Plus: number;
  statuses: Record<string, number>;
}

/** One wrk run: throughput, p50 and p99 from wrk's own latency histogram. */
export async function runWrk(options: WrkOptions): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-wrk-'));
  try {
    const pathsFile = path.join(dir, 'paths');
    const headersFile = path.join(dir, 'headers');
    fs.writeFileSync(pathsFile, `${options.paths.join('\n')}\n`);
    fs.writeFileSync(headersFile, Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}\n`).join(''));
    const args = ['-t', String(options.threads ?? 1), '-c', String(options.connections), '-d', `${options.seconds}s`, '--timeout', '10s', '--latency', '-s', SCRIPT, options.base];
    const env = { ...process.env, WRK_PATHS: pathsFile, WRK_HEADERS: headersFile, WRK_COUNT_STATUSES: options.countStatuses ? '1' : '0' };
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('wrk', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('error', (err) => reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(WRK_MISSING) : err));
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
    const line = /^WRK_JSON (.*)$/m.exec(stdout)?.[1];
    if (code !== 0 || !line) throw new Error(`wrk ${args.join(' ')} failed (exit ${code}):\n${stdout}${stderr}`);
    const run = JSON.parse(line) as WrkJson;
    const statuses = Object.fromEntries(Object.entries(run.statuses).map(([k, v]) => [Number(k), v]));
    const ok = new Set(options.okStatuses ?? [200]);
    const unexpected = options.countStatuses ? Object.entries(statuses).reduce((n, [status, count]) => (ok.has(Number(status)) ? n : n + count), 0) : run.status400Plus;
    const socket = run.socketErrors;
    return {
      requests: run.requests,
      rps: run.requests / run.seconds,
      p50Ms: run.p50Us / 1000,
      p99Ms: run.p99Us / 1000,
      errors: unexpected + socket.connect + socket.read + socket.write + socket.timeout,
      statuses,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
