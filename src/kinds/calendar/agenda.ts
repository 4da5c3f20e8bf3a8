// The family's calendar on given days: the calendars it subscribes to, its
// own events and its birthdays, merged into one list in the family's zone.
// Pure: the card, the pages, the CLI and the iCalendar address read the rows
// (calendar-queries.ts) and hand them here.

import { type CivilDate, dayNumber } from '../../calendar/civil-date.js';
import type { CalendarEvent } from './calendar-event.js';
import { type Occurrence, compareOccurrences, occurrencesBetween } from './occurrences.js';
import { BIRTHDAYS_CALENDAR, type BirthdayPerson, birthdaysBetween, dayAfter } from './birthdays.js';
import { FAMILY_CALENDAR } from './family-events.js';
import { wallToUtc, ianaRules } from './zones.js';
import { wallMs } from './calendar-event.js';

/** Whose an entry is, for its colour and avatar on the wall. */
export interface EntryPerson {
  name: string;
  color: string;
  avatar: string;
  imageId: number | null;
}

/** One calendar's series, with how its entries look. */
export interface CalendarSource {
  /** The name the agenda gives it: a feed's name, "Family", "Birthdays". */
  calendar: string;
  color: string;
  person: EntryPerson | null;
  events: readonly CalendarEvent[];
  /** Per series (by uid): whose it is, when the calendar itself is not one person's. */
  personOf?: ReadonlyMap<string, EntryPerson> | undefined;
}

export interface AgendaEntry extends Occurrence {
  calendar: string;
  color: string;
  person: EntryPerson | null;
}

export const BIRTHDAY_COLOR = '#db2777';

/** Every entry of every calendar overlapping the family-local days [from, from + days), in agenda order. */
export function agendaBetween(sources: readonly CalendarSource[], birthdays: readonly (BirthdayPerson & { person?: EntryPerson | null })[], timeZone: string, from: CivilDate, days: number): AgendaEntry[] {
  const entries: AgendaEntry[] = [];
  for (const source of sources) {
    for (const occurrence of occurrencesBetween(source.events, timeZone, from, days)) {
      // An event for someone has their colour, as a feed of theirs has: the same on the wall and on the pages.
      const someone = source.personOf?.get(occurrence.uid);
      entries.push({ ...occurrence, calendar: source.calendar, color: someone?.color ?? source.color, person: someone ?? source.person });
    }
  }
  const zone = ianaRules(timeZone);
  const byKey = new Map(birthdays.map((b) => [b.key, b]));
  for (const birthday of birthdaysBetween(birthdays, from, days)) {
    const [y, m, d] = birthday.date.split('-').map(Number);
    const day = dayNumber({ year: y!, month: m!, day: d! });
    entries.push({
      uid: `birthday-${birthday.key}-${birthday.date}`,
      title: birthday.title,
      location: '',
      description: '',
      allDay: true,
      start: birthday.date,
      end: dayAfter(birthday.date),
      startMs: wallToUtc(zone, wallMs(day)),
      endMs: wallToUtc(zone, wallMs(day + 1)),
      calendar: BIRTHDAYS_CALENDAR,
      color: byKey.get(birthday.key)?.person?.color ?? BIRTHDAY_COLOR,
      person: byKey.get(birthday.key)?.person ?? null,
    });
  }
  return entries.sort((a, b) => compareOccurrences(a, b) || a.calendar.localeCompare(b.calendar));
}

export { FAMILY_CALENDAR, BIRTHDAYS_CALENDAR };
