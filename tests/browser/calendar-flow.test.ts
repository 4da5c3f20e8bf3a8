import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser as httpClient } from '../helpers/live-server.js';
import type { PageGlobals } from '../helpers/page-dom.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { familyFilePath } from '../../src/tenants/paths.js';

// The family calendar end to end, in Debian's real Chromium against the real
// server on a loopback port: an admin subscribes to the school's calendar
// (served by a stand-in on 127.0.0.1, allowed by DINKYDASH_FEEDS_ALLOW_PRIVATE),
// a child adds weekly swimming on a phone, the admin puts the calendar on the
// dashboard and opens a wall display; then the school's server breaks and the
// display keeps the last good copy, saying how old it is.
//
// The server's clock is real, so the calendar is written relative to today in
// the family's zone, and the family lives where it is around midday now: the
// evening's events are still ahead whenever the test runs.
// With DINKYDASH_SCREENSHOTS=<folder> the display and the month are saved there as calendar-*.png.

const SHOTS = process.env.DINKYDASH_SCREENSHOTS;
const SLUG = 'the-calendars';
const PASSWORD = 'swimming on tuesdays';
const HOUR = 3_600_000;
/** The secret part of the school's address: it must never show. */
const SECRET = 'Xq7RwB4nKp2ZtY9s';
const FEED_PATH = `/calendar/ical/${SECRET}/basic.ics`;
const ETAG = '"school-1"';

/** Zones around the world, at most three hours apart: one of them is near midday at any time. */
const ZONES = [
  'Pacific/Honolulu',
  'America/Los_Angeles',
  'America/New_York',
  'America/Sao_Paulo',
  'Atlantic/Azores',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Moscow',
  'Asia/Kolkata',
  'Asia/Bangkok',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

function localParts(zone: string, at: number): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(at);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

function zoneNearMidday(at: number): string {
  const distance = (zone: string) => {
    const p = localParts(zone, at);
    return Math.abs(Number(p.hour) + Number(p.minute) / 60 - 12);
  };
  return ZONES.reduce((best, zone) => (distance(zone) < distance(best) ? zone : best));
}

/** A day in the family's zone, offset from today, as 2026-03-10. */
function familyDate(zone: string, offsetDays: number): string {
  const p = localParts(zone, Date.now() + offsetDays * 24 * HOUR);
  return `${p.year}-${p.month}-${p.day}`;
}

function schoolCalendar(zone: string): string {
  const today = familyDate(zone, 0).replaceAll('-', '');
  const tomorrow = familyDate(zone, 1).replaceAll('-', '');
  const dayAfter = familyDate(zone, 2).replaceAll('-', '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Hillside Primary//Calendar//EN',
    'BEGIN:VEVENT',
    'UID:evening@hillside',
    `DTSTART;TZID=${zone}:${today}T180000`,
    `DTEND;TZID=${zone}:${today}T190000`,
    "SUMMARY:Parents' evening",
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:sports@hillside',
    `DTSTART;VALUE=DATE:${tomorrow}`,
    `DTEND;VALUE=DATE:${dayAfter}`,
    'SUMMARY:Sports day',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

let zone: string;
let dataDir: string;
let server: RunningServer;
let browser: Browser;
let feedServer: http.Server;
let feedUrl: string;
let feedBroken = false;
const feedRequests: { ifNoneMatch: string | undefined; status: number }[] = [];
const problems: string[] = [];
const allowPrivateBefore = process.env.DINKYDASH_FEEDS_ALLOW_PRIVATE;

beforeAll(async () => {
  zone = zoneNearMidday(Date.now());
  const ics = schoolCalendar(zone);
  feedServer = http.createServer((req, res) => {
    const status = req.url !== FEED_PATH ? 404 : feedBroken ? 500 : req.headers['if-none-match'] === ETAG ? 304 : 200;
    feedRequests.push({ ifNoneMatch: req.headers['if-none-match'], status });
    if (status === 200) res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', ETag: ETAG }).end(ics);
    else res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}${FEED_PATH}`;
  // The owner lets feeds come from this machine: the stand-in is on 127.0.0.1.
  process.env.DINKYDASH_FEEDS_ALLOW_PRIVATE = '1';
  dataDir = makeDataDir();
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolve) => (feedServer ? feedServer.close(() => resolve()) : resolve()));
  if (allowPrivateBefore === undefined) delete process.env.DINKYDASH_FEEDS_ALLOW_PRIVATE;
  else process.env.DINKYDASH_FEEDS_ALLOW_PRIVATE = allowPrivateBefore;
});

/** A page whose script errors and console errors fail the test. */
async function newPage(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${name}: console error: ${message.text()} (${message.location().url})`);
  });
  return page;
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/${SLUG}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.url}/${SLUG}/`);
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `calendar-${name}.png`), fullPage: true });
}

/** Asks the display for its content now, as its 30-second poll would. */
async function refreshNow(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    g.document.getElementById('dash-content')?.dispatchEvent(new g.Event('dinkyrefresh', { bubbles: true }));
  });
}

/** One entry of the display's calendar, by its title. */
function displayEntry(page: Page, title: string) {
  return page.locator('#dash-content .dash-section.calendar .calendar-entry').filter({ has: page.locator('.card-title', { hasText: title }) });
}

/** Stops the server, does something to its data meanwhile, and starts it again on the same port: the appliance restarted, remembering nothing in memory. */
async function restartServer(whileStopped: () => void): Promise<void> {
  const port = Number(new URL(server.url).port);
  await server.stop();
  whileStopped();
  server = await startServer({ dataDir, port, host: '127.0.0.1' });
}

describe('the family calendar in a browser', () => {
  it("shows a subscribed calendar and a member's own weekly event on the wall display and the month, and keeps the last good copy when the calendar's server fails", async () => {
    const today = familyDate(zone, 0);
    const weekday = localParts(zone, Date.now()).weekday!.slice(0, 2).toUpperCase(); // "Tue" → "TU"

    // The family, made over HTTP: an admin and a child.
    const setup = httpClient(server.url);
    const signup = await setup.post('/signup', { family_name: 'The Calendars', slug: SLUG, display_name: 'Mum', username: 'mum', password: PASSWORD, time_zone: zone });
    expect(signup.status, await signup.text()).toBe(303);
    const member = await setup.post(`/${SLUG}/members`, { display_name: 'Estelle', username: 'estelle', role: 'member', color: '#f59e0b', avatar: '🦄', password: PASSWORD });
    expect(member.status).toBe(200);

    // The admin subscribes to the school's calendar on a laptop.
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await newPage(laptop, 'admin');
    await signIn(admin, 'mum');
    await admin.goto(`${server.url}/${SLUG}/manage/calendar`);
    await admin.getByLabel('Calendar address (iCal)').fill(feedUrl);
    await admin.getByLabel('Name', { exact: true }).fill('School');
    await admin.getByRole('button', { name: 'Add calendar' }).click();
    await expect.poll(() => admin.locator('.notice').first().textContent()).toContain('The calendar was added.');
    const listed = (await admin.locator('.item-list .item').filter({ hasText: 'School' }).textContent()) ?? '';
    expect(listed).toContain('2 events');
    expect(listed).toContain('/calendar/ical/…/basic.ics'); // masked
    expect(await admin.content()).not.toContain(SECRET);
    expect(feedRequests).toEqual([{ ifNoneMatch: undefined, status: 200 }]);

    // The child adds weekly swimming, on today's weekday, on a phone.
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await newPage(phoneContext, 'phone');
    await signIn(phone, 'estelle');
    await phone.goto(`${server.url}/${SLUG}/calendar/events/new`);
    await phone.getByLabel('Title').fill('Swimming');
    expect(await phone.getByLabel('Day', { exact: true }).inputValue()).toBe(today);
    await phone.getByLabel('Starts at').fill('16:30');
    await phone.getByLabel('Ends at (optional)').fill('17:30');
    await phone.getByLabel('How often').selectOption('weekly');
    await phone.locator(`input[name="repeat_days"][value="${weekday}"]`).check();
    await phone.locator('.cal-who label.cal-check', { hasText: 'Estelle' }).locator('input').check();
    await phone.getByRole('button', { name: 'Add event' }).click();
    await expect.poll(() => phone.locator('.notice').first().textContent()).toContain('The event was added.');

    // The admin ticks the calendar on the default dashboard and makes a display link.
    await admin.goto(`${server.url}/${SLUG}/manage`);
    const dashboardPath = await admin.locator(`a[href^="/${SLUG}/manage/dashboards/"]`).first().getAttribute('href');
    expect(dashboardPath).toMatch(/\/manage\/dashboards\/\d+$/);
    await admin.goto(`${server.url}${dashboardPath}`);
    await admin.locator('input[name="sections"][value="calendar"]').check();
    await admin.getByRole('button', { name: 'Save dashboard' }).click();
    await expect.poll(() => admin.locator('.notice').first().textContent()).toContain('Saved.');
    await admin.goto(`${server.url}/${SLUG}/manage/displays`);
    await admin.getByRole('button', { name: 'Create display link' }).click();
    const displayUrl = (await admin.locator('a.display-url code').textContent())!.trim();
    expect(displayUrl).toMatch(new RegExp(`/${SLUG}/display/[a-z2-7]{32}$`));

    // The wall display shows the school's event and the child's own one.
    let wall = await browser.newContext({ viewport: { width: 800, height: 480 } });
    let display = await newPage(wall, 'display');
    await display.goto(displayUrl);
    await display.waitForSelector('#dash-content .dash-section.calendar .calendar-entry');
    await expect.poll(() => displayEntry(display, "Parents' evening").isVisible()).toBe(true);
    await expect.poll(() => displayEntry(display, 'Swimming').isVisible()).toBe(true);
    expect(await displayEntry(display, "Parents' evening").locator('.entry-time').textContent()).toBe('18:00');
    expect(await displayEntry(display, "Parents' evening").locator('.entry-calendar').textContent()).toBe('School');
    expect(await displayEntry(display, 'Swimming').locator('.entry-time').textContent()).toBe('16:30');
    expect(await displayEntry(display, 'Swimming').locator('.entry-person').textContent()).toBe('Estelle');
    expect(await display.locator('.entry-stale').count()).toBe(0);
    // Colours: the school's calendar's; the swimming is Estelle's, as on the calendar's pages.
    expect(await displayEntry(display, "Parents' evening").getAttribute('style')).toBe('--entry-color: #0e7490');
    expect(await displayEntry(display, 'Swimming').getAttribute('style')).toBe('--entry-color: #f59e0b');
    await shot(display, 'display-pi');

    // The month on the phone shows both on today's day, and the school's all-day event tomorrow.
    await phone.goto(`${server.url}/${SLUG}/calendar/month`);
    const todayCell = phone.locator(`#day-${today}`);
    await expect.poll(() => todayCell.locator('.cal-entry', { hasText: "Parents' evening" }).isVisible()).toBe(true);
    await expect.poll(() => todayCell.locator('.cal-entry', { hasText: 'Swimming' }).isVisible()).toBe(true);
    expect(await todayCell.locator('.cal-entry', { hasText: 'Swimming' }).getAttribute('style')).toBe('--entry-color: #f59e0b');
    const tomorrow = familyDate(zone, 1);
    if (tomorrow.slice(0, 7) !== today.slice(0, 7)) await phone.goto(`${server.url}/${SLUG}/calendar/month?date=${tomorrow.slice(0, 7)}`);
    expect(await phone.locator(`#day-${tomorrow} .cal-entry`, { hasText: 'Sports day' }).isVisible()).toBe(true);
    if (tomorrow.slice(0, 7) !== today.slice(0, 7)) await phone.goto(`${server.url}/${SLUG}/calendar/month`);
    await shot(phone, 'month-phone');

    // The school's server breaks, and the appliance was off for a while: its copy is three hours old.
    feedBroken = true;
    await wall.close();
    await restartServer(() => {
      const file = new Database(familyFilePath(dataDir, SLUG));
      file.prepare('update calendar_feeds set fetched_at = fetched_at - ?, checked_at = checked_at - ?').run(3 * HOUR, 3 * HOUR);
      file.close();
    });
    const asked = feedRequests.length;

    // The display's request starts a refresh in the background; it fails; the display keeps the copy, saying its age.
    wall = await browser.newContext({ viewport: { width: 800, height: 480 } });
    display = await newPage(wall, 'display after');
    await display.goto(displayUrl);
    await expect.poll(() => feedRequests.slice(asked)).toEqual([{ ifNoneMatch: ETAG, status: 500 }]);
    await expect
      .poll(async () => server.pool.withFamily(SLUG, ({ db }) => db.selectFrom('calendar_feeds').select('error').executeTakeFirstOrThrow()))
      .toEqual({ error: expect.stringContaining('500') });
    await refreshNow(display);
    for (const title of ["Parents' evening", 'Sports day']) {
      await expect.poll(() => displayEntry(display, title).locator('.entry-stale').textContent()).toBe('updated 3 h ago');
    }
    expect(await displayEntry(display, "Parents' evening").isVisible()).toBe(true);
    expect(await displayEntry(display, 'Swimming').isVisible()).toBe(true);
    expect(await displayEntry(display, 'Swimming').locator('.entry-stale').count()).toBe(0);
    expect(feedRequests.length).toBe(asked + 1); // one attempt, however often the display asks
    await shot(display, 'display-pi-stale');

    // The admin sees why, without the address's secret.
    await admin.goto(`${server.url}/${SLUG}/manage/calendar`);
    const why = (await admin.locator('.item-list .item').filter({ hasText: 'School' }).textContent()) ?? '';
    expect(why).toContain('The last update failed');
    expect(why).toContain('updated 3 h ago');
    for (const page of [admin, phone, display]) expect(await page.content()).not.toContain(SECRET);

    expect(problems).toEqual([]);
    await Promise.all([laptop.close(), phoneContext.close(), wall.close()]);
  }, 120_000);
});
