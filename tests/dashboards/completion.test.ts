import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, GRANDPA, KID, makeTestApp } from '../helpers/family-app.js';
import { resetClock, setClock } from '../../src/dashboards/clock.js';
import { dayNumber } from '../../src/calendar/civil-date.js';
import { addChore, cardHtml, clearItems, completionsOf, defaultDashboardId, textOf, turnOf, turnOffsetOf, smithsAndJoneses } from './seed.js';

// Friday 5 June 2026, 18:00 in Berlin.
const NOW = new Date('2026-06-05T16:00:00Z');
const TODAY = dayNumber({ year: 2026, month: 6, day: 5 });
const TOMORROW_NOW = new Date('2026-06-06T08:00:00Z');

const t = makeTestApp();
let admin: string;
let kid: string;
let viewer: string;
let dashboardId: number;
let kidId: number;
let adminId: number;
let viewerId: number;

beforeAll(async () => {
  ({ admin, kid, viewer, dashboardId, kidId, adminId, viewerId } = await smithsAndJoneses(t));
});

beforeEach(async () => {
  setClock(NOW);
  await clearItems(t, 'smiths');
});
afterAll(() => resetClock());

/** Dishes: the kid's turn today, then Mum's, then Grandpa's. */
function dishes(mode: 'daily' | 'completion' = 'daily') {
  return addChore(t, 'smiths', { dashboardId, name: 'Dishes', mode, anchorDay: TODAY, people: [{ memberId: kidId }, { memberId: adminId }, { memberId: viewerId }] });
}

async function entryIds(choreId: number): Promise<number[]> {
  return t.pool.withFamily('smiths', async ({ db }) => (await db.selectFrom('chore_entries').select('id').where('chore_id', '=', choreId).orderBy('position').execute()).map((r) => r.id));
}

describe('marking a chore done', () => {
  it('records today\'s turn with one tap and shows the chore done until the next day', async () => {
    const id = await dishes();
    const res = await t.post(`/smiths/chores/${id}/done`, {}, kid);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/smiths/#chore-${id}`);
    const rows = await completionsOf(t, 'smiths', id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ day: TODAY, done_by_member_id: kidId, done_by_name: KID.displayName, recorded_by_member_id: kidId });

    const card = cardHtml(await (await t.get('/smiths/', kid)).text(), `chore-${id}`);
    expect(card).toContain('is-done');
    expect(textOf(card)).toContain(`Done by ${KID.displayName}`);
    expect(card).toContain(`action="/smiths/chores/${id}/undo"`);

    setClock(TOMORROW_NOW);
    const tomorrow = cardHtml(await (await t.get('/smiths/', kid)).text(), `chore-${id}`);
    expect(tomorrow).not.toContain('is-done');
    expect(turnOf(tomorrow)).toBe(ADMIN.displayName);
  });

  it('records whoever was chosen as having done it', async () => {
    const id = await dishes();
    const [, mumEntry] = await entryIds(id);
    expect((await t.post(`/smiths/chores/${id}/done`, { entry: String(mumEntry) }, kid)).status).toBe(303);
    const rows = await completionsOf(t, 'smiths', id);
    expect(rows[0]).toMatchObject({ done_by_member_id: adminId, done_by_name: ADMIN.displayName, recorded_by_member_id: kidId });
  });

  it('offers everyone in the rotation as "who did it", today\'s turn first chosen', async () => {
    const id = await dishes();
    const [kidEntry] = await entryIds(id);
    const card = cardHtml(await (await t.get('/smiths/', kid)).text(), `chore-${id}`);
    expect(card).toContain('<details');
    expect(card).toMatch(new RegExp(`<option value="${kidEntry}" selected="">${KID.displayName}</option>`));
    expect(card).toContain(`>${ADMIN.displayName}</option>`);
    expect(card).toContain(`>${GRANDPA.displayName}</option>`);
  });

  it('refuses someone who is not in the rotation, and changes nothing', async () => {
    const id = await dishes();
    const other = await addChore(t, 'smiths', { dashboardId, name: 'Bins', anchorDay: TODAY, people: [{ name: 'Lodger' }] });
    const [lodgerEntry] = await entryIds(other);
    for (const entry of [String(lodgerEntry), 'nobody', '0']) {
      const res = await t.post(`/smiths/chores/${id}/done`, { entry }, kid);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Please choose who did');
    }
    expect(await completionsOf(t, 'smiths', id)).toHaveLength(0);
  });

  it('does not record a second completion for a second tap', async () => {
    const id = await dishes('completion');
    await t.post(`/smiths/chores/${id}/done`, {}, kid);
    await t.post(`/smiths/chores/${id}/done`, {}, admin);
    expect(await completionsOf(t, 'smiths', id)).toHaveLength(1);
    expect(await turnOffsetOf(t, 'smiths', id)).toBe(1);
  });

  it('refuses viewers with a 403 and changes nothing', async () => {
    const id = await dishes('completion');
    const res = await t.post(`/smiths/chores/${id}/done`, {}, viewer);
    expect(res.status).toBe(403);
    expect(await completionsOf(t, 'smiths', id)).toHaveLength(0);
    expect(await turnOffsetOf(t, 'smiths', id)).toBe(0);
    await t.post(`/smiths/chores/${id}/done`, {}, kid);
    expect((await t.post(`/smiths/chores/${id}/undo`, {}, viewer)).status).toBe(403);
    expect(await completionsOf(t, 'smiths', id)).toHaveLength(1);
  });

  it('sends anonymous visitors to sign in, and refuses posts from other sites', async () => {
    const id = await dishes();
    const anonymous = await t.post(`/smiths/chores/${id}/done`, {});
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/smiths/login');
    const forged = await t.post(`/smiths/chores/${id}/done`, {}, kid, { origin: 'http://evil.example' });
    expect(forged.status).toBe(403);
    expect(await completionsOf(t, 'smiths', id)).toHaveLength(0);
  });

  it('answers 404 for a chore of another family or no chore at all', async () => {
    await dishes();
    const jonesDashboard = await defaultDashboardId(t, 'jones');
    const jonesChore = await addChore(t, 'jones', { dashboardId: jonesDashboard, name: 'Jones chore', anchorDay: TODAY, people: [{ name: 'Jo' }] });
    const missing = jonesChore + 1000;
    for (const path of [`/smiths/chores/${missing}/done`, `/smiths/chores/${missing}/undo`, '/smiths/chores/abc/done', `/smiths/chores/${missing}/explode`]) {
      expect((await t.post(path, {}, kid)).status, path).toBe(404);
    }
    expect(await completionsOf(t, 'jones', jonesChore)).toHaveLength(0);
  });
});

describe('undoing', () => {
  it('takes back today\'s completion', async () => {
    const id = await dishes();
    await t.post(`/smiths/chores/${id}/done`, {}, kid);
    const res = await t.post(`/smiths/chores/${id}/undo`, {}, admin);
    expect(res.status).toBe(303);
    expect(await completionsOf(t, 'smiths', id)).toHaveLength(0);
    const card = cardHtml(await (await t.get('/smiths/', kid)).text(), `chore-${id}`);
    expect(card).not.toContain('is-done');
    expect(turnOf(card)).toBe(KID.displayName);
  });

  it('cannot undo yesterday\'s completion', async () => {
    const id = await dishes();
    await t.post(`/smiths/chores/${id}/done`, {}, kid);
    setClock(TOMORROW_NOW);
    expect((await t.post(`/smiths/chores/${id}/undo`, {}, kid)).status).toBe(303);
    const rows = await completionsOf(t, 'smiths', id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.day).toBe(TODAY);
  });
});

describe('chores that move on when done', () => {
  it('advances the rotation on done and reverts it on undo', async () => {
    const id = await dishes('completion');
    expect(turnOf(cardHtml(await (await t.get('/smiths/', kid)).text(), `chore-${id}`))).toBe(KID.displayName);

    await t.post(`/smiths/chores/${id}/done`, {}, kid);
    expect(await turnOffsetOf(t, 'smiths', id)).toBe(1);
    const done = cardHtml(await (await t.get('/smiths/', kid)).text(), `chore-${id}`);
    expect(textOf(done)).toContain(`Done by ${KID.displayName}`);
    expect(textOf(done)).toContain(`Next: ${ADMIN.displayName}`);

    await t.post(`/smiths/chores/${id}/undo`, {}, kid);
    expect(await turnOffsetOf(t, 'smiths', id)).toBe(0);
    expect(await completionsOf(t, 'smiths', id)).toHaveLength(0);

    // The next day it is Mum's turn only if the kid's completion stands.
    await t.post(`/smiths/chores/${id}/done`, {}, kid);
    setClock(TOMORROW_NOW);
    expect(turnOf(cardHtml(await (await t.get('/smiths/', kid)).text(), `chore-${id}`))).toBe(ADMIN.displayName);
  });
});

describe('with htmx', () => {
  it('answers the refreshed content in place instead of a redirect', async () => {
    const id = await dishes();
    const res = await t.post(`/smiths/chores/${id}/done`, {}, kid, { 'hx-request': 'true' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toMatch(/^<div id="dash-content"/);
    expect(html).toContain(`data-announce="&quot;Dishes&quot; is done by ${KID.displayName}."`);
    expect(textOf(cardHtml(html, `chore-${id}`))).toContain(`Done by ${KID.displayName}`);
    // Its ETag is the one a poll now gets a 304 for.
    const etag = /data-etag="([^"]*)"/.exec(html)![1]!.replace(/&quot;/g, '"');
    const poll = await t.get(`/smiths/d/${dashboardId}/content`, kid, { 'hx-request': 'true', 'if-none-match': etag });
    expect(poll.status).toBe(304);
  });

  it('posts from every chore form with hx-post to the same address as without JavaScript', async () => {
    const id = await dishes();
    const card = cardHtml(await (await t.get('/smiths/', kid)).text(), `chore-${id}`);
    expect(card).toMatch(new RegExp(`action="/smiths/chores/${id}/done"[^>]* hx-post="/smiths/chores/${id}/done"`));
    const page = await (await t.get('/smiths/', kid)).text();
    expect(page).toMatch(/class="dash-sections" hx-target="#dash-content" hx-swap="outerHTML" hx-sync="#dash-content:replace"/);
  });
});
