import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser as httpClient, startLiveServer } from '../helpers/live-server.js';
import type { RunningServer } from '../../src/server.js';

// axe-core in the real browser over every kind of page, light and dark: no serious or critical violations.
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'accessible to all';

let server: RunningServer;
let browser: Browser;
let displayPath = '';

beforeAll(async () => {
  server = await startLiveServer(makeDataDir());
  browser = await launchChromium();
  const b = httpClient(server.url);
  await b.post('/signup', { family_name: 'The Auditors', slug: 'audit', username: 'mum', password: PASSWORD, time_zone: 'Europe/Berlin' });
  await b.post('/audit/manage/chores/new', { name: 'Dishes', icon: '🍽', dashboard_id: '1', mode: 'daily', rotation: 'mum\nGrandma' });
  await b.post('/audit/manage/countdowns/new', { name: 'Summer', icon: '🏖', dashboard_id: '1', kind: 'yearly', month: '7', day: '1' });
  const link = await b.post('/audit/manage/displays', { dashboard_id: '1', label: 'Kitchen' });
  displayPath = /\/audit\/display\/[a-z2-7]{32}/.exec(await link.text())![0];
});
afterAll(() => browser?.close());

async function audit(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(() => (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }))) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations on any page (${scheme})`, async () => {
      // A device in another zone than the family's: the settings page offers the device's zone.
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, colorScheme: scheme, bypassCSP: true, timezoneId: 'America/New_York' });
      const page = await context.newPage();
      const problems: string[] = [];
      // The start page, sign-in, and what a wall display says when its link is unknown.
      for (const path of ['/', '/audit/login', `/audit/display/${'a'.repeat(32)}`]) {
        await page.goto(`${server.url}${path}`);
        problems.push(...(await audit(page)).map((p) => `${path}: ${p}`));
      }
      await page.goto(`${server.url}/audit/login`);
      await page.fill('#f-username', 'mum');
      await page.fill('#f-password', PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${server.url}/audit/`);
      for (const path of ['/audit/', '/audit/members', '/audit/me', '/audit/settings', '/audit/manage', '/audit/manage/chores/new', '/audit/manage/chores/1', '/audit/manage/countdowns/new', '/audit/manage/displays', displayPath]) {
        await page.goto(`${server.url}${path}`);
        problems.push(...(await audit(page)).map((p) => `${path}: ${p}`));
      }
      // Pages in the state a form leaves them: a new invitation and a new display link (copy button, QR code),
      // and a one-off date in the past asked about at the field.
      await page.goto(`${server.url}/audit/members`);
      await page.getByRole('button', { name: 'Create invitation link' }).click();
      await page.locator('.qr-code svg').waitFor();
      problems.push(...(await audit(page)).map((p) => `new invitation: ${p}`));
      await page.goto(`${server.url}/audit/manage/displays`);
      await page.getByRole('button', { name: /Create display link/ }).click();
      await page.locator('.qr-code svg').waitFor();
      problems.push(...(await audit(page)).map((p) => `new display link: ${p}`));
      await page.goto(`${server.url}/audit/manage/countdowns/new`);
      await page.getByLabel('Counting down to').fill('Old trip');
      await page.getByLabel('How often').selectOption('once');
      await page.getByLabel('Day').fill('1');
      await page.getByLabel('Year').fill('2020');
      await page.getByRole('button', { name: /Add countdown/ }).click();
      await page.locator('#f-confirm_past').waitFor();
      problems.push(...(await audit(page)).map((p) => `past date: ${p}`));
      await page.goto(`${server.url}/audit/settings`);
      await page.locator('.use-device-zone').waitFor();
      problems.push(...(await audit(page)).map((p) => `settings with the device's zone offered: ${p}`));
      await context.close();
      expect(problems).toEqual([]);
    }, 90_000);
  }
});
