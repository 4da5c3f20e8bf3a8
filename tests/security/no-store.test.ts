import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ADMIN, ORIGIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { startLiveServer } from '../helpers/live-server.js';
import { launchChromium } from '../helpers/chromium.js';
import { multipart } from '../manage/manage-helpers.js';
import { solid } from '../fixtures/make-images.js';

// After signing out, the Back button must not bring a signed-in page back
// from the browser's cache: every page and display answer says no-store,
// while static files and pictures keep their long caching.

const t = makeTestApp();
let base: string;
let cookie: string;
let display: string;
let browser: Browser;

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN, { username: 'estelle', password: ADMIN.password, role: 'member', displayName: 'Estelle' }]);
  cookie = await t.signIn('smiths', ADMIN.username, ADMIN.password);
  const page = await (await t.post('/smiths/manage/displays', { dashboard_id: '1', label: 'Kitchen' }, cookie)).text();
  display = new RegExp(`${ORIGIN}(/smiths/display/[a-z2-7]{32})`).exec(page)![1]!;
  const picture = await solid(40, 40, { r: 200, g: 10, b: 30 }).png().toBuffer();
  const chore = await t.post('/smiths/manage/chores/new', multipart({ name: 'Walk the dog', icon: '', dashboard_id: '1', mode: 'daily', rotation: 'Estelle', start_date: '' }, { image: { bytes: picture, name: 'dog.png', type: 'image/png' } }), cookie);
  expect(chore.status).toBe(303);
  await t.post('/smiths/manage/countdowns/new', multipart({ name: 'Holiday', icon: '🏖️', dashboard_id: '1', kind: 'yearly', year: '', month: '7', day: '20' }), cookie);
  base = (await startLiveServer(t.dataDir)).url;
  browser = await launchChromium();
});
afterAll(() => browser?.close());

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(`${base}${path}`, { redirect: 'manual', headers });
  await res.arrayBuffer();
  return res;
}

/** Every GET route the app has, its parameters filled in for the Smiths (ids 1, the display's token). */
function everyGetPath(): string[] {
  const token = display.split('/').pop()!;
  const paths = t.app.routes
    .filter((r) => r.method === 'GET')
    .map((r) => r.path)
    .filter((p) => !p.includes('*'))
    .map((p) => p.replace(/:slug/g, 'smiths').replace(/:token/g, token).replace(/:[a-zA-Z]+(\{[^}]*\})?/g, '1'));
  return [...new Set(paths)];
}

describe('caching of signed-in pages and displays', () => {
  it('is no-store on every page a member can open, signed in or not, and on the wall display', async () => {
    const paths = everyGetPath();
    // The walk covers the pages the issue names, so it means something.
    for (const p of ['/smiths/members', '/smiths/me', '/smiths/settings', '/smiths/manage', '/smiths/', '/smiths/display/:token', '/smiths/display/:token/content']) {
      expect(paths).toContain(p.replace(':token', display.split('/').pop()!));
    }
    let pages = 0;
    for (const path of paths) {
      if (path.startsWith('/static/') || /\/images\/1$/.test(path)) continue;
      for (const headers of [{ cookie }, {}] as Record<string, string>[]) {
        const res = await get(path, headers);
        const what = `${path} ${headers.cookie ? 'signed in' : 'anonymous'} (${res.status})`;
        // The private calendar address is for calendar apps, which ask again each time anyway.
        if (path.endsWith('.ics')) continue;
        expect(res.headers.get('cache-control'), what).toBe('no-store');
        if (res.status === 200 && headers.cookie) pages++;
      }
    }
    expect(pages).toBeGreaterThan(20);
    const poll = await get(`${display}/content`, { 'hx-request': 'true' });
    const unchanged = await get(`${display}/content`, { 'hx-request': 'true', 'if-none-match': poll.headers.get('etag')! });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps the long caching of static files and pictures', async () => {
    const dashboard = await (await fetch(`${base}/smiths/manage/chores/1`, { headers: { cookie } })).text();
    const picture = /src="(\/smiths\/images\/\d+)"/.exec(dashboard)![1]!;
    expect((await get(picture, { cookie })).headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const page = await (await fetch(`${base}/smiths/login`)).text();
    const asset = /href="(\/static\/[^"]+\.css\?v=[^"]+)"/.exec(page)![1]!;
    expect((await get(asset)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const displayPage = await (await fetch(`${base}${display}`)).text();
    const displayPicture = /src="(\/smiths\/display\/[a-z2-7]{32}\/images\/\d+)"/.exec(displayPage)![1]!;
    expect((await get(displayPicture)).headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
  });

  it('keeps the members page from coming back with the Back button after signing out (Chromium)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/smiths/login`);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${base}/smiths/`);
    await page.goto(`${base}/smiths/members`);
    expect(await page.locator('main').textContent()).toContain('Estelle');
    await page.getByRole('button', { name: /sign out/i }).first().click();
    await page.waitForURL(/\/smiths\/login/);
    await page.goBack();
    await page.waitForLoadState('load');
    // Asked of the server again, without a session: the sign-in page, not the members list.
    expect(page.url()).toContain('/smiths/login');
    expect(await page.locator('main').textContent()).not.toContain('Estelle');
    await context.close();
  });
});
