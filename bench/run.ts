import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../src/config.js';
import { alternate, coldOpen, copyFamilies, journalModes, rssMb, runLoad, startBenchServer, templateFamily, timeCommand, timeServeStart } from './engine.js';
import { median } from './load.js';
import { spawnSync } from 'node:child_process';
import { extraSections } from './sections.js';

// npm run bench: figures for docs/benchmarks.md. Every speed is compared with a
// baseline measured in the same run, because this machine is shared and noisy.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 16;
const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pass = (ok: boolean) => (ok ? '✅' : '❌');

/** How long Node itself takes to start and exit here: the floor under any server start. */
function nodeStartMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - t0);
  }
  return median(times);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-bench-'));
try {
  const sqliteVersion = (new Database(':memory:').prepare('select sqlite_version() v').get() as { v: string }).v;
  say('# Benchmarks');
  say();
  say(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB), ${os.platform()} ${os.release()}, Node ${process.version}, SQLite ${sqliteVersion}.`);
  say(`Load: ${CONNECTIONS} keep-alive connections from a Node client on the same machine, ${SECONDS} s per round, ${ROUNDS} alternating rounds; figures are medians of the rounds. The machine is shared, so ratios against the bare route of the same run are what count.`);
  say();

  // Data: 10,000 family files at the current schema, and old ones for migrate.
  const template = await templateFamily(path.join(work, 'template'));
  const bigData = path.join(work, 'families-10000');
  const slugs = copyFamilies(template, bigData, 10_000);

  say('## The tenant engine');
  say();
  const cold = await coldOpen(bigData, slugs.slice(0, 4000));
  say(`| Measure | Result | Baseline | Goal | |`);
  say(`| --- | --- | --- | --- | --- |`);
  const journals = journalModes(template, fs.mkdtempSync(path.join(work, 'journal-')));
  say(`| Rollback journal (our choice): open + first query / close, median of 500 files | ${fmt(journals.delete.openMs, 3)} ms / ${fmt(journals.delete.closeMs, 3)} ms | WAL: ${fmt(journals.wal.openMs, 3)} ms / ${fmt(journals.wal.closeMs, 3)} ms | — | see docs/architecture.md |`);
  say(`| Cold open of a family through the pool (open, version check, first query), median of 2,000 | ${fmt(cold.poolMedianMs, 3)} ms | raw better-sqlite3 open + first query, interleaved with it: ${fmt(cold.rawMedianMs, 3)} ms | ≤ 0.3 ms | ${pass(cold.poolMedianMs <= 0.3)} |`);

  const starts: number[] = [];
  const emptyStarts: number[] = [];
  for (let i = 0; i < 3; i++) {
    starts.push(await timeServeStart(bigData));
    emptyStarts.push(await timeServeStart(path.join(work, 'empty')));
  }
  const start = median(starts);
  say(`| \`dinkydash serve\` start with 10,000 family files, until /healthz answers, median of 3 | ${fmt(start)} ms | with no families: ${fmt(median(emptyStarts))} ms; \`node -e 0\`: ${fmt(nodeStartMs())} ms | ≤ 500 ms | ${pass(start <= 500)} |`);
  const server = await startBenchServer(bigData);

  const thousand = slugs.slice(0, 1000);
  const pick = () => thousand[Math.floor(Math.random() * thousand.length)]!;
  const load = (p: () => string) => () => runLoad({ base: server.base, path: p, connections: CONNECTIONS, durationMs: SECONDS * 1000 });
  const rps = await alternate(ROUNDS, {
    bare: load(() => '/bare'),
    warm: load(() => '/bench/family-00000/rows'),
    random: load(() => `/bench/${pick()}/rows`),
  });
  const ratio = (name: string) => rps[name]!.medianRps / rps.bare!.medianRps;
  say(`| Route reading one family's rows, warm | ${fmt(rps.warm!.medianRps)} req/s (p50 ${fmt(rps.warm!.p50Ms, 2)} ms, p99 ${fmt(rps.warm!.p99Ms, 2)} ms) | bare Hono route: ${fmt(rps.bare!.medianRps)} req/s | ratio ≥ 0.5 | ${fmt(ratio('warm'), 3)} ${pass(ratio('warm') >= 0.5)} |`);
  say(`| Same route over random families out of 1,000 (pool cap 32: most requests open a file) | ${fmt(rps.random!.medianRps)} req/s (p50 ${fmt(rps.random!.p50Ms, 2)} ms, p99 ${fmt(rps.random!.p99Ms, 2)} ms) | bare: ${fmt(rps.bare!.medianRps)} req/s | ratio ≥ 0.12 | ${fmt(ratio('random'), 3)} ${pass(ratio('random') >= 0.12)} |`);
  const errors = Object.values(rps).reduce((n, r) => n + r.errors, 0);

  const rssStart = rssMb(server.child.pid!);
  let i = 0;
  // Touch every one of the 10,000 families once, 8 at a time.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (i < slugs.length) await fetch(`${server.base}/bench/${slugs[i++]}/rows`);
    }),
  );
  const rssAfter = rssMb(server.child.pid!);
  say(`| Server RSS after touching all 10,000 families (default cap 32) | ${fmt(rssAfter)} MB | after the load rounds, before touching them: ${fmt(rssStart)} MB | ≤ 120 MB | ${pass(rssAfter <= 120)} |`);
  await server.stop();

  for (const count of [1000, 10_000]) {
    const dir = path.join(work, `migrate-${count}`);
    const old = await templateFamily(path.join(work, `old-${count}`), 1);
    copyFamilies(old, dir, count);
    const migrate = timeCommand(['--data', dir, 'migrate', '--no-backup', '--json']);
    const report = JSON.parse(migrate.stdout) as { migrated: number; failed: number };
    const again = timeCommand(['--data', dir, 'migrate', '--no-backup', '--json']);
    const perFamily = migrate.ms / count;
    say(`| \`migrate\` of ${fmt(count)} families from schema 1 (whole command) | ${fmt(perFamily, 2)} ms per family (${fmt(migrate.ms / 1000, 1)} s, ${report.migrated} migrated, ${report.failed} failed) | a second pass, all up to date: ${fmt(again.ms / count, 2)} ms per family | ≤ 5 ms per family | ${pass(perFamily <= 5 && report.failed === 0)} |`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  say();
  say(`Errors during the load rounds: ${errors}.`);
  say();

  for (const section of await extraSections({ work, template, slugs, rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS })) say(section);

  say('## How to reproduce');
  say();
  say('```sh');
  say('npm run bench            # BENCH_ROUNDS=3 BENCH_SECONDS=4 by default');
  say('```');
  say();
  say('The benchmark server (`bench/bench-server.ts`, bundled like `bin/dinkydash`) runs in its own process with `MALLOC_ARENA_MAX=2` and `--max-semi-space-size=4`, as the systemd unit sets them: the bare route `/bare`, a route that binds a family through the real engine and reads its rows (`/bench/<slug>/rows`), and the whole app.');
  fs.mkdirSync(path.join(PROJECT_ROOT, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(PROJECT_ROOT, 'docs', 'benchmarks.md'), `${lines.join('\n')}\n`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
