import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GRANDPA, KID, createTestFamily, makeTestApp } from '../../helpers/family-app.js';
import { fieldError, inFamily } from '../../manage/manage-helpers.js';
import { resetClock, setClock } from '../../../src/dashboards/clock.js';
import { addEvent, addFeed, daySection, ics, shownDays } from './calendar-helpers.js';

// The calendar's pages: agenda, week and month, every entry in the family's
// zone and clock, the week starting where the family says, birthdays.

const t = makeTestApp();
const cookies: Record<string, { admin: string; kid: string; grandpa: string }> = {};

// Two families: Berlin on a 24-hour clock, New York on a 12-hour one.
const FAMILIES = [
  { slug: 'berlin', timeZone: 'Europe/Berlin', clock: '24' },
  { slug: 'newyork', timeZone: 'America/New_York', clock: '12' },
] as const;

// A club's calendar in UTC: 16:00Z is 17:00 in Berlin and noon in New York (EDT since 8 March);
// 23:30Z on the 10th is already the 11th in Berlin, still the 10th in New York.
const CLUB = ics(
  `UID:training@club
   DTSTART:20260310T160000Z
   DTEND:20260310T170000Z
   SUMMARY:Training`,
  `UID:late@club
   DTSTART:20260310T233000Z
   DTEND:20260311T003000Z
   SUMMARY:Late match`,
  `UID:tournament@club
   DTSTART;VALUE=DATE:20260314
   DTEND;VALUE=DATE:20260316
   SUMMARY:Tournament`,
);

async function setSettings(slug: string, changes: { week_start?: 'monday' | 'sunday'; clock?: '12' | '24'; date_format?: string }) {
  await inFamily(t, slug, (db) => db.updateTable('family_settings').set(changes).execute());
}

beforeAll(async () => {
  // Tuesday 10 March 2026.
  setClock(new Date('2026-03-10T12:00:00Z'));
  for (const f of FAMILIES) {
    await createTestFamily(t, f.slug, [ADMIN, KID, GRANDPA], { timeZone: f.timeZone });
    await setSettings(f.slug, { clock: f.clock });
    cookies[f.slug] = {
      admin: await t.signIn(f.slug, ADMIN.username, ADMIN.password),
      kid: await t.signIn(f.slug, KID.username, KID.password),
      grandpa: await t.signIn(f.slug, GRANDPA.username, GRANDPA.password),
    };
    await addFeed(t, f.slug, 'Club', CLUB, f.timeZone, '#16a34a');
    // The family's own events are in its wall-clock time, wherever it is.
    await addEvent(t, f.slug, cookies[f.slug]!.admin, { title: 'Breakfast club', date: '2026-03-10', start_time: '07:45', end_time: '08:30', who: ['member:2'] });
  }
});
afterAll(() => resetClock());

describe('entries in the family’s zone and clock', () => {
  const expected = {
    berlin: { training: ['2026-03-10T17:00', '17:00'], late: '2026-03-11', lateTime: '00:30', breakfast: '07:45' },
    newyork: { training: ['2026-03-10T12:00', '12:00 pm'], late: '2026-03-10', lateTime: '7:30 pm', breakfast: '7:45 am' },
  } as const;

  for (const f of FAMILIES) {
    const want = expected[f.slug];
    it(`agenda, week and month in ${f.timeZone}`, async () => {
      const { kid } = cookies[f.slug]!;
      for (const path of [`/${f.slug}/calendar`, `/${f.slug}/calendar/week`, `/${f.slug}/calendar/month`, `/${f.slug}/calendar?date=2026-03-10`, `/${f.slug}/calendar/week?date=2026-03-12`, `/${f.slug}/calendar/month?date=2026-03`]) {
        const res = await t.get(path, kid);
        expect(res.status, path).toBe(200);
        const html = await res.text();
        const today = daySection(html, '2026-03-10');
        expect(today, path).toContain(`<time datetime="${want.training[0]}">${want.training[1]}</time>`);
        expect(today, path).toContain('Training');
        expect(today, path).toContain(want.breakfast);
        expect(daySection(html, want.late), path).toContain('Late match');
        expect(daySection(html, want.late), path).toContain(`>${want.lateTime}</time>`);
        // An all-day event over two days is on both, and not on the day it ends.
        expect(daySection(html, '2026-03-14'), path).toContain('Tournament');
        expect(daySection(html, '2026-03-15'), path).toContain('Tournament');
        expect(daySection(html, '2026-03-16'), path).not.toContain('Tournament');
      }
      const agenda = await (await t.get(`/${f.slug}/calendar`, kid)).text();
      // Colour per calendar, and per person for an event that is someone's.
      expect(agenda).toMatch(/class="cal-entry" style="--entry-color: #16a34a">[\s\S]*?Training/);
      expect(agenda).toContain('Estelle');
      expect(daySection(agenda, '2026-03-10')).toContain('Today · ');
    });
  }

  it('shows the whole of an overnight event: from its start on the first day, until its end on the last', async () => {
    await addEvent(t, 'berlin', cookies.berlin!.admin, { title: 'Sleepover', date: '2026-03-20', start_time: '19:00', end_date: '2026-03-21', end_time: '10:00' });
    const week = await (await t.get('/berlin/calendar/week?date=2026-03-20', cookies.berlin!.kid)).text();
    expect(daySection(week, '2026-03-20')).toMatch(/from <time datetime="2026-03-20T19:00">19:00<\/time>[\s\S]*Sleepover/);
    expect(daySection(week, '2026-03-21')).toMatch(/until <time datetime="2026-03-21T10:00">10:00<\/time>[\s\S]*Sleepover/);
  });

  it('moves on by plain links, without JavaScript; an address with a day that is none shows today', async () => {
    const agenda = await (await t.get('/berlin/calendar?date=2026-03-10', cookies.berlin!.kid)).text();
    expect(agenda).toContain('href="/berlin/calendar?date=2026-02-24" rel="prev"');
    expect(agenda).toContain('href="/berlin/calendar?date=2026-03-24" rel="next"');
    expect(agenda.replace(/\u2009/g, ' ')).toContain('10 – 23 March 2026');
    const month = await (await t.get('/berlin/calendar/month?date=2026-12', cookies.berlin!.kid)).text();
    expect(month).toContain('href="/berlin/calendar/month?date=2026-11" rel="prev"');
    expect(month).toContain('href="/berlin/calendar/month?date=2027-01" rel="next"');
    expect(month).toContain('December 2026');
    for (const path of ['/berlin/calendar?date=2026-02-30', '/berlin/calendar/week?date=yesterday', '/berlin/calendar/month?date=2026-13', '/berlin/calendar?date=0001-01-01']) {
      const res = await t.get(path, cookies.berlin!.kid);
      expect(res.status, path).toBe(200);
      expect(shownDays(await res.text()), path).toContain('2026-03-10');
    }
  });

  it('puts Calendar in the family’s navigation, current on its pages', async () => {
    const html = await (await t.get('/berlin/calendar/week', cookies.berlin!.grandpa)).text();
    expect(html).toContain('<a href="/berlin/calendar" aria-current="page">Calendar</a>');
    // (Not the dashboard: looking at it would fetch the club's made-up address.)
    const profile = await (await t.get('/berlin/me', cookies.berlin!.grandpa)).text();
    expect(profile).toContain('<a href="/berlin/calendar">Calendar</a>');
  });
});

describe('the first day of the week', () => {
  it('starts weeks and months on Monday, or on Sunday when the family says so', async () => {
    const { admin } = cookies.berlin!;
    await setSettings('berlin', { week_start: 'monday' });
    let week = shownDays(await (await t.get('/berlin/calendar/week?date=2026-03-10', admin)).text());
    expect(week).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']);
    let month = await (await t.get('/berlin/calendar/month?date=2026-03', admin)).text();
    expect(shownDays(month)[0]).toBe('2026-02-23');
    expect(shownDays(month).at(-1)).toBe('2026-04-05');
    expect(month).toMatch(/<ol class="cal-weekdays" aria-hidden="true"><li>Mon<\/li><li>Tue<\/li>/);

    const res = await t.post('/berlin/settings', { name: 'Family berlin', time_zone: 'Europe/Berlin', theme: 'auto', accent_color: '#2563eb', date_format: 'long', clock: '24', week_start: 'sunday', night_start: '22:00', night_end: '07:00' }, admin);
    expect(res.status).toBe(303);
    week = shownDays(await (await t.get('/berlin/calendar/week?date=2026-03-10', admin)).text());
    expect(week).toEqual(['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']);
    // A Sunday is the first day of its own week.
    expect(shownDays(await (await t.get('/berlin/calendar/week?date=2026-03-15', admin)).text())[0]).toBe('2026-03-15');
    month = await (await t.get('/berlin/calendar/month?date=2026-03', admin)).text();
    expect(shownDays(month)[0]).toBe('2026-03-01');
    expect(shownDays(month).at(-1)).toBe('2026-04-04');
    expect(month).toMatch(/<ol class="cal-weekdays" aria-hidden="true"><li>Sun<\/li><li>Mon<\/li>/);
    // The weekly repeat's days follow the family's order too.
    const form = await (await t.get('/berlin/calendar/events/new', admin)).text();
    expect(form.indexOf('value="SU"')).toBeLessThan(form.indexOf('value="MO"'));
    await setSettings('berlin', { week_start: 'monday' });
  });

  it('is a settings field; any other value gets a message at the field and nothing of the form is saved', async () => {
    const { admin } = cookies.berlin!;
    const html = await (await t.get('/berlin/settings', admin)).text();
    expect(html).toContain('<select id="f-week_start" name="week_start"');
    const before = await inFamily(t, 'berlin', (db) => db.selectFrom('family_settings').selectAll().executeTakeFirstOrThrow());
    for (const week_start of ['saturday', '', 'Monday', 'sunday ']) {
      const res = await t.post('/berlin/settings', { name: 'Renamed', time_zone: 'Europe/Berlin', theme: 'auto', accent_color: '#2563eb', date_format: 'long', clock: '24', week_start, night_start: '22:00', night_end: '07:00' }, admin);
      expect(res.status, week_start).toBe(400);
      const page = await res.text();
      expect(page).toContain('Nothing was saved');
      expect(fieldError(page, 'week_start')).toBe('Please choose Monday or Sunday.');
      expect(await inFamily(t, 'berlin', (db) => db.selectFrom('family_settings').selectAll().executeTakeFirstOrThrow())).toEqual(before);
    }
  });
});

describe('birthdays on the calendar', () => {
  it('shows members’ and named people’s birthdays with their age, and 29 February on the 28th in common years', async () => {
    const { admin, kid } = cookies.berlin!;
    // Estelle gives her date of birth on /me; Grandpa's is set by an admin; Lily (born on a leap day) is a named person.
    expect((await t.post('/berlin/me', { display_name: 'Estelle', color: '#dc2626', avatar: '🦊', birth_date: '2017-03-12' }, kid)).status).toBe(303);
    expect((await t.post('/berlin/members/3', { display_name: 'Grandpa', role: 'viewer', color: '#16a34a', avatar: '👴', birth_date: '1950-03-10' }, admin)).status).toBe(200);
    expect((await t.post('/berlin/manage/calendar/people', { name: 'Lily', kind: 'person', birth_date: '2016-02-29', color: '#7c3aed', avatar: '🌸' }, admin)).status).toBe(303);
    expect((await t.post('/berlin/manage/calendar/people', { name: 'Rex', kind: 'pet', birth_date: '2020-03-11', birth_year_unknown: 'on', color: '#ca8a04', avatar: '🐶' }, admin)).status).toBe(303);

    const agenda = await (await t.get('/berlin/calendar?date=2026-03-10', admin)).text();
    expect(daySection(agenda, '2026-03-10')).toContain('Grandpa turns 76');
    expect(daySection(agenda, '2026-03-11')).toContain('Rex&#39;s birthday');
    expect(daySection(agenda, '2026-03-12')).toContain('Estelle turns 9');
    expect(daySection(agenda, '2026-03-12')).toContain('Birthdays');

    const common = await (await t.get('/berlin/calendar/month?date=2027-02', admin)).text();
    expect(daySection(common, '2027-02-28')).toContain('Lily turns 11');
    const leap = await (await t.get('/berlin/calendar/week?date=2028-02-29', admin)).text();
    expect(daySection(leap, '2028-02-29')).toContain('Lily turns 12');
    expect(daySection(leap, '2028-02-28')).not.toContain('Lily');
  });
});
