import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser as httpClient, startLiveServer } from '../helpers/live-server.js';
import { REALISTIC_PASSWORD, seedRealisticFamily, type RealisticFamily } from '../helpers/realistic-family.js';
import type { RunningServer } from '../../src/server.js';
import type { El, PageGlobals } from '../helpers/page-dom.js';

// A family setting DinkyDash up from their phones, in Debian's real Chromium
// as a 360x740 and a 390x844 phone: every item of the family's menu, Sign out
// included, is in sight and can be tapped without scrolling sideways (and the
// menu is still one row on a laptop); the start page's two forms say what is
// wrong where the person looks, and "Go to my family" finds a family by the
// name it was created with.
const SHOTS = process.env.DINKYDASH_SCREENSHOTS; // set to a folder to keep screenshots

const PHONES = [
  { name: 'phone-360', width: 360, height: 740 },
  { name: 'phone-390', width: 390, height: 844 },
] as const;

const ADMIN_MENU = ['Dashboard', 'Calendar', 'Chores & countdowns', 'Members', 'Settings', 'My profile', 'Sign out'];
const MEMBER_MENU = ['Dashboard', 'Calendar', 'My profile', 'Sign out'];

let server: RunningServer;
let browser: Browser;
let family: RealisticFamily;

beforeAll(async () => {
  server = await startLiveServer(makeDataDir());
  [browser, family] = await Promise.all([launchChromium(), seedRealisticFamily(server.url)]);
  // A second family, created from its name alone (address left empty), so the start page shows.
  const parkers = await httpClient(server.url).post('/signup', { family_name: 'The Parkers', slug: '', username: 'pam', display_name: 'Pam', password: 'parkers at home', time_zone: 'Europe/London' });
  expect(parkers.headers.get('location')).toBe('/the-parkers/');
});
afterAll(() => browser?.close());

function phone(size: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: size.width, height: size.height }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
}

/** Signs `username` in afresh (a test that taps Sign out ends its own session only). */
async function signedIn(context: BrowserContext, username: 'mum' | 'estelle'): Promise<void> {
  const client = httpClient(server.url);
  expect((await client.post(`/${family.slug}/login`, { username, password: REALISTIC_PASSWORD })).status).toBe(303);
  const token = client.cookie.replace('dinkydash_session=', '');
  await context.addCookies([{ name: 'dinkydash_session', value: token, domain: new URL(server.url).hostname, path: `/${family.slug}/`, httpOnly: true, sameSite: 'Lax' }]);
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * The menu's items as shown, and what keeps a person from reaching any of
 * them: out of sight sideways, a menu or page that scrolls sideways, covered
 * by something else, below the first screen, or smaller than a fingertip's
 * minimum target (24 px). Runs in the browser; plain DOM only.
 */
function menuReach(): { items: string[]; rows: number; problems: string[] } {
  const { document, innerWidth, innerHeight } = globalThis as unknown as PageGlobals;
  const problems: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${innerWidth}px window`);
  const nav = document.querySelector('.topbar nav');
  if (!nav) return { items: [], rows: 0, problems: ['no menu on the page'] };
  if (nav.scrollWidth > nav.clientWidth + 1) problems.push(`the menu scrolls sideways: ${nav.scrollWidth}px of items in ${nav.clientWidth}px`);
  const items: El[] = [...nav.querySelectorAll('a, button')];
  const middles: number[] = [];
  for (const item of items) {
    const name = (item.textContent ?? '').trim();
    const r = item.getBoundingClientRect();
    middles.push((r.top + r.bottom) / 2);
    if (r.width < 2 || r.height < 2) {
      problems.push(`"${name}" is not shown`);
      continue;
    }
    if (r.left < 0 || r.right > innerWidth) problems.push(`"${name}" is out of sight sideways (${Math.round(r.left)} to ${Math.round(r.right)} in a ${innerWidth}px window)`);
    if (r.bottom > innerHeight) problems.push(`"${name}" is below the first screen (${Math.round(r.bottom)} > ${innerHeight})`);
    if (r.height < 24 || r.width < 24) problems.push(`"${name}" is smaller than a fingertip: ${Math.round(r.width)}x${Math.round(r.height)}px`);
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    if (!hit || !item.contains(hit)) problems.push(`"${name}" is covered at its centre by <${hit?.tagName.toLowerCase() ?? 'nothing'}>`);
  }
  // Items whose middles lie within 8 px of each other are on one row.
  const rows = middles.sort((a, b) => a - b).filter((middle, i) => i === 0 || middle - middles[i - 1]! > 8).length;
  return { items: items.map((item) => (item.textContent ?? '').trim()), rows, problems };
}

describe('the family menu on a phone', () => {
  for (const size of PHONES) {
    it(`shows every item of an admin's menu, Sign out too, on every page at ${size.width}x${size.height}, and Sign out works by tap`, async () => {
      const context = await phone(size);
      await signedIn(context, 'mum');
      const page = await context.newPage();
      for (const where of ['', 'calendar', 'manage', 'members', 'settings', 'me']) {
        await page.goto(`${server.url}/${family.slug}/${where}`);
        const reach = await page.evaluate(menuReach);
        expect(reach.items, where).toEqual(ADMIN_MENU);
        expect(reach.problems, `/${family.slug}/${where} at ${size.width}x${size.height}`).toEqual([]);
        if (where === '' || where === 'settings') await shot(page, `menu-admin-${where || 'dashboard'}-${size.name}`);
      }
      await page.getByRole('button', { name: 'Sign out' }).tap();
      await page.waitForURL(new RegExp(`/${family.slug}/login$`));
      await context.close();
    });

    it(`shows a member's shorter menu whole at ${size.width}x${size.height}`, async () => {
      const context = await phone(size);
      await signedIn(context, 'estelle');
      const page = await context.newPage();
      await page.goto(`${server.url}/${family.slug}/`);
      const reach = await page.evaluate(menuReach);
      expect(reach.items).toEqual(MEMBER_MENU);
      expect(reach.problems).toEqual([]);
      await page.getByRole('link', { name: 'My profile' }).tap();
      await page.waitForURL(new RegExp(`/${family.slug}/me$`));
      await context.close();
    });
  }

  it('is still one row beside the family name on a laptop', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await signedIn(context, 'mum');
    const page = await context.newPage();
    await page.goto(`${server.url}/${family.slug}/manage`);
    const reach = await page.evaluate(menuReach);
    expect(reach.items).toEqual(ADMIN_MENU);
    expect(reach.problems).toEqual([]);
    expect(reach.rows).toBe(1);
    await shot(page, 'menu-admin-manage-laptop');
    await context.close();
  });
});

describe('the start page on a phone', () => {
  for (const size of PHONES) {
    it(`asks for the family's name at the name field when the create form is sent empty, at ${size.width}x${size.height}`, async () => {
      const context = await phone(size);
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      // Spaces pass the browser's "required"; a browser that does not check sends it truly empty.
      await page.getByLabel('Family name', { exact: true }).fill('   ');
      await page.locator('form[action="/signup"]').evaluate((form) => ((form as unknown as { noValidate: boolean }).noValidate = true));
      await page.getByRole('button', { name: 'Create family' }).tap();
      await page.waitForURL(`${server.url}/signup`);
      const nameError = page.locator('#f-family_name-error');
      await expect.poll(() => nameError.textContent()).toContain('Type your family’s name');
      // At the field: inside the name's own box, next to its input.
      expect(await page.locator('.field:has(#f-family_name) .field-error').count()).toBe(1);
      expect(await page.locator('#f-slug-error').count()).toBe(0);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toContain('reserved');
      expect(text).not.toContain('"family"');
      const box = (await nameError.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      await nameError.scrollIntoViewIfNeeded();
      await shot(page, `start-empty-create-${size.name}`);
      await context.close();
    });

    it(`finds "The Parkers" typed into "Go to my family", and says kindly when a family is not there, at ${size.width}x${size.height}`, async () => {
      const context = await phone(size);
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      const go = page.locator('input[name="family"]');
      await go.fill('The Parkers');
      await page.getByRole('button', { name: 'Go', exact: true }).tap();
      await page.waitForURL(new RegExp(`^${server.url}/the-parkers/`));

      await page.goto(`${server.url}/`);
      await go.fill('The Smiths');
      await page.getByRole('button', { name: 'Go', exact: true }).tap();
      await page.waitForURL(/\/go\?/);
      const error = page.locator('#f-family-error');
      await expect.poll(() => error.textContent()).toBe('There is no family at “the-smiths” on this DinkyDash. Check the spelling, or ask whoever set up your family for its address.');
      expect(await go.inputValue()).toBe('The Smiths');
      expect((await page.locator('main').textContent()) ?? '').not.toContain('lower-case');
      const box = (await error.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await shot(page, `start-go-missing-${size.name}`);
      await context.close();
    });
  }
});
