import type { I18n, Translate } from '../../i18n/i18n.js';
// The calendar pages' model, pure: the agenda's entries (the same as
// loadAgenda's) with, for the family's own events, which event and which
// occurrence each one is (so a member can change it), laid out by day.

import { type CivilDate, MONTH_NAMES, WEEKDAY_NAMES, addDays, dayNumber, formatIsoDate, isoWeekday, parseIsoDate } from '../../calendar/civil-date.js';
import type { ClockFormat, WeekStart } from '../../family/tables.js';
import type { CalendarEvent } from './calendar-event.js';
import { type AgendaEntry, agendaBetween } from './agenda.js';
import { type CalendarRows, calendarSources } from './calendar-queries.js';
import { FAMILY_CALENDAR } from './family-events.js';

/** Which own event, and which of its occurrences (the day it has in the series, before any change), an entry is. */
export interface OwnOccurrence {
  eventId: number;
  occurrenceDate: string;
  repeating: boolean;
}

export interface ViewEntry extends AgendaEntry {
  own: OwnOccurrence | null;
}

/**
 * The agenda of [from, from + days), as agendaBetween gives it, each own
 * event's entry knowing its occurrence. To know which occurrence a changed
 * one replaces, each change is expanded as a series of its own (and left out
 * of its series), which gives the same entries.
 */
export function viewEntries(rows: CalendarRows, timeZone: string, from: CivilDate, days: number): ViewEntry[] {
  const { sources, birthdays } = calendarSources(rows);
  const own = new Map<string, OwnOccurrence & { uid: string; fixedDate: boolean }>();
  const byUid = new Map(rows.familyEvents.map((e) => [e.uid, e]));
  const split = sources.map((source) => {
    if (source.calendar !== FAMILY_CALENDAR || source.person !== null || !source.personOf) return source;
    const events: CalendarEvent[] = [];
    const personOf = new Map(source.personOf);
    for (const series of source.events) {
      const event = byUid.get(series.uid);
      if (!event) {
        events.push(series);
        continue;
      }
      const repeating = series.rrule !== null;
      own.set(series.uid, { uid: series.uid, eventId: event.id, occurrenceDate: '', repeating, fixedDate: false });
      events.push({ ...series, overrides: [], exdates: series.overrides.map((o) => o.recurrenceId) });
      for (const override of series.overrides) {
        if (override.status === 'cancelled') continue;
        const uid = `${series.uid}#${override.recurrenceId}`;
        own.set(uid, { uid: series.uid, eventId: event.id, occurrenceDate: override.recurrenceId.slice(0, 10), repeating, fixedDate: true });
        const person = source.personOf.get(series.uid);
        if (person) personOf.set(uid, person);
        events.push({ ...override, uid, rrule: null, rdates: [], exdates: [], overrides: [] });
      }
    }
    return { ...source, events, personOf };
  });
  return agendaBetween(split, birthdays, timeZone, from, days).map((entry) => {
    const found = entry.builtIn === 'family' ? own.get(entry.uid) : undefined;
    if (!found) return { ...entry, own: null };
    return {
      ...entry,
      uid: found.uid,
      own: { eventId: found.eventId, occurrenceDate: found.fixedDate ? found.occurrenceDate : entry.start.slice(0, 10), repeating: found.repeating },
    };
  });
}

/** How an entry's time reads on one of its days. */
export type DayTime =
  | { kind: 'all-day' }
  /** Starts and ends that day (end null: a moment). */
  | { kind: 'span'; start: string; end: string | null }
  /** Starts that day, ends on a later one. */
  | { kind: 'from'; start: string }
  /** Began before, ends that day. */
  | { kind: 'until'; end: string };

export interface DayItem {
  entry: ViewEntry;
  time: DayTime;
}

export interface CalendarDay {
  date: string;
  items: DayItem[];
}

function nextDay(date: string): string {
  return formatIsoDate(addDays(parseIsoDate(date)!, 1));
}

/** The days of [from, from + days), each with the entries on it: an entry over several days is on each. */
export function layOutDays(entries: readonly ViewEntry[], from: CivilDate, days: number): CalendarDay[] {
  const list: CalendarDay[] = [];
  const byDate = new Map<string, DayItem[]>();
  for (let i = 0; i < days; i++) {
    const date = formatIsoDate(addDays(from, i));
    const items: DayItem[] = [];
    list.push({ date, items });
    byDate.set(date, items);
  }
  const first = list[0]?.date ?? '';
  const last = list.at(-1)?.date ?? '';
  for (const entry of entries) {
    const startDate = entry.start.slice(0, 10);
    if (entry.allDay) {
      for (let date = startDate < first ? first : startDate; date < entry.end && date <= last; date = nextDay(date)) byDate.get(date)?.push({ entry, time: { kind: 'all-day' } });
      continue;
    }
    const endDate = entry.end.slice(0, 10);
    const startTime = entry.start.slice(11, 16);
    const endTime = entry.end.slice(11, 16);
    // An end at midnight belongs to the day before.
    const lastDate = endDate > startDate && endTime === '00:00' ? formatIsoDate(addDays(parseIsoDate(endDate)!, -1)) : endDate;
    for (let date = startDate < first ? first : startDate; date <= lastDate && date <= last; date = nextDay(date)) {
      let time: DayTime;
      if (date === startDate && date === lastDate) time = { kind: 'span', start: startTime, end: entry.end === entry.start ? null : endTime };
      else if (date === startDate) time = { kind: 'from', start: startTime };
      else if (date === lastDate && endDate === lastDate) time = { kind: 'until', end: endTime };
      else time = { kind: 'all-day' };
      byDate.get(date)?.push({ entry, time });
    }
  }
  // All day first (and the days in the middle of a longer event), then by time; the agenda's order otherwise.
  for (const day of list) day.items.sort((a, b) => rank(a) - rank(b));
  return list;
}

function rank(item: DayItem): number {
  return item.time.kind === 'all-day' ? 0 : 1;
}

/** The first day of the week holding `date`, as the family counts weeks. */
export function startOfWeek(date: CivilDate, weekStart: WeekStart): CivilDate {
  const weekday = isoWeekday(date); // 1 = Monday
  return addDays(date, weekStart === 'sunday' ? -(weekday % 7) : 1 - weekday);
}

/** The seven weekdays in the family's order (1 = Monday … 7 = Sunday). */
export function weekdayOrder(weekStart: WeekStart): number[] {
  return weekStart === 'sunday' ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7];
}

/** The days a month's grid shows: whole weeks from the one holding the 1st to the one holding the last day. */
export function monthGrid(year: number, month: number, weekStart: WeekStart): { from: CivilDate; days: number } {
  const first = startOfWeek({ year, month, day: 1 }, weekStart);
  const nextMonth = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  const lastWeek = startOfWeek(addDays(nextMonth, -1), weekStart);
  return { from: first, days: dayNumber(lastWeek) + 7 - dayNumber(first) };
}

/** "09:30" as the family's clock reads it: "09:30" or "9:30 am". */
export function clockText(hhmm: string, i18n: I18n): string {
  return i18n.time(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)));
}

/** "Tuesday 10 March", with the year when it is not this one, as the family's language writes it. */
export function dayHeading(date: CivilDate, today: CivilDate, i18n: I18n): string {
  return i18n.date(date, date.year === today.year ? 'weekdayDayMonth' : 'full');
}

/** "Today", "Tomorrow", "Yesterday", or null. */
export function relativeDay(date: CivilDate, today: CivilDate, t: Translate): string | null {
  const diff = dayNumber(date) - dayNumber(today);
  return diff === 0 ? t('calendar.today') : diff === 1 ? t('calendar.tomorrow') : diff === -1 ? t('calendar.yesterday') : null;
}

/** "10 – 23 March 2026", "28 March – 10 April 2026", "28 December 2026 – 3 January 2027", as the family's language writes them. */
export function rangeHeading(from: CivilDate, to: CivilDate, i18n: I18n): string {
  return i18n.dateRange(from, to);
}
