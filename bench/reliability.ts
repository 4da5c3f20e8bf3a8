import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { displayTemplate } from './reliability-families.js';
import { runLoadTest } from './reliability-load.js';
import { runSoak } from './reliability-soak.js';
import { emptyReliabilityDoc, loadSection, machineLine, replaceBlock, soakSection, type Goal } from './reliability-report.js';
import { fmt } from './figures.js';

// npm run reliability: the issue's load test and soak test against the real
// `dinkydash serve`, with their figures written into docs/reliability.md
// between the load-and-soak markers. Exits 1 when a goal is missed.

const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${process.env[name]}".`);
  return value;
};
const LOAD_SECONDS = knob('LOAD_SECONDS', 60);
const FAMILIES = Math.round(knob('LOAD_FAMILIES', 1000));
const LOAD_CLIENTS = Math.round(knob('LOAD_CLIENTS', 150));
const SOAK_REQUESTS = Math.round(knob('SOAK_REQUESTS', 1_000_000));
const SOAK_CONNECTIONS = Math.round(knob('SOAK_CONNECTIONS', 32));
const WRITE_SHARE = 0.01;
const FRESH_SHARE = 0.05;
const DEFAULTS: Record<string, number> = { LOAD_SECONDS: 60, LOAD_FAMILIES: 1000, LOAD_CLIENTS: 150, SOAK_REQUESTS: 1_000_000, SOAK_CONNECTIONS: 32 };
const DOC = path.join(PROJECT_ROOT, 'docs', 'reliability.md');

const say = (line = '') => process.stdout.write(`${line}\n`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-reliability-'));
const removeWork = () => fs.rmSync(work, { recursive: true, force: true });
// Ctrl-C: the child processes get the signal too; the temp folder must still go.
process.once('SIGINT', () => {
  removeWork();
  process.exit(130);
});

try {
  const measuredAt = new Date();
  const t0 = performance.now();
  say(`Reliability run in ${work}: ${FAMILIES} families; load ${LOAD_SECONDS} s with ${LOAD_CLIENTS} clients; soak ${SOAK_REQUESTS} requests on ${SOAK_CONNECTIONS} connections.`);
  const template = await displayTemplate(work);

  say('Load test…');
  const loadStarted = performance.now();
  const load = await runLoadTest({ work, template, families: FAMILIES, clients: LOAD_CLIENTS, seconds: LOAD_SECONDS, writeShare: WRITE_SHARE, say });
  const loadMinutes = (performance.now() - loadStarted) / 60_000;
  // The soak gets fresh copies; the load test's files and backups are done with.
  fs.rmSync(path.join(work, 'load-data'), { recursive: true, force: true });

  say('Soak test…');
  const soakStarted = performance.now();
  const soak = await runSoak({ work, template, families: FAMILIES, connections: SOAK_CONNECTIONS, requests: SOAK_REQUESTS, freshShare: FRESH_SHARE, say });
  const soakMinutes = (performance.now() - soakStarted) / 60_000;

  const loadPart = loadSection(load);
  const soakPart = soakSection(soak, SOAK_REQUESTS);
  const changed = Object.entries({ LOAD_SECONDS, LOAD_FAMILIES: FAMILIES, LOAD_CLIENTS, SOAK_REQUESTS, SOAK_CONNECTIONS }).filter(([k, v]) => DEFAULTS[k] !== v);
  const block = [
    '## Load and soak tests',
    '',
    `Measured ${measuredAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run reliability\` on ${machineLine()}; the load test took ${fmt(loadMinutes, 1)} min, the soak ${fmt(soakMinutes, 1)} min.` +
      (changed.length ? ` **Not the default run:** ${changed.map(([k, v]) => `${k}=${v}`).join(' ')}.` : ''),
    'The server is the product itself, started as systemd/dinkydash.service starts it: `MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 bin/dinkydash --data DIR serve --host 127.0.0.1 --port <free port>`, with its default pool (at most 32 family files open). ' +
      'The clients are one Node process on the same machine, on loopback; clients, server and the CLI commands share the cores.',
    '',
    ...loadPart.lines,
    ...soakPart.lines,
    '### How to reproduce',
    '',
    '```sh',
    'npm run reliability   # LOAD_SECONDS=60 LOAD_FAMILIES=1000 LOAD_CLIENTS=150 SOAK_REQUESTS=1000000 SOAK_CONNECTIONS=32 by default',
    '```',
    '',
    'The code is in `bench/reliability*.ts`. LOAD_FAMILIES applies to both tests. The run exits with 1 when a goal above is missed or an acknowledged write is missing.',
  ].join('\n');

  const current = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : emptyReliabilityDoc();
  fs.writeFileSync(DOC, replaceBlock(current, block));
  say();
  say(block);
  say();
  const goals: Goal[] = [...loadPart.goals, ...soakPart.goals];
  const missed = goals.filter((g) => !g.ok);
  say(`Written to ${path.relative(process.cwd(), DOC) || DOC} in ${fmt((performance.now() - t0) / 60_000, 1)} min. ${missed.length ? `Goals missed: ${missed.map((g) => g.name).join('; ')}.` : 'Every goal met.'}`);
  if (missed.length) process.exitCode = 1;
} finally {
  removeWork();
}
