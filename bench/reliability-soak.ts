import path from 'node:path';
import { runLoad } from './load.js';
import { displayFamilies } from './reliability-families.js';
import { sampleProcess, startRealServer } from './reliability-server.js';
import { displayTraffic, type DisplayTraffic } from './reliability-traffic.js';

export interface SoakOptions {
  work: string;
  template: { file: string; choreIds: number[] };
  families: number;
  connections: number;
  requests: number;
  /** Share of polls without the remembered ETag (a display reloading): they render the fragment afresh. */
  freshShare: number;
  say: (line: string) => void;
}

export interface SoakSample {
  elapsedS: number;
  requests: number;
  rssMb: number;
  fds: number;
}

export interface SoakFigures {
  families: number;
  connections: number;
  freshShare: number;
  requests: number;
  elapsedS: number;
  rps: number;
  traffic: DisplayTraffic;
  /** Taken as the answers reach 10 %, 20 %, … 100 % of the requests; the first is the end of the warm-up. */
  checkpoints: SoakSample[];
  /** Every second. */
  samples: SoakSample[];
  serverExit: number | null;
  serverStderr: string;
}

/** The soak test: fragment polls of random families until `requests` are answered, the server's RSS and descriptors sampled throughout. */
export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const { say } = options;
  const dataDir = path.join(options.work, 'soak-data');
  const slugs = displayFamilies(options.template.file, dataDir, options.families);
  const server = await startRealServer(dataDir);
  try {
    const traffic = displayTraffic({ origin: server.base, slugs, choreIds: options.template.choreIds, connections: options.connections, writeShare: 0, freshShare: options.freshShare });
    const started = performance.now();
    const answered = () => traffic.reads.count + traffic.writes.count;
    const sample = (): SoakSample => ({ elapsedS: (performance.now() - started) / 1000, requests: answered(), ...sampleProcess(server.pid) });
    const samples: SoakSample[] = [sample()];
    const checkpoints: SoakSample[] = [];
    const sampler = setInterval(() => samples.push(sample()), 1000);
    const tenth = options.requests / 10;
    const load = await runLoad({
      base: server.base,
      request: traffic.request,
      onAnswer: (answer) => {
        traffic.onAnswer(answer);
        if (answered() >= (checkpoints.length + 1) * tenth) {
          const at = sample();
          checkpoints.push(at);
          samples.push(at);
          say(`  soak ${checkpoints.length * 10} %: ${at.requests} requests in ${at.elapsedS.toFixed(0)} s, RSS ${at.rssMb.toFixed(1)} MB, ${at.fds} descriptors, ${traffic.reads.errors} errors`);
        }
      },
      connections: options.connections,
      maxRequests: options.requests,
    });
    clearInterval(sampler);
    const elapsedS = (performance.now() - started) / 1000;
    const serverExit = await server.stop();
    return {
      families: options.families,
      connections: options.connections,
      freshShare: options.freshShare,
      requests: load.requests,
      elapsedS,
      rps: load.rps,
      traffic,
      checkpoints,
      samples,
      serverExit,
      serverStderr: server.stderr(),
    };
  } finally {
    await server.stop();
  }
}
