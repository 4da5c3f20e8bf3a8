import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../src/config.js';
import { alternate, coldOpen, copyFamilies, journalModes, medianRatio, rssMb, startBenchServer, templateFamily, timeCommand, timeServeStart } from './engine.js';
import { median } from './load.js';
import { spawnSync } from 'node:child_process';
import { extraSections } from './sections.js';
import { runWrk, WRK_MISSING, wrkVersion } from './wrk.js';
import { fmt, pass } from './figures.js';

// npm run bench: figures for docs/benchmarks.md. Every speed is compared with a
// baseline measured in the same run, because this machine is shared and noisy.
// Every throughput figure comes from wrk (bench/wrk.ts).

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = 16;
// BENCH_ONLY=dashboard or calendar: only those figures, printed; docs/benchmarks.md is left as it is.
const ONLY_DASHBOARD = process.env.BENCH_ONLY === 'dashboard' || process.env.BENCH_ONLY === 'calendar';
/** docs/benchmarks.md below this line is written by hand, and npm run bench keeps it. */
const HAND_WRITTEN = '<!-- Written by hand below this line; npm run bench keeps it. -->';
const WRK = wrkVersion();
if (!WRK) {
  process.stderr.write(`npm run bench: ${WRK_MISSING}\n`);
  process.exit(1);
}
const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

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
  say(`Load: ${WRK} on the same machine, 1 thread and ${CONNECTIONS} keep-alive connections, ${SECONDS} s per round, ${ROUNDS} alternating rounds; throughput, p50 and p99 (from wrk's latency histogram) are medians of the rounds, and a ratio is the median of the rounds' ratios (each against the bare Hono route of its own round). The machine is shared, so those ratios are what count; but they are not the same on a busy machine: other work's processes take CPU from the bare route's many cheap requests more than from the app's, so a busy machine flatters every ratio (load average when this run began: ${os.loadavg().map((n) => n.toFixed(1)).join(', ')}; a quiet machine is below 1).`);
  say();

  // Data: 10,000 family files at the current schema, and old ones for migrate.
  const template = await templateFamily(path.join(work, 'template'));
  if (!ONLY_DASHBOARD) {
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
    const load = (paths: string[]) => () => runWrk({ base: server.base, paths, connections: CONNECTIONS, seconds: SECONDS });
    const rps = await alternate(ROUNDS, {
      bare: load(['/bare']),
      warm: load(['/bench/family-00000/rows']),
      // wrk takes one of these at random for each request.
      random: load(thousand.map((slug) => `/bench/${slug}/rows`)),
    });
    const ratio = (name: string) => medianRatio(rps[name]!, rps.bare!);
    say(`| Route reading one family's rows, warm | ${fmt(rps.warm!.medianRps)} req/s (p50 ${fmt(rps.warm!.p50Ms, 2)} ms, p99 ${fmt(rps.warm!.p99Ms, 2)} ms) | bare Hono route: ${fmt(rps.bare!.medianRps)} req/s (p50 ${fmt(rps.bare!.p50Ms, 2)} ms, p99 ${fmt(rps.bare!.p99Ms, 2)} ms) | ratio ≥ 0.5 | ${fmt(ratio('warm'), 3)} ${pass(ratio('warm') >= 0.5)} |`);
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

  }

  for (const section of await extraSections({ work, template, rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS })) say(section);

  say('## How to reproduce');
  say();
  say('```sh');
  say('apt-get install wrk     # every throughput figure comes from wrk');
  say('npm run bench           # BENCH_ROUNDS=3 BENCH_SECONDS=4 by default; BENCH_PROFILE=0 skips the profiles');
  say('```');
  say();
  say('The benchmark server (`bench/bench-server.ts`, bundled like `bin/dinkydash`) runs in its own process with `MALLOC_ARENA_MAX=2` and `--max-semi-space-size=4`, as the systemd unit sets them. It serves the baseline, a Hono app with the one route `/bare`, beside a route that binds a family through the real engine and reads its rows (`/bench/<slug>/rows`); every other address goes to the whole app, served by its own `fetch` as `dinkydash serve` serves it. wrk runs with one thread (`bench/wrk.ts`, `bench/wrk.lua`), so that it takes at most one of the two cores from the server; its Lua script picks a random path per request where there are several and adds the headers a case needs (a session cookie, If-None-Match), and counts the answers by status only in a short check run of each case, since that costs wrk time per request.');
  if (!ONLY_DASHBOARD) {
    fs.mkdirSync(path.join(PROJECT_ROOT, 'docs'), { recursive: true });
    const file = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
    // Notes written by hand below the marker (what was measured before a change, say) are kept.
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const kept = previous.includes(HAND_WRITTEN) ? previous.slice(previous.indexOf(HAND_WRITTEN)) : `${HAND_WRITTEN}\n`;
    fs.writeFileSync(file, `${lines.join('\n')}\n${kept}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
