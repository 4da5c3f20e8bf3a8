import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../helpers/family-app.js';
import { decode, fieldError, fieldErrors, inFamily, smithsAndJoneses } from '../../manage/manage-helpers.js';
import { resetClock, setClock } from '../../../src/dashboards/clock.js';
import { loadAgenda } from '../../../src/kinds/calendar/load-agenda.js';
import { addEvent, daySection, eventChanges, eventForm, familyEvents, inputValue } from './calendar-helpers.js';

// The family's own events from a phone: members and admins add, change and
// delete them (one occurrence of a repeating one, or all of them; cancel one);
// viewers only look. Bad input gets a message at its field and saves nothing.

const t = makeTestApp();
let admin: string;
let kid: string;
let grandpa: string;
let jonesAdmin: string;

beforeAll(async () => {
  // Tuesday 10 March 2026, 11:00 in Berlin.
  setClock(new Date('2026-03-10T10:00:00Z'));
  ({ admin, kid, grandpa, jonesAdmin } = await smithsAndJoneses(t));
});
afterAll(() => resetClock());

const agenda = (from: string, days: number) => {
  const [y, m, d] = from.split('-').map(Number);
  return inFamily(t, 'smiths', (db) => loadAgenda(db, 'Europe/Berlin', { year: y!, month: m!, day: d! }, days));
};
const seen = async (from: string, days: number, uid?: string) =>
  (await agenda(from, days)).filter((e) => e.calendar === 'Family' && (!uid || e.uid === uid)).map((e) => `${e.start} ${e.title}${e.location ? ` @ ${e.location}` : ''}`);

describe('adding an event', () => {
  it('shows a form with every field, on the day asked for', async () => {
    const res = await t.get('/smiths/calendar/events/new?date=2026-03-12', kid);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const name of ['title', 'date', 'all_day', 'start_time', 'end_date', 'end_time', 'repeat', 'repeat_days', 'repeat_until', 'repeat_count', 'who', 'location', 'note']) {
      expect(html, name).toMatch(new RegExp(`name="${name}"`));
    }
    expect(inputValue(html, 'date')).toBe('2026-03-12');
    // Members and named people to tick, and a free name.
    expect(html).toContain('value="member:2"');
    expect(html).toMatch(/<input id="f-who-name-0" name="who" type="text"/);
  });

  it('stores a timed event with who it is for, a place and a note (members may add too)', async () => {
    const event = await addEvent(t, 'smiths', kid, { title: '  Dentist  ', date: '2026-03-11', start_time: '08:30', end_time: '09:15', who: ['member:2', 'Grandma', ''], location: 'Dr. Weber', note: 'Bring the card\r\nand the form' });
    expect(event).toMatchObject({
      title: 'Dentist',
      all_day: 0,
      start_date: '2026-03-11',
      start_time: '08:30',
      end_date: '2026-03-11',
      end_time: '09:15',
      repeat: 'none',
      repeat_days: '',
      repeat_until: null,
      repeat_count: null,
      location: 'Dr. Weber',
      note: 'Bring the card\nand the form',
      created_by: 2,
    });
    expect(JSON.parse(event.who)).toEqual([{ member: 2 }, { name: 'Grandma' }]);
    expect(event.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await seen('2026-03-11', 1, event.uid)).toEqual(['2026-03-11T08:30 Dentist @ Dr. Weber']);
  });

  it('stores an all-day event over several days, without times', async () => {
    const event = await addEvent(t, 'smiths', admin, { title: 'School trip', date: '2026-03-16', all_day: 'on', start_time: '09:00', end_date: '2026-03-18', end_time: '' });
    expect(event).toMatchObject({ all_day: 1, start_date: '2026-03-16', start_time: null, end_date: '2026-03-18', end_time: null });
    expect(await seen('2026-03-15', 5, event.uid)).toEqual(['2026-03-16 School trip']);
    const week = await (await t.get('/smiths/calendar/week?date=2026-03-16', admin)).text();
    for (const day of ['2026-03-16', '2026-03-17', '2026-03-18']) expect(daySection(week, day)).toContain('School trip');
    expect(daySection(week, '2026-03-19')).not.toContain('School trip');
  });

  it('repeats weekly on the day it starts when no day is ticked, on the days ticked otherwise, until a day or for a number of times', async () => {
    const plain = await addEvent(t, 'smiths', admin, { title: 'Piano', date: '2026-03-10', start_time: '16:00', end_time: '16:45', repeat: 'weekly', repeat_count: '3' });
    expect(plain).toMatchObject({ repeat: 'weekly', repeat_days: '', repeat_count: 3, repeat_until: null });
    expect(await seen('2026-03-01', 60, plain.uid)).toEqual(['2026-03-10T16:00 Piano', '2026-03-17T16:00 Piano', '2026-03-24T16:00 Piano']);

    const football = await addEvent(t, 'smiths', admin, { title: 'Football', date: '2026-03-10', start_time: '17:30', end_time: '19:00', repeat: 'weekly', repeat_days: ['TH', 'MO', 'MO'], repeat_until: '2026-03-19' });
    expect(football).toMatchObject({ repeat_days: 'MO,TH', repeat_until: '2026-03-19', repeat_count: null });
    // Thursday 12, Monday 16, Thursday 19: not the Tuesday it was entered on, which is not one of its days.
    expect(await seen('2026-03-01', 60, football.uid)).toEqual(['2026-03-12T17:30 Football', '2026-03-16T17:30 Football', '2026-03-19T17:30 Football']);

    const bins = await addEvent(t, 'smiths', admin, { title: 'Bins out', date: '2026-01-31', all_day: 'on', repeat: 'monthly', repeat_count: '4', repeat_days: ['MO'] });
    // A monthly series keeps its date; months without a 31st have none. Days of the week are only for weekly repeats.
    expect(bins).toMatchObject({ repeat: 'monthly', repeat_days: '', repeat_count: 4 });
    expect(await seen('2026-01-01', 240, bins.uid)).toEqual(['2026-01-31 Bins out', '2026-03-31 Bins out', '2026-05-31 Bins out', '2026-07-31 Bins out']);
  });

  it('sends the member back to the calendar at the event, saying it was added', async () => {
    const res = await t.post('/smiths/calendar/events/new', eventForm({ title: 'Haircut', date: '2026-03-13' }), admin);
    expect(res.headers.get('location')).toBe('/smiths/calendar?done=added#day-2026-03-13');
    const far = await t.post('/smiths/calendar/events/new', eventForm({ title: 'Summer fair', date: '2026-07-04' }), admin);
    expect(far.headers.get('location')).toBe('/smiths/calendar?date=2026-07-04&done=added#day-2026-07-04');
    const page = await (await t.get('/smiths/calendar?date=2026-07-04&done=added', admin)).text();
    expect(page).toContain('The event was added.');
    expect(daySection(page, '2026-07-04')).toContain('Summer fair');
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ['31 April', { date: '2026-04-31' }, 'date', 'There is no 31 April 2026.'],
    ['31 April as the last day', { date: '2026-04-28', end_date: '2026-04-31' }, 'end_date', 'There is no 31 April 2026.'],
    ['a day that is no date', { date: 'next Tuesday' }, 'date', 'Please give a date like 2026-03-10.'],
    ['no day', { date: '' }, 'date', 'Please choose the day.'],
    ['a last day before the first', { date: '2026-03-10', end_date: '2026-03-09' }, 'end_date', 'The event cannot end before it starts.'],
    ['an end before its start', { start_time: '10:00', end_time: '09:00' }, 'end_time', 'The event cannot end before it starts: choose a later time, or a later last day.'],
    ['no start time', { start_time: '' }, 'start_time', 'Please give the time it starts, or tick “All day”.'],
    ['a time that is no time', { start_time: '25:00' }, 'start_time', 'Please give a time like 09:30.'],
    ['a repeat until before the start', { repeat: 'daily', repeat_until: '2026-03-01' }, 'repeat_until', 'The repeat ends before the event starts: choose a later last day.'],
    [
      'a repeat that never takes place',
      { repeat: 'weekly', repeat_days: ['MO'], date: '2026-03-10', repeat_until: '2026-03-15' },
      'repeat_until',
      'With these days it would never take place before the last day: choose another day or a later last day.',
    ],
    ['a count of 0', { repeat: 'weekly', repeat_count: '0' }, 'repeat_count', 'Please give a number of times from 1 to 1000.'],
    ['a count over 1000', { repeat: 'weekly', repeat_count: '1001' }, 'repeat_count', 'Please give a number of times from 1 to 1000.'],
    ['a count that is no number', { repeat: 'daily', repeat_count: 'ten' }, 'repeat_count', 'Please give a whole number of times, like 10.'],
    ['a last day and a count', { repeat: 'daily', repeat_until: '2026-04-01', repeat_count: '5' }, 'repeat_count', 'Please give either a last day or a number of times, not both.'],
    ['a repeat not offered', { repeat: 'hourly' }, 'repeat', 'Please choose how often it repeats.'],
    ['a day of the week not offered', { repeat: 'weekly', repeat_days: ['MO', 'XX'] }, 'repeat_days', 'Please choose days of the week from the list.'],
    ['a title over 80 characters', { title: 'A'.repeat(81) }, 'title', 'A title can have at most 80 characters.'],
    ['no title', { title: '   ' }, 'title', 'Please give the event a title.'],
    ['someone not in the family', { who: ['member:99'] }, 'who', 'Please choose people from the list.'],
    ['a name over 40 characters', { who: ['N'.repeat(41)] }, 'who', 'A name can have at most 40 characters.'],
    ['a place over 120 characters', { location: 'L'.repeat(121) }, 'location', 'A place can have at most 120 characters.'],
  ];

  it.each(cases)('%s gets a message at its field, saves nothing and keeps what was typed', async (_name, overrides, fieldName, message) => {
    const before = await familyEvents(t, 'smiths');
    const form = eventForm({ title: 'Kept title', location: 'Kept place', ...overrides });
    const res = await t.post('/smiths/calendar/events/new', form, kid);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Nothing was saved');
    expect(fieldError(html, fieldName)).toBe(message);
    expect(Object.keys(fieldErrors(html))).toEqual([fieldName]);
    if (fieldName !== 'title') expect(inputValue(html, 'title')).toBe('Kept title');
    if (fieldName !== 'location') expect(inputValue(html, 'location')).toBe('Kept place');
    expect(await familyEvents(t, 'smiths')).toEqual(before);
  });

  it('takes a title of exactly 80 characters, a count of 1 and of 1000', async () => {
    await addEvent(t, 'smiths', kid, { title: '🎻'.repeat(80), date: '2026-05-01' });
    await addEvent(t, 'smiths', kid, { title: 'Once', date: '2026-05-02', repeat: 'daily', repeat_count: '1' });
    await addEvent(t, 'smiths', kid, { title: 'Many', date: '2026-05-03', repeat: 'daily', repeat_count: '1000' });
  });

  it('refuses the same when every occurrence is edited, and changes nothing', async () => {
    const event = await addEvent(t, 'smiths', admin, { title: 'Choir', date: '2026-03-12', start_time: '19:00', end_time: '20:30', repeat: 'weekly' });
    const res = await t.post(`/smiths/calendar/events/${event.id}`, eventForm({ title: 'Choir', date: '2026-03-12', repeat: 'weekly', repeat_until: '2026-03-01' }), admin);
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), 'repeat_until')).toBe('The repeat ends before the event starts: choose a later last day.');
    expect((await familyEvents(t, 'smiths')).find((e) => e.id === event.id)).toEqual(event);
  });
});

describe('changing one occurrence or all of them', () => {
  it('changes one occurrence only, as a change of that day; the others stay', async () => {
    const event = await addEvent(t, 'smiths', admin, { title: 'Swim', date: '2026-03-10', start_time: '17:00', end_time: '18:00', repeat: 'weekly', repeat_count: '4', location: 'Pool' });
    // The entry on the calendar leads to its occurrence.
    const agendaPage = await (await t.get('/smiths/calendar?date=2026-03-17', kid)).text();
    expect(daySection(agendaPage, '2026-03-17')).toContain(`href="/smiths/calendar/events/${event.id}/on/2026-03-17"`);
    const form = await t.get(`/smiths/calendar/events/${event.id}/on/2026-03-17`, kid);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(inputValue(html, 'date')).toBe('2026-03-17');
    expect(inputValue(html, 'start_time')).toBe('17:00');

    const res = await t.post(`/smiths/calendar/events/${event.id}/on/2026-03-17`, { title: 'Swim (lake)', date: '2026-03-17', start_time: '18:00', end_time: '19:00', end_date: '', location: 'Pool', note: '' }, kid);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/smiths/calendar?done=changed#day-2026-03-17');
    const [change] = (await eventChanges(t, 'smiths')).filter((c) => c.event_id === event.id);
    // Only what differs from the series is kept; the rest follows the series.
    expect(change).toMatchObject({ occurrence_date: '2026-03-17', cancelled: 0, title: 'Swim (lake)', start_time: '18:00', end_time: '19:00', all_day: null, start_date: null, end_date: null, location: null, note: null });
    expect(await seen('2026-03-01', 60, event.uid)).toEqual(['2026-03-10T17:00 Swim @ Pool', '2026-03-17T18:00 Swim (lake) @ Pool', '2026-03-24T17:00 Swim @ Pool', '2026-03-31T17:00 Swim @ Pool']);

    // Every occurrence: the new place reaches the changed one too (it kept the series' place), its own title and time stay.
    const all = await t.post(`/smiths/calendar/events/${event.id}`, eventForm({ title: 'Swimming', date: '2026-03-10', start_time: '17:15', end_time: '18:00', repeat: 'weekly', repeat_count: '4', location: 'New pool' }), admin);
    expect(all.status).toBe(303);
    expect(await seen('2026-03-01', 60, event.uid)).toEqual([
      '2026-03-10T17:15 Swimming @ New pool',
      '2026-03-17T18:00 Swim (lake) @ New pool',
      '2026-03-24T17:15 Swimming @ New pool',
      '2026-03-31T17:15 Swimming @ New pool',
    ]);
  });

  it('moves one occurrence to another day; the calendar still knows which one it is', async () => {
    const event = await addEvent(t, 'smiths', admin, { title: 'Tutor', date: '2026-04-06', start_time: '15:00', end_time: '16:00', repeat: 'weekly', repeat_count: '3' });
    const res = await t.post(`/smiths/calendar/events/${event.id}/on/2026-04-13`, { title: 'Tutor', date: '2026-04-15', start_time: '15:00', end_time: '16:00' }, admin);
    expect(res.status).toBe(303);
    expect(await seen('2026-04-01', 30, event.uid)).toEqual(['2026-04-06T15:00 Tutor', '2026-04-15T15:00 Tutor', '2026-04-20T15:00 Tutor']);
    const week = await (await t.get('/smiths/calendar/week?date=2026-04-13', admin)).text();
    expect(daySection(week, '2026-04-13')).not.toContain('Tutor');
    expect(daySection(week, '2026-04-15')).toContain(`href="/smiths/calendar/events/${event.id}/on/2026-04-13"`);
    // Its form shows it where it is now.
    expect(inputValue(await (await t.get(`/smiths/calendar/events/${event.id}/on/2026-04-13`, admin)).text(), 'date')).toBe('2026-04-15');
  });

  it('cancels just one occurrence, and brings it back', async () => {
    const event = await addEvent(t, 'smiths', admin, { title: 'Rugby', date: '2026-04-04', all_day: 'on', repeat: 'weekly', repeat_count: '3' });
    const res = await t.post(`/smiths/calendar/events/${event.id}/on/2026-04-11/cancel`, {}, kid);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/smiths/calendar?date=2026-04-11&done=cancelled#day-2026-04-11');
    expect((await eventChanges(t, 'smiths')).find((c) => c.event_id === event.id)).toMatchObject({ occurrence_date: '2026-04-11', cancelled: 1, title: null });
    expect(await seen('2026-04-01', 30, event.uid)).toEqual(['2026-04-04 Rugby', '2026-04-18 Rugby']);
    const page = await (await t.get(`/smiths/calendar/events/${event.id}`, admin)).text();
    expect(page).toContain('Days changed on their own');
    expect(page).toContain('Cancelled');

    const back = await t.post(`/smiths/calendar/events/${event.id}/on/2026-04-11/restore`, {}, kid);
    expect(back.status).toBe(303);
    expect((await eventChanges(t, 'smiths')).filter((c) => c.event_id === event.id)).toEqual([]);
    expect(await seen('2026-04-01', 30, event.uid)).toEqual(['2026-04-04 Rugby', '2026-04-11 Rugby', '2026-04-18 Rugby']);
  });

  it('refuses bad input for one occurrence at its field, and changes nothing', async () => {
    const event = await addEvent(t, 'smiths', admin, { title: 'Drums', date: '2026-04-07', start_time: '16:00', end_time: '17:00', repeat: 'weekly' });
    for (const [form, name, message] of [
      [{ title: 'Drums', date: '2026-04-31', start_time: '16:00' }, 'date', 'There is no 31 April 2026.'],
      [{ title: 'Drums', date: '2026-04-14', start_time: '16:00', end_time: '15:00' }, 'end_time', 'The event cannot end before it starts: choose a later time, or a later last day.'],
      [{ title: 'D'.repeat(81), date: '2026-04-14', start_time: '16:00' }, 'title', 'A title can have at most 80 characters.'],
    ] as const) {
      const res = await t.post(`/smiths/calendar/events/${event.id}/on/2026-04-14`, form, admin);
      expect(res.status).toBe(400);
      expect(fieldError(await res.text(), name)).toBe(message);
    }
    expect((await eventChanges(t, 'smiths')).filter((c) => c.event_id === event.id)).toEqual([]);
  });

  it('has no page for a day that is not an occurrence, or for an event that does not repeat', async () => {
    const weekly = await addEvent(t, 'smiths', admin, { title: 'Chess', date: '2026-04-08', repeat: 'weekly' });
    const once = await addEvent(t, 'smiths', admin, { title: 'Concert', date: '2026-04-09' });
    expect((await t.get(`/smiths/calendar/events/${weekly.id}/on/2026-04-09`, admin)).status).toBe(404);
    expect((await t.get(`/smiths/calendar/events/${weekly.id}/on/2026-04-01`, admin)).status).toBe(404);
    expect((await t.get(`/smiths/calendar/events/${weekly.id}/on/not-a-day`, admin)).status).toBe(404);
    expect((await t.post(`/smiths/calendar/events/${weekly.id}/on/2026-04-09/cancel`, {}, admin)).status).toBe(404);
    expect((await t.get(`/smiths/calendar/events/${once.id}/on/2026-04-09`, admin)).status).toBe(404);
    expect((await t.get('/smiths/calendar/events/99999', admin)).status).toBe(404);
    // A single event's entry leads to the event itself.
    expect(daySection(await (await t.get('/smiths/calendar?date=2026-04-09', admin)).text(), '2026-04-09')).toContain(`href="/smiths/calendar/events/${once.id}"`);
  });

  it('drops changes of days the series no longer has when every occurrence is edited', async () => {
    const event = await addEvent(t, 'smiths', admin, { title: 'Scouts', date: '2026-05-04', start_time: '18:00', end_time: '19:30', repeat: 'weekly' });
    await t.post(`/smiths/calendar/events/${event.id}/on/2026-05-11`, { title: 'Scouts (camp prep)', date: '2026-05-11', start_time: '18:00', end_time: '19:30' }, admin);
    await t.post(`/smiths/calendar/events/${event.id}/on/2026-05-25/cancel`, {}, admin);
    // Now on Wednesdays: neither changed Monday is an occurrence any more.
    await t.post(`/smiths/calendar/events/${event.id}`, eventForm({ title: 'Scouts', date: '2026-05-06', start_time: '18:00', end_time: '19:30', repeat: 'weekly' }), admin);
    expect((await eventChanges(t, 'smiths')).filter((c) => c.event_id === event.id)).toEqual([]);
    expect(await seen('2026-05-01', 21, event.uid)).toEqual(['2026-05-06T18:00 Scouts', '2026-05-13T18:00 Scouts', '2026-05-20T18:00 Scouts']);
  });

  it('deletes an event with its changes', async () => {
    const event = await addEvent(t, 'smiths', admin, { title: 'Karate', date: '2026-06-01', repeat: 'weekly' });
    await t.post(`/smiths/calendar/events/${event.id}/on/2026-06-08/cancel`, {}, admin);
    const res = await t.post(`/smiths/calendar/events/${event.id}/delete`, {}, kid);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/smiths/calendar?done=deleted');
    expect((await familyEvents(t, 'smiths')).some((e) => e.id === event.id)).toBe(false);
    expect((await eventChanges(t, 'smiths')).some((c) => c.event_id === event.id)).toBe(false);
  });
});

describe('who may do what', () => {
  it('shows viewers the calendar with no buttons and no links to change events', async () => {
    const res = await t.get('/smiths/calendar?date=2026-03-10', grandpa);
    expect(res.status).toBe(200);
    const html = decode(await res.text());
    expect(html).toContain('Dentist');
    expect(html).not.toContain('Add an event');
    expect(html).not.toContain('/calendar/events/');
    for (const path of ['/smiths/calendar/week?date=2026-03-10', '/smiths/calendar/month?date=2026-03']) {
      const page = await (await t.get(path, grandpa)).text();
      expect(page).toContain('Dentist');
      expect(page).not.toContain('/calendar/events/');
      expect(page).not.toContain('+ Add');
    }
  });

  it('answers every change a viewer sends with 403, and changes nothing', async () => {
    const event = (await familyEvents(t, 'smiths')).find((e) => e.title === 'Piano')!;
    const events = await familyEvents(t, 'smiths');
    const changes = await eventChanges(t, 'smiths');
    for (const [path, form] of [
      ['/smiths/calendar/events/new', eventForm({ title: 'Sneaky' })],
      [`/smiths/calendar/events/${event.id}`, eventForm({ title: 'Sneaky' })],
      [`/smiths/calendar/events/${event.id}/delete`, {}],
      [`/smiths/calendar/events/${event.id}/on/2026-03-17`, { title: 'Sneaky', date: '2026-03-17', start_time: '16:00' }],
      [`/smiths/calendar/events/${event.id}/on/2026-03-17/cancel`, {}],
      [`/smiths/calendar/events/${event.id}/on/2026-03-17/restore`, {}],
    ] as const) {
      expect((await t.post(path, form, grandpa)).status, path).toBe(403);
    }
    for (const path of ['/smiths/calendar/events/new', `/smiths/calendar/events/${event.id}`, `/smiths/calendar/events/${event.id}/on/2026-03-17`]) {
      expect((await t.get(path, grandpa)).status, path).toBe(403);
    }
    expect(await familyEvents(t, 'smiths')).toEqual(events);
    expect(await eventChanges(t, 'smiths')).toEqual(changes);
  });

  it('sends visitors who are not signed in to sign in, and keeps families apart', async () => {
    const res = await t.get('/smiths/calendar/week');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/smiths/login?next=%2Fsmiths%2Fcalendar%2Fweek');
    // Another family's session is nobody here.
    expect((await t.post('/smiths/calendar/events/new', eventForm({ title: 'From the Joneses' }), jonesAdmin)).status).toBe(303);
    expect((await familyEvents(t, 'smiths')).some((e) => e.title === 'From the Joneses')).toBe(false);
    expect(await familyEvents(t, 'jones')).toEqual([]);
  });
});
