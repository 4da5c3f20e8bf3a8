import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KID, makeTestApp } from '../helpers/family-app.js';
import { resetClock, setClock } from '../../src/dashboards/clock.js';
import { dayNumber } from '../../src/calendar/civil-date.js';
import { addChore, addCountdown, addDashboard, cardHtml, clearItems, setSettings, textOf, turnOf, smithsAndJoneses } from './seed.js';

// Tuesday, 10 March 2026, 11:00 in Berlin.
const NOW = new Date('2026-03-10T10:00:00Z');
const TODAY = dayNumber({ year: 2026, month: 3, day: 10 });
const DAY_MS = 86_400_000;

const t = makeTestApp();
let admin: string;
let kid: string;
let viewer: string;
let dashboardId: number;
let kidId: number;
let adminId: number;

beforeAll(async () => {
  ({ admin, kid, viewer, dashboardId, kidId, adminId } = await smithsAndJoneses(t));
});

beforeEach(async () => {
  setClock(NOW);
  await clearItems(t, 'smiths');
});
afterAll(() => resetClock());

describe('the dashboard page', () => {
  it('sends anonymous visitors to sign in, for the page and its fragment', async () => {
    const page = await t.get('/smiths/');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/smiths/login');
    const fragment = await t.get(`/smiths/d/${dashboardId}/content`);
    expect(fragment.status).toBe(303);
    expect(fragment.headers.get('location')).toContain('/smiths/login');
  });

  it('shows today in the family\'s date format and time zone', async () => {
    // 23:30 UTC on 10 March is already 11 March in Berlin.
    setClock(new Date('2026-03-10T23:30:00Z'));
    expect(await (await t.get('/smiths/', kid)).text()).toContain('Wednesday, 11 March 2026');
    await setSettings(t, 'smiths', { date_format: 'iso' });
    try {
      expect(await (await t.get('/smiths/', kid)).text()).toContain('2026-03-11');
    } finally {
      await setSettings(t, 'smiths', { date_format: 'long' });
    }
  });

  it('tells an admin how to add the first item when the dashboard is empty', async () => {
    const html = await (await t.get('/smiths/', admin)).text();
    expect(html).toContain('Nothing on this dashboard yet');
    expect(html).toContain('href="/smiths/manage"');
    const kidHtml = await (await t.get('/smiths/', kid)).text();
    expect(kidHtml).toContain('Nothing on this dashboard yet');
    expect(kidHtml).not.toContain('href="/smiths/manage"');
  });

  it('shows whose turn it is today by the rotation, with the member\'s avatar and colour', async () => {
    // Anchored yesterday: today is the second entry, tomorrow the third.
    const id = await addChore(t, 'smiths', {
      dashboardId,
      name: 'Dishes',
      icon: '🍽️',
      anchorDay: TODAY - 1,
      people: [{ memberId: adminId }, { memberId: kidId }, { name: 'Oma Ruth' }],
    });
    const card = cardHtml(await (await t.get('/smiths/', admin)).text(), `chore-${id}`);
    expect(textOf(card)).toContain('Dishes');
    expect(turnOf(card)).toBe(KID.displayName);
    expect(card).toContain('🍽️');
    const kidLook = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('members').select(['color', 'avatar']).where('id', '=', kidId).executeTakeFirstOrThrow());
    expect(card).toContain(`--member-color: ${kidLook.color}`);
    expect(card).toContain(kidLook.avatar);
    expect(card).toContain(`Mark &quot;Dishes&quot; done for ${KID.displayName}`);

    setClock(new Date(NOW.getTime() + DAY_MS));
    const tomorrow = cardHtml(await (await t.get('/smiths/', admin)).text(), `chore-${id}`);
    expect(turnOf(tomorrow)).toBe('Oma Ruth');
  });

  it('lists countdowns soonest first: Today!, Tomorrow, then days; a past one-off is gone', async () => {
    await addCountdown(t, 'smiths', { dashboardId, name: 'Easter trip', month: 3, day: 20 });
    await addCountdown(t, 'smiths', { dashboardId, name: 'Opa birthday', month: 3, day: 10 });
    await addCountdown(t, 'smiths', { dashboardId, name: 'Dentist', kind: 'once', year: 2026, month: 3, day: 9 });
    await addCountdown(t, 'smiths', { dashboardId, name: 'Swimming gala', kind: 'once', year: 2026, month: 3, day: 11 });
    const text = textOf(await (await t.get('/smiths/', kid)).text());
    expect(text).toMatch(/Opa birthday .*Today!.*Swimming gala .*Tomorrow.*Easter trip .*10 days/);
    expect(text).not.toContain('Dentist');
  });

  it('scales cards with the dashboard\'s layout size, and links between dashboards', async () => {
    const second = await addDashboard(t, 'smiths', 'Holidays', 'large');
    try {
      const home = await (await t.get('/smiths/', kid)).text();
      expect(home).toContain('size-medium');
      expect(home).toContain('aria-label="Dashboards"');
      expect(home).toContain(`href="/smiths/d/${second}"`);
      const other = await t.get(`/smiths/d/${second}`, kid);
      expect(other.status).toBe(200);
      const html = await other.text();
      expect(html).toContain('size-large');
      expect(html).toMatch(new RegExp(`href="/smiths/d/${second}" aria-current="page"`));
      expect(html).toContain(`hx-get="/smiths/d/${second}/content"`);
    } finally {
      await t.pool.withFamily('smiths', ({ db }) => db.deleteFrom('dashboards').where('id', '=', second).execute());
    }
  });

  it('answers 404 for dashboards that are not there or belong to another family', async () => {
    const jonesDashboard = await addDashboard(t, 'jones', 'Jones only');
    for (const path of [`/smiths/d/${jonesDashboard}`, `/smiths/d/${jonesDashboard}/content`, '/smiths/d/abc', '/smiths/d/0/content']) {
      expect((await t.get(path, kid)).status, path).toBe(404);
    }
  });

  it('shows no buttons to a viewer', async () => {
    const id = await addChore(t, 'smiths', { dashboardId, name: 'Bins', anchorDay: TODAY, people: [{ memberId: kidId }] });
    const card = cardHtml(await (await t.get('/smiths/', viewer)).text(), `chore-${id}`);
    expect(turnOf(card)).toBe(KID.displayName);
    expect(card).not.toContain('<form');
    expect(card).not.toContain('<button');
  });
});

describe('the refreshing fragment', () => {
  const fragment = (cookie: string, headers: Record<string, string> = {}) => t.get(`/smiths/d/${dashboardId}/content`, cookie, { 'hx-request': 'true', ...headers });

  it('is only the content, varies by HX-Request and cookie, and carries an ETag', async () => {
    await addChore(t, 'smiths', { dashboardId, name: 'Dishes', anchorDay: TODAY, people: [{ memberId: kidId }] });
    const res = await fragment(kid);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toMatch(/^<div id="dash-content"/);
    expect(html).toContain('hx-trigger="every 30s');
    expect(res.headers.get('vary')).toMatch(/HX-Request/);
    expect(res.headers.get('vary')).toMatch(/Cookie/);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(html).toContain(`data-etag="${res.headers.get('etag')!.replace(/"/g, '&quot;')}"`);
    // The page polls the fragment every 30 s, and falls back to a meta refresh without JavaScript.
    const page = await (await t.get('/smiths/', kid)).text();
    expect(page).toContain(`hx-get="/smiths/d/${dashboardId}/content"`);
    expect(page).toMatch(/<noscript><meta http-equiv="refresh" content="60"/);
  });

  it('answers 304 with no body while nothing changed, and new content once something did', async () => {
    const choreId = await addChore(t, 'smiths', { dashboardId, name: 'Dishes', anchorDay: TODAY, people: [{ memberId: kidId }] });
    const first = await fragment(kid);
    const etag = first.headers.get('etag')!;
    const again = await fragment(kid, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    const done = await t.post(`/smiths/chores/${choreId}/done`, {}, kid);
    expect(done.status).toBe(303);
    const after = await fragment(kid, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('Done by');
  });

  it('changes its ETag with the family\'s day and with who looks', async () => {
    const today = (await fragment(kid)).headers.get('etag')!;
    // Later the same day: still the same.
    setClock(new Date(NOW.getTime() + 2 * 3600_000));
    expect((await fragment(kid, { 'if-none-match': today })).status).toBe(304);
    // After midnight in Berlin: new content for the new day.
    setClock(new Date('2026-03-10T23:01:00Z'));
    const next = await fragment(kid, { 'if-none-match': today });
    expect(next.status).toBe(200);
    expect(await next.text()).toContain('Wednesday, 11 March 2026');
    setClock(NOW);
    // Buttons differ by role: an admin's and a viewer's copies are not the kid's.
    expect((await fragment(admin)).headers.get('etag')).not.toBe(today);
    expect((await fragment(viewer, { 'if-none-match': today })).status).toBe(200);
  });

  it('gives the full page its own ETag and 304 too', async () => {
    const page = await t.get('/smiths/', kid);
    const etag = page.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await t.get('/smiths/', kid, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await t.get(`/smiths/d/${dashboardId}/content`, kid, { 'if-none-match': etag })).status).toBe(200);
  });

  it('tells the browser when the family\'s day ends', async () => {
    // 11:00 in Berlin: 13 hours until midnight.
    const html = await (await fragment(kid)).text();
    expect(html).toContain(`data-ms-until-midnight="${13 * 3600_000}"`);
  });
});
