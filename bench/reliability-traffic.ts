import type { LoadAnswer, LoadRequest } from './load.js';
import { DISPLAY_TOKEN } from './sections.js';
import { acknowledge, type AcknowledgedWrites } from './reliability-verify.js';

// What wall displays send: htmx polls of their dashboard's fragment, with the
// ETag they last got (a 304 when nothing changed), and now and then a tap that
// marks a chore done. Each load loop is one display client hopping between
// random families; it remembers the ETag per family, as a browser would.

export interface DisplayRequest extends LoadRequest {
  slug: string;
  choreId?: number;
}

/** Answers of one kind of request: how many, their statuses and latencies. */
export interface KindFigures {
  count: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
  /** Answers other than the expected ones, connection errors included. */
  errors: number;
}

export interface DisplayTraffic {
  request(loop: number): DisplayRequest;
  onAnswer(answer: LoadAnswer): void;
  reads: KindFigures;
  writes: KindFigures;
  /** Every chore whose "done" was answered as saved. */
  acknowledged: AcknowledgedWrites;
  acknowledgedRequests: number;
  /** The first few unexpected answers, for the report. */
  errorSamples: string[];
}

/** A fresh read answers 200, an unchanged one 304. */
export const READ_OK = [200, 304];
/** htmx's "done" gets the refreshed fragment (200): saved, or already saved that day ("was already done today"), both acknowledged. */
export const WRITE_OK = [200];

export function displayTraffic(options: {
  origin: string;
  slugs: string[];
  choreIds: number[];
  connections: number;
  /** Share of requests that mark a chore done (0…1). */
  writeShare: number;
  /** Share of polls sent without the remembered ETag, like a display that reloads. */
  freshShare?: number;
  random?: () => number;
}): DisplayTraffic {
  const random = options.random ?? Math.random;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const etags = Array.from({ length: options.connections }, () => new Map<string, string>());
  const kind = (): KindFigures => ({ count: 0, statuses: {}, latenciesMs: [], errors: 0 });
  const traffic: DisplayTraffic = {
    reads: kind(),
    writes: kind(),
    acknowledged: new Map(),
    acknowledgedRequests: 0,
    errorSamples: [],
    request(loop): DisplayRequest {
      const slug = pick(options.slugs);
      const base = `/${slug}/display/${DISPLAY_TOKEN}`;
      if (random() < options.writeShare) {
        const choreId = pick(options.choreIds);
        return {
          slug,
          choreId,
          method: 'POST',
          path: `${base}/chores/${choreId}/done`,
          headers: { origin: options.origin, 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
          body: '',
          okStatuses: WRITE_OK,
        };
      }
      const etag = random() < (options.freshShare ?? 0) ? undefined : etags[loop]!.get(slug);
      const headers: Record<string, string> = { 'hx-request': 'true' };
      if (etag) headers['if-none-match'] = etag;
      return { slug, path: `${base}/content`, headers, okStatuses: READ_OK };
    },
    onAnswer(answer) {
      const request = answer.request as DisplayRequest;
      const write = request.method === 'POST';
      const figures = write ? traffic.writes : traffic.reads;
      figures.count++;
      const status = answer.error ? `connection error (${(answer.error as NodeJS.ErrnoException).code ?? answer.error.message})` : String(answer.status);
      figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
      if (!answer.error) figures.latenciesMs.push(answer.ms);
      const ok = !answer.error && (write ? WRITE_OK : READ_OK).includes(answer.status);
      if (!ok) {
        figures.errors++;
        if (traffic.errorSamples.length < 10) traffic.errorSamples.push(`${request.method ?? 'GET'} ${request.path} → ${status}`);
        return;
      }
      if (write) {
        acknowledge(traffic.acknowledged, request.slug, request.choreId!);
        traffic.acknowledgedRequests++;
      } else if (answer.status === 200 && typeof answer.headers.etag === 'string') {
        etags[answer.loop]!.set(request.slug, answer.headers.etag);
      }
    },
  };
  return traffic;
}
