import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';

// The fetching tests talk to 127.0.0.1 and nothing else. A guard on every
// socket's connect() makes that hold even if the code under test is wrong: a
// connection to any other address (a literal, or what a lookup answers) fails
// in the test process instead of leaving the machine.

const TEST_ADDRESSES = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

export interface ConnectionGuard {
  /** Every host a socket was asked to connect to, in order. */
  attempts: string[];
}

function refuse(host: string): Error {
  return new Error(`the test tried to connect to ${host}: only 127.0.0.1 is allowed`);
}

function guardedLookup(lookup: net.LookupFunction): net.LookupFunction {
  return (hostname, options, callback) =>
    lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const answers = typeof address === 'string' ? [address] : address.map((a: LookupAddress) => a.address);
      const outside = answers.find((a) => !TEST_ADDRESSES.has(a));
      if (outside !== undefined) return callback(Object.assign(refuse(outside), { code: 'ETESTGUARD' }), '');
      callback(null, address, family);
    });
}

/** Installs the guard around each test of the file. */
export function onlyLoopbackConnections(): ConnectionGuard {
  const guard: ConnectionGuard = { attempts: [] };
  const connect = net.Socket.prototype.connect;
  beforeEach(() => {
    guard.attempts.length = 0;
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      // http passes one already-normalised [options, callback] array; other callers pass options directly.
      const first = args[0];
      const options = (Array.isArray(first) ? first[0] : first) as net.TcpNetConnectOpts | undefined;
      if (typeof options !== 'object' || options === null) throw new Error('unexpected connect() call');
      const host = options.host ?? 'localhost';
      guard.attempts.push(host);
      if (net.isIP(host)) {
        if (!TEST_ADDRESSES.has(host)) throw refuse(host);
      } else {
        // A name: whatever resolves it (our pinned lookup, or the system's) must answer 127.0.0.1.
        options.lookup = guardedLookup(options.lookup ?? (dns.lookup as net.LookupFunction));
      }
      return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return guard;
}

export interface SeenRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  requests: SeenRequest[];
}

/** A real HTTP server on 127.0.0.1 that records each request; closed after the file. */
export async function startLoopbackServer(handler: http.RequestListener): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as net.AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, port, requests };
}

/** A name resolver standing in for DNS, so no test asks a real one. */
export function fakeDns(answers: Record<string, string[]>): (hostname: string) => Promise<LookupAddress[]> {
  return async (hostname) => {
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  };
}
