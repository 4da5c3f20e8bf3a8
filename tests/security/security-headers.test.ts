import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECURE_HEADERS_OPTIONS, SECURITY_HEADERS } from '../../src/http/security-headers.js';
import { ADMIN, ORIGIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { startLiveServer } from '../helpers/live-server.js';

// The hot routes (dashboard page, wall display, its 304 poll) build their
// answer with the security headers in it (src/http/security-headers.ts), every
// other answer gets them after the handler. Through the real Node server, both
// must send the same headers that hono's secureHeaders() would.

const t = makeTestApp();
let base: string;
let cookie: string;
let remembered: string;
let display: string;

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN]);
  cookie = await t.signIn('smiths', ADMIN.username, ADMIN.password);
  remembered = await t.signIn('smiths', ADMIN.username, ADMIN.password, true);
  const page = await (await t.post('/smiths/manage/displays', { dashboard_id: '1', label: 'Kitchen' }, cookie)).text();
  display = new RegExp(`${ORIGIN}(/smiths/display/[a-z2-7]{32})`).exec(page)![1]!;
  base = (await startLiveServer(t.dataDir)).url;
});

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${base}${path}`, { redirect: 'manual', headers });
  await res.arrayBuffer();
  return res;
}

function expectSecurityHeaders(res: Response, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), `${what}: ${name}`).toBe(value);
  expect(res.headers.get('x-powered-by'), what).toBeNull();
}

describe('security headers', () => {
  it('are exactly those of hono secureHeaders() with our options', async () => {
    const app = new Hono();
    app.use(secureHeaders(SECURE_HEADERS_OPTIONS));
    app.get('/', (c) => c.body(null, 204));
    const res = await app.request('/');
    expect(SECURITY_HEADERS).toEqual(Object.fromEntries(res.headers));
  });

  it('are on every answer of the Node server, whichever way it was built', async () => {
    const page = await get('/smiths/', { cookie });
    const content = await get(`${display}/content`, { 'hx-request': 'true' });
    const cases: Array<[string, Record<string, string>, number]> = [
      ['/smiths/', { cookie }, 200],
      ['/smiths/', { cookie, 'if-none-match': page.headers.get('etag')! }, 304],
      [display, {}, 200],
      [`${display}/content`, { 'hx-request': 'true' }, 200],
      [`${display}/content`, { 'hx-request': 'true', 'if-none-match': content.headers.get('etag')! }, 304],
      ['/smiths/login', {}, 200],
      ['/smiths/', {}, 303],
      ['/smiths/members', { cookie }, 200],
      ['/nobody/', {}, 404],
      ['/healthz', {}, 200],
    ];
    for (const [path, headers, status] of cases) {
      const res = await get(path, headers);
      const what = `${path} ${JSON.stringify(Object.keys(headers))}`;
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res, what);
    }
  });

  it('go with the freshness headers on dashboards and their 304s', async () => {
    const page = await get('/smiths/', { cookie });
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('vary')).toBe('HX-Request, Cookie');
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"page\./);
    const again = await get('/smiths/', { cookie, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('no-store');
    expect(again.headers.get('vary')).toBe('HX-Request, Cookie');
  });

  it('never lose a cookie set earlier in the request (a remembered session slides, days after it last did)', async () => {
    // Four days older: this page slides it, and sends the cookie with its new expiry.
    await t.pool.withFamily('smiths', ({ db }) => db.updateTable('sessions').set((eb) => ({ expires_at: eb('expires_at', '-', 4 * 86_400) })).where('remember', '=', 1).execute());
    const res = await get('/smiths/', { cookie: remembered });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^dinkydash_session=[a-z2-7]{32}; .*Path=\/smiths\//);
    expect(res.headers.get('etag')).toMatch(/^W\/"page\./);
    expectSecurityHeaders(res, 'remembered session');
  });

  it('read the session cookie among others, as the browser sends them', async () => {
    const res = await get('/smiths/', { cookie: `theme=dark; ${cookie}; other=1` });
    expect(res.status).toBe(200);
  });
});
