import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser as httpClient, startLiveServer } from '../helpers/live-server.js';
import type { RunningServer } from '../../src/server.js';
import type { PageGlobals } from '../helpers/page-dom.js';

// German words are long ("Einladungslink erstellen", "Standardübersicht"): the
// account, member, start and display-link pages of a German family still fit
// a 360x740 phone in Debian's real Chromium, with nothing wider than the
// screen and no sideways scrolling, as an admin, a member and a visitor.

const PHONE = { width: 360, height: 740 };
const PASSWORD = 'ganz geheim 123';
const SLUG = 'familie-mueller-luedenscheidt';

let server: RunningServer;
let chromium: Browser;
let admin: ReturnType<typeof httpClient>;
let kid: ReturnType<typeof httpClient>;
let invitation: string;
let memberPage: string;

beforeAll(async () => {
  server = await startLiveServer(makeDataDir());
  chromium = await launchChromium();
  const german = { 'accept-language': 'de-DE,de;q=0.9' };
  admin = httpClient(server.url);
  const created = await admin.post('/signup', { family_name: 'Familie Müller-Lüdenscheidt', slug: SLUG, username: 'mama', display_name: 'Mama', password: PASSWORD, time_zone: 'Europe/Berlin' }, german);
  expect(created.status).toBe(303);
  // A second family, so the start page shows instead of going straight to the first.
  expect((await httpClient(server.url).post('/signup', { family_name: 'Familie Schulz', slug: '', username: 'udo', password: PASSWORD, time_zone: 'Europe/Berlin' }, german)).status).toBe(303);
  expect((await admin.post(`/${SLUG}/members`, { display_name: 'Estelle', username: 'estelle', password: PASSWORD, role: 'member', color: '#0072b2', avatar: '🦊' })).status).toBe(200);
  const invited = await (await admin.post(`/${SLUG}/invitations`, { role: 'member', note: 'Oma Ilse' })).text();
  invitation = /\/join\/[A-Za-z0-9_-]+/.exec(invited)![0];
  const members = await (await admin.get(`/${SLUG}/members`)).text();
  memberPage = /href="(\/[^"]+\/members\/\d+)"/.exec(members.slice(members.indexOf('Estelle')))![1]!;
  kid = httpClient(server.url);
  expect((await kid.post(`/${SLUG}/login`, { username: 'estelle', password: PASSWORD })).status).toBe(303);
});
afterAll(() => chromium?.close());

async function phone(cookie: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'de-DE' });
  if (cookie) {
    const value = cookie.replace('dinkydash_session=', '');
    await context.addCookies([{ name: 'dinkydash_session', value, domain: new URL(server.url).hostname, path: `/${SLUG}/`, httpOnly: true, sameSite: 'Lax' }]);
  }
  return { context, page: await context.newPage() };
}

/**
 * What does not fit the phone's width: the page scrolling sideways, or any
 * element reaching past the screen's edge. Runs in the browser. The phone's
 * width is given: a mobile browser widens its window to content that does not fit.
 */
function tooWide(innerWidth: number): string[] {
  const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
  const problems: string[] = [];
  if (document.documentElement.scrollWidth > innerWidth) problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${innerWidth}px window`);
  for (const el of [...document.querySelectorAll('body *')]) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > innerWidth + 1 || r.left < -1) problems.push(`<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 40)}" reaches ${Math.round(r.left)} to ${Math.round(r.right)}`);
    // Content sticking out of its own box (a word too long for a button that does not wrap).
    else if (getComputedStyle(el).overflowX === 'visible' && r.left + el.scrollWidth > innerWidth + 1) problems.push(`<${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 40)}" holds content reaching ${Math.round(r.left + el.scrollWidth)} (${el.className} ${Math.round(r.width)}x${Math.round(r.height)})`);
  }
  return problems;
}

/** Opens a page (GET) or shows an answer's HTML at the server's address (a form's answer), then measures it. */
async function fits(page: Page, how: { path: string } | { html: string }): Promise<{ lang: string | null; problems: string[] }> {
  if ('path' in how) {
    const res = await page.goto(`${server.url}${how.path}`);
    expect(res?.ok() || res?.status() === 404 || res?.status() === 400, how.path).toBe(true);
  } else {
    await page.goto(`${server.url}/healthz`);
    await page.setContent(how.html, { waitUntil: 'load' });
  }
  return { lang: await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.getAttribute('lang')), problems: await page.evaluate(tooWide, PHONE.width) };
}

/** Every page (by path) and every form's answer (its HTML) is German and fits the phone. */
async function allFit(page: Page, paths: readonly string[], answers: Record<string, string> = {}): Promise<void> {
  const shown: [string, { path: string } | { html: string }][] = [...paths.map((path): [string, { path: string }] => [path, { path }]), ...Object.entries(answers).map(([what, html]): [string, { html: string }] => [what, { html }])];
  for (const [what, how] of shown) {
    const { lang, problems } = await fits(page, how);
    expect(lang, what).toBe('de');
    expect(problems, what).toEqual([]);
  }
}

describe('a German family’s pages at 360x740', () => {
  it('would notice a page wider than the phone', async () => {
    const { context, page } = await phone('');
    const { problems } = await fits(page, { html: '<!doctype html><html lang="de"><head><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><p style="width: 420px">Kühlschrankaufräumdienst</p></body></html>' });
    expect(problems.join('\n')).toMatch(/420px wide|reaches/);
    await context.close();
  });

  it('as an admin: members, a member, my profile, the manage hub and a dashboard, the display links and a new link', async () => {
    const { context, page } = await phone(admin.cookie);
    const dashboardForm = await (await admin.get(`/${SLUG}/manage/displays`)).text();
    const dashboard_id = /name="dashboard_id" value="(\d+)"/.exec(dashboardForm)![1]!;
    const answers = {
      'members with a new invitation link': await (await admin.post(`/${SLUG}/invitations`, { role: 'viewer', note: 'Opa' })).text(),
      'members with every field wrong': await (await admin.post(`/${SLUG}/members`, { display_name: '', username: 'x', password: 'kurz', role: 'member', color: '#0072b2', avatar: '🦊🦊🦊' })).text(),
      'a new display link': await (await admin.post(`/${SLUG}/manage/displays`, { dashboard_id, label: 'Küche im Erdgeschoss' })).text(),
      'a label too long': await (await admin.post(`/${SLUG}/manage/displays`, { dashboard_id, label: 'K'.repeat(61) })).text(),
    };
    const hub = await (await admin.get(`/${SLUG}/manage`)).text();
    const dashboardPage = /href="(\/[^"]+\/manage\/dashboards\/\d+)"/.exec(hub)![1]!;
    const withTwo = `/${SLUG}/manage?done=dashboard-deleted&to=${dashboard_id}&chores=3&countdowns=1&links=2`;
    await allFit(page, [`/${SLUG}/members`, memberPage, `/${SLUG}/me`, `/${SLUG}/manage/displays`, `/${SLUG}/manage`, withTwo, dashboardPage], answers);
    await context.close();
  });

  it('as a member: my profile, and its password form’s message', async () => {
    const { context, page } = await phone(kid.cookie);
    const { problems } = await fits(page, { path: `/${SLUG}/me` });
    expect(problems).toEqual([]);
    const wrong = await (await kid.post(`/${SLUG}/me/password`, { current_password: 'falsch', password: 'ein neues Passwort' })).text();
    expect(wrong).toContain('Das ist nicht Ihr aktuelles Passwort.');
    expect((await fits(page, { html: wrong })).problems).toEqual([]);
    await context.close();
  });

  it('as a visitor: sign-in, the invitation, the start page and its messages', async () => {
    const { context, page } = await phone('');
    const german = { 'accept-language': 'de-DE' };
    const visitor = httpClient(server.url);
    const answers = {
      'a wrong password': await (await visitor.post(`/${SLUG}/login`, { username: 'mama', password: 'falsch' })).text(),
      'an invitation with every field wrong': await (await visitor.post(`/${SLUG}${invitation}`, { display_name: '', username: 'mama', password: 'x' })).text(),
      'the create form with every field wrong': await (await visitor.post('/signup', { family_name: '', slug: 'admin', username: 'a b', password: 'x', time_zone: 'Europe/Berlin' }, german)).text(),
    };
    // The family's pages speak the family's language; the start page the browser's (the phone's locale is de-DE).
    await allFit(page, [`/${SLUG}/login`, `/${SLUG}${invitation}`, `/${SLUG}/join/abgelaufen`, '/', '/go?family=Familie%20Schmidt-Wachtendonk'], answers);
    await context.close();
  });
});
