import type { Context, MiddlewareHandler } from 'hono';
import type { secureHeaders } from 'hono/secure-headers';

// The security headers every response carries: exactly those hono's
// secureHeaders() sets with SECURE_HEADERS_OPTIONS (a test holds the two the
// same), applied without its cost where it matters.
//
// Why not secureHeaders() itself: it sets twelve headers on every response
// after the handler, through the response's fetch `Headers`, and undici's
// Headers checks and sorts every name and value. With @hono/node-server a
// response made with a string body and a plain header object is written
// straight to the socket; touching its headers builds the Headers (and, in 1.x, for a
// null body a whole undici Response). Measured on the hot routes (wall display
// poll, dashboard page), this cost more than everything else the app does for
// a 304 (docs/benchmarks.md). So the routes that matter build their response
// with respond(): one plain object with the security headers in it, marked as
// complete. Every other response gets the headers set after the handler, as
// secureHeaders() sets them.

export const SECURE_HEADERS_OPTIONS: Parameters<typeof secureHeaders>[0] = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
};

/** What secureHeaders(SECURE_HEADERS_OPTIONS) sets, lower-cased as fetch Headers name them. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});
const SECURITY_ENTRIES = Object.entries(SECURITY_HEADERS);

/** Marks a response respond() made: it carries every security header already. */
const COMPLETE = Symbol('security headers set');
/** Marks a request in which something called c.header(): respond() then goes the usual way, so that header is kept. */
const HEADER_SET = Symbol('c.header() called');
type Marked<T> = T & { [COMPLETE]?: true; [HEADER_SET]?: true };

/**
 * Sets the security headers on every response, after the handler, as
 * secureHeaders() does (overwriting, and removing X-Powered-By), except on a
 * response respond() made, which has them.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  // Noted so that respond() never drops a header set before it (a session cookie, say).
  const header = c.header;
  c.header = (...args: Parameters<Context['header']>) => {
    (c as Marked<Context>)[HEADER_SET] = true;
    header(...args);
  };
  await next();
  const res: Marked<Response> = c.res;
  if (res[COMPLETE]) return;
  for (const [name, value] of SECURITY_ENTRIES) res.headers.set(name, value);
  res.headers.delete('X-Powered-By');
  // A page that says nothing of caching is never kept: a signed-in page left
  // in the browser's cache would come back with the Back button after signing
  // out. Static files and pictures say how long they keep.
  if (!res.headers.has('cache-control')) res.headers.set('cache-control', NOT_STORED);
};

/** Cache-Control of every page and answer that is not a static file or a picture. */
export const NOT_STORED = 'no-store';

/**
 * A 200 with `body`, or a 304 for null, with the security headers and
 * `headers` (lower-case names) in one plain object, which the Node adapter
 * writes as it is. When a header was set with c.header() earlier in the
 * request, the response is made the usual way (c.body) so that header is
 * kept, and securityHeaders adds its own.
 */
export function respond(c: Context, body: string | Uint8Array<ArrayBuffer> | null, headers: Record<string, string>): Response {
  if ((c as Marked<Context>)[HEADER_SET]) return body === null ? c.body(null, 304, headers) : c.body(body, 200, headers);
  return completeResponse(body, headers);
}

/** respond()'s answer, for a request answered before the app's layers, where nothing else set a header. */
export function completeResponse(body: string | Uint8Array<ArrayBuffer> | null, headers: Record<string, string>): Response {
  // Object.assign, not { ...headers, ...SECURITY_HEADERS }: V8 builds a literal of two spreads this size
  // the slow way, some 10 µs, more than the rest of a 304 takes.
  const res: Marked<Response> = new Response(body, { status: body === null ? 304 : 200, headers: Object.assign({}, headers, SECURITY_HEADERS) });
  res[COMPLETE] = true;
  return res;
}
