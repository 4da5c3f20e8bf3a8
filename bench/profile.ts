import fs from 'node:fs';

// Where a route's time goes: a V8 .cpuprofile (node --cpu-prof) of the bench
// server under wrk load, summed by self time. The server is one esbuild bundle,
// whose "// node_modules/…" and "// src/…" comments say which module each line
// came from, so every function is named with its source module.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** µs, on the clock of process.hrtime() (CLOCK_MONOTONIC): the bench can say which samples were under load. */
  startTime: number;
  timeDeltas: number[];
}

/** A stretch of time in µs of process.hrtime(), e.g. one wrk run. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/** Now, in µs of the clock V8's profiles use (CLOCK_MONOTONIC, as process.hrtime()). */
export function profileClockUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface ProfileShare {
  name: string;
  /** Percent of all samples. */
  pct: number;
}

export interface ProfileSummary {
  samples: number;
  /** Samples not spent idle (the server waiting for wrk), in percent of all. */
  busyPct: number;
  functions: ProfileShare[];
  modules: ProfileShare[];
}

/** Line (0-based) → source module, from the bundle's module comments. */
function bundleModules(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  fs.readFileSync(bundle, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      // "// node_modules/hono/dist/context.js", "// src/app.tsx" (or "../../x/node_modules/…" for a linked node_modules).
      const m = /^\/\/ (?:\S*?\/)?((?:node_modules|src|bench|migrations)\/\S+)$/.exec(text);
      if (m) starts.push({ line, module: m[1]! });
    });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** A module's short name: the package for node_modules, the path for our own code. */
function shortModule(module: string): string {
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:dist\/)?(.*)$/.exec(module);
  return pkg ? `${pkg[1]} ${pkg[2]}` : module;
}

function frameModule(frame: ProfileNode['callFrame'], bundle: string, moduleAt: (line: number) => string): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.endsWith(bundle) || frame.url === `file://${bundle}`) return shortModule(moduleAt(frame.lineNumber));
  if (frame.url.startsWith('node:')) return frame.url;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
  return nm ? nm[1]! : frame.url.replace(/^file:\/\//, '');
}

function top(counts: Map<string, number>, total: number, n: number): ProfileShare[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, count]) => ({ name, pct: (100 * count) / total }));
}

/**
 * Self time by function and by module, in percent of the samples the server
 * was not idle; only the samples inside `window` when it is given (start-up
 * and warm-up left out).
 */
export function summariseProfile(profileFile: string, bundle: string, n = 12, window?: ProfileWindow): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
  const moduleAt = bundleModules(bundle);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const hits = new Map<number, number>();
  let at = profile.startTime;
  let counted = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    hits.set(id, (hits.get(id) ?? 0) + 1);
    counted++;
  });
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let idle = 0;
  for (const [id, count] of hits) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += count;
      continue;
    }
    const module = frameModule(frame, bundle, moduleAt);
    const fn = frame.functionName || '(anonymous)';
    const key = fn.startsWith('(') && !frame.url ? fn : `${fn} (${module})`;
    functions.set(key, (functions.get(key) ?? 0) + count);
    modules.set(module, (modules.get(module) ?? 0) + count);
  }
  const busy = counted - idle;
  return { samples: counted, busyPct: (100 * busy) / counted, functions: top(functions, busy, n), modules: top(modules, busy, n) };
}
