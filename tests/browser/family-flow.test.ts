import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import sharp from 'sharp';
import { makeDataDir } from '../helpers/data-dir.js';
import { startLiveServer } from '../helpers/live-server.js';
import type { RunningServer } from '../../src/server.js';

// A family's Saturday, in Debian's real Chromium against the real server on a loopback port.
const SHOTS = process.env.DINKYDASH_SCREENSHOTS; // set to a folder to keep screenshots

let server: RunningServer;
let browser: Browser;
let photo: string;

beforeAll(async () => {
  server = await startLiveServer(makeDataDir());
  browser = await launchChromium();
  photo = path.join(makeDataDir(), 'dog.jpg');
  await sharp({ create: { width: 900, height: 600, channels: 3, background: '#f59e0b' } }).jpeg().toFile(photo);
});
afterAll(() => browser?.close());

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `flow-${name}.png`), fullPage: true }); // "flow-": apart from the matrix (screenshot-matrix.test.ts)
}

describe('a family sets up DinkyDash in a browser', () => {
  it('creates a family, invites a member, adds chores and countdowns, opens a display, marks a chore done on a phone, and signs out', async () => {
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await laptop.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Family name', { exact: true }).fill('The Browsers');
    await page.getByLabel('Your name').fill('Mum');
    await page.getByLabel('Username').last().fill('mum');
    await page.getByLabel('Password').fill('saturday morning');
    await page.getByRole('button', { name: 'Create family' }).click();
    await page.waitForURL(`${server.url}/the-browsers/`);

    // An invitation, accepted in another browser.
    await page.goto(`${server.url}/the-browsers/members`);
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const invitation = (await page.locator('code.copyable').textContent())!.trim();
    const kidBrowser = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const kid = await kidBrowser.newPage();
    await kid.goto(invitation);
    await kid.getByLabel('Your name').fill('Estelle');
    await kid.getByLabel('Username').fill('estelle');
    await kid.getByLabel('Password').fill('purple unicorn');
    await kid.getByRole('button', { name: 'Join the family' }).click();
    await kid.waitForURL(`${server.url}/the-browsers/`);

    // Chores: one with an uploaded photo.
    await page.goto(`${server.url}/the-browsers/manage/chores/new`);
    await page.getByLabel('Chore', { exact: true }).fill('Walk the dog');
    await page.locator('input[name="icon"]').fill('');
    await page.locator('input[type="file"][name="image"]').setInputFiles(photo);
    await page.locator('textarea[name="rotation"]').fill('Estelle\nMum');
    await page.getByRole('button', { name: /Add chore/ }).click();
    await expect.poll(() => page.url()).toContain('/manage');
    await page.goto(`${server.url}/the-browsers/manage/chores/new`);
    await page.getByLabel('Chore', { exact: true }).fill('Dishes');
    await page.locator('input[name="icon"]').fill('🍽');
    await page.locator('textarea[name="rotation"]').fill('Estelle\nMum');
    await page.getByRole('button', { name: /Add chore/ }).click();

    // A countdown with an impossible date is refused at the field, then fixed.
    await page.goto(`${server.url}/the-browsers/manage/countdowns/new`);
    await page.getByLabel('Counting down to').fill("Estelle's birthday");
    await page.locator('input[name="icon"]').fill('🎂');
    await page.getByLabel('Month').selectOption('4');
    await page.getByLabel('Day').fill('31');
    await page.getByRole('button', { name: /Add countdown/ }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('April only has 30 days');
    await page.getByLabel('Day').fill('30');
    await page.getByRole('button', { name: /Add countdown/ }).click();

    await page.goto(`${server.url}/the-browsers/`);
    await expect.poll(() => page.locator('body').textContent()).toContain('Walk the dog');
    await expect.poll(() => page.locator('body').textContent()).toContain("Estelle's birthday");
    await shot(page, 'dashboard-laptop');

    // A display link, opened with no session.
    await page.goto(`${server.url}/the-browsers/manage/displays`);
    await page.getByRole('button', { name: /Create/ }).first().click();
    const displayUrl = (await page.locator('code').filter({ hasText: '/display/' }).first().textContent())!.trim();
    const wall = await browser.newContext({ viewport: { width: 800, height: 480 } });
    const display = await wall.newPage();
    await display.goto(displayUrl);
    await expect.poll(() => display.locator('body').textContent()).toContain('Dishes');
    expect(await display.locator('img[src*="/images/"]').count()).toBeGreaterThan(0);
    expect(await display.locator('button').count()).toBe(0); // read-only
    await shot(display, 'display-pi');

    // The kid marks Dishes done on the phone; the display shows it after its next refresh.
    await kid.goto(`${server.url}/the-browsers/`);
    await kid.getByRole('button', { name: /Mark "Dishes" done/ }).click();
    await expect.poll(() => kid.locator('body').textContent()).toContain('Done by Estelle');
    await shot(kid, 'dashboard-phone');
    await display.locator('#dash-content').evaluate((el) => el.dispatchEvent(new Event('dinkyrefresh', { bubbles: true })));
    await expect.poll(() => display.locator('body').textContent(), { timeout: 35_000 }).toContain('Done by Estelle');

    // Night hours, then sign out.
    await page.goto(`${server.url}/the-browsers/settings`);
    await page.getByLabel('From').fill('21:30');
    await page.getByLabel('Until').fill('06:45');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('body').textContent()).toContain('Saved.');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/the-browsers\/login$/);
    await page.goto(`${server.url}/the-browsers/members`);
    expect(page.url()).toContain('/the-browsers/login');

    await Promise.all([laptop.close(), kidBrowser.close(), wall.close()]);
  }, 120_000);
});
