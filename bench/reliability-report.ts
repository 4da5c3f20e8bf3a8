import os from 'node:os';
import { percentile } from './load.js';
import type { KindFigures } from './reliability-traffic.js';
import type { LoadTestFigures } from './reliability-load.js';
import type { SoakFigures, SoakSample } from './reliability-soak.js';
import { fmt, pass } from './figures.js';

// docs/reliability.md: the figures go between two markers, so the text the
// lead writes around them by hand stays as it is.

export const BLOCK_START = '<!-- load-and-soak:start -->';
export const BLOCK_END = '<!-- load-and-soak:end -->';
export const DEFAULT_BACKUPS_KEPT = 7;

/** A goal, for the exit code: the run fails when any is missed. */
export interface Goal {
  name: string;
  ok: boolean;
}

export interface Section {
  lines: string[];
  goals: Goal[];
}

const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MB`;

/** `text` with the block between the markers replaced (markers kept); the markers are added at the end when missing. */
export function replaceBlock(text: string, block: string): string {
  const start = text.indexOf(BLOCK_START);
  const end = text.indexOf(BLOCK_END);
  const inner = `${BLOCK_START}\n${block.trimEnd()}\n${BLOCK_END}`;
  if (start === -1 || end === -1 || end < start) return `${text.trimEnd()}${text.trim() ? '\n\n' : ''}${inner}\n`;
  return `${text.slice(0, start)}${inner}${text.slice(end + BLOCK_END.length)}`;
}

/** The file a fresh docs/reliability.md starts as. */
export function emptyReliabilityDoc(): string {
  return `# Reliability\n\n${BLOCK_START}\n${BLOCK_END}\n`;
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} (${cpus.length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB RAM), ${os.platform()} ${os.release()}, Node ${process.version}`;
}

function statusList(statuses: Record<string, number>): string {
  const entries = Object.entries(statuses).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([s, n]) => `${s}: ${fmt(n)}`).join(', ') : 'none';
}

function latency(figures: KindFigures): string {
  const sorted = [...figures.latenciesMs].sort((a, b) => a - b);
  return `p50 ${fmt(percentile(sorted, 0.5), 2)} ms, p99 ${fmt(percentile(sorted, 0.99), 2)} ms`;
}

function stderrNote(label: string, stderr: string, exit: number | null): string {
  const exitText = exit === 0 ? 'it exited 0 on SIGTERM' : `it exited with ${exit} on SIGTERM`;
  if (!stderr.trim()) return `${label}: the server wrote nothing to stderr, and ${exitText}.`;
  const lines = stderr.trim().split('\n');
  return `${label}: the server wrote ${fmt(lines.length)} lines to stderr (first: \`${lines[0]!.slice(0, 200)}\`), and ${exitText}.`;
}

export function loadSection(f: LoadTestFigures): Section {
  const goals: Goal[] = [];
  const lines: string[] = [];
  const row = (measure: string, result: string, goal: string, ok?: boolean) => {
    lines.push(`| ${measure} | ${result} | ${goal} | ${ok === undefined ? '' : pass(ok)} |`);
    if (ok !== undefined) goals.push({ name: measure, ok });
  };
  const { reads, writes } = f.traffic;
  const errors = reads.errors + writes.errors;
  const maxBackups = DEFAULT_BACKUPS_KEPT * f.families;
  const backupsOk = f.backups.files <= maxBackups;
  lines.push('### Load test');
  lines.push('');
  lines.push(
    `${fmt(f.families)} copies of a busy family (2 kids, 20 chores with 3 turns each, 20 countdowns, a display link; displays may mark chores done). ` +
      `${fmt(f.clients)} display clients, each a keep-alive connection, poll the htmx fragment of random families for ${fmt(f.seconds)} s; each remembers the ETag it last got for a family and sends it as If-None-Match. ` +
      `1 % of the requests instead mark a random chore of a random family done, as a tap on the wall display does (htmx POST; 200 with the refreshed fragment, also when the chore was already done that day). ` +
      'Beside it, `dinkydash backup --all` and `dinkydash migrate` run back to back for the whole time. ' +
      'Afterwards, with the server stopped, every acknowledged "done" is looked for in `chore_completions` of its family\'s file, and `dinkydash check` runs over every family.',
  );
  lines.push('');
  lines.push('| Measure | Result | Goal | |');
  lines.push('| --- | --- | --- | --- |');
  row('Requests answered', `${fmt(f.requests)} in ${fmt(f.seconds)} s: **${fmt(f.rps)} req/s**`, '—');
  row('Fragment polls (GET)', `${fmt(reads.count)}: ${latency(reads)}; ${statusList(reads.statuses)}`, '—');
  row('"Done" taps (POST)', `${fmt(writes.count)}: ${latency(writes)}; ${statusList(writes.statuses)}`, '—');
  row('Errors: polls not answered 200/304, taps not answered 200, connection errors', `${fmt(errors)}`, 'none', errors === 0);
  row('`backup --all` runs beside the load', `${fmt(f.backup.runs)} runs (median ${fmt(f.backup.medianMs / 1000, 1)} s each), ${fmt(f.backup.failures.length)} failed`, 'none failed', f.backup.failures.length === 0 && f.backup.runs > 0);
  row('`migrate` runs beside the load', `${fmt(f.migrate.runs)} runs (median ${fmt(f.migrate.medianMs / 1000, 1)} s each), ${fmt(f.migrate.failures.length)} failed`, 'none failed', f.migrate.failures.length === 0 && f.migrate.runs > 0);
  row('Backups on disk afterwards', `${fmt(f.backups.files)} files, ${mb(f.backups.bytes)} (a family file: ${fmt(f.familyFileBytes / 1024)} KB)`, `bounded: ≤ ${DEFAULT_BACKUPS_KEPT} per family (${fmt(maxBackups)})`, backupsOk);
  row(
    'Acknowledged writes found in the files afterwards',
    `${fmt(f.writes.found)} of ${fmt(f.writes.acknowledged)} chores (${fmt(f.traffic.acknowledgedRequests)} acknowledged taps); ${fmt(f.writes.rowsInFiles)} completion rows in the files, ${fmt(f.writes.rowsNotAcknowledged)} not acknowledged`,
    'all',
    f.writes.missing.length === 0,
  );
  row('`dinkydash check` afterwards', `${fmt(f.check.checked)} families: ${fmt(f.check.ok)} ok, ${fmt(f.check.withProblems)} with problems (exit ${f.check.code})`, 'no problems', f.check.code === 0 && f.check.withProblems === 0 && f.check.checked === f.families);
  row('Peak server RSS (sampled every 250 ms)', `${fmt(f.peakRssMb)} MB (most open descriptors: ${fmt(f.peakFds)})`, '—');
  lines.push('');
  lines.push(
    `The latency is mostly queueing: ${fmt(f.clients)} clients that send their next request the moment an answer arrives keep every core busy, ` +
      `so each request waits about ${fmt(f.clients)} / ${fmt(f.rps)} req/s ≈ ${fmt((f.clients / f.rps) * 1000)} ms (Little's law). ` +
      'A kitchen display polls once a minute; this is a stress test of correctness under saturation, not a latency target.',
  );
  lines.push('');
  lines.push(stderrNote('During the load test', f.serverStderr, f.serverExit));
  const problems = [
    ...f.traffic.errorSamples.map((s) => `unexpected answer: ${s}`),
    ...f.backup.failures.slice(0, 5).map((x) => `backup --all exited ${x.code}: ${x.stderr.slice(0, 300)}`),
    ...f.migrate.failures.slice(0, 5).map((x) => `migrate exited ${x.code}: ${x.stderr.slice(0, 300)}`),
    ...f.writes.missing.slice(0, 10).map((m) => `acknowledged but missing: chore ${m.choreId} of ${m.slug}`),
    ...f.check.problems.slice(0, 10).map((p) => `check: ${p}`),
  ];
  if (problems.length) {
    lines.push('');
    lines.push('What went wrong:');
    lines.push('');
    for (const p of problems) lines.push(`- ${p.replace(/\s+/g, ' ')}`);
  }
  lines.push('');
  return { lines, goals };
}

/** Open descriptors should not creep: the highest count in the last tenth may not pass the highest right after the warm-up by more than this. */
export const FD_SLACK = 4;

export function soakSection(f: SoakFigures, target: number): Section {
  const goals: Goal[] = [];
  const lines: string[] = [];
  const row = (measure: string, result: string, goal: string, ok?: boolean) => {
    lines.push(`| ${measure} | ${result} | ${goal} | ${ok === undefined ? '' : pass(ok)} |`);
    if (ok !== undefined) goals.push({ name: measure, ok });
  };
  const warm = f.checkpoints[0]!;
  const end = f.checkpoints[f.checkpoints.length - 1]!;
  const after = f.samples.filter((s) => s.requests >= warm.requests);
  const maxRss = after.reduce((m, s) => (s.rssMb > m.rssMb ? s : m), warm);
  const growth = (s: SoakSample) => (s.rssMb / warm.rssMb - 1) * 100;
  const fdsIn = (from: number, to: number) => after.filter((s) => s.requests >= from * end.requests && s.requests <= to * end.requests).map((s) => s.fds);
  const fdMin = Math.min(...after.map((s) => s.fds));
  const fdMax = Math.max(...after.map((s) => s.fds));
  const firstTenth = Math.max(...fdsIn(0.1, 0.2));
  const lastTenth = Math.max(...fdsIn(0.9, 1));
  const errors = f.traffic.reads.errors + f.traffic.writes.errors;
  lines.push('### Soak test');
  lines.push('');
  lines.push(
    `The same server command on a fresh copy of the ${fmt(f.families)} families; ${fmt(f.connections)} keep-alive connections poll the htmx fragment of random families until ${fmt(target)} requests are answered. ` +
      `Each connection remembers the ETag it last got per family and sends it (answered 304 while nothing changed); ${fmt(f.freshShare * 100)} % of the polls go without it, like a display reloading, and render the fragment afresh. ` +
      `The server's VmRSS and the entries of /proc/PID/fd are sampled every second and at every tenth of the requests; the first tenth is the warm-up.`,
  );
  lines.push('');
  lines.push('| Measure | Result | Goal | |');
  lines.push('| --- | --- | --- | --- |');
  row('Fragment requests answered', `${fmt(f.requests)} in ${fmt(f.elapsedS)} s: **${fmt(f.rps)} req/s** (${latency(f.traffic.reads)})`, `≥ ${fmt(1_000_000)}`, f.requests >= 1_000_000);
  row('Answers', statusList({ ...f.traffic.reads.statuses, ...f.traffic.writes.statuses }), '—');
  row('Errors (not 200/304, connection errors)', fmt(errors), 'none', errors === 0);
  row('RSS at the end of the warm-up (10 % of the requests)', `${fmt(warm.rssMb, 1)} MB`, '—');
  row('RSS at the end', `${fmt(end.rssMb, 1)} MB: ${growth(end) >= 0 ? '+' : ''}${fmt(growth(end), 1)} % against the warm-up`, 'growth < 10 %', growth(end) < 10);
  row('Highest RSS after the warm-up', `${fmt(maxRss.rssMb, 1)} MB at ${fmt(maxRss.requests)} requests: ${growth(maxRss) >= 0 ? '+' : ''}${fmt(growth(maxRss), 1)} % against the warm-up`, '—');
  row(
    'Open descriptors after the warm-up',
    `${fmt(fdMin)}–${fmt(fdMax)}; highest in the tenth after the warm-up ${fmt(firstTenth)}, in the last tenth ${fmt(lastTenth)}`,
    `flat: last tenth ≤ ${fmt(firstTenth)} + ${FD_SLACK}`,
    lastTenth <= firstTenth + FD_SLACK,
  );
  lines.push('');
  lines.push('| Progress | Requests | Time | RSS | Open descriptors |');
  lines.push('| --- | --- | --- | --- | --- |');
  f.checkpoints.forEach((s, i) => lines.push(`| ${(i + 1) * 10} %${i === 0 ? ' (end of warm-up)' : ''} | ${fmt(s.requests)} | ${fmt(s.elapsedS)} s | ${fmt(s.rssMb, 1)} MB | ${fmt(s.fds)} |`));
  lines.push('');
  lines.push(stderrNote('During the soak test', f.serverStderr, f.serverExit));
  if (f.traffic.errorSamples.length) {
    lines.push('');
    lines.push('Unexpected answers:');
    lines.push('');
    for (const s of f.traffic.errorSamples) lines.push(`- ${s}`);
  }
  lines.push('');
  return { lines, goals };
}
