import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser as httpClient, startLiveServer } from '../helpers/live-server.js';
import { seedRealisticFamily, type RealisticFamily } from '../helpers/realistic-family.js';
import type { PageGlobals } from '../helpers/page-dom.js';
import type { RunningServer } from '../../src/server.js';

// A wall display heals itself, in Debian's real Chromium against the real
// server: the family's file taken away and put back, a family that cannot be
// opened for a while (503), a link turned off, and an upgrade of DinkyDash
// under the screen. Nobody touches the screen; the test only shortens the
// retry interval (?retry=1) so that it does not wait a minute.

let server: RunningServer;
let browser: Browser;
let family: RealisticFamily;
let dataDir: string;

const NOT_CONNECTED = 'This display is not connected to a family right now';
const TURNED_OFF = 'This display link was turned off';

beforeAll(async () => {
  dataDir = makeDataDir();
  server = await startLiveServer(dataDir);
  [browser, family] = await Promise.all([launchChromium(), seedRealisticFamily(server.url)]);
});
afterAll(() => browser?.close());

function familyFile(): string {
  return path.join(dataDir, 'tenants', `${family.slug}.db`);
}

/** Asks the display for its content now, as its 30-second poll would. */
async function refreshNow(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    g.document.getElementById('dash-content')?.dispatchEvent(new g.Event('dinkyrefresh', { bubbles: true }));
  });
}

function heading(page: Page): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector('h1')?.textContent ?? null);
}

async function openDisplay(displayPath: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 800, height: 480 } });
  const page = await context.newPage();
  await page.goto(`${server.url}${displayPath}?retry=1`);
  await page.waitForSelector('#dash-content .chore-card');
  return page;
}

describe('a wall display heals itself', () => {
  it('says it is not connected while the family file is away, and comes back by itself when the file does', async () => {
    const page = await openDisplay(family.displayPath);
    const away = path.join(dataDir, 'away.db');
    fs.renameSync(familyFile(), away);
    try {
      await refreshNow(page);
      await expect.poll(() => heading(page), { timeout: 10_000 }).toBe(NOT_CONNECTED);
      // A plain message: nothing to click, certainly not "create a family".
      expect(await page.locator('a').count()).toBe(0);
      expect(await page.locator('#dash-content').count()).toBe(0);
      // Still away a few retries later.
      await page.waitForTimeout(2500);
      expect(await heading(page)).toBe(NOT_CONNECTED);
    } finally {
      fs.renameSync(away, familyFile());
    }
    await page.waitForSelector('#dash-content .chore-card', { timeout: 10_000 });
    expect(await page.locator('.chore-card').first().textContent()).toContain('Empty the dishwasher');
    await page.context().close();
  }, 60_000);

  it('keeps its last content through a 503 with the status showing, and clears it when the family opens again', async () => {
    const page = await openDisplay(family.displayPath);
    // What the cards say (a status note in the header may leave room for one card fewer: "+ N more" counts it).
    const cards = () => page.locator('#dash-content .dash-card').allTextContents();
    const before = await cards();
    // A file a newer DinkyDash wrote: the server answers 503 for this family until it is put back.
    const saved = path.join(dataDir, 'saved.db');
    const newer = path.join(dataDir, 'newer.db');
    fs.copyFileSync(familyFile(), saved);
    fs.copyFileSync(familyFile(), newer);
    const db = new Database(newer);
    db.pragma('user_version = 999');
    db.close();
    fs.renameSync(newer, familyFile());
    expect((await fetch(`${server.url}${family.displayPath}/content`)).status).toBe(503);
    try {
      await refreshNow(page);
      await page.waitForSelector('#dash-stale:not([hidden])', { timeout: 10_000 });
      expect(await page.locator('#dash-stale').textContent()).toMatch(/^Last updated \d{1,2}:\d{2}/);
      expect(await cards()).toEqual(before);
      // Tried again with backoff, and still showing what it had.
      await page.waitForTimeout(2500);
      expect(await page.locator('#dash-stale').isVisible()).toBe(true);
      expect(await cards()).toEqual(before);
    } finally {
      fs.renameSync(saved, familyFile());
    }
    // The retry after the backoff finds the family again, by itself.
    await page.waitForSelector('#dash-stale', { state: 'hidden', timeout: 10_000 });
    expect(await cards()).toEqual(before);
    await page.context().close();
  }, 60_000);

  it('loads the new version of the page after an upgrade of DinkyDash', async () => {
    const page = await openDisplay(family.displayPath);
    await page.evaluate(() => ((globalThis as unknown as { beforeUpgrade: boolean }).beforeUpgrade = true));
    const build = await page.locator('#dash-content').getAttribute('data-build');
    expect(build).toMatch(/\S+\.[0-9a-f]{8}$/);
    // The next refresh answers as an upgraded server would: another build (and so another ETag).
    await page.route('**/content', async (route) => {
      const res = await route.fetch({ headers: { ...route.request().headers(), 'if-none-match': '' } });
      const body = (await res.text()).replace(/data-build="[^"]*"/, 'data-build="9.9.9.upgraded"');
      await route.fulfill({ response: res, body, headers: { ...res.headers(), etag: 'W/"upgraded"' } });
    });
    await refreshNow(page);
    await page.waitForFunction(() => (globalThis as unknown as { beforeUpgrade?: boolean }).beforeUpgrade === undefined, undefined, { timeout: 10_000 });
    await page.unroute('**/content');
    await page.waitForSelector('#dash-content .chore-card');
    expect(await page.locator('#dash-content').getAttribute('data-build')).toBe(build);
    await page.context().close();
  }, 60_000);

  it("keeps its clock and date right by itself, in the family's zone, with no answer from the server", async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 480 } });
    const page = await context.newPage();
    // The browser's clock a minute and a half before midnight in Berlin (the family's zone); the server's is real.
    await page.clock.install({ time: new Date('2026-02-14T22:58:30Z') });
    await page.goto(`${server.url}${family.displayPath}`);
    await page.waitForSelector('#dash-content .chore-card');
    await page.route('**/content', (route) => route.abort());
    const header = () => page.evaluate(() => {
      const d = (globalThis as unknown as PageGlobals).document;
      return `${d.querySelector('.dash-time')?.textContent} ${d.querySelector('.dash-time')?.getAttribute('datetime')} ${d.querySelector('.dash-date')?.textContent}`;
    });
    expect(await header()).toBe('23:58 23:58 Saturday, 14 February 2026');
    await page.clock.runFor(60_000);
    expect(await header()).toBe('23:59 23:59 Saturday, 14 February 2026');
    await page.clock.runFor(60_000);
    expect(await header()).toBe('00:00 00:00 Sunday, 15 February 2026');
    // A family that reads a 12-hour clock.
    await server.pool.withFamily(family.slug, ({ db }) => db.updateTable('family_settings').set({ clock: '12' }).execute());
    await page.unroute('**/content');
    await page.reload();
    await page.waitForSelector('.dash-time[data-clock="12"]');
    await page.route('**/content', (route) => route.abort());
    expect(await header()).toBe('12:00 am 00:00 Sunday, 15 February 2026');
    await page.clock.runFor(12 * 3600_000 + 5 * 60_000);
    expect(await header()).toBe('12:05 pm 12:05 Sunday, 15 February 2026');
    await server.pool.withFamily(family.slug, ({ db }) => db.updateTable('family_settings').set({ clock: '24' }).execute());
    await context.close();
  }, 60_000);

  it('says when its link was turned off, and keeps asking', async () => {
    const page = await openDisplay(family.displayPath);
    const id = await server.pool.withFamily(family.slug, async ({ db }) => (await db.selectFrom('display_links').select('id').where('label', '=', 'Kitchen').executeTakeFirstOrThrow()).id);
    const admin = httpClient(server.url, `dinkydash_session=${family.sessionToken}`);
    expect((await admin.post(`/${family.slug}/manage/displays/${id}/revoke`, {})).status).toBe(303);
    await refreshNow(page);
    await expect.poll(() => heading(page), { timeout: 10_000 }).toBe(TURNED_OFF);
    expect(await page.locator('a').count()).toBe(0);
    const asked: string[] = [];
    page.on('request', (request) => asked.push(request.url()));
    await page.waitForTimeout(2500);
    expect(asked.filter((url) => url.startsWith(`${server.url}${family.displayPath}`)).length).toBeGreaterThan(0);
    expect(await heading(page)).toBe(TURNED_OFF);
    await page.context().close();
  }, 60_000);
});
