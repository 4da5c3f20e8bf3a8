import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../helpers/family-app.js';
import { fieldError, fieldErrors, inFamily, smithsAndJoneses } from '../../manage/manage-helpers.js';
import { resetClock, setClock } from '../../../src/dashboards/clock.js';
import { addEvent, inputValue } from './calendar-helpers.js';

// Birthdays' people: members give their date of birth on their page (admins)
// or on /me; named people (Grandma, the dog) are kept by admins at
// /manage/calendar/people. Optional, YYYY-MM-DD, never in the future.

const t = makeTestApp();
let admin: string;
let kid: string;
let grandpa: string;

beforeAll(async () => {
  // 10 March 2026 in Berlin.
  setClock(new Date('2026-03-10T12:00:00Z'));
  ({ admin, kid, grandpa } = await smithsAndJoneses(t));
});
afterAll(() => resetClock());

const member = (id: number) => inFamily(t, 'smiths', (db) => db.selectFrom('members').select(['display_name', 'color', 'avatar', 'birth_date']).where('id', '=', id).executeTakeFirstOrThrow());
const people = () => inFamily(t, 'smiths', (db) => db.selectFrom('named_people').selectAll().orderBy('id').execute());

const BAD_DATES: [string, string][] = [
  ['2026-03-11', 'A date of birth cannot be in the future.'],
  ['2017-04-31', 'There is no 31 April 2017.'],
  ['2017-02-29', 'There is no 29 February 2017.'],
  ['12.05.2017', 'Please give a date like 2017-05-12.'],
  ['1850-01-01', 'Please give a year from 1900 on.'],
];

describe("a member's date of birth", () => {
  it('is set, changed and cleared on /me', async () => {
    const html = await (await t.get('/smiths/me', kid)).text();
    expect(html).toContain('<input id="f-birth_date" name="birth_date" type="date"');
    const profile = { display_name: 'Estelle', color: '#dc2626', avatar: '🦊' };
    expect((await t.post('/smiths/me', { ...profile, birth_date: '2017-05-12' }, kid)).status).toBe(303);
    expect((await member(2)).birth_date).toBe('2017-05-12');
    expect(inputValue(await (await t.get('/smiths/me', kid)).text(), 'birth_date')).toBe('2017-05-12');
    // Today is not the future.
    expect((await t.post('/smiths/me', { ...profile, birth_date: '2026-03-10' }, kid)).status).toBe(303);
    expect((await member(2)).birth_date).toBe('2026-03-10');
    expect((await t.post('/smiths/me', { ...profile, birth_date: '' }, kid)).status).toBe(303);
    expect((await member(2)).birth_date).toBeNull();
    // A form without the field (an older page) leaves it as it is.
    await t.post('/smiths/me', { ...profile, birth_date: '2017-05-12' }, kid);
    expect((await t.post('/smiths/me', { ...profile, display_name: 'Estelle S.' }, kid)).status).toBe(303);
    expect(await member(2)).toMatchObject({ display_name: 'Estelle S.', birth_date: '2017-05-12' });
  });

  it.each(BAD_DATES)('refuses %s on /me at the field, saving nothing of the form', async (birth_date, message) => {
    const before = await member(2);
    const res = await t.post('/smiths/me', { display_name: 'Renamed', color: '#dc2626', avatar: '🦊', birth_date }, kid);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldErrors(html)).toEqual({ birth_date: message });
    expect(inputValue(html, 'display_name')).toBe('Renamed');
    expect(await member(2)).toEqual(before);
  });

  it("is set on a member's page by an admin, with the same checks", async () => {
    const form = { display_name: 'Grandpa', role: 'viewer', color: '#16a34a', avatar: '👴' };
    const page = await (await t.get('/smiths/members/3', admin)).text();
    expect(page).toContain('name="birth_date"');
    const res = await t.post('/smiths/members/3', { ...form, birth_date: '1950-03-10' }, admin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Saved.');
    expect((await member(3)).birth_date).toBe('1950-03-10');
    for (const [birth_date, message] of BAD_DATES) {
      const bad = await t.post('/smiths/members/3', { ...form, display_name: 'Renamed', birth_date }, admin);
      expect(bad.status).toBe(400);
      expect(fieldError(await bad.text(), 'birth_date')).toBe(message);
      expect(await member(3)).toMatchObject({ display_name: 'Grandpa', birth_date: '1950-03-10' });
    }
    // Not on the form for adding a member (they give it themselves later).
    const members = await (await t.get('/smiths/members', admin)).text();
    expect(members.slice(members.indexOf('Add a member'))).not.toContain('name="birth_date"');
  });
});

describe('people and pets', () => {
  it('are listed, added, changed and deleted by admins at /manage/calendar/people', async () => {
    const empty = await t.get('/smiths/manage/calendar/people', admin);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('Nobody yet.');
    // The calendar's admin page leads there.
    expect(await (await t.get('/smiths/manage/calendar', admin)).text()).toContain('href="/smiths/manage/calendar/people"');

    let res = await t.post('/smiths/manage/calendar/people', { name: '  Grandma  Rose ', kind: 'person', birth_date: '1948-03-12', color: '#DB2777', avatar: '👵' }, admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/smiths/manage/calendar/people?done=added');
    res = await t.post('/smiths/manage/calendar/people', { name: 'Rex', kind: 'pet', birth_date: '2020-02-29', birth_year_unknown: 'on', color: '#ca8a04', avatar: '' }, admin);
    expect(res.status).toBe(303);
    const [grandma, rex] = await people();
    expect(grandma).toMatchObject({ name: 'Grandma Rose', kind: 'person', birth_date: '1948-03-12', color: '#db2777', avatar: '👵' });
    // Without the year: only day and month are kept.
    expect(rex).toMatchObject({ name: 'Rex', kind: 'pet', birth_date: '--02-29', avatar: '' });

    const list = await (await t.get('/smiths/manage/calendar/people', admin)).text();
    expect(list).toContain('born 12 March 1948');
    expect(list).toContain('born 29 February');
    // Its page shows the day (in a leap year, so 29 February fits) and the box ticked.
    const page = await (await t.get(`/smiths/manage/calendar/people/${rex!.id}`, admin)).text();
    expect(inputValue(page, 'birth_date')).toBe('2000-02-29');
    expect(page).toMatch(/name="birth_year_unknown" checked=""/);

    res = await t.post(`/smiths/manage/calendar/people/${grandma!.id}`, { name: 'Oma', kind: 'person', birth_date: '1948-03-12', color: '#db2777', avatar: 'OR' }, admin);
    expect(res.status).toBe(303);
    expect((await people())[0]).toMatchObject({ name: 'Oma', avatar: 'OR' });

    // An event for Oma keeps her name when she is deleted.
    const event = await addEvent(t, 'smiths', admin, { title: 'Visit', date: '2026-03-14', who: [`person:${grandma!.id}`, 'member:2'] });
    res = await t.post(`/smiths/manage/calendar/people/${grandma!.id}/delete`, {}, admin);
    expect(res.status).toBe(303);
    expect((await people()).map((p) => p.name)).toEqual(['Rex']);
    const after = await inFamily(t, 'smiths', (db) => db.selectFrom('family_events').select('who').where('id', '=', event.id).executeTakeFirstOrThrow());
    expect(JSON.parse(after.who)).toEqual([{ name: 'Oma' }, { member: 2 }]);
    expect((await t.get(`/smiths/manage/calendar/people/${grandma!.id}`, admin)).status).toBe(404);
  });

  it('refuses bad fields at the field, keeping what was typed and saving nothing', async () => {
    const before = await people();
    const good = { name: 'Babysitter', kind: 'person', birth_date: '', color: '#7c3aed', avatar: '' };
    const cases: [Record<string, string>, string, string][] = [
      [{ name: '' }, 'name', 'Please enter a name.'],
      [{ name: 'N'.repeat(41) }, 'name', 'A name can have at most 40 characters.'],
      [{ kind: 'robot' }, 'kind', 'Please choose a person or a pet.'],
      [{ birth_date: '2030-01-01' }, 'birth_date', 'A date of birth cannot be in the future.'],
      [{ birth_date: '2019-04-31' }, 'birth_date', 'There is no 31 April 2019.'],
      [{ color: 'red' }, 'color', 'Please pick a colour (like #2563eb).'],
      [{ avatar: 'ABC' }, 'avatar', 'An avatar is one emoji, or one or two letters.'],
    ];
    for (const [overrides, name, message] of cases) {
      const res = await t.post('/smiths/manage/calendar/people', { ...good, ...overrides }, admin);
      expect(res.status, name).toBe(400);
      const html = await res.text();
      expect(fieldErrors(html), JSON.stringify(overrides)).toEqual({ [name]: message });
      if (name !== 'name') expect(inputValue(html, 'name')).toBe('Babysitter');
    }
    expect(await people()).toEqual(before);
  });

  it('are for admins only', async () => {
    const before = await people();
    for (const who of [kid, grandpa]) {
      expect((await t.get('/smiths/manage/calendar/people', who)).status).toBe(403);
      expect((await t.post('/smiths/manage/calendar/people', { name: 'Sneaky', kind: 'person', color: '#7c3aed' }, who)).status).toBe(403);
      expect((await t.post(`/smiths/manage/calendar/people/${before[0]!.id}/delete`, {}, who)).status).toBe(403);
    }
    expect(await people()).toEqual(before);
  });

  it('can be chosen as who an event is for', async () => {
    const form = await (await t.get('/smiths/calendar/events/new', kid)).text();
    const rex = (await people()).find((p) => p.name === 'Rex')!;
    expect(form).toContain(`value="person:${rex.id}"`);
    const event = await addEvent(t, 'smiths', kid, { title: 'Vet', date: '2026-03-18', who: [`person:${rex.id}`] });
    expect(JSON.parse(event.who)).toEqual([{ person: rex.id }]);
    // The entry has Rex's colour.
    const agenda = await (await t.get('/smiths/calendar?date=2026-03-18', kid)).text();
    expect(agenda).toMatch(/style="--entry-color: #ca8a04">[\s\S]*?Vet/);
  });
});
