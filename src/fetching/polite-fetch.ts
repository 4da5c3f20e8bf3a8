import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { APP_VERSION } from '../config.js';
import { addressRange, type AddressRange, type AddressRangeOf } from './address-policy.js';
import { feedRequestUrl } from './feed-url.js';
import {
  networkFailureReason,
  nonPublicAddressReason,
  redirectWithoutLocationReason,
  statusFailureReason,
  timeoutReason,
  tooLargeReason,
  tooManyRedirectsReason,
  unsupportedEncodingReason,
} from './fetch-failures.js';

// The one way DinkyDash fetches from the internet (calendar feeds, the
// weather). It never throws for a network problem: every failure comes back as
// a sentence for the family's admin, naming the server's host at most, because
// a feed's address is its secret.
//
// node:http rather than fetch(): the connection must go to the address that
// was checked (a `lookup` pinned to it, which also defeats DNS rebinding), and
// the body is read by hand so that reading stops at the size cap.

export interface FeedFetchOptions {
  /** The ETag of the copy the caller has: sent as If-None-Match. */
  etag?: string | null;
  /** The Last-Modified of the copy the caller has: sent as If-Modified-Since. */
  lastModified?: string | null;
  /** For the whole fetch: name lookup, redirects and body (default 20 s). */
  timeoutMs?: number;
  /** Largest body accepted, after decompression (default 10 MB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Also fetch from loopback, private and other non-public addresses (see feedsMayUsePrivateAddresses). */
  allowPrivate?: boolean;
  /** The Accept header (default any type). */
  accept?: string;
  userAgent?: string;
  /** Finds a host name's addresses (default: the system's resolver); tests stand in for DNS. */
  resolveHost?: (hostname: string) => Promise<LookupAddress[]>;
  /** Judges an address (default addressRange); tests let a loopback server stand in for the internet. */
  addressRangeOf?: AddressRangeOf;
}

export interface FeedFetched {
  kind: 'fetched';
  /** UTF-8, without a byte-order mark. */
  body: string;
  etag: string | null;
  lastModified: string | null;
  /** Where the body came from after redirects: as secret as the address asked for. */
  finalUrl: string;
  contentType: string | null;
}

/** A sentence for the family's admin, naming the server's host at most; the HTTP status when there was one. */
export interface FeedFetchFailure {
  kind: 'failed';
  reason: string;
  status?: number;
}

export type FeedFetchResult = FeedFetched | { kind: 'not-modified' } | FeedFetchFailure;

export const FEED_FETCH_DEFAULTS = {
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  accept: '*/*',
  userAgent: `DinkyDash/${APP_VERSION} (+family calendar)`,
} as const;

type FetchSettings = Required<Omit<FeedFetchOptions, 'etag' | 'lastModified'>> &
  Pick<FeedFetchOptions, 'etag' | 'lastModified'>;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function failed(reason: string, status?: number): FeedFetchFailure {
  return status === undefined ? { kind: 'failed', reason } : { kind: 'failed', reason, status };
}

function resolveWithSystem(hostname: string): Promise<LookupAddress[]> {
  return dnsLookup(hostname, { all: true });
}

/** Fetches a feed (https:, http: or webcal:) politely and safely; never throws. */
export async function fetchFeed(address: string, options: FeedFetchOptions = {}): Promise<FeedFetchResult> {
  const settings: FetchSettings = {
    ...FEED_FETCH_DEFAULTS,
    allowPrivate: false,
    resolveHost: resolveWithSystem,
    addressRangeOf: addressRange,
    ...withoutUndefined(options),
  };
  const start = feedRequestUrl(address);
  if (!start.ok) return failed(start.reason);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), settings.timeoutMs);
  try {
    return await followRedirects(start.url, settings, deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Basic credentials from a URL (some Nextcloud share links), and the origin they belong to. */
interface Credentials {
  origin: string;
  authorization: string;
}

function credentialsOf(url: URL, previous: Credentials | null): Credentials | null {
  if (url.username !== '' || url.password !== '') {
    const pair = `${decodedOrAsIs(url.username)}:${decodedOrAsIs(url.password)}`;
    return { origin: url.origin, authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
  }
  // A redirect keeps the password only on the same origin (scheme, host, port), as browsers do.
  return previous?.origin === url.origin ? previous : null;
}

/** Percent-decoded, or as typed when it is not valid percent-encoding ("50%" in a password). */
function decodedOrAsIs(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function followRedirects(first: URL, settings: FetchSettings, signal: AbortSignal): Promise<FeedFetchResult> {
  let url = first;
  let credentials = credentialsOf(first, null);
  for (let redirects = 0; ; redirects++) {
    let hop: HopOutcome;
    try {
      hop = await fetchOnce(url, credentials, settings, signal, redirects > 0);
    } catch (error) {
      return failed(signal.aborted ? timeoutReason(url.host, settings.timeoutMs) : networkFailureReason(error, url.host));
    }
    if (hop.kind !== 'redirect') return hop;
    if (redirects >= settings.maxRedirects) return failed(tooManyRedirectsReason(settings.maxRedirects));
    let target: URL;
    try {
      target = new URL(hop.location, url);
    } catch {
      return failed('The calendar server redirected to something that is not a web address.');
    }
    const next = feedRequestUrl(target.href);
    if (!next.ok) return failed(`The calendar server redirected elsewhere. ${next.reason}`);
    url = next.url;
    credentials = credentialsOf(url, credentials);
  }
}

type HopOutcome = FeedFetchResult | { kind: 'redirect'; location: string };

/** One request: check where it would connect, ask, and read the answer (or where it says to go). */
async function fetchOnce(
  url: URL,
  credentials: Credentials | null,
  settings: FetchSettings,
  signal: AbortSignal,
  viaRedirect: boolean,
): Promise<HopOutcome> {
  const destination = await checkedDestination(url, settings, signal, viaRedirect);
  if (!destination.ok) return failed(destination.reason);
  const conditional = Boolean(settings.etag || settings.lastModified);
  const headers: Record<string, string> = {
    host: url.host,
    'user-agent': settings.userAgent,
    accept: settings.accept,
    'accept-encoding': 'gzip, deflate, br',
    connection: 'close',
    ...(settings.etag ? { 'if-none-match': settings.etag } : {}),
    ...(settings.lastModified ? { 'if-modified-since': settings.lastModified } : {}),
    ...(credentials ? { authorization: credentials.authorization } : {}),
  };
  const { request, response } = await sendRequest(url, destination.addresses, headers, signal);
  try {
    const status = response.statusCode ?? 0;
    if (REDIRECT_STATUSES.has(status)) {
      const location = response.headers.location;
      return location ? { kind: 'redirect', location } : failed(redirectWithoutLocationReason(status), status);
    }
    // A 304 to a request that asked nothing conditional leaves the caller with no copy to keep showing.
    if (status === 304) return conditional ? { kind: 'not-modified' } : failed(statusFailureReason(status), status);
    if (status < 200 || status > 299) return failed(statusFailureReason(status), status);
    const declaredLength = Number(response.headers['content-length']);
    if (declaredLength > settings.maxBytes) return failed(tooLargeReason(settings.maxBytes));
    const body = await readBody(response, settings.maxBytes);
    if (body.kind === 'failed') return body;
    return {
      kind: 'fetched',
      body: new TextDecoder('utf-8').decode(body.bytes), // drops a byte-order mark
      etag: response.headers.etag ?? null,
      lastModified: response.headers['last-modified'] ?? null,
      finalUrl: url.href,
      contentType: response.headers['content-type'] ?? null,
    };
  } finally {
    // Whatever was not read is not wanted: close the connection instead of draining it.
    request.destroy();
  }
}

type Destination = { ok: true; addresses: LookupAddress[] | null } | { ok: false; reason: string };

/**
 * The addresses a request to `url` may connect to, all checked; null for an IP
 * literal (Node connects to it without a lookup). A name is refused if ANY of
 * its addresses is not public, so a mixed answer cannot sneak through.
 */
async function checkedDestination(
  url: URL,
  settings: FetchSettings,
  signal: AbortSignal,
  viaRedirect: boolean,
): Promise<Destination> {
  const hostname = bareHostname(url);
  const refusal = (address: string | null, range: AddressRange): Destination | null =>
    range === 'public' ? null : { ok: false, reason: nonPublicAddressReason(url.host, address, range, viaRedirect) };
  if (isIP(hostname)) {
    return (!settings.allowPrivate && refusal(null, settings.addressRangeOf(hostname))) || { ok: true, addresses: null };
  }
  // RFC 6761: these names are this machine, whatever a resolver says; refused without asking one.
  if (!settings.allowPrivate && /(^|\.)localhost\.?$/.test(hostname)) return refusal(null, 'loopback')!;
  const addresses = await untilAborted(settings.resolveHost(hostname), signal);
  if (addresses.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENOTFOUND' });
  if (!settings.allowPrivate) {
    for (const { address } of addresses) {
      const refused = refusal(address, settings.addressRangeOf(address));
      if (refused) return refused;
    }
  }
  return { ok: true, addresses };
}

/** The host as Node's socket wants it: an IPv6 literal without its brackets. */
function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** A lookup for the socket that answers only with the addresses already checked, never asking DNS again. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : [...addresses];
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error('no address of the wanted family'), { code: 'ENOTFOUND' }), '');
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function sendRequest(
  url: URL,
  addresses: LookupAddress[] | null,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ request: http.ClientRequest; response: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      {
        hostname: bareHostname(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        // A socket of its own, closed after the answer: one fetch a quarter-hour gains nothing from
        // keep-alive, and a pooled socket would not carry this request's pinned lookup.
        agent: false,
        signal,
        ...(addresses ? { lookup: pinnedLookup(addresses) } : {}),
      },
      (response) => resolve({ request, response }),
    );
    // Also catches errors after the answer began; the body reader sees those through the response.
    request.on('error', reject);
    request.end();
  });
}

type BodyOutcome = { kind: 'read'; bytes: Buffer } | FeedFetchFailure;

function decoderFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null | 'unsupported' {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate(); // zlib-wrapped, as RFC 9110 defines "deflate"
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return 'unsupported';
  }
}

/** Reads the body, decompressed, and stops reading (closing the connection) once it passes maxBytes. */
async function readBody(response: http.IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = decoderFor(encoding);
  if (decoder === 'unsupported') return failed(unsupportedEncodingReason(encoding));
  // pipeline passes a failure of either side on to the other, so the loop below sees it.
  const body: Readable = decoder ? pipeline(response, decoder, () => {}) : response;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length;
    // Counted after decompression, so a small compressed bomb is stopped too.
    if (length > maxBytes) {
      response.destroy();
      return failed(tooLargeReason(maxBytes));
    }
    chunks.push(chunk);
  }
  return { kind: 'read', bytes: Buffer.concat(chunks, length) };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const feedsInFlight = new Map<string, Promise<FeedFetchResult>>();

/**
 * fetchFeed, except that asking for a feed that is already being fetched (two
 * refreshes at once) shares the running request instead of starting another.
 * Calls with different conditional headers or limits are not shared: their answers differ.
 */
export function fetchFeedShared(address: string, options: FeedFetchOptions = {}): Promise<FeedFetchResult> {
  const { resolveHost: _resolveHost, addressRangeOf: _addressRangeOf, ...plainOptions } = options;
  const key = JSON.stringify([address, Object.entries(withoutUndefined(plainOptions)).sort()]);
  const running = feedsInFlight.get(key);
  if (running) return running;
  const started = fetchFeed(address, options).finally(() => feedsInFlight.delete(key));
  feedsInFlight.set(key, started);
  return started;
}

/** The shortest wait between two fetches of one feed: calendars change rarely, and servers throttle eager clients. */
export const FEED_MIN_INTERVAL_MS = 15 * 60 * 1000;

/** Whether a feed last tried at `lastAttemptAt` (null: never) may be fetched again at `now`. */
export function nextFetchAllowed(
  lastAttemptAt: Date | number | null,
  now: Date | number,
  minIntervalMs: number = FEED_MIN_INTERVAL_MS,
): boolean {
  if (lastAttemptAt === null) return true;
  const elapsed = Number(now) - Number(lastAttemptAt);
  // A negative wait means the clock went back (a Pi has no battery clock and may boot in the past):
  // waiting until it catches up could stop refreshes for days.
  return elapsed < 0 || elapsed >= minIntervalMs;
}
