import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GRANDPA, KID, createTestFamily, makeTestApp } from '../../helpers/family-app.js';
import { inFamily } from '../../manage/manage-helpers.js';
import { resetClock, setClock } from '../../../src/dashboards/clock.js';
import { parseIsoDate } from '../../../src/calendar/civil-date.js';
import { parseCalendar } from '../../../src/kinds/calendar/ical-parse.js';
import { occurrencesBetween } from '../../../src/kinds/calendar/occurrences.js';
import { loadAgenda } from '../../../src/kinds/calendar/load-agenda.js';
import { escapeText, foldLine } from '../../../src/kinds/calendar/ical-write.js';
import { unfoldLines } from '../../../src/kinds/calendar/ical-text.js';
import { addEvent } from './calendar-helpers.js';

// The private iCalendar address: admins make it on /manage/calendar (shown
// once, only its hash kept) and turn it off; it serves the family's own
// events and birthdays as RFC 5545 text, read back here with our own parser
// and compared occurrence by occurrence with the agenda.

const t = makeTestApp();
const FAMILIES = [
  { slug: 'berlin', timeZone: 'Europe/Berlin' },
  { slug: 'newyork', timeZone: 'America/New_York' },
] as const;
const cookies: Record<string, { admin: string; kid: string; grandpa: string }> = {};

async function makeAddress(slug: string): Promise<string> {
  const res = await t.post(`/${slug}/manage/calendar/links`, { label: 'Phones' }, cookies[slug]!.admin);
  expect(res.status).toBe(200);
  const html = await res.text();
  const match = new RegExp(`http://localhost(/${slug}/calendar/ical/[a-z2-7]{32}\\.ics)`).exec(html);
  expect(match, 'the new address is shown once').not.toBeNull();
  return match![1]!;
}

/** The family's own events and birthdays, each kind of thing a family enters, with changed and cancelled occurrences. */
async function fill(slug: string) {
  const { admin, kid } = cookies[slug]!;
  const post = async (path: string, form: Record<string, string | string[]>, status = 303) => expect((await t.post(`/${slug}${path}`, form, admin)).status, path).toBe(status);
  const swim = await addEvent(t, slug, admin, { title: 'Swimming', date: '2026-01-06', start_time: '17:00', end_time: '18:00', repeat: 'weekly', repeat_days: ['TU', 'TH'], repeat_count: '40', location: 'Pool; lane 3, deep end', note: 'Towel, goggles\nand a snack' });
  // One moved to another day and time, one retitled, one cancelled.
  await post(`/calendar/events/${swim.id}/on/2026-03-26`, { title: 'Swimming', date: '2026-03-28', start_time: '10:00', end_time: '11:30', location: 'Pool; lane 3, deep end', note: '' });
  await post(`/calendar/events/${swim.id}/on/2026-04-02`, { title: 'Swimming gala 🏅', date: '2026-04-02', start_time: '17:00', end_time: '18:00', location: 'Stadium', note: 'Cheer!' });
  await post(`/calendar/events/${swim.id}/on/2026-04-07/cancel`, {});
  // Weekly on days other than its start's: DTSTART must be its first occurrence.
  await addEvent(t, slug, kid, { title: 'Chess club', date: '2026-02-03', start_time: '15:30', end_time: '16:30', repeat: 'weekly', repeat_days: ['FR'], repeat_until: '2026-06-30' });
  await addEvent(t, slug, admin, { title: 'Vitamin D', date: '2026-02-20', start_time: '07:00', end_time: '', repeat: 'daily', repeat_until: '2026-04-05' });
  const bins = await addEvent(t, slug, admin, { title: 'Bins', date: '2026-01-15', all_day: 'on', repeat: 'monthly' });
  await post(`/calendar/events/${bins.id}/on/2026-05-15`, { title: 'Bins (late)', date: '2026-05-16', all_day: 'on' });
  await post(`/calendar/events/${bins.id}/on/2026-07-15/cancel`, {});
  await addEvent(t, slug, admin, { title: 'Anniversary', date: '2019-06-20', all_day: 'on', repeat: 'yearly' });
  await addEvent(t, slug, admin, { title: 'Summer holiday', date: '2026-07-20', all_day: 'on', end_date: '2026-08-02' });
  await addEvent(t, slug, admin, { title: 'Sleepover at the Müller-Lüdenscheidts’ with a title long enough to be folded 🎉🎉🎉', date: '2026-06-12', start_time: '19:00', end_date: '2026-06-13', end_time: '10:00' });
  await addEvent(t, slug, admin, { title: 'Dentist, then school', date: '2026-03-30', start_time: '08:15', end_time: '09:00' });
  // Birthdays: a member (on /me), a named person born on a leap day, one without a year.
  await t.post(`/${slug}/me`, { display_name: 'Estelle', color: '#dc2626', avatar: '🦊', birth_date: '2017-03-12' }, kid);
  await post('/manage/calendar/people', { name: 'Lily', kind: 'person', birth_date: '2016-02-29', color: '#7c3aed', avatar: '🌸' });
  await post('/manage/calendar/people', { name: 'Grandma', kind: 'person', birth_date: '1950-10-03', birth_year_unknown: 'on', color: '#db2777', avatar: '👵' });
}

beforeAll(async () => {
  setClock(new Date('2026-01-02T12:00:00Z'));
  for (const f of FAMILIES) {
    await createTestFamily(t, f.slug, [ADMIN, KID, GRANDPA], { timeZone: f.timeZone, name: `The ${f.slug} family` });
    cookies[f.slug] = {
      admin: await t.signIn(f.slug, ADMIN.username, ADMIN.password),
      kid: await t.signIn(f.slug, KID.username, KID.password),
      grandpa: await t.signIn(f.slug, GRANDPA.username, GRANDPA.password),
    };
    await fill(f.slug);
  }
});
afterAll(() => resetClock());

describe('the iCalendar address', () => {
  for (const f of FAMILIES) {
    it(`serves what the agenda shows, occurrence by occurrence, in ${f.timeZone}`, async () => {
      const path = await makeAddress(f.slug);
      // No sign-in: a phone's calendar fetches it on its own.
      const res = await t.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      const text = await res.text();

      const parsed = parseCalendar(text);
      if (!parsed.ok) throw new Error(parsed.message);
      expect(parsed.warnings).toEqual([]);
      expect(parsed.name).toBe(`The ${f.slug} family`);

      // 2026 and the start of 2027: both clock changes, a common year's 28 February.
      const from = parseIsoDate('2026-01-01')!;
      const days = 456;
      const agenda = await inFamily(t, f.slug, (db) => loadAgenda(db, f.timeZone, from, days));
      const fromIcs = occurrencesBetween(parsed.events, f.timeZone, from, days);
      const line = (o: { start: string; end: string; title: string; location: string; description: string; startMs: number; endMs: number }) =>
        `${o.start} → ${o.end} (${o.startMs}–${o.endMs}) ${o.title} @ ${o.location} | ${o.description}`;
      const own = agenda.filter((e) => e.calendar === 'Family');
      const ownUids = new Set(own.map((e) => e.uid));
      expect(fromIcs.filter((o) => ownUids.has(o.uid)).map(line)).toEqual(own.map(line));
      expect(own.length).toBeGreaterThan(100);

      // Birthdays: the same days. The agenda says "Lily turns 11"; a yearly event can only say "Lily's birthday".
      const birthdays = agenda.filter((e) => e.calendar === 'Birthdays').map((e) => `${e.start} ${e.title.replace(/ turns \d+$/, "'s birthday")}`);
      const icsBirthdays = fromIcs.filter((o) => o.uid.startsWith('birthday-')).map((o) => `${o.start} ${o.title}`);
      expect(icsBirthdays).toEqual(birthdays);
      expect(birthdays).toEqual(
        expect.arrayContaining(["2026-02-28 Lily's birthday", "2027-02-28 Lily's birthday", "2026-03-12 Estelle's birthday", "2026-10-03 Grandma's birthday"]),
      );
      expect(fromIcs.length).toBe(own.length + birthdays.length);
    });
  }

  it('writes RFC 5545: CRLF lines of at most 75 octets, the calendar’s properties, TZID with the family’s zone, RRULE, EXDATE and RECURRENCE-ID', async () => {
    const text = await (await t.get(await makeAddress('berlin'))).text();
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.slice(0, -2).split('\r\n');
    for (const l of physical) expect(Buffer.byteLength(l, 'utf8'), l).toBeLessThanOrEqual(75);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    const lines = unfoldLines(text);
    expect(lines.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//DinkyDash//Family calendar//EN', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:The berlin family']);
    expect(lines).toContain('DTSTART;TZID=Europe/Berlin:20260106T170000');
    expect(lines).toContain('DTEND;TZID=Europe/Berlin:20260106T180000');
    expect(lines).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=40');
    expect(lines).toContain('LOCATION:Pool\\; lane 3\\, deep end');
    expect(lines).toContain('DESCRIPTION:Towel\\, goggles\\nand a snack');
    expect(lines).toContain('EXDATE;TZID=Europe/Berlin:20260407T170000');
    expect(lines).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20260326T170000');
    expect(lines).toContain('DTSTART;TZID=Europe/Berlin:20260328T100000');
    // A weekly series on Fridays entered on a Tuesday starts on its first Friday; UNTIL is UTC, the end of its last day.
    expect(lines).toContain('DTSTART;TZID=Europe/Berlin:20260206T153000');
    expect(lines).toContain('RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20260630T215959Z');
    // All-day: dates, the end exclusive.
    expect(lines).toContain('DTSTART;VALUE=DATE:20260720');
    expect(lines).toContain('DTEND;VALUE=DATE:20260803');
    expect(lines).toContain('EXDATE;VALUE=DATE:20260715');
    expect(lines).toContain('RECURRENCE-ID;VALUE=DATE:20260515');
    expect(lines).toContain('SUMMARY:Dentist\\, then school');
    // Birthdays: yearly, all-day; 29 February on the last day of February.
    expect(lines).toContain('RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1');
    expect(lines).toContain('DTSTART;VALUE=DATE:20160229');
    expect(lines).toContain('DTSTART;VALUE=DATE:19701003');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT').length).toBe(lines.filter((l) => l === 'END:VEVENT').length);
    for (const uid of lines.filter((l) => l.startsWith('UID:'))) expect(uid).toMatch(/^UID:([0-9a-f-]{36}|birthday-[mp]\d+@berlin\.dinkydash)$/);
    expect(lines.filter((l) => l.startsWith('DTSTAMP:')).every((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toBe(true);
  });

  it('is a 404 for a wrong token, and once turned off', async () => {
    const path = await makeAddress('newyork');
    expect((await t.get(path)).status).toBe(200);
    expect((await t.get(path.replace(/[a-z2-7]{32}/, 'a'.repeat(32)))).status).toBe(404);
    expect((await t.get(path.replace('.ics', ''))).status).toBe(404);
    expect((await t.get(path.replace('/newyork/', '/berlin/'))).status).toBe(404);
    expect((await t.get('/newyork/calendar/ical/..%2F..%2Fetc.ics')).status).toBe(404);

    const links = await inFamily(t, 'newyork', (db) => db.selectFrom('calendar_links').selectAll().orderBy('id').execute());
    // Only the token's hash is kept.
    const token = /([a-z2-7]{32})\.ics$/.exec(path)![1]!;
    expect(links.some((l) => l.token_hash.includes(token))).toBe(false);
    const id = links.at(-1)!.id;
    const page = await (await t.get('/newyork/manage/calendar', cookies.newyork!.admin)).text();
    expect(page).not.toContain(token);
    expect(page).toContain(`/newyork/manage/calendar/links/${id}/revoke`);
    const revoke = await t.post(`/newyork/manage/calendar/links/${id}/revoke`, {}, cookies.newyork!.admin);
    expect(revoke.status).toBe(303);
    expect((await t.get(path)).status).toBe(404);
    // Turned off stays off; the list says so and lets it go.
    const after = await (await t.get('/newyork/manage/calendar?done=link-revoked', cookies.newyork!.admin)).text();
    expect(after).toContain('turned off');
    expect((await t.post(`/newyork/manage/calendar/links/${id}/delete`, {}, cookies.newyork!.admin)).status).toBe(303);
    expect((await t.get(path)).status).toBe(404);
  });

  it('is made and turned off by admins only', async () => {
    const before = await inFamily(t, 'berlin', (db) => db.selectFrom('calendar_links').selectAll().execute());
    for (const who of [cookies.berlin!.kid, cookies.berlin!.grandpa]) {
      expect((await t.post('/berlin/manage/calendar/links', { label: 'Mine' }, who)).status).toBe(403);
      expect((await t.post(`/berlin/manage/calendar/links/${before[0]!.id}/revoke`, {}, who)).status).toBe(403);
    }
    expect(await inFamily(t, 'berlin', (db) => db.selectFrom('calendar_links').selectAll().execute())).toEqual(before);
    const long = await t.post('/berlin/manage/calendar/links', { label: 'L'.repeat(61) }, cookies.berlin!.admin);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('A label can have at most 60 characters.');
    expect(await inFamily(t, 'berlin', (db) => db.selectFrom('calendar_links').selectAll().execute())).toEqual(before);
  });
});

describe('writing iCalendar text', () => {
  it('escapes text and folds lines at 75 octets without splitting a character', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const line = `SUMMARY:${'🎉'.repeat(30)}ä${'x'.repeat(80)}`;
    const folded = foldLine(line);
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(75);
    expect(pieces.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(unfoldLines(folded)).toEqual([line]);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });
});
