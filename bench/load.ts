import http from 'node:http';

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statuses: Record<number, number>;
}

/** One request of a load run; `okStatuses` overrides the run's for this request. */
export interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  okStatuses?: number[];
}

/** What came back for one request: status 0 and `error` when the connection failed. */
export interface LoadAnswer {
  loop: number;
  request: LoadRequest;
  status: number;
  headers: http.IncomingHttpHeaders;
  ms: number;
  error?: Error;
}

/**
 * A small closed-loop load generator on keep-alive connections: `connections`
 * loops each send the next request as soon as the previous answer is read,
 * until `durationMs` has passed or `maxRequests` have been sent.
 * `request(loop)` may build each request (method, body, per-loop state such as
 * a remembered ETag); `onAnswer` sees every answer.
 */
export async function runLoad(options: {
  base: string;
  path?: () => string;
  request?: (loop: number) => LoadRequest;
  connections: number;
  durationMs?: number;
  maxRequests?: number;
  headers?: () => Record<string, string>;
  okStatuses?: number[];
  onAnswer?: (answer: LoadAnswer) => void;
}): Promise<LoadResult> {
  const { hostname, port } = new URL(options.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const ok = new Set(options.okStatuses ?? [200]);
  const next = options.request ?? ((): LoadRequest => ({ path: options.path!(), headers: options.headers?.() }));
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let sent = 0;
  const maxRequests = options.maxRequests ?? Infinity;
  const deadline = performance.now() + (options.durationMs ?? Infinity);
  const one = (loop: number) =>
    new Promise<void>((resolve) => {
      const request = next(loop);
      const started = performance.now();
      const req = http.request({ hostname, port, path: request.path, method: request.method ?? 'GET', agent, headers: request.headers }, (res) => {
        res.resume();
        res.on('end', () => {
          const ms = performance.now() - started;
          latencies.push(ms);
          const status = res.statusCode ?? 0;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (!(request.okStatuses ? request.okStatuses.includes(status) : ok.has(status))) errors++;
          options.onAnswer?.({ loop, request, status, headers: res.headers, ms });
          resolve();
        });
      });
      req.on('error', (error) => {
        errors++;
        options.onAnswer?.({ loop, request, status: 0, headers: {}, ms: performance.now() - started, error });
        resolve();
      });
      req.end(request.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async (_, loop) => {
      while (performance.now() < deadline && sent < maxRequests) {
        sent++;
        await one(loop);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: latencies.length / elapsed, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), errors, statuses };
}

/** The q-quantile (0…1) of values sorted ascending; 0 for none. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
