import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../src/calendar/civil-date.js';
import { agendaBetween } from '../../../src/kinds/calendar/agenda.js';
import { type CalendarRows, calendarSources } from '../../../src/kinds/calendar/calendar-queries.js';
import { clockText, layOutDays, monthGrid, rangeHeading, startOfWeek, viewEntries, type ViewEntry } from '../../../src/kinds/calendar/calendar-view.js';
import { checkOccurrence, occursAtAll, type EventColumns } from '../../../src/kinds/calendar/event-fields.js';
import { parseBirthDate } from '../../../src/kinds/calendar/birthdays.js';
import type { FamilyEvent, FamilyEventChange } from '../../../src/kinds/calendar/tables.js';
import { I18n, english } from '../../../src/i18n/i18n.js';

// The calendar pages' model, without a server: the same entries as the
// agenda, each own event's knowing its occurrence; entries laid out by day;
// weeks and months as the family counts them.

const d = (text: string) => parseIsoDate(text)!;

function event(id: number, columns: Partial<FamilyEvent>): FamilyEvent {
  return {
    id,
    uid: `uid-${id}`,
    title: `Event ${id}`,
    all_day: 0,
    start_date: '2026-03-02',
    start_time: '09:00',
    end_date: '2026-03-02',
    end_time: '10:00',
    repeat: 'none',
    repeat_days: '',
    repeat_until: null,
    repeat_count: null,
    who: '[]',
    location: '',
    note: '',
    created_by: null,
    created_at: '',
    updated_at: '',
    ...columns,
  };
}

function change(id: number, eventId: number, occurrence_date: string, columns: Partial<FamilyEventChange>): FamilyEventChange {
  return { id, event_id: eventId, occurrence_date, cancelled: 0, title: null, all_day: null, start_date: null, start_time: null, end_date: null, end_time: null, location: null, note: null, ...columns };
}

const rows = (familyEvents: FamilyEvent[], changes: FamilyEventChange[]): CalendarRows => ({
  feeds: [],
  feedSeries: new Map(),
  familyEvents,
  changes,
  members: [{ id: 1, name: 'Mum', color: '#dc2626', avatar: '🙂', image_id: null, birth_date: '1985-03-04' }],
  named: [],
});

describe('viewEntries', () => {
  const weekly = event(1, { title: 'Swim', repeat: 'weekly', repeat_count: 5, who: '[{"member":1}]' });
  const daily = event(2, { title: 'Walk', all_day: 1, start_time: null, end_time: null, repeat: 'daily', repeat_until: '2026-03-20' });
  const single = event(3, { title: 'Party', start_date: '2026-03-07', end_date: '2026-03-08', start_time: '20:00', end_time: '01:00' });
  const changes = [
    change(1, 1, '2026-03-09', { start_date: '2026-03-10', start_time: '11:00', title: 'Swim (moved)' }),
    change(2, 1, '2026-03-16', { cancelled: 1 }),
    change(3, 2, '2026-03-05', { title: 'Long walk' }),
    // A change moved onto a day the series has an occurrence of its own.
    change(4, 2, '2026-03-06', { start_date: '2026-03-07' }),
  ];
  const data = rows([weekly, daily, single], changes);

  for (const zone of ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland']) {
    it(`gives the agenda's entries in ${zone}, each own one knowing its occurrence`, () => {
      const { sources, birthdays } = calendarSources(data);
      const agenda = agendaBetween(sources, birthdays, zone, d('2026-03-01'), 31);
      const view = viewEntries(data, zone, d('2026-03-01'), 31);
      const strip = ({ own: _own, color: _color, ...entry }: ViewEntry) => entry;
      expect(view.map(strip)).toEqual(agenda.map(({ color: _color, ...entry }) => entry));
      const occurrence = (e: ViewEntry) => `${e.start.slice(0, 10)} ${e.title} ← ${e.own?.occurrenceDate ?? '-'}${e.own?.repeating ? ' (repeating)' : ''}`;
      expect(view.filter((e) => e.own?.eventId === 1).map(occurrence)).toEqual([
        '2026-03-02 Swim ← 2026-03-02 (repeating)',
        '2026-03-10 Swim (moved) ← 2026-03-09 (repeating)',
        '2026-03-23 Swim ← 2026-03-23 (repeating)',
        '2026-03-30 Swim ← 2026-03-30 (repeating)',
      ]);
      expect(view.filter((e) => e.own?.eventId === 2 && e.start >= '2026-03-05' && e.start <= '2026-03-07').map(occurrence)).toEqual([
        '2026-03-05 Long walk ← 2026-03-05 (repeating)',
        '2026-03-07 Event 2 ← 2026-03-07 (repeating)',
        '2026-03-07 Event 2 ← 2026-03-06 (repeating)',
      ].map((line) => line.replace('Event 2', 'Walk')));
      expect(view.filter((e) => e.own?.eventId === 3).map(occurrence)).toEqual(['2026-03-07 Party ← 2026-03-07']);
      // An event for someone has their colour; a birthday is not an own event.
      expect(view.find((e) => e.own?.eventId === 1)!.color).toBe('#dc2626');
      expect(view.find((e) => e.calendar === 'Birthdays')).toMatchObject({ own: null, title: 'Mum turns 41', start: '2026-03-04' });
    });
  }
});

describe('layOutDays', () => {
  it('puts an entry on each of its days, with how its time reads there', () => {
    const data = rows(
      [
        event(1, { title: 'Night', start_date: '2026-03-02', start_time: '22:00', end_date: '2026-03-04', end_time: '07:00' }),
        event(2, { title: 'Holiday', all_day: 1, start_date: '2026-03-01', end_date: '2026-03-03', start_time: null, end_time: null }),
        event(3, { title: 'Until midnight', start_date: '2026-03-03', start_time: '20:00', end_date: '2026-03-04', end_time: '00:00' }),
        event(4, { title: 'Moment', start_date: '2026-03-03', start_time: '12:00', end_time: null }),
      ],
      [],
    );
    const days = layOutDays(viewEntries(data, 'Europe/Berlin', d('2026-03-02'), 3), d('2026-03-02'), 3);
    const read = days.map((day) => `${day.date}: ${day.items.map((i) => `${i.entry.title} ${JSON.stringify(i.time)}`).join(', ')}`);
    expect(read).toEqual([
      '2026-03-02: Holiday {"kind":"all-day"}, Night {"kind":"from","start":"22:00"}',
      '2026-03-03: Holiday {"kind":"all-day"}, Night {"kind":"all-day"}, Moment {"kind":"span","start":"12:00","end":null}, Until midnight {"kind":"span","start":"20:00","end":"00:00"}',
      '2026-03-04: Mum turns 41 {"kind":"all-day"}, Night {"kind":"until","end":"07:00"}',
    ]);
  });
});

describe('weeks and months as the family counts them', () => {
  it('starts a week on Monday or Sunday', () => {
    expect(startOfWeek(d('2026-03-10'), 'monday')).toEqual(d('2026-03-09'));
    expect(startOfWeek(d('2026-03-10'), 'sunday')).toEqual(d('2026-03-08'));
    expect(startOfWeek(d('2026-03-08'), 'monday')).toEqual(d('2026-03-02'));
    expect(startOfWeek(d('2026-03-08'), 'sunday')).toEqual(d('2026-03-08'));
    expect(startOfWeek(d('2026-03-09'), 'monday')).toEqual(d('2026-03-09'));
  });

  it('shows a month as whole weeks', () => {
    // February 2026 runs from a Sunday to a Saturday.
    expect(monthGrid(2026, 2, 'monday')).toEqual({ from: d('2026-01-26'), days: 35 });
    expect(monthGrid(2026, 2, 'sunday')).toEqual({ from: d('2026-02-01'), days: 28 });
    expect(monthGrid(2026, 8, 'monday')).toEqual({ from: d('2026-07-27'), days: 42 });
    expect(monthGrid(2026, 12, 'sunday')).toEqual({ from: d('2026-11-29'), days: 35 });
  });

  it('reads times on a 12- or 24-hour clock, and ranges of days', () => {
    expect(['00:05', '09:30', '12:00', '23:59'].map((t) => clockText(t, new I18n('en', { clock: '12' })))).toEqual(['12:05 am', '9:30 am', '12:00 pm', '11:59 pm']);
    expect(clockText('09:30', new I18n('en', { clock: '24' }))).toBe('09:30');
    expect(rangeHeading(d('2026-03-10'), d('2026-03-23'), english).replace(/\u2009/g, ' ')).toBe('10 – 23 March 2026');
    expect(rangeHeading(d('2026-03-30'), d('2026-04-05'), new I18n('en', { monthFirst: true })).replace(/\u2009/g, ' ')).toBe('March 30 – April 5, 2026');
    expect(rangeHeading(d('2026-12-28'), d('2027-01-03'), english).replace(/\u2009/g, ' ')).toBe('28 December 2026 – 3 January 2027');
  });
});

describe('event checks', () => {
  const columns = (c: Partial<EventColumns>): EventColumns => {
    const { id: _id, uid: _uid, created_by: _by, created_at: _at, updated_at: _up, ...series } = event(0, { start_date: '2026-03-10', end_date: '2026-03-10', repeat: 'weekly' });
    return { ...series, ...c };
  };

  it('knows whether a series takes place at all', () => {
    expect(occursAtAll(columns({}), 'Europe/Berlin')).toBe(true);
    expect(occursAtAll(columns({ repeat_days: 'MO', repeat_until: '2026-03-15' }), 'Europe/Berlin')).toBe(false);
    expect(occursAtAll(columns({ repeat_days: 'MO', repeat_until: '2026-03-16' }), 'Europe/Berlin')).toBe(true);
    expect(occursAtAll(columns({ repeat: 'none', repeat_days: '' }), 'Europe/Berlin')).toBe(true);
  });

  it("keeps only what differs from the series in one occurrence's change", () => {
    const series = event(1, { title: 'Swim', start_time: '17:00', end_time: '18:00', repeat: 'weekly', location: 'Pool', note: 'Towel' });
    const same = { title: 'Swim', date: '2026-03-09', all_day: false, start_time: '17:00', end_date: '', end_time: '18:00', location: 'Pool', note: 'Towel' };
    expect(checkOccurrence(same, series, '2026-03-09', english)).toEqual({
      ok: true,
      value: { title: null, all_day: null, start_date: null, start_time: null, end_date: null, end_time: null, location: null, note: null },
    });
    expect(checkOccurrence({ ...same, date: '2026-03-11', all_day: true, note: '' }, series, '2026-03-09', english)).toEqual({
      ok: true,
      value: { title: null, all_day: 1, start_date: '2026-03-11', start_time: null, end_date: null, end_time: null, location: null, note: '' },
    });
    // No end: a moment at its start, said as such (null would be the series' end).
    expect(checkOccurrence({ ...same, start_time: '08:00', end_time: '' }, series, '2026-03-09', english)).toMatchObject({ ok: true, value: { start_time: '08:00', end_time: '08:00' } });
  });

  it('reads a birth date without its year', () => {
    expect(parseBirthDate('--02-29')).toEqual({ year: null, month: 2, day: 29 });
    expect(parseBirthDate('2016-02-29')).toEqual({ year: 2016, month: 2, day: 29 });
    expect(parseBirthDate('---02-29')).toBeNull();
  });
});
