import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, KID, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { resetClock, setClock } from '../../src/dashboards/clock.js';
import { dayNumber } from '../../src/calendar/civil-date.js';
import { hashToken } from '../../src/accounts/session.js';
import { addChore, addCountdown, addDashboard, addImage, cardHtml, clearItems, completionsOf, defaultDashboardId, memberIdOf, setSettings, textOf, turnOf } from '../dashboards/seed.js';

// Saturday, 14 February 2026, 12:00 in Berlin.
const NOON = new Date('2026-02-14T11:00:00Z');
const TODAY = dayNumber({ year: 2026, month: 2, day: 14 });

const t = makeTestApp();
let admin: string;
let kid: string;
let dashboardId: number;
let kidId: number;

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN, KID], { timeZone: 'Europe/Berlin' });
  await createTestFamily(t, 'jones', [{ ...ADMIN, username: 'jo' }]);
  admin = await t.signIn('smiths', ADMIN.username, ADMIN.password);
  kid = await t.signIn('smiths', KID.username, KID.password);
  dashboardId = await defaultDashboardId(t, 'smiths');
  kidId = await memberIdOf(t, 'smiths', KID.username);
});

beforeEach(async () => {
  setClock(NOON);
  await clearItems(t, 'smiths');
  await setSettings(t, 'smiths', { display_can_complete: 0, night_mode: 1, night_start: '22:00', night_end: '07:00' });
});
afterAll(() => resetClock());

/** Creates a display link as the admin does, and returns its path (the token is only in the page that answers). */
async function createLink(label = 'Kitchen', forDashboard = dashboardId, slug = 'smiths', cookie = admin): Promise<string> {
  const res = await t.post(`/${slug}/manage/displays`, { dashboard_id: String(forDashboard), label }, cookie);
  expect(res.status).toBe(200);
  const match = new RegExp(`http://localhost(/${slug}/display/[a-z2-7]{32})`).exec(await res.text());
  if (!match) throw new Error('no display link on the page');
  return match[1]!;
}

const tokenOf = (path: string) => path.split('/').pop()!;

describe('display links, for admins', () => {
  it('are made with a label, stored only as a hash, and listed without their address', async () => {
    const path = await createLink('Hall tablet');
    const rows = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('display_links').selectAll().execute());
    const row = rows.find((r) => r.label === 'Hall tablet')!;
    expect(row.token_hash).toBe(hashToken(tokenOf(path)));
    expect(JSON.stringify(rows)).not.toContain(tokenOf(path));
    const list = await (await t.get('/smiths/manage/displays', admin)).text();
    expect(list).toContain('Hall tablet');
    expect(list).not.toContain(tokenOf(path));
  });

  it('refuse a label that is too long or a dashboard of another family', async () => {
    const long = await t.post('/smiths/manage/displays', { dashboard_id: String(dashboardId), label: 'x'.repeat(61) }, admin);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('at most 60 characters');
    const jonesDashboard = await addDashboard(t, 'jones', 'Jones wall');
    const foreign = await t.post('/smiths/manage/displays', { dashboard_id: String(jonesDashboard + 100) }, admin);
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('Please choose a dashboard');
  });

  it('are only for admins', async () => {
    expect((await t.get('/smiths/manage/displays', kid)).status).toBe(403);
    const before = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('display_links').select('id').execute());
    expect((await t.post('/smiths/manage/displays', { dashboard_id: String(dashboardId) }, kid)).status).toBe(403);
    const after = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('display_links').select('id').execute());
    expect(after).toHaveLength(before.length);
    const anonymous = await t.get('/smiths/manage/displays');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/smiths/login');
  });

  it('stop working when revoked, and get a new address when regenerated', async () => {
    const path = await createLink('Revoke me');
    const id = await t.pool.withFamily('smiths', async ({ db }) => (await db.selectFrom('display_links').select('id').where('label', '=', 'Revoke me').executeTakeFirstOrThrow()).id);
    expect((await t.get(path)).status).toBe(200);
    expect((await t.post(`/smiths/manage/displays/${id}/revoke`, {}, admin)).status).toBe(303);
    for (const p of [path, `${path}/content`]) expect((await t.get(p)).status, p).toBe(404);

    const regenerated = await t.post(`/smiths/manage/displays/${id}/regenerate`, {}, admin);
    expect(regenerated.status).toBe(200);
    const fresh = /http:\/\/localhost(\/smiths\/display\/[a-z2-7]{32})/.exec(await regenerated.text())![1]!;
    expect(fresh).not.toBe(path);
    expect((await t.get(fresh)).status).toBe(200);
    expect((await t.get(path)).status).toBe(404);
    expect((await t.post('/smiths/manage/displays/99999/revoke', {}, admin)).status).toBe(404);

    // A revoked link can be removed from the list.
    expect((await t.post(`/smiths/manage/displays/${id}/revoke`, {}, admin)).status).toBe(303);
    expect((await t.post(`/smiths/manage/displays/${id}/delete`, {}, admin)).status).toBe(303);
    expect(await (await t.get('/smiths/manage/displays', admin)).text()).not.toContain('Revoke me');
    expect((await t.get(fresh)).status).toBe(404);
  });
});

describe('the wall display', () => {
  it('shows the dashboard without signing in, read-only by default', async () => {
    const path = await createLink();
    const choreId = await addChore(t, 'smiths', { dashboardId, name: 'Feed the cat', icon: '🐈', anchorDay: TODAY, people: [{ memberId: kidId }, { name: 'Dad' }] });
    await addCountdown(t, 'smiths', { dashboardId, name: 'Carnival', month: 2, day: 16 });
    const res = await t.get(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Saturday, 14 February 2026');
    expect(turnOf(cardHtml(html, `chore-${choreId}`))).toBe(KID.displayName);
    expect(textOf(html)).toContain('Carnival');
    expect(textOf(html)).toContain('2 days');
    expect(html).not.toContain('<button');
    expect(html).not.toContain('class="topbar"');
    expect(html).toContain(`hx-get="${path}/content"`);
    expect(html).toContain('data-display="1"');
    expect(html).toContain('name="robots" content="noindex, nofollow"');

    const post = await t.post(`${path}/chores/${choreId}/done`, {});
    expect(post.status).toBe(403);
    expect(await completionsOf(t, 'smiths', choreId)).toHaveLength(0);
  });

  it('marks chores done with a tap when the family allows it', async () => {
    await setSettings(t, 'smiths', { display_can_complete: 1 });
    const path = await createLink();
    const choreId = await addChore(t, 'smiths', { dashboardId, name: 'Feed the cat', anchorDay: TODAY, people: [{ memberId: kidId }, { name: 'Dad' }] });
    const card = cardHtml(await (await t.get(path)).text(), `chore-${choreId}`);
    expect(card).toContain(`action="${path}/chores/${choreId}/done"`);

    const res = await t.post(`${path}/chores/${choreId}/done`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${path}#chore-${choreId}`);
    const rows = await completionsOf(t, 'smiths', choreId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ done_by_member_id: kidId, recorded_by_member_id: null });

    const undo = await t.post(`${path}/chores/${choreId}/undo`, {}, undefined, { 'hx-request': 'true' });
    expect(undo.status).toBe(200);
    expect(await undo.text()).toMatch(/^<div id="dash-content"/);
    expect(await completionsOf(t, 'smiths', choreId)).toHaveLength(0);

    // Only chores of the display's own dashboard, and the same origin check as everywhere.
    const otherDashboard = await addDashboard(t, 'smiths', 'Upstairs');
    const upstairs = await addChore(t, 'smiths', { dashboardId: otherDashboard, name: 'Bathroom', anchorDay: TODAY, people: [{ name: 'Dad' }] });
    expect((await t.post(`${path}/chores/${upstairs}/done`, {})).status).toBe(404);
    expect(await completionsOf(t, 'smiths', upstairs)).toHaveLength(0);
    expect((await t.post(`${path}/chores/${choreId}/done`, {}, undefined, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await completionsOf(t, 'smiths', choreId)).toHaveLength(0);
  });

  it('refreshes as a fragment with an ETag, 304 while nothing changed', async () => {
    const path = await createLink();
    const choreId = await addChore(t, 'smiths', { dashboardId, name: 'Feed the cat', anchorDay: TODAY, people: [{ memberId: kidId }] });
    const res = await t.get(`${path}/content`, undefined, { 'hx-request': 'true' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(res.headers.get('vary')).toMatch(/HX-Request/);
    const etag = res.headers.get('etag')!;
    const again = await t.get(`${path}/content`, undefined, { 'hx-request': 'true', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await t.post(`/smiths/chores/${choreId}/done`, {}, kid);
    const changed = await t.get(`${path}/content`, undefined, { 'hx-request': 'true', 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(textOf(await changed.text())).toContain(`Done by ${KID.displayName}`);

    setClock(new Date('2026-02-14T23:30:00Z'));
    const nextDay = await t.get(`${path}/content`, undefined, { 'hx-request': 'true', 'if-none-match': changed.headers.get('etag')! });
    expect(nextDay.status).toBe(200);
    expect(await nextDay.text()).toContain('Sunday, 15 February 2026');
  });

  it('dims at night and carries the night hours for app.js', async () => {
    const path = await createLink();
    const day = await (await t.get(path)).text();
    expect(day).toMatch(/<body class="display">/);
    expect(day).toContain('data-night-start="22:00"');
    expect(day).toContain('data-night-end="07:00"');
    setClock(new Date('2026-02-14T22:30:00Z')); // 23:30 in Berlin
    expect(await (await t.get(path)).text()).toMatch(/<body class="display night">/);
    await setSettings(t, 'smiths', { night_mode: 0 });
    expect(await (await t.get(path)).text()).toMatch(/<body class="display">/);
  });

  it('serves only the pictures its dashboard shows', async () => {
    const path = await createLink();
    const shown = await addImage(t, 'smiths', new Uint8Array([82, 73, 70, 70, 1]), 'a'.repeat(64));
    const hidden = await addImage(t, 'smiths', new Uint8Array([82, 73, 70, 70, 2]), 'b'.repeat(64));
    const choreId = await addChore(t, 'smiths', { dashboardId, name: 'Cat', imageId: shown, anchorDay: TODAY, people: [{ name: 'Dad' }] });
    expect(cardHtml(await (await t.get(path)).text(), `chore-${choreId}`)).toContain(`src="${path}/images/${shown}"`);

    const image = await t.get(`${path}/images/${shown}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect([...new Uint8Array(await image.arrayBuffer())]).toEqual([82, 73, 70, 70, 1]);
    expect((await t.get(`${path}/images/${shown}`, undefined, { 'if-none-match': image.headers.get('etag')! })).status).toBe(304);
    expect((await t.get(`${path}/images/${hidden}`)).status).toBe(404);
    expect((await t.get(`${path}/images/abc`)).status).toBe(404);
  });

  it('answers 404 for tokens that are not this family\'s', async () => {
    const jonesPath = await createLink('Jones', await defaultDashboardId(t, 'jones'), 'jones', await t.signIn('jones', 'jo', ADMIN.password));
    expect((await t.get(jonesPath)).status).toBe(200);
    const token = tokenOf(jonesPath);
    for (const p of [`/smiths/display/${token}`, `/smiths/display/${token}/content`, '/smiths/display/not-a-token', `/smiths/display/${'a'.repeat(32)}`]) {
      expect((await t.get(p)).status, p).toBe(404);
    }
    expect((await t.post(`/smiths/display/${token}/chores/1/done`, {})).status).toBe(404);
  });
});
