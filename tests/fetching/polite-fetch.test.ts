import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { addressRange, type AddressRangeOf } from '../../src/fetching/address-policy.js';
import { fetchFeed, fetchFeedShared, type FeedFetchResult } from '../../src/fetching/polite-fetch.js';
import { fakeDns, onlyLoopbackConnections, startLoopbackServer } from './loopback-servers.js';
import { installAdvice } from '../helpers/test-needs.js';

const guard = onlyLoopbackConnections();
const MB = 1024 * 1024;

/** What the server saw of a long answer: how much it wrote, and whether the client hung up first. */
interface LongAnswer {
  written: number;
  closedEarly: boolean;
}

/** Writes `totalBytes` in 64 KB pieces as fast as the client reads, stopping when the client hangs up. */
async function writeLongAnswer(response: http.ServerResponse, totalBytes: number, seen: LongAnswer): Promise<void> {
  const piece = Buffer.alloc(64 * 1024, 'x');
  let closed = false;
  response.on('close', () => {
    closed = true;
    if (!response.writableFinished) seen.closedEarly = true;
  });
  while (seen.written < totalBytes && !closed) {
    seen.written += piece.length;
    if (!response.write(piece)) {
      await new Promise((resolve) => {
        response.once('drain', resolve);
        response.once('close', resolve);
      });
    }
  }
  if (!closed) response.end();
}

const declaredLongAnswer: LongAnswer = { written: 0, closedEarly: false };
const chunkedLongAnswer: LongAnswer = { written: 0, closedEarly: false };
const stalledAnswer: LongAnswer = { written: 0, closedEarly: false };
let sharedFetches = 0;

const feeds = await startLoopbackServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://test');
  const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
  const status = /^\/status\/(\d+)\//.exec(url.pathname);
  if (hop) {
    const left = Number(hop[1]);
    if (left > 0) response.writeHead(302, { location: `/hop/${left - 1}` }).end();
    else response.end('arrived');
  } else if (status) {
    response.writeHead(Number(status[1])).end('no calendar here');
  } else if (url.pathname === '/etag.ics') {
    if (request.headers['if-none-match'] === '"v1"') response.writeHead(304).end();
    else response.writeHead(200, { etag: '"v1"', 'content-type': 'text/calendar; charset=utf-8' }).end('BEGIN:VCALENDAR');
  } else if (url.pathname === '/last-modified.ics') {
    const stamp = 'Tue, 02 Jan 2024 03:04:05 GMT';
    if (request.headers['if-modified-since'] === stamp) response.writeHead(304).end();
    else response.writeHead(200, { 'last-modified': stamp }).end('BEGIN:VCALENDAR');
  } else if (url.pathname === '/bom.ics') {
    response.end('\uFEFFBEGIN:VCALENDAR\r\nSUMMARY:Kaffee ☕\r\n');
  } else if (url.pathname === '/gzip.ics') {
    response.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('\uFEFFBEGIN:VCALENDAR gzip'));
  } else if (url.pathname === '/deflate.ics') {
    response.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync('BEGIN:VCALENDAR deflate'));
  } else if (url.pathname === '/br.ics') {
    response.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync('BEGIN:VCALENDAR br'));
  } else if (url.pathname === '/zstd.ics') {
    response.writeHead(200, { 'content-encoding': 'zstd' }).end('whatever');
  } else if (url.pathname === '/gzip-bomb.ics') {
    response.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(20 * MB)));
  } else if (url.pathname === '/declared-huge.ics') {
    response.writeHead(200, { 'content-length': String(50 * MB) });
    void writeLongAnswer(response, 50 * MB, declaredLongAnswer);
  } else if (url.pathname === '/chunked-huge.ics') {
    void writeLongAnswer(response, 200 * MB, chunkedLongAnswer);
  } else if (url.pathname === '/stalls.ics') {
    response.writeHead(200);
    response.write('BEGIN:VCALENDAR\r\n');
    response.on('close', () => {
      if (!response.writableFinished) stalledAnswer.closedEarly = true;
    });
  } else if (url.pathname === '/never-answers.ics') {
    // Keeps the request open without a word.
  } else if (url.pathname === '/hangs-up.ics') {
    request.socket.destroy();
  } else if (url.pathname === '/redirect') {
    response.writeHead(302, { location: url.searchParams.get('to') ?? '' }).end();
  } else if (url.pathname === '/needs-password.ics') {
    const expected = `Basic ${Buffer.from('family:hunter2').toString('base64')}`;
    if (request.headers.authorization === expected) response.end('BEGIN:VCALENDAR private');
    else response.writeHead(401).end();
  } else if (url.pathname === '/shared.ics') {
    sharedFetches++;
    setTimeout(() => response.end(`BEGIN:VCALENDAR ${sharedFetches}`), 100);
  } else if (url.pathname === '/echo-headers') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request.headers));
  } else {
    response.writeHead(404).end();
  }
});

/** A second origin (another port), to see what a redirect carries to a different server. */
const otherServer = await startLoopbackServer((request, response) => {
  response.end(JSON.stringify({ authorization: request.headers.authorization ?? null }));
});

const reachLoopback = { allowPrivate: true } as const;

function expectFailed(result: FeedFetchResult): Extract<FeedFetchResult, { kind: 'failed' }> {
  expect(result.kind).toBe('failed');
  return result as Extract<FeedFetchResult, { kind: 'failed' }>;
}

describe('fetching a feed from a server on 127.0.0.1', () => {
  it('returns the body with its ETag, then "not modified" when asked with that ETag', async () => {
    const first = await fetchFeed(`${feeds.origin}/etag.ics`, reachLoopback);
    expect(first).toEqual({
      kind: 'fetched',
      body: 'BEGIN:VCALENDAR',
      etag: '"v1"',
      lastModified: null,
      finalUrl: `${feeds.origin}/etag.ics`,
      contentType: 'text/calendar; charset=utf-8',
    });
    const second = await fetchFeed(`${feeds.origin}/etag.ics`, { ...reachLoopback, etag: '"v1"' });
    expect(second).toEqual({ kind: 'not-modified' });
    expect(feeds.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since from the Last-Modified it was given', async () => {
    const first = await fetchFeed(`${feeds.origin}/last-modified.ics`, reachLoopback);
    expect(first).toMatchObject({ kind: 'fetched', lastModified: 'Tue, 02 Jan 2024 03:04:05 GMT' });
    const lastModified = first.kind === 'fetched' ? first.lastModified : null;
    expect(await fetchFeed(`${feeds.origin}/last-modified.ics`, { ...reachLoopback, lastModified })).toEqual({
      kind: 'not-modified',
    });
    expect(feeds.requests.at(-1)?.headers['if-modified-since']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
  });

  it('takes a 304 to an unconditional request for a failure: the caller has no copy to keep', async () => {
    const result = expectFailed(await fetchFeed(`${feeds.origin}/status/304/x`, reachLoopback));
    expect(result.status).toBe(304);
  });

  it('says who it is and what it accepts, and asks for compression', async () => {
    const result = await fetchFeed(`${feeds.origin}/echo-headers`, { ...reachLoopback, accept: 'text/calendar' });
    const headers = JSON.parse(result.kind === 'fetched' ? result.body : '{}') as Record<string, string>;
    expect(headers['user-agent']).toMatch(/^DinkyDash\/\d+\.\d+\.\d+ \(\+family calendar\)$/);
    expect(headers.accept).toBe('text/calendar');
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers.host).toBe(`127.0.0.1:${feeds.port}`);
  });

  it('decodes UTF-8 and drops a byte-order mark', async () => {
    const result = await fetchFeed(`${feeds.origin}/bom.ics`, reachLoopback);
    expect(result).toMatchObject({ kind: 'fetched', body: 'BEGIN:VCALENDAR\r\nSUMMARY:Kaffee ☕\r\n' });
  });

  it.each([
    ['gzip', 'BEGIN:VCALENDAR gzip'],
    ['deflate', 'BEGIN:VCALENDAR deflate'],
    ['br', 'BEGIN:VCALENDAR br'],
  ])('decompresses a %s body', async (encoding, body) => {
    expect(await fetchFeed(`${feeds.origin}/${encoding}.ics`, reachLoopback)).toMatchObject({ kind: 'fetched', body });
  });

  it('fails on a content encoding it cannot read', async () => {
    const result = expectFailed(await fetchFeed(`${feeds.origin}/zstd.ics`, reachLoopback));
    expect(result.reason).toContain('content encoding "zstd"');
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const result = expectFailed(await fetchFeed(`${feeds.origin}/declared-huge.ics`, { ...reachLoopback, maxBytes: MB }));
    expect(result.reason).toBe('The calendar is larger than DinkyDash accepts (1 MB); DinkyDash stopped downloading it.');
    await vi.waitFor(() => expect(declaredLongAnswer.closedEarly).toBe(true));
    expect(declaredLongAnswer.written).toBeLessThan(50 * MB);
  });

  it('stops reading a chunked body once it passes the cap, and hangs up', async () => {
    const result = expectFailed(await fetchFeed(`${feeds.origin}/chunked-huge.ics`, { ...reachLoopback, maxBytes: MB }));
    expect(result.reason).toContain('larger than DinkyDash accepts');
    await vi.waitFor(() => expect(chunkedLongAnswer.closedEarly).toBe(true));
    // The server got no further than the cap plus what the sockets' buffers held.
    expect(chunkedLongAnswer.written).toBeLessThan(50 * MB);
  });

  it('counts the decompressed size against the cap (a small gzip of 20 MB)', async () => {
    const result = expectFailed(await fetchFeed(`${feeds.origin}/gzip-bomb.ics`, { ...reachLoopback, maxBytes: MB }));
    expect(result.reason).toContain('larger than DinkyDash accepts');
  });

  it('gives up on a server that stalls mid-body, within the total time allowed', async () => {
    const started = Date.now();
    const result = expectFailed(await fetchFeed(`${feeds.origin}/stalls.ics`, { ...reachLoopback, timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.reason).toBe(
      `The server 127.0.0.1:${feeds.port} did not send the calendar within 300 ms; DinkyDash will try again later.`,
    );
    await vi.waitFor(() => expect(stalledAnswer.closedEarly).toBe(true));
  });

  it('gives up on a server that never answers', async () => {
    const result = expectFailed(await fetchFeed(`${feeds.origin}/never-answers.ics`, { ...reachLoopback, timeoutMs: 300 }));
    expect(result.reason).toContain('did not send the calendar within 300 ms');
  });

  it('follows 5 redirects, and refuses a 6th', async () => {
    expect(await fetchFeed(`${feeds.origin}/hop/5`, reachLoopback)).toMatchObject({
      kind: 'fetched',
      body: 'arrived',
      finalUrl: `${feeds.origin}/hop/0`,
    });
    const result = expectFailed(await fetchFeed(`${feeds.origin}/hop/6`, reachLoopback));
    expect(result.reason).toBe('The calendar address redirected more than 5 times; DinkyDash stopped following it.');
    expect(feeds.requests.filter((r) => r.url === '/hop/0')).toHaveLength(1);
  });

  it('honours a smaller maxRedirects', async () => {
    expectFailed(await fetchFeed(`${feeds.origin}/hop/1`, { ...reachLoopback, maxRedirects: 0 }));
  });

  it.each(['file:///etc/passwd', 'ftp://127.0.0.1/feed.ics', 'javascript:alert(1)', 'data:text/calendar,BEGIN', 'gopher://127.0.0.1/'])(
    'refuses a redirect to %s',
    async (target) => {
      const result = expectFailed(
        await fetchFeed(`${feeds.origin}/redirect?to=${encodeURIComponent(target)}`, reachLoopback),
      );
      const scheme = target.slice(0, target.indexOf(':'));
      expect(result.reason).toBe(
        `The calendar server redirected elsewhere. DinkyDash fetches only https://, http:// and webcal:// addresses, not ${scheme}: addresses.`,
      );
    },
  );

  it('sends the password in the address as Basic credentials, and not on to another server', async () => {
    const withPassword = `http://family:hunter2@127.0.0.1:${feeds.port}`;
    expect(await fetchFeed(`${withPassword}/needs-password.ics`, reachLoopback)).toMatchObject({
      body: 'BEGIN:VCALENDAR private',
    });
    const elsewhere = await fetchFeed(`${withPassword}/redirect?to=${encodeURIComponent(otherServer.origin + '/')}`, reachLoopback);
    expect(elsewhere).toMatchObject({ kind: 'fetched', body: '{"authorization":null}' });
  });

  it.each([
    [404, 'The calendar address was not found (404).'],
    [401, 'The calendar server refused access (401): the address may have been reset.'],
    [403, 'The calendar server refused access (403): the address may have been reset.'],
    [410, 'The calendar address is gone (410): the calendar may have been deleted or its address reset.'],
    [500, 'The calendar server had a problem (500); DinkyDash will try again later.'],
    [503, 'The calendar server had a problem (503); DinkyDash will try again later.'],
  ])('answers %i with a reason, the status, and nothing of the secret address', async (status, reason) => {
    const secretAddress = `http://family:hunter2@127.0.0.1:${feeds.port}/status/${status}/private-9f8e7d6c5b4a/basic.ics?token=s3cr3t`;
    expect(await fetchFeed(secretAddress, reachLoopback)).toEqual({ kind: 'failed', reason, status });
  });

  it('keeps the secret parts of the address out of every network failure', async () => {
    const secretPath = '/calendar/ical/family%40example.com/private-9f8e7d6c5b4a/basic.ics?token=s3cr3t';
    const results = [
      await fetchFeed(`http://family:hunter2@127.0.0.1:${feeds.port}/hangs-up.ics?token=s3cr3t`, reachLoopback),
      await fetchFeed(`http://family:hunter2@127.0.0.1:${feeds.port}/stalls.ics?token=s3cr3t`, { ...reachLoopback, timeoutMs: 200 }),
      await fetchFeed(`https://family:hunter2@no-such-calendar.test${secretPath}`, { resolveHost: fakeDns({}) }),
      await fetchFeed(`http://family:hunter2@10.0.0.1${secretPath}`),
      await fetchFeed(`ftp://family:hunter2@example.com${secretPath}`),
    ];
    for (const result of results) {
      const { reason } = expectFailed(result);
      for (const secret of ['hunter2', 'family:', 'private-9f8e', 's3cr3t', 'example.com/']) expect(reason).not.toContain(secret);
    }
  });

  it('says when the connection was cut off', async () => {
    const result = expectFailed(await fetchFeed(`${feeds.origin}/hangs-up.ics`, reachLoopback));
    expect(result.reason).toBe(
      `The connection to 127.0.0.1:${feeds.port} was cut off before the calendar arrived; DinkyDash will try again later.`,
    );
  });

  it('says when nothing listens on the port', async () => {
    // A port the system just handed out and took back: nothing listens on it.
    const freePort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const result = expectFailed(await fetchFeed(`http://127.0.0.1:${freePort}/feed.ics`, reachLoopback));
    expect(result.reason).toBe(`The server 127.0.0.1:${freePort} refused the connection; it may be down. DinkyDash will try again later.`);
  });

  it('says when a name does not exist, naming only the host', async () => {
    const result = expectFailed(
      await fetchFeed('https://no-such-calendar.test/private/abc.ics', { resolveHost: fakeDns({}) }),
    );
    expect(result.reason).toBe(
      'DinkyDash could not find the server no-such-calendar.test: the name does not exist. Check the calendar address.',
    );
    expect(guard.attempts).toEqual([]);
  });

  it('shares one request between two refreshes of one feed at once', async () => {
    const before = sharedFetches;
    const [a, b] = await Promise.all([
      fetchFeedShared(`${feeds.origin}/shared.ics`, reachLoopback),
      fetchFeedShared(`${feeds.origin}/shared.ics`, reachLoopback),
    ]);
    expect(sharedFetches).toBe(before + 1);
    expect(b).toEqual(a);
    await fetchFeedShared(`${feeds.origin}/shared.ics`, reachLoopback);
    expect(sharedFetches).toBe(before + 2);
  });

  it('never throws, even for an address that is no URL at all', async () => {
    expect(expectFailed(await fetchFeed('not a url')).reason).toBe(
      'The calendar address is not a web address (it should start with https://).',
    );
  });
});

describe('addresses refused before any connection (allowPrivate false)', () => {
  const port = feeds.port;
  it.each([
    [`http://127.0.0.1:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://localhost:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://LOCALHOST.:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://calendar.localhost:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://[::1]:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://2130706433:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://0x7f.1:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://0177.0.0.1:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://[::ffff:127.0.0.1]:${port}/feed.ics`, 'this device itself (loopback)'],
    [`http://[64:ff9b::127.0.0.1]:${port}/feed.ics`, 'this device itself (loopback)'],
    [`webcal://127.0.0.1:${port}/feed.ics`, 'this device itself (loopback)'],
    ['http://169.254.169.254/latest/meta-data/', 'a link-local address'],
    ['http://[fe80::1]/feed.ics', 'a link-local address'],
    ['http://10.0.0.1/feed.ics', 'a private network address'],
    ['http://192.168.1.1/feed.ics', 'a private network address'],
    ['http://172.16.5.4/feed.ics', 'a private network address'],
    ['http://[fd00::1]/feed.ics', 'a private network address'],
    ['http://100.64.0.1/feed.ics', "a carrier's shared address (CGNAT)"],
    ['http://0.0.0.0/feed.ics', 'an unspecified address'],
    ['http://[::]/feed.ics', 'an unspecified address'],
    ['http://224.0.0.1/feed.ics', 'a multicast address'],
    ['http://255.255.255.255/feed.ics', 'a broadcast address'],
  ])('refuses %s', async (address, words) => {
    const requestsBefore = feeds.requests.length;
    const result = expectFailed(await fetchFeed(address, { resolveHost: fakeDns({}) }));
    expect(result.reason).toContain(`which is ${words}`);
    expect(result.reason).toContain('DINKYDASH_FEEDS_ALLOW_PRIVATE=1');
    expect(guard.attempts).toEqual([]);
    expect(feeds.requests.length).toBe(requestsBefore);
  });

  it('refuses a name whose addresses are private, without connecting', async () => {
    const resolveHost = fakeDns({ 'printer.home': ['192.168.1.20'] });
    const result = expectFailed(await fetchFeed('http://printer.home/feed.ics', { resolveHost }));
    expect(result.reason).toBe(
      'The calendar address points to printer.home (192.168.1.20), which is a private network address. ' +
        'DinkyDash fetches calendars only from the internet unless the owner sets DINKYDASH_FEEDS_ALLOW_PRIVATE=1.',
    );
    expect(guard.attempts).toEqual([]);
  });

  it('refuses a name if ANY of its addresses is private', async () => {
    const resolveHost = fakeDns({ 'calendar.test': ['127.0.0.1', '10.1.2.3'] });
    const loopbackStandsInForTheInternet: AddressRangeOf = (a) => (a === '127.0.0.1' ? 'public' : addressRange(a));
    const result = expectFailed(
      await fetchFeed(`http://calendar.test:${feeds.port}/etag.ics`, {
        resolveHost,
        addressRangeOf: loopbackStandsInForTheInternet,
      }),
    );
    expect(result.reason).toContain('(10.1.2.3), which is a private network address');
    expect(guard.attempts).toEqual([]);
  });

  it('reaches a calendar server at home when the owner allows private addresses', async () => {
    const resolveHost = fakeDns({ 'nextcloud.home': ['127.0.0.1'] });
    expect(await fetchFeed(`http://nextcloud.home:${feeds.port}/etag.ics`, { resolveHost, allowPrivate: true })).toMatchObject({
      kind: 'fetched',
      body: 'BEGIN:VCALENDAR',
    });
  });
});

describe('redirects from the internet into the local network', () => {
  // Every test server is on loopback, so "the internet" is 127.0.0.1 reached by the name calendar.test.
  const loopbackStandsInForTheInternet: AddressRangeOf = (a) => (a === '127.0.0.1' ? 'public' : addressRange(a));
  const resolveHost = fakeDns({ 'calendar.test': ['127.0.0.1'], 'intranet.test': ['10.0.0.1'] });
  const publicOptions = { resolveHost, addressRangeOf: loopbackStandsInForTheInternet };

  it('fetches from the stand-in internet address', async () => {
    expect(await fetchFeed(`http://calendar.test:${feeds.port}/etag.ics`, publicOptions)).toMatchObject({
      kind: 'fetched',
      finalUrl: `http://calendar.test:${feeds.port}/etag.ics`,
    });
    expect(guard.attempts).toEqual(['calendar.test']);
  });

  it.each([
    [`http://[::ffff:127.0.0.1]:${otherServer.port}/`, '[::ffff:7f00:1]', 'this device itself (loopback)'],
    [`http://localhost:${otherServer.port}/`, 'localhost', 'this device itself (loopback)'],
    [`http://intranet.test:${otherServer.port}/`, 'intranet.test', 'a private network address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'a link-local address'],
    ['http://192.168.1.1/admin', '192.168.1.1', 'a private network address'],
  ])('refuses a redirect to %s', async (target, host, words) => {
    const otherRequestsBefore = otherServer.requests.length;
    const result = expectFailed(
      await fetchFeed(`http://calendar.test:${feeds.port}/redirect?to=${encodeURIComponent(target)}`, publicOptions),
    );
    expect(result.reason).toContain(`The calendar server redirected to ${host}`);
    expect(result.reason).toContain(`which is ${words}`);
    expect(guard.attempts).toEqual(['calendar.test']);
    expect(otherServer.requests.length).toBe(otherRequestsBefore);
  });

  it('connects to the address it checked, asking DNS once per request (no rebinding)', async () => {
    let lookups = 0;
    const rebinding = async (hostname: string) => {
      lookups++;
      return fakeDns({ [hostname]: [lookups === 1 ? '127.0.0.1' : '10.0.0.1'] })(hostname);
    };
    const result = await fetchFeed(`http://calendar.test:${feeds.port}/etag.ics`, {
      resolveHost: rebinding,
      addressRangeOf: loopbackStandsInForTheInternet,
    });
    expect(result).toMatchObject({ kind: 'fetched' });
    expect(lookups).toBe(1);
  });

  it('checks each hop of a redirect chain again', async () => {
    let lookups = 0;
    const counting = async (hostname: string) => {
      lookups++;
      return resolveHost(hostname);
    };
    const result = await fetchFeed(
      `http://calendar.test:${feeds.port}/redirect?to=${encodeURIComponent(`http://calendar.test:${feeds.port}/hop/2`)}`,
      { resolveHost: counting, addressRangeOf: loopbackStandsInForTheInternet },
    );
    expect(result).toMatchObject({ kind: 'fetched', body: 'arrived' });
    expect(lookups).toBe(4);
  });
});

describe('https', () => {
  // A self-signed certificate made for the test with Debian's openssl (.ci/run installs it).
  const certificate = (() => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'dinkydash-tls-'));
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=calendar.test',
        '-addext', 'subjectAltName=DNS:calendar.test', '-keyout', path.join(folder, 'key.pem'), '-out', path.join(folder, 'cert.pem')],
      { stdio: 'ignore' },
    );
    const pair = made.status === 0 ? { key: readFileSync(path.join(folder, 'key.pem')), cert: readFileSync(path.join(folder, 'cert.pem')) } : null;
    rmSync(folder, { recursive: true, force: true });
    return pair;
  })();

  it('checks the server certificate (a self-signed one is refused) over a pinned connection', async () => {
    if (!certificate) throw new Error(`No test certificate could be made with openssl. ${installAdvice('openssl')}`);
    const server = https.createServer(certificate, (_request, response) => response.end('BEGIN:VCALENDAR'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const result = expectFailed(
        await fetchFeed(`webcal://calendar.test:${port}/private-abc123/basic.ics`, {
          resolveHost: fakeDns({ 'calendar.test': ['127.0.0.1'] }),
          allowPrivate: true,
        }),
      );
      expect(result.reason).toBe(
        `The secure connection to calendar.test:${port} failed: its certificate was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT).`,
      );
      expect(guard.attempts).toEqual(['calendar.test']);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
