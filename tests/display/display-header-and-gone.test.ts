import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { resetClock, setClock } from '../../src/dashboards/clock.js';
import { generateToken } from '../../src/accounts/session.js';
import { createDisplayLink, revokeDisplayLink } from '../../src/display/display-link-queries.js';
import { defaultDashboardId, setSettings } from '../dashboards/seed.js';

// The wall display's header (the family's time, 12- or 24-hour, and the
// date, turning over at the family's midnight) and what a display shows when
// there is no dashboard for it: its own plain message, never "Page not found"
// with a link to create a family.

const t = makeTestApp();

/** A display link of the family's default dashboard, made as the admin page makes one. */
async function newLink(slug = 'smiths'): Promise<{ path: string; id: number }> {
  const token = generateToken();
  const dashboardId = await defaultDashboardId(t, slug);
  const id = await t.pool.withFamily(slug, ({ db }) => createDisplayLink(db, dashboardId, token, 'Kitchen'));
  return { path: `/${slug}/display/${token}`, id };
}

const NOT_CONNECTED = 'This display is not connected to a family right now';
const TURNED_OFF = 'This display link was turned off';

/** The display's own 404: the message, a retry every minute without JavaScript, nothing to click. */
async function expectGone(res: Response, message: string): Promise<string> {
  expect(res.status).toBe(404);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const html = await res.text();
  expect(html).toContain(`<h1>${message}</h1>`);
  expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="60"\/?><\/noscript>/);
  expect(html).toContain('data-display-gone=');
  expect(html).not.toContain('<a ');
  expect(html).not.toContain('Page not found');
  return html;
}

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN], { timeZone: 'Europe/Berlin' });
  await createTestFamily(t, 'gone', [{ ...ADMIN, username: 'jo' }], { timeZone: 'Europe/Berlin' });
});
beforeEach(() => setClock(new Date('2026-02-14T13:05:00Z'))); // 14:05 in Berlin
afterAll(() => resetClock());

describe("the display's header", () => {
  it("shows the family's time, 24-hour by default and 12-hour when chosen, on the page and in its refresh", async () => {
    const { path: display } = await newLink();
    await setSettings(t, 'smiths', { clock: '24' });
    expect(await (await t.get(display)).text()).toContain('<time class="dash-time" datetime="14:05" data-clock="24">14:05</time>');
    await setSettings(t, 'smiths', { clock: '12' });
    for (const p of [display, `${display}/content`]) {
      expect(await (await t.get(p)).text()).toContain('<time class="dash-time" datetime="14:05" data-clock="12">2:05<span class="clock-suffix"> pm</span></time>');
    }
    await setSettings(t, 'smiths', { clock: '24' });
  });

  it("turns the date over at the family's midnight, not the server's (UTC)", async () => {
    const { path: display } = await newLink();
    setClock(new Date('2026-02-14T22:59:00Z')); // 23:59 in Berlin
    let html = await (await t.get(`${display}/content`)).text();
    expect(html).toContain('>23:59</time>');
    expect(html).toMatch(/data-date-format="long"[^>]*>Saturday, 14 February 2026<\/h1>/);
    setClock(new Date('2026-02-14T23:00:00Z')); // midnight in Berlin, still the 14th in UTC
    html = await (await t.get(`${display}/content`)).text();
    expect(html).toContain('>00:00</time>');
    expect(html).toContain('>Sunday, 15 February 2026</h1>');
  });

  it("carries the page's build and the dashboard's size for app.js, and the signed-in page has the clock too", async () => {
    const { path: display } = await newLink();
    const page = await (await t.get(display)).text();
    const content = await (await t.get(`${display}/content`)).text();
    const build = /data-build="([^"]+)"/.exec(page)?.[1];
    expect(build).toMatch(/^test\.[0-9a-f]{8}$/);
    expect(content).toContain(`data-build="${build}"`);
    expect(content).toContain('data-size="medium"');
    const cookie = await t.signIn('smiths', ADMIN.username, ADMIN.password);
    expect(await (await t.get('/smiths/', cookie)).text()).toContain('<time class="dash-time" datetime="14:05"');
  });
});

describe('a display with nothing to show', () => {
  it('says a link it does not know is not connected, on the page and its content', async () => {
    for (const p of [`/smiths/display/${generateToken()}`, `/smiths/display/${generateToken()}/content`, '/smiths/display/not-a-token']) {
      await expectGone(await t.get(p), NOT_CONNECTED);
    }
  });

  it('says a revoked link was turned off', async () => {
    const { path: display, id } = await newLink();
    expect((await t.get(display)).status).toBe(200);
    await t.pool.withFamily('smiths', ({ db }) => revokeDisplayLink(db, id));
    for (const p of [display, `${display}/content`]) await expectGone(await t.get(p), TURNED_OFF);
  });

  it("says it is not connected while the family's file is missing (the 404 of the family binding), and shows the dashboard once it is back", async () => {
    const { path: display } = await newLink('gone');
    expect((await t.get(display)).status).toBe(200);
    const file = path.join(t.dataDir, 'tenants', 'gone.db');
    fs.renameSync(file, `${file}.away`);
    try {
      for (const p of [display, `${display}/content`]) await expectGone(await t.get(p), NOT_CONNECTED);
      // Other addresses of a missing family keep their plain 404.
      expect(await (await t.get('/gone/login')).text()).toContain('Page not found');
    } finally {
      fs.renameSync(`${file}.away`, file);
    }
    expect((await t.get(display)).status).toBe(200);
  });

  it('answers a poll holding an ETag the same way: 304 while nothing changed, else the new content or the message', async () => {
    const { path: display, id } = await newLink('gone');
    const poll = (etag: string) => t.get(`${display}/content`, undefined, { 'hx-request': 'true', 'if-none-match': etag });
    const first = await t.get(`${display}/content`, undefined, { 'hx-request': 'true' });
    const etag = first.headers.get('etag')!;
    const unchanged = await poll(etag);
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(unchanged.headers.get('cache-control')).toBe('no-store');
    expect(unchanged.headers.get('content-security-policy')).toContain("default-src 'self'");
    // The family's settings change: the poll gets the new content, with its new ETag.
    await setSettings(t, 'gone', { name: 'The Gone family, renamed' });
    const changed = await poll(etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const fresh = changed.headers.get('etag')!;
    // The file away: the message, not an old 304.
    const file = path.join(t.dataDir, 'tenants', 'gone.db');
    fs.renameSync(file, `${file}.away`);
    try {
      await expectGone(await poll(fresh), NOT_CONNECTED);
    } finally {
      fs.renameSync(`${file}.away`, file);
    }
    // Back: the dashboard again (the file moved back is opened anew: a new ETag once), then 304s.
    const back = await poll(fresh);
    expect(back.status).toBe(200);
    expect((await poll(back.headers.get('etag')!)).status).toBe(304);
    await t.pool.withFamily('gone', ({ db }) => revokeDisplayLink(db, id));
    await expectGone(await poll(back.headers.get('etag')!), TURNED_OFF);
  });

  it('lets a test shorten the retry with ?retry=N (1-3600 seconds), and ignores anything else', async () => {
    const unknown = `/smiths/display/${generateToken()}`;
    expect(await (await t.get(`${unknown}?retry=2`)).text()).toContain('data-retry-seconds="2"');
    for (const retry of ['0', '3601', 'abc', '-1', '1.5']) expect(await (await t.get(`${unknown}?retry=${retry}`)).text()).not.toContain('data-retry-seconds');
    const { path: display } = await newLink();
    expect(await (await t.get(`${display}?retry=2`)).text()).toContain('data-retry-seconds="2"');
  });
});
