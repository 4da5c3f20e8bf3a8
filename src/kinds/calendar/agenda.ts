// The family's calendar on given days: the calendars it subscribes to, its
// own events and its birthdays, merged into one list in the family's zone.
// Pure: the card, the pages, the CLI and the iCalendar address read the rows
// (calendar-queries.ts) and hand them here.

import { type CivilDate, dayNumber } from '../../calendar/civil-date.js';
import type { CalendarEvent } from './calendar-event.js';
import { type Occurrence, compareOccurrences, occurrencesBetween } from './occurrences.js';
import { BIRTHDAYS_CALENDAR, type BirthdayPerson, birthdayTitle, birthdaysBetween, dayAfter } from './birthdays.js';
import type { Translate } from '../../i18n/i18n.js';
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
  /** The family's own events: named "Family" in the CLI, in the reader's language on pages. */
  own?: boolean;
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
  /** Which of DinkyDash's own calendars it is in: pages name those in their language. */
  builtIn?: 'family' | 'birthdays';
  /** A birthday: whose, and how old they turn (null when the year is not known). */
  birthday?: { name: string; age: number | null };
}

/** The entry's calendar as a page names it: a feed's own name, or "Family"/"Birthdays" in the reader's language. */
export function calendarName(entry: Pick<AgendaEntry, 'calendar' | 'builtIn'>, t: Translate): string {
  return entry.builtIn === 'family' ? t('calendar.family') : entry.builtIn === 'birthdays' ? t('calendar.birthdays') : entry.calendar;
}

/** The entry's title as a page shows it: a birthday worded in the reader's language ("Lily wird 9"). */
export function entryTitle(entry: Pick<AgendaEntry, 'title' | 'birthday'>, t: Translate): string {
  return entry.birthday ? birthdayTitle(entry.birthday.name, entry.birthday.age, t) : entry.title;
}

export const BIRTHDAY_COLOR = '#db2777';

/** Every entry of every calendar overlapping the family-local days [from, from + days), in agenda order. */
export function agendaBetween(sources: readonly CalendarSource[], birthdays: readonly (BirthdayPerson & { person?: EntryPerson | null })[], timeZone: string, from: CivilDate, days: number): AgendaEntry[] {
  const entries: AgendaEntry[] = [];
  for (const source of sources) {
    for (const occurrence of occurrencesBetween(source.events, timeZone, from, days)) {
      // An event for someone has their colour, as a feed of theirs has: the same on the wall and on the pages.
      const someone = source.personOf?.get(occurrence.uid);
      const entry: AgendaEntry = { ...occurrence, calendar: source.calendar, color: someone?.color ?? source.color, person: someone ?? source.person };
      if (source.own) entry.builtIn = 'family';
      entries.push(entry);
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
      builtIn: 'birthdays',
      birthday: { name: birthday.name, age: birthday.age === 0 ? null : birthday.age },
      color: byKey.get(birthday.key)?.person?.color ?? BIRTHDAY_COLOR,
      person: byKey.get(birthday.key)?.person ?? null,
    });
  }
  return entries.sort((a, b) => compareOccurrences(a, b) || a.calendar.localeCompare(b.calendar));
}

export { FAMILY_CALENDAR, BIRTHDAYS_CALENDAR };
