import { spawn } from 'node:child_process';
import { DINKYDASH } from './reliability-server.js';
import { median } from './load.js';

export interface CommandFailure {
  code: number | null;
  stderr: string;
}

export interface CommandLoop {
  /** How the command was run, for the report, e.g. "backup --all". */
  label: string;
  runs: number;
  failures: CommandFailure[];
  medianMs: number;
}

/** Runs `dinkydash ARGS` once, without blocking this process's event loop (the load keeps going). */
export function runDinkydash(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DINKYDASH, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (err) => resolve({ code: -1, stdout, stderr: `${stderr}${err.message}`, ms: performance.now() - started }));
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Runs the command again and again, each run after the last, while `keepGoing()` says so; every non-zero exit is a failure. */
export async function loopDinkydash(dataDir: string, args: string[], keepGoing: () => boolean): Promise<CommandLoop> {
  const loop: CommandLoop = { label: args.join(' '), runs: 0, failures: [], medianMs: 0 };
  const times: number[] = [];
  while (keepGoing()) {
    const run = await runDinkydash(['--data', dataDir, ...args]);
    loop.runs++;
    times.push(run.ms);
    if (run.code !== 0) loop.failures.push({ code: run.code, stderr: run.stderr.trim() });
  }
  loop.medianMs = times.length ? median(times) : 0;
  return loop;
}
