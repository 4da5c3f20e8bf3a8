// The family's own events (family_events, family_event_changes) as event
// series of the same shape a feed's are stored in, so one expansion
// (occurrences.ts) serves both. Own events are in the family's wall-clock
// time: their zone is "floating", read in the family's zone.

import type { CalendarEvent, EventOverride } from './calendar-event.js';
import type { FamilyEvent, FamilyEventChange, FamilyEventRepeat } from './tables.js';

/** The calendar name own events have in the agenda, the CLI and the iCalendar address. */
export const FAMILY_CALENDAR = 'Family';

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

/** The RRULE of a repeat chosen in the form; null for none. */
export function repeatRule(repeat: FamilyEventRepeat, days: readonly string[], until: string | null, count: number | null): string | null {
  if (repeat === 'none') return null;
  const parts = [`FREQ=${repeat.toUpperCase()}`];
  if (repeat === 'weekly' && days.length) parts.push(`BYDAY=${days.join(',')}`);
  // A date: the series' last day, included, whether its events are all-day or timed.
  if (until) parts.push(`UNTIL=${until.replaceAll('-', '')}`);
  else if (count) parts.push(`COUNT=${count}`);
  return parts.join(';');
}

/** Whole days from the start date to the end date. */
function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

type Timing = Pick<FamilyEvent, 'all_day' | 'start_date' | 'start_time' | 'end_date' | 'end_time'>;

/** Start text and duration of an own event as a series stores them. */
function timing(t: Timing): Pick<CalendarEvent, 'allDay' | 'start' | 'duration'> {
  if (t.all_day === 1) {
    // end_date is the last day, included; iCalendar ends are exclusive.
    return { allDay: true, start: t.start_date, duration: { days: daysBetween(t.start_date, t.end_date) + 1, ms: 0 } };
  }
  const start = t.start_time ?? '00:00';
  const end = t.end_time ?? start;
  // Wall-clock length: a 09:00–10:00 event keeps its hour across a clock change.
  const days = daysBetween(t.start_date, t.end_date);
  const minutes = minutesOf(end) - minutesOf(start);
  return { allDay: false, start: `${t.start_date}T${start}:00`, duration: { days, ms: minutes * 60_000 } };
}

/** The occurrence a change replaces, as the series writes its starts. */
export function occurrenceKey(event: Pick<FamilyEvent, 'all_day' | 'start_time'>, occurrenceDate: string): string {
  return event.all_day === 1 ? occurrenceDate : `${occurrenceDate}T${event.start_time ?? '00:00'}:00`;
}

function override(event: FamilyEvent, change: FamilyEventChange): EventOverride {
  const allDay = change.all_day ?? event.all_day;
  const start_date = change.start_date ?? change.occurrence_date;
  const length = daysBetween(event.start_date, event.end_date);
  const shifted = new Date(Date.parse(`${start_date}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10);
  return {
    recurrenceId: occurrenceKey(event, change.occurrence_date),
    title: change.title ?? event.title,
    location: change.location ?? event.location,
    description: change.note ?? event.note,
    status: change.cancelled === 1 ? 'cancelled' : 'confirmed',
    zone: { kind: 'floating' },
    ...timing({
      all_day: allDay,
      start_date,
      start_time: change.start_time ?? event.start_time,
      end_date: change.end_date ?? shifted,
      end_time: change.end_time ?? event.end_time,
    }),
  };
}

/** One own event, with its changed occurrences, as a stored series. */
export function familyEventSeries(event: FamilyEvent, changes: readonly FamilyEventChange[]): CalendarEvent {
  return {
    uid: event.uid,
    title: event.title,
    location: event.location,
    description: event.note,
    status: 'confirmed',
    zone: { kind: 'floating' },
    ...timing(event),
    rrule: repeatRule(event.repeat, event.repeat_days ? event.repeat_days.split(',') : [], event.repeat_until, event.repeat_count),
    rdates: [],
    exdates: [],
    overrides: changes.filter((c) => c.event_id === event.id).map((c) => override(event, c)),
  };
}
