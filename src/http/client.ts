import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

// Who is asking, and over what. X-Forwarded-* headers are trusted only when
// the request reaches us from the loopback proxy (nginx on the same Pi).

/** Node's parsed request, which its adapter passes in `env`; undefined in process (app.request() in tests). */
export function incomingOf(env: unknown): IncomingMessage | undefined {
  return (env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

function incomingMessage(c: Context): IncomingMessage | undefined {
  return incomingOf(c.env);
}

/** A header (`name` in lower case) as Node parsed it; several of one name joined as fetch joins them. */
export function parsedHeader(incoming: IncomingMessage, name: string): string | undefined {
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function peerAddress(c: Context): string {
  const incoming = incomingMessage(c);
  // In-process requests (app.request() in tests, the benchmark) have no socket: treat them as local.
  return incoming?.socket?.remoteAddress ?? '127.0.0.1';
}

/**
 * A request header (`name` in lower case), as c.req.header() gives it. Served
 * by Node, it is read from the headers Node has parsed already: c.req.header()
 * first copies every header of the request into a fetch Headers, checking
 * each, which costs a hot route more than the header is worth.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingMessage(c);
  return incoming ? parsedHeader(incoming, name) : c.req.header(name);
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The client's address, for throttling sign-in attempts. */
export function clientAddress(c: Context): string {
  const peer = peerAddress(c);
  if (isLoopback(peer)) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded;
  }
  return peer;
}

/** Whether the browser reached us over HTTPS (directly never: only through a proxy that says so). */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return isLoopback(peerAddress(c)) && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/** The origin the browser sees for this request, e.g. "http://pi.local". */
export function requestOrigin(c: Context): string {
  const url = new URL(c.req.url);
  return `${isHttps(c) ? 'https' : 'http'}://${c.req.header('host') ?? url.host}`;
}
