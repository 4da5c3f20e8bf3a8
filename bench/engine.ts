import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FamilyPool } from '../src/tenants/pool.js';
import { runLoad, median, type LoadResult } from './load.js';
import { copyFamilies, templateFamily } from './fixtures.js';
import { PROJECT_ROOT } from '../src/config.js';

export interface BenchServer {
  base: string;
  child: ChildProcess;
  startMs: number;
  stop(): Promise<void>;
}

/** Starts bench-server.js in its own process; startMs is until /healthz answers. `nodeArgs` go before the script (e.g. --cpu-prof). */
export async function startBenchServer(dataDir: string, maxOpen?: number, nodeArgs: string[] = []): Promise<BenchServer> {
  const started = performance.now();
  // The bundled build, as bin/dinkydash runs the app.
  // MALLOC_ARENA_MAX and the semi-space size as systemd/dinkydash.service sets them.
  const child = spawn(process.execPath, ['--max-semi-space-size=4', ...nodeArgs, path.join(PROJECT_ROOT, 'dist', 'bundle', 'bench', 'bench-server.mjs'), dataDir, '0', ...(maxOpen ? [String(maxOpen)] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200) await new Promise((r) => setTimeout(r, 2));
  const startMs = performance.now() - started;
  return {
    base,
    child,
    startMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Milliseconds from starting `dinkydash serve` (the real command) until /healthz answers. */
export async function timeServeStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'dinkydash'), '--data', dataDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = / at (http:\/\/[^/\s]+)\//.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`dinkydash serve exited with ${code}`)));
  });
  while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200) await new Promise((r) => setTimeout(r, 2));
  const ms = performance.now() - started;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return ms;
}

export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export interface Rounds {
  results: LoadResult[];
  medianRps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export function summarise(results: LoadResult[]): Rounds {
  return {
    results,
    medianRps: median(results.map((r) => r.rps)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

/**
 * A scenario's throughput against the baseline's, round by round (each round
 * runs them one after the other), and the median of those ratios: a noisy
 * neighbour who comes and goes between rounds moves both sides of a ratio.
 */
export function medianRatio(scenario: Rounds, baseline: Rounds): number {
  return median(scenario.results.map((r, i) => r.rps / baseline.results[i]!.rps));
}

/** Scenarios run in alternating rounds so that a noisy neighbour hurts them all alike. */
export async function alternate(rounds: number, scenarios: Record<string, () => Promise<LoadResult>>): Promise<Record<string, Rounds>> {
  const collected: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(scenarios)) collected[name]!.push(await run());
  }
  return Object.fromEntries(Object.entries(collected).map(([k, v]) => [k, summarise(v)]));
}

/** Median cost of a cold open through the pool (open, version check, first query) against raw better-sqlite3. */
export async function coldOpen(dataDir: string, slugs: string[]): Promise<{ poolMedianMs: number; rawMedianMs: number }> {
  // Interleaved, file by file, so that both see the same machine and the same page cache.
  const pool = new FamilyPool({ dataDir, maxOpen: 1 });
  const poolTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i + 1 < slugs.length; i += 2) {
    const slug = slugs[i]!;
    let t0 = performance.now();
    await pool.withFamily(slug, ({ db }) => db.selectFrom('dashboards').select('id').limit(1).execute());
    poolTimes.push(performance.now() - t0);
    pool.forget(slug);
    t0 = performance.now();
    const db = new Database(path.join(dataDir, 'tenants', `${slugs[i + 1]}.db`), { fileMustExist: true });
    db.prepare('select id from dashboards limit 1').all();
    rawTimes.push(performance.now() - t0);
    db.close();
  }
  await pool.close(0);
  return { poolMedianMs: median(poolTimes), rawMedianMs: median(rawTimes) };
}

/** Open + first query, and close, of the same family file in rollback-journal and in WAL mode. */
export function journalModes(template: string, dir: string, count = 500): Record<'delete' | 'wal', { openMs: number; closeMs: number }> {
  const result = {} as Record<'delete' | 'wal', { openMs: number; closeMs: number }>;
  for (const mode of ['delete', 'wal'] as const) {
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      const file = path.join(dir, `${mode}-${i}.db`);
      fs.copyFileSync(template, file);
      const db = new Database(file);
      db.pragma(`journal_mode = ${mode}`);
      db.close();
      files.push(file);
    }
    const opens: number[] = [];
    const closes: number[] = [];
    for (const file of files) {
      const t0 = performance.now();
      const db = new Database(file, { fileMustExist: true });
      db.prepare('select id from dashboards limit 1').all();
      const t1 = performance.now();
      db.close();
      opens.push(t1 - t0);
      closes.push(performance.now() - t1);
    }
    result[mode] = { openMs: median(opens), closeMs: median(closes) };
  }
  return result;
}

export function timeCommand(args: string[]): { ms: number; code: number; stdout: string } {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'dinkydash'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - t0, code: out.status ?? -1, stdout: out.stdout };
}

export { runLoad, copyFamilies, templateFamily };
