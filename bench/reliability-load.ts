import path from 'node:path';
import { runLoad } from './load.js';
import { displayFamilies } from './reliability-families.js';
import { folderSize, sampleProcess, startRealServer } from './reliability-server.js';
import { loopDinkydash, type CommandLoop } from './reliability-commands.js';
import { displayTraffic, type DisplayTraffic } from './reliability-traffic.js';
import { checkAllFamilies, verifyAcknowledgedWrites, type CheckRun, type WriteCheck } from './reliability-verify.js';

export interface LoadTestOptions {
  work: string;
  template: { file: string; choreIds: number[] };
  families: number;
  clients: number;
  seconds: number;
  writeShare: number;
  say: (line: string) => void;
}

export interface LoadTestFigures {
  families: number;
  clients: number;
  seconds: number;
  elapsedS: number;
  requests: number;
  rps: number;
  traffic: DisplayTraffic;
  peakRssMb: number;
  peakFds: number;
  backup: CommandLoop;
  migrate: CommandLoop;
  backups: { files: number; bytes: number };
  familyFileBytes: number;
  writes: WriteCheck;
  check: CheckRun;
  serverExit: number | null;
  serverStderr: string;
}

/**
 * The load test: display clients polling fragments of random families
 * with some "done" taps mixed in, while `backup --all` and `migrate` run in a
 * loop beside the server; then, with the server stopped, every acknowledged
 * write is looked for in the files and `check` runs over them all.
 */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestFigures> {
  const { say } = options;
  const dataDir = path.join(options.work, 'load-data');
  const slugs = displayFamilies(options.template.file, dataDir, options.families);
  const familyFileBytes = folderSize(path.join(dataDir, 'tenants')).bytes / options.families;
  const server = await startRealServer(dataDir);
  try {
    const traffic = displayTraffic({ origin: server.base, slugs, choreIds: options.template.choreIds, connections: options.clients, writeShare: options.writeShare });
    let peak = sampleProcess(server.pid);
    const sampler = setInterval(() => {
      const now = sampleProcess(server.pid);
      peak = { rssMb: Math.max(peak.rssMb, now.rssMb), fds: Math.max(peak.fds, now.fds) };
    }, 250);
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    const running = () => performance.now() < deadline;
    const progress = setInterval(() => {
      const s = (performance.now() - started) / 1000;
      const done = traffic.reads.count + traffic.writes.count;
      say(`  load ${s.toFixed(0)} s: ${done} requests (${(done / s).toFixed(0)} req/s), ${traffic.reads.errors + traffic.writes.errors} errors, peak RSS ${peak.rssMb.toFixed(0)} MB`);
    }, 10_000);
    const [load, backup, migrate] = await Promise.all([
      runLoad({ base: server.base, request: traffic.request, onAnswer: traffic.onAnswer, connections: options.clients, durationMs: options.seconds * 1000 }),
      loopDinkydash(dataDir, ['backup', '--all'], running),
      loopDinkydash(dataDir, ['migrate'], running),
    ]);
    const elapsedS = (performance.now() - started) / 1000;
    clearInterval(progress);
    clearInterval(sampler);
    const backups = folderSize(path.join(dataDir, 'backups'));
    const serverExit = await server.stop();
    say(`  load done: ${load.requests} requests in ${elapsedS.toFixed(1)} s; backup runs ${backup.runs}, migrate runs ${migrate.runs}; verifying the files…`);
    const writes = verifyAcknowledgedWrites(dataDir, slugs, traffic.acknowledged);
    const check = checkAllFamilies(dataDir);
    return {
      families: options.families,
      clients: options.clients,
      seconds: options.seconds,
      elapsedS,
      requests: load.requests,
      rps: load.rps,
      traffic,
      peakRssMb: peak.rssMb,
      peakFds: peak.fds,
      backup,
      migrate,
      backups,
      familyFileBytes,
      writes,
      check,
      serverExit,
      serverStderr: server.stderr(),
    };
  } finally {
    await server.stop();
  }
}
