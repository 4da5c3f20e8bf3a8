import { APP_VERSION } from '../../config.js';
import { fetchFeed } from '../../fetching/polite-fetch.js';

// The one function the weather reaches the internet through: DinkyDash's
// fetchFeed (src/fetching/), with its time-out, its size cap and its checks of
// where a connection may go. It never throws for a network problem: a failure
// comes back as a sentence that names the server's host at most.

export type WeatherGetResult = { kind: 'fetched'; body: string } | { kind: 'failed'; reason: string; status?: number };

export interface WeatherGetOptions {
  /** For the whole request, body included. */
  timeoutMs: number;
  /** Largest body accepted. */
  maxBytes: number;
  /** Also from loopback and private addresses: the owner pointed the weather there (a mirror, a test's stand-in). */
  allowPrivate: boolean;
}

const USER_AGENT = `DinkyDash/${APP_VERSION} (+family dashboard weather)`;

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

export async function weatherGet(url: string, options: WeatherGetOptions): Promise<WeatherGetResult> {
  const host = hostOf(url);
  if (host === null) {
    return { kind: 'failed', reason: 'The weather service address is not a web address (check DINKYDASH_WEATHER_URL and DINKYDASH_GEOCODING_URL).' };
  }
  const result = await fetchFeed(url, { ...options, accept: 'application/json', userAgent: USER_AGENT, maxRedirects: 2 });
  if (result.kind === 'fetched') return { kind: 'fetched', body: result.body };
  if (result.kind === 'not-modified') return { kind: 'failed', reason: `The weather service at ${host} answered 304 to a request that asked for no copy.`, status: 304 };
  if (result.status !== undefined) return { kind: 'failed', reason: `The weather service at ${host} answered ${result.status}.`, status: result.status };
  // fetchFeed words its reasons for calendar feeds; those that say "calendar" get the weather's own.
  if (/calendar/i.test(result.reason)) return { kind: 'failed', reason: `DinkyDash could not get an answer from the weather service at ${host}; it will try again later.` };
  return { kind: 'failed', reason: result.reason };
}
