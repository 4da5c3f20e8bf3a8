import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GRANDPA, KID, PASSWORD, makeTestApp, type TestMember } from '../helpers/family-app.js';
import { addDays, dayNumber, formatIsoDate } from '../../src/calendar/civil-date.js';
import { turnIndex } from '../../src/kinds/chores/rotation.js';
import { getChore } from '../../src/kinds/chores/queries.js';
import { berlinToday, count, fieldError, fieldErrors, inFamily, pageText, smithsAndJoneses } from './manage-helpers.js';

const JOSEPHINE: TestMember = { username: 'josephine', password: PASSWORD, role: 'member', displayName: 'Josephine' };

const t = makeTestApp();
let admin: string;
let kid: string;
let grandpa: string;
let jonesAdmin: string;
let ids: { mum: number; estelle: number; josephine: number; grandpa: number };

beforeAll(async () => {
  ({ admin, kid, grandpa, jonesAdmin } = await smithsAndJoneses(t, [ADMIN, KID, JOSEPHINE, GRANDPA]));
  const members = await inFamily(t, 'smiths', (db) => db.selectFrom('members').select(['id', 'username']).execute());
  const id = (u: string) => members.find((m) => m.username === u)!.id;
  ids = { mum: id('mum'), estelle: id('estelle'), josephine: id('josephine'), grandpa: id('grandpa') };
});

function choreForm(overrides: Record<string, string> = {}): Record<string, string> {
  return { name: 'Empty the dishwasher', icon: '🍽️', dashboard_id: '1', mode: 'daily', rotation: 'Estelle\nJosephine', start_date: '', ...overrides };
}

async function createChore(overrides: Record<string, string> = {}): Promise<number> {
  const res = await t.post('/smiths/manage/chores/new', choreForm(overrides), admin);
  expect(res.status, await res.clone().text()).toBe(303);
  const match = /\/smiths\/manage\/chores\/(\d+)\?added=1$/.exec(res.headers.get('location') ?? '');
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const loadChore = (id: number) => inFamily(t, 'smiths', (db) => getChore(db, id));

/** Who has the turn today, by display name or free-text name. */
async function todaysPerson(id: number): Promise<string> {
  const chore = (await loadChore(id))!;
  const entry = chore.entries[turnIndex(chore.mode, { anchorDay: chore.anchor_day, offset: chore.turn_offset }, chore.entries.length, berlinToday())]!;
  return entry.display_name ?? entry.name!;
}

describe('adding a chore', () => {
  it('shows a form with the rotation box and the members to pick from', async () => {
    const res = await t.get('/smiths/manage/chores/new', admin);
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/<textarea[^>]*name="rotation"/);
    expect(html).toContain('One name per line');
    expect(html).toContain('(@josephine)');
    expect(html).toContain(`value="${formatIsoDate(berlinToday())}"`);
    expect(html).toContain('Next person every Monday');
  });

  it('stores members and free-text names in order, duplicates kept, starting today with the first line', async () => {
    const id = await createChore({ rotation: 'Estelle\n@mum\n\n  Grandma Rose \nESTELLE\njosephine' });
    const chore = (await loadChore(id))!;
    expect(chore.entries.map((e) => [e.member_id, e.name])).toEqual([
      [ids.estelle, null],
      [ids.mum, null],
      [null, 'Grandma Rose'],
      [ids.estelle, null],
      [ids.josephine, null],
    ]);
    expect(chore).toMatchObject({ mode: 'daily', anchor_day: dayNumber(berlinToday()), turn_offset: 0, icon: '🍽️', image_id: null });
    const page = await pageText(await t.get(`/smiths/manage/chores/${id}?added=1`, admin));
    expect(page).toContain("The chore was added. Estelle has today's turn.");
    // The next seven turns, starting today, in rotation order.
    const turns = [...page.matchAll(/<span class="turn-when">([^<]*)<\/span> <strong>([^<]*)<\/strong>/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(turns.slice(0, 3)).toEqual(['Today: Estelle', 'Tomorrow: Mum', `${formatLong(addDays(berlinToday(), 2))}: Grandma Rose`]);
    expect(turns).toHaveLength(7);
    expect(turns[5]).toMatch(/Estelle$/);
    // The box shows the rotation back as typed names.
    expect(page).toMatch(/<textarea[^>]*>Estelle\nMum\nGrandma Rose\nEstelle\nJosephine<\/textarea>/);
  });

  it('starts the rotation on a chosen day', async () => {
    const start = addDays(berlinToday(), -2);
    const id = await createChore({ rotation: 'Estelle\nJosephine\nMum', start_date: formatIsoDate(start) });
    expect((await loadChore(id))!.anchor_day).toBe(dayNumber(start));
    expect(await todaysPerson(id)).toBe('Mum');
  });

  it('refuses each bad field with a message at the field, keeps the values and stores nothing', async () => {
    const before = await count(t, 'smiths', 'chores');
    const cases: [Record<string, string>, string, string][] = [
      [{ name: '  ' }, 'name', 'Please give the chore a name.'],
      [{ name: 'x'.repeat(61) }, 'name', 'A chore name can have at most 60 characters.'],
      [{ rotation: '\n \n' }, 'rotation', 'Add at least one person to take turns.'],
      [{ rotation: Array.from({ length: 366 }, (_, i) => `Guest ${i}`).join('\n') }, 'rotation', 'A rotation can have at most 365 entries. This list has 366.'],
      [{ rotation: 'Estelle\n@nobody' }, 'rotation', 'Line 2: nobody in the family has the username "@nobody".'],
      [{ mode: 'hourly' }, 'mode', 'Please choose when the turn moves on.'],
      [{ dashboard_id: '999' }, 'dashboard_id', 'Please choose a dashboard.'],
      [{ dashboard_id: 'kitchen' }, 'dashboard_id', 'Please choose a dashboard.'],
      [{ start_date: '2026-02-30' }, 'start_date', 'Please enter a date like 2026-03-01.'],
      [{ icon: '' }, 'icon', 'Please choose an emoji, or upload a picture.'],
      [{ icon: 'broom' }, 'icon', 'An icon is one emoji (or one or two letters).'],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await t.post('/smiths/manage/chores/new', choreForm({ name: 'Feed the cat', ...overrides }), admin);
      expect(res.status, message).toBe(400);
      const html = await pageText(res);
      expect(fieldError(html, field), JSON.stringify(fieldErrors(html))).toBe(message);
      expect(html).toContain('Nothing was saved.');
      if (!('name' in overrides)) expect(html).toContain('value="Feed the cat"');
    }
    expect(await count(t, 'smiths', 'chores')).toBe(before);
  });

  it('accepts exactly 365 entries', async () => {
    const id = await createChore({ rotation: Array.from({ length: 365 }, (_, i) => (i % 2 ? 'Estelle' : `Guest ${i}`)).join('\n') });
    expect((await loadChore(id))!.entries).toHaveLength(365);
  });
});

describe('editing a chore keeps today\'s person where possible', () => {
  it('keeps the turn on reorder, hands it on when the person is removed, and says so', async () => {
    const id = await createChore({ rotation: 'Estelle\nJosephine\nMum', start_date: formatIsoDate(addDays(berlinToday(), -1)) });
    expect(await todaysPerson(id)).toBe('Josephine');

    const reorder = await t.post(`/smiths/manage/chores/${id}`, choreForm({ rotation: 'Mum\nEstelle\nJosephine' }), admin);
    expect(reorder.status).toBe(200);
    expect(await pageText(reorder)).toContain("Saved. Josephine keeps today's turn.");
    expect(await todaysPerson(id)).toBe('Josephine');
    expect((await loadChore(id))!).toMatchObject({ anchor_day: dayNumber(berlinToday()), turn_offset: 2 });

    const removal = await t.post(`/smiths/manage/chores/${id}`, choreForm({ rotation: 'Mum\nEstelle' }), admin);
    expect(await pageText(removal)).toContain("Saved. Josephine was removed, so Mum takes today's turn.");
    expect(await todaysPerson(id)).toBe('Mum');

    // Adding someone does not move the turn.
    const added = await t.post(`/smiths/manage/chores/${id}`, choreForm({ rotation: 'Grandpa\nMum\nEstelle' }), admin);
    expect(await pageText(added)).toContain("Saved. Mum keeps today's turn.");
    expect(await todaysPerson(id)).toBe('Mum');
  });

  it('keeps the person when the mode changes, in the words of the new mode', async () => {
    const id = await createChore({ rotation: 'Estelle\nJosephine', start_date: formatIsoDate(addDays(berlinToday(), -1)) });
    const res = await t.post(`/smiths/manage/chores/${id}`, choreForm({ rotation: 'Estelle\nJosephine', mode: 'completion' }), admin);
    expect(await pageText(res)).toContain('Saved. Josephine keeps the current turn.');
    expect((await loadChore(id))!.mode).toBe('completion');
    expect(await todaysPerson(id)).toBe('Josephine');
  });

  it('leaves the rotation alone when only the name changes, and can start again from the top', async () => {
    const id = await createChore({ rotation: 'Estelle\nJosephine', start_date: formatIsoDate(addDays(berlinToday(), -1)) });
    const before = (await loadChore(id))!;
    const renamed = await t.post(`/smiths/manage/chores/${id}`, choreForm({ name: 'Unload the dishwasher', rotation: 'Estelle\nJosephine' }), admin);
    expect(await pageText(renamed)).toContain("Saved. Josephine has today's turn.");
    expect((await loadChore(id))!).toMatchObject({ name: 'Unload the dishwasher', anchor_day: before.anchor_day, turn_offset: before.turn_offset });

    const restart = await t.post(`/smiths/manage/chores/${id}`, choreForm({ rotation: 'Estelle\nJosephine', restart_date: formatIsoDate(berlinToday()) }), admin);
    expect(await pageText(restart)).toContain('The rotation starts again from the top: Estelle has the turn on');
    expect(await todaysPerson(id)).toBe('Estelle');
  });

  it('refuses a bad edit with messages and changes nothing', async () => {
    const id = await createChore({ rotation: 'Estelle\nJosephine' });
    const before = await loadChore(id);
    const res = await t.post(`/smiths/manage/chores/${id}`, choreForm({ name: '', rotation: '', mode: 'sometimes' }), admin);
    expect(res.status).toBe(400);
    const html = await pageText(res);
    expect(fieldErrors(html)).toMatchObject({ name: 'Please give the chore a name.', rotation: 'Add at least one person to take turns.', mode: 'Please choose when the turn moves on.' });
    expect(await loadChore(id)).toEqual(before);
  });
});

describe('a chore\'s history', () => {
  it('lists who did it when, newest first, 20 to a page', async () => {
    const id = await createChore({ rotation: 'Estelle\nJosephine' });
    const today = dayNumber(berlinToday());
    await inFamily(t, 'smiths', (db) =>
      db
        .insertInto('chore_completions')
        .values(Array.from({ length: 25 }, (_, i) => ({ chore_id: id, day: today - 30 + i, done_by_member_id: i % 2 ? ids.josephine : ids.estelle, done_by_name: i % 2 ? 'Josephine' : 'Estelle', recorded_by_member_id: ids.mum })))
        .execute(),
    );
    const first = await pageText(await t.get(`/smiths/manage/chores/${id}`, admin));
    const rows = [...first.matchAll(/<span class="history-date">([^<]*)<\/span> <strong>([^<]*)<\/strong>/g)];
    expect(rows).toHaveLength(20);
    expect(rows[0]![1]).toBe(formatLong(addDays(berlinToday(), -6)));
    expect(rows[0]![2]).toBe('Estelle');
    expect(first).toContain('(ticked off by Mum)');
    expect(first).toContain('Page 1 of 2');
    expect(first).toContain(`href="/smiths/manage/chores/${id}?page=2#history-heading"`);
    const second = await pageText(await t.get(`/smiths/manage/chores/${id}?page=2`, admin));
    const older = [...second.matchAll(/<span class="history-date">([^<]*)<\/span>/g)];
    expect(older).toHaveLength(5);
    expect(older[4]![1]).toBe(formatLong(addDays(berlinToday(), -30)));
  });

  it('says so when nobody has done it yet', async () => {
    const id = await createChore();
    expect(await pageText(await t.get(`/smiths/manage/chores/${id}`, admin))).toContain('Nobody has marked this chore done yet.');
  });
});

describe('deleting a chore', () => {
  it('deletes the chore with its rotation and history', async () => {
    const id = await createChore();
    await inFamily(t, 'smiths', (db) => db.insertInto('chore_completions').values({ chore_id: id, day: dayNumber(berlinToday()), done_by_name: 'Estelle' }).execute());
    const res = await t.post(`/smiths/manage/chores/${id}/delete`, {}, admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/smiths/manage?done=chore-deleted');
    expect(await pageText(await t.get('/smiths/manage?done=chore-deleted', admin))).toContain('The chore was deleted.');
    const left = await inFamily(t, 'smiths', async (db) => ({
      chore: await db.selectFrom('chores').select('id').where('id', '=', id).execute(),
      entries: await db.selectFrom('chore_entries').select('id').where('chore_id', '=', id).execute(),
      history: await db.selectFrom('chore_completions').select('id').where('chore_id', '=', id).execute(),
    }));
    expect(left).toEqual({ chore: [], entries: [], history: [] });
    expect((await t.post(`/smiths/manage/chores/${id}/delete`, {}, admin)).status).toBe(404);
  });
});

describe('who may manage chores', () => {
  it('refuses members and viewers with 403, changing nothing', async () => {
    const id = await createChore();
    const before = await loadChore(id);
    const chores = await count(t, 'smiths', 'chores');
    for (const cookie of [kid, grandpa]) {
      const attempts = [
        await t.get('/smiths/manage/chores/new', cookie),
        await t.get(`/smiths/manage/chores/${id}`, cookie),
        await t.post('/smiths/manage/chores/new', choreForm(), cookie),
        await t.post(`/smiths/manage/chores/${id}`, choreForm({ name: 'Hacked', rotation: 'Estelle' }), cookie),
        await t.post(`/smiths/manage/chores/${id}/delete`, {}, cookie),
      ];
      expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    }
    expect(await loadChore(id)).toEqual(before);
    expect(await count(t, 'smiths', 'chores')).toBe(chores);
  });

  it('answers 404 for another family\'s chore', async () => {
    const id = await createChore({ name: 'Only the Smiths do this' });
    expect((await t.get(`/jones/manage/chores/${id}`, jonesAdmin)).status).toBe(404);
    expect((await t.post(`/jones/manage/chores/${id}`, choreForm({ rotation: 'dad' }), jonesAdmin)).status).toBe(404);
    expect((await t.post(`/jones/manage/chores/${id}/delete`, {}, jonesAdmin)).status).toBe(404);
    expect((await t.get('/jones/manage/chores/-1', jonesAdmin)).status).toBe(404);
    expect((await loadChore(id))!.name).toBe('Only the Smiths do this');
  });
});

function formatLong(d: { year: number; month: number; day: number }): string {
  const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const weekday = weekdays[(((dayNumber(d) + 3) % 7) + 7) % 7]!;
  return `${weekday}, ${d.day} ${months[d.month - 1]} ${d.year}`;
}
