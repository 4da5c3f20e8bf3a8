import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import sharp from 'sharp';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser as httpClient, startLiveServer } from '../helpers/live-server.js';
import { seedRealisticFamily, type RealisticFamily } from '../helpers/realistic-family.js';
import type { RunningServer } from '../../src/server.js';
import type { El, PageGlobals } from '../helpers/page-dom.js';
import { WALL_SCREENS } from '../helpers/screens.js';

// Every page a family sees, on the Pi's 7-inch touchscreen, a phone and a TV,
// light and dark, in Debian's real Chromium: nothing scrolls sideways, no text
// is cut off or spills out of its card or button, the wall display fits its
// screen without scrolling, and emoji are drawn in colour.
// With DINKYDASH_SCREENSHOTS=<folder> every cell is also saved as
// <page>-<viewport>-<scheme>.png (the gallery in the README).
const SHOTS = process.env.DINKYDASH_SCREENSHOTS;

const VIEWPORTS = [
  { name: 'pi', width: 800, height: 480 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'tv', width: 1920, height: 1080 },
] as const;
/** The other screens a wall display is shown on (its page only). */
const DISPLAY_VIEWPORTS = WALL_SCREENS.filter((s) => !VIEWPORTS.some((v) => v.width === s.width && v.height === s.height));
const SCHEMES = ['light', 'dark'] as const;

let server: RunningServer;
let browser: Browser;
let family: RealisticFamily;
/** The same family in German: the matrix's German column (German words are long). */
let german: RealisticFamily;
let longNames: { slug: string; sessionToken: string; paths: string[] };

async function seedLongNamedFamily(base: string): Promise<typeof longNames> {
  const slug = 'wolfeschlegelsteinhausen';
  const client = httpClient(base);
  const signup = await client.post('/signup', {
    family_name: 'The Extraordinarily Long-Named Family of Wolfeschlegelsteinhausenbergerdorff',
    slug,
    display_name: 'Maximiliana-Josephina',
    username: 'maxi',
    password: 'a second family',
    time_zone: 'Europe/London',
  });
  expect(signup.status).toBe(303);
  const chore = await client.post(`/${slug}/manage/chores/new`, {
    name: 'Rindfleischetikettierungsüberwachungsaufgabenübertragungsges',
    icon: '🧹',
    dashboard_id: '1',
    mode: 'daily',
    rotation: 'Maximiliana-Josephina',
    start_date: new Date().toISOString().slice(0, 10),
  });
  expect(chore.status).toBe(303);
  const countdown = await client.post(`/${slug}/manage/countdowns/new`, { name: 'Donaudampfschifffahrtsgesellschaftskapitänsmützenjubiläum', icon: '🎂', dashboard_id: '1', kind: 'yearly', year: '', month: '3', day: '3' });
  expect(countdown.status).toBe(303);
  const link = await client.post(`/${slug}/manage/displays`, { dashboard_id: '1', label: 'Kitchen' });
  const display = new RegExp(`/${slug}/display/[a-z2-7]{32}`).exec(await link.text())?.[0];
  expect(display).toBeDefined();
  return { slug, sessionToken: client.cookie.replace('dinkydash_session=', ''), paths: [`/${slug}/`, display!] };
}

beforeAll(async () => {
  server = await startLiveServer(makeDataDir());
  [browser, family] = await Promise.all([launchChromium(), seedRealisticFamily(server.url)]);
  german = await seedRealisticFamily(server.url, 'de');
  // A second family on the Pi, so that the start page shows instead of leading straight to the
  // only family; its names are as long as the forms allow, in words no line break fits.
  longNames = await seedLongNamedFamily(server.url);
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => browser?.close());

/** The pages, in the order they are visited; signedIn pages need the admin's session. */
function pages(f: RealisticFamily): { name: string; path: string; signedIn: boolean }[] {
  return [
    { name: 'start', path: '/', signedIn: false },
    { name: 'login', path: `/${f.slug}/login`, signedIn: false },
    { name: 'display', path: f.displayPath, signedIn: false },
    { name: 'dashboard', path: `/${f.slug}/`, signedIn: true },
    { name: 'manage', path: `/${f.slug}/manage`, signedIn: true },
    { name: 'chore-edit', path: f.chorePath, signedIn: true },
    { name: 'countdown-edit', path: f.countdownPath, signedIn: true },
    { name: 'members', path: `/${f.slug}/members`, signedIn: true },
    { name: 'settings', path: `/${f.slug}/settings`, signedIn: true },
    { name: 'displays', path: `/${f.slug}/manage/displays`, signedIn: true },
  ];
}

/**
 * What a person would notice on the page as shown, as readable sentences.
 * Runs in the browser; plain DOM only.
 */
function layoutProblems(options: { mustFitHeight: boolean }): string[] {
  const { document, getComputedStyle, innerWidth, innerHeight } = globalThis as unknown as PageGlobals;
  const problems: string[] = [];
  const label = (el: El) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  const hiddenForEyes = (el: El) => el.closest('.visually-hidden, [hidden], details:not([open]) > :not(summary)') !== null;
  const shown = (el: El) => {
    const r = el.getBoundingClientRect();
    return r.width > 2 && r.height > 2 && !hiddenForEyes(el);
  };

  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${innerWidth}px window`);
  if (options.mustFitHeight && root.scrollHeight > innerHeight) problems.push(`the wall display needs scrolling: ${root.scrollHeight}px tall on a ${innerHeight}px screen`);

  // Every menu item, Sign out too, in sight inside the menu (it wraps on a phone rather than scrolling).
  const menu = document.querySelector('.topbar nav');
  for (const item of menu?.querySelectorAll('a, button') ?? []) {
    const r = item.getBoundingClientRect();
    const visible = menu!.getBoundingClientRect();
    if (r.left < visible.left - 1 || r.right > visible.right + 1 || r.right > innerWidth) problems.push(`a menu item is out of sight: ${label(item)}`);
  }

  // Text cut off by a box that hides its overflow.
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el) || /^(INPUT|SELECT|TEXTAREA|IMG|svg)$/i.test(el.tagName)) continue;
    const cs = getComputedStyle(el);
    const clipsX = /hidden|clip/.test(cs.overflowX);
    const clipsY = /hidden|clip/.test(cs.overflowY);
    if (clipsX && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off sideways (${el.scrollWidth} > ${el.clientWidth}px): ${label(el)}`);
    if (clipsY && el.scrollHeight > el.clientHeight + 1) problems.push(`cut off at the bottom (${el.scrollHeight} > ${el.clientHeight}px): ${label(el)}`);
  }
  // Text wider than its button.
  for (const el of document.querySelectorAll('button, .button, summary, .dash-tabs a')) {
    if (shown(el) && el.scrollWidth > el.clientWidth + 1) problems.push(`text wider than its button (${el.scrollWidth} > ${el.clientWidth}px): ${label(el)}`);
  }
  // Anything drawn outside the card it belongs to.
  for (const card of document.querySelectorAll('.dash-card, .card, .member-list li, .item-list .item, .notice')) {
    if (!shown(card)) continue;
    const box = card.getBoundingClientRect();
    for (const el of card.querySelectorAll('*')) {
      if (!shown(el) || el.closest('.who-form')) continue;
      const r = el.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        problems.push(`sticks out of its card by ${Math.round(Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom))}px: ${label(el)} in ${label(card)}`);
      }
    }
  }
  return problems;
}

/** Every distinct emoji icon or avatar on the page, with the font settings it is drawn with. */
function emojiOnPage(): { text: string; where: string; fontFamily: string; fontVariantEmoji: string }[] {
  const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
  const found = new Map<string, { text: string; where: string; fontFamily: string; fontVariantEmoji: string }>();
  for (const el of document.querySelectorAll('.card-icon, .person-avatar, .avatar, .item-icon, .dash-empty-icon')) {
    const text = (el.textContent ?? '').trim();
    if (!text || el.querySelector('img') || /^[\p{L}\p{N}\p{P}]+$/u.test(text)) continue; // pictures, initials
    const cs = getComputedStyle(el);
    const sample = { text, where: `.${el.className.split(' ')[0]}`, fontFamily: cs.fontFamily, fontVariantEmoji: cs.getPropertyValue('font-variant-emoji') || 'normal' };
    found.set(`${text}|${sample.fontFamily}|${sample.fontVariantEmoji}`, sample);
  }
  return [...found.values()];
}

const CELL = 48;

/** Draws the samples in rows of 48-pixel cells at the top left of the page, in one text colour. */
function drawEmojiStrip(args: { samples: { text: string; fontFamily: string; fontVariantEmoji: string }[]; perRow: number; color: string }) {
  const { document } = globalThis as unknown as PageGlobals;
  let strip = document.getElementById('emoji-probe');
  if (!strip) {
    strip = document.createElement('div');
    strip.id = 'emoji-probe';
    strip.style.cssText = `position:fixed;left:0;top:0;z-index:2147483647;display:flex;flex-wrap:wrap;width:${args.perRow * 48}px;background:#fff`;
    for (const s of args.samples) {
      const cell = document.createElement('span');
      cell.textContent = s.text;
      cell.style.cssText = `display:grid;place-items:center;width:48px;height:48px;overflow:hidden;font-size:34px;line-height:1;font-family:${s.fontFamily};font-variant-emoji:${s.fontVariantEmoji}`;
      strip.append(cell);
    }
    document.body.append(strip);
  }
  strip.style.color = args.color;
}

/**
 * Emoji drawn without colour (a black outline from a text font, or an empty
 * box). A colour emoji keeps its own colours whatever the text colour is; a
 * text glyph takes the text colour. So each emoji is drawn in red and in blue,
 * with the page's own font settings, and the two pictures compared.
 */
async function colourlessEmoji(page: Page): Promise<string[]> {
  const samples = await page.evaluate(emojiOnPage);
  if (samples.length === 0) return [];
  const viewport = page.viewportSize()!;
  const perRow = Math.floor(viewport.width / CELL);
  const shown = samples.slice(0, perRow * Math.floor(viewport.height / CELL)); // a page has far fewer distinct emoji
  const clip = { x: 0, y: 0, width: perRow * CELL, height: Math.ceil(shown.length / perRow) * CELL };
  const pixels = async (color: string) => {
    await page.evaluate(drawEmojiStrip, { samples: shown, perRow, color });
    return sharp(await page.screenshot({ clip })).removeAlpha().raw().toBuffer();
  };
  const red = await pixels('#ff0000');
  const blue = await pixels('#0000ff');
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementById('emoji-probe')?.remove());
  const problems: string[] = [];
  shown.forEach((sample, i) => {
    let ink = 0;
    let followsText = 0;
    const [left, top] = [(i % perRow) * CELL, Math.floor(i / perRow) * CELL];
    for (let y = top; y < top + CELL; y++) {
      for (let x = left; x < left + CELL; x++) {
        const at = (y * clip.width + x) * 3;
        const [r1, g1, b1, r2, b2] = [red[at]!, red[at + 1]!, red[at + 2]!, blue[at]!, blue[at + 2]!];
        if (Math.min(r1, g1, b1) > 235 && Math.min(r2, b2) > 235) continue; // background
        ink++;
        if (Math.abs(r1 - r2) > 80 || Math.abs(b1 - b2) > 80) followsText++;
      }
    }
    if (ink < 30) problems.push(`emoji not drawn at all: "${sample.text}" in ${sample.where}`);
    else if (followsText > ink * 0.2) problems.push(`emoji drawn without colour (a text glyph or an empty box): "${sample.text}" in ${sample.where}`);
  });
  return problems;
}

/** "Someone else did it": the list opens in full and can be used, not cut off by its card. */
async function whoElseProblems(page: Page): Promise<string[]> {
  const summary = page.locator('.who-else > summary').first();
  await summary.click();
  const form = page.locator('.who-else[open] .who-form');
  await form.locator('button').scrollIntoViewIfNeeded();
  const blocked = await form.evaluate((el: El) => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const problems: string[] = [];
    for (const control of el.querySelectorAll('select, button')) {
      const r = control.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!top || !(top === control || control.contains(top))) problems.push(`its ${control.tagName.toLowerCase()} is covered`);
    }
    const box = el.getBoundingClientRect();
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflow === 'visible') continue;
      const r = up.getBoundingClientRect();
      if (box.top < r.top - 1 || box.bottom > r.bottom + 1 || box.left < r.left - 1 || box.right > r.right + 1) problems.push(`it is cut off by <${up.tagName.toLowerCase()} class="${up.className}">`);
    }
    return problems;
  });
  await summary.click();
  return blocked.map((problem) => `the "someone else did it" list opens, but ${problem}`);
}

async function save(page: Page, name: string) {
  if (!SHOTS) return;
  const png = await page.screenshot();
  await sharp(png).png({ palette: true, compressionLevel: 9 }).toFile(path.join(SHOTS, `${name}.png`));
}

describe('every page at three screen sizes, light and dark', () => {
  for (const viewport of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      it(`${viewport.name} ${viewport.width}x${viewport.height}, ${scheme}: fits, nothing cut off, emoji in colour`, async () => {
        const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: scheme });
        const page = await context.newPage();
        const problems: string[] = [];
        // English, then the German column (the start page is the Pi's, shown once).
        for (const [f, column] of [[family, ''], [german, '-de']] as const) {
          let signedIn = false;
          for (const p of pages(f)) {
            if (column && p.name === 'start') continue;
            if (p.signedIn && !signedIn) {
              const url = new URL(server.url);
              await context.addCookies([{ name: 'dinkydash_session', value: f.sessionToken, domain: url.hostname, path: `/${f.slug}/`, httpOnly: true, sameSite: 'Lax' }]);
              signedIn = true;
            }
            const res = await page.goto(`${server.url}${p.path}`);
            if (res?.status() !== 200) problems.push(`${p.name}${column}: answered ${res?.status()}`);
            if (page.url() !== `${server.url}${p.path}`) problems.push(`${p.name}${column}: ended up at ${page.url()}`);
            if (column && (await page.getAttribute('html', 'lang')) !== 'de') problems.push(`${p.name}${column}: not in German`);
            await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready.then(() => undefined));
            const mustFitHeight = p.name === 'display' && viewport.name !== 'phone';
            const found = [...(await page.evaluate(layoutProblems, { mustFitHeight })), ...(await colourlessEmoji(page))];
            await save(page, `${p.name}-${viewport.name}-${scheme}${column}`);
            if (p.name === 'dashboard') found.push(...(await whoElseProblems(page)));
            problems.push(...found.map((problem) => `${p.name}${column}: ${problem}`));
          }
        }
        // The longest names a family can type: nothing sideways, nothing cut off.
        await context.addCookies([{ name: 'dinkydash_session', value: longNames.sessionToken, domain: new URL(server.url).hostname, path: `/${longNames.slug}/`, httpOnly: true, sameSite: 'Lax' }]);
        for (const path of longNames.paths) {
          await page.goto(`${server.url}${path}`);
          problems.push(...(await page.evaluate(layoutProblems, { mustFitHeight: false })).map((f) => `long names ${path}: ${f}`));
        }
        await context.close();
        expect(problems).toEqual([]);
      }, 60_000);
    }
  }
});

describe('the wall display on more screens, light and dark', () => {
  for (const viewport of DISPLAY_VIEWPORTS) {
    it(`${viewport.name} ${viewport.width}x${viewport.height}: fits without scrolling, nothing cut off, emoji in colour`, async () => {
      const problems: string[] = [];
      for (const scheme of SCHEMES) {
        const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: scheme });
        const page = await context.newPage();
        for (const [name, path] of [['display', family.displayPath], ['display-de', german.displayPath], ['display-long-names', longNames.paths[1]!]] as const) {
          const res = await page.goto(`${server.url}${path}`);
          if (res?.status() !== 200) problems.push(`${name}: answered ${res?.status()}`);
          await page.waitForSelector('[data-dash][data-fit]', { state: 'attached' });
          await page.evaluate(() => (globalThis as unknown as PageGlobals).document.fonts.ready.then(() => undefined));
          const found = [...(await page.evaluate(layoutProblems, { mustFitHeight: true })), ...(name !== 'display-long-names' ? await colourlessEmoji(page) : [])];
          problems.push(...found.map((f) => `${name} ${scheme}: ${f}`));
          await save(page, `${name}-${viewport.name}-${scheme}`);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
