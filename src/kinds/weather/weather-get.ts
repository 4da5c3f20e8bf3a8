import { APP_VERSION } from '../../config.js';

// The one function the weather reaches the internet through. It stands in for
// fetchFeed (src/fetching/, being written alongside) until that lands: then
// this body becomes a call to fetchFeed(url, { timeoutMs, maxBytes, accept,
// allowPrivate: true }) — the addresses here are Open-Meteo's or the owner's
// (DINKYDASH_WEATHER_URL, DINKYDASH_GEOCODING_URL), never a family's — and the
// result already has fetchFeed's shape.
//
// Like fetchFeed it never throws for a network problem: a failure comes back as
// a sentence that names the server's host at most.

export type WeatherGetResult = { kind: 'fetched'; body: string } | { kind: 'failed'; reason: string; status?: number };

export interface WeatherGetOptions {
  /** For the whole request, body included. */
  timeoutMs: number;
  /** Largest body accepted. */
  maxBytes: number;
}

const USER_AGENT = `DinkyDash/${APP_VERSION} (+family dashboard weather)`;

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export async function weatherGet(url: string, options: WeatherGetOptions): Promise<WeatherGetResult> {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return { kind: 'failed', reason: 'The weather service address is not a web address (check DINKYDASH_WEATHER_URL and DINKYDASH_GEOCODING_URL).' };
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(url, { signal, headers: { accept: 'application/json', 'user-agent': USER_AGENT } });
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'failed', reason: `The weather service at ${host} answered ${response.status}.`, status: response.status };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > options.maxBytes) {
          await response.body.cancel().catch(() => {});
          return { kind: 'failed', reason: `The weather service at ${host} sent more than DinkyDash accepts.` };
        }
        chunks.push(chunk);
      }
    }
    return { kind: 'fetched', body: new TextDecoder().decode(Buffer.concat(chunks)) };
  } catch (error) {
    if (signal.aborted) return { kind: 'failed', reason: `The weather service at ${host} did not answer within ${options.timeoutMs >= 1000 ? `${Math.round(options.timeoutMs / 1000)} s` : `${options.timeoutMs} ms`}.` };
    return { kind: 'failed', reason: `DinkyDash could not reach the weather service at ${host} (${codeOf(error) ?? 'network error'}).` };
  }
}
