import { english, type Translate } from '../../i18n/i18n.js';
// Birthdays of members and named people (Grandma, the dog) as calendar
// entries: "Lily turns 9" on the day, or "Lily's birthday" when the year of
// birth is not known. A birthday on 29 February is kept on 28 February in
// common years, as countdowns keep it (countdowns/countdown.ts).

import { type CivilDate, addDays, dayNumber, formatIsoDate, fromDayNumber } from '../../calendar/civil-date.js';
import { nextOccurrence } from '../countdowns/countdown.js';

/** The calendar name birthdays have in the agenda, the CLI and the iCalendar address. */
export const BIRTHDAYS_CALENDAR = 'Birthdays';

export interface BirthdayPerson {
  /** Stable across renders: "m3" for a member, "p2" for a named person. */
  key: string;
  name: string;
  /** YYYY-MM-DD, or --MM-DD when the year is not known. */
  birthDate: string;
}

export interface BirthdayOccurrence {
  key: string;
  name: string;
  /** The day it is kept on, YYYY-MM-DD. */
  date: string;
  /** How old the person turns, when the year of birth is known. */
  age: number | null;
  /** In English, as the CLI and the agenda's JSON name it; pages word it again in their language (entryTitle). */
  title: string;
}

/** A stored birth date, or null for one that cannot be read (a hand-edited row). */
export function parseBirthDate(text: string): { year: number | null; month: number; day: number } | null {
  const match = /^(?:(\d{4})|-)-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year: match[1] ? Number(match[1]) : null, month, day };
}

/** "Lily turns 9", or "Lily's birthday" when the year of birth is not known. */
export function birthdayTitle(name: string, age: number | null, t: Translate): string {
  return age === null ? t('birthday.of', { name }) : t('birthday.turns', { name, count: age });
}

/** Every birthday kept on the days [from, from + days). */
export function birthdaysBetween(people: readonly BirthdayPerson[], from: CivilDate, days: number): BirthdayOccurrence[] {
  const found: BirthdayOccurrence[] = [];
  const end = dayNumber(from) + days;
  for (const person of people) {
    const birth = parseBirthDate(person.birthDate);
    if (!birth) continue;
    // The next time it is kept from each day on: at most one a year, so walk year by year.
    let cursor = from;
    while (dayNumber(cursor) < end) {
      const next = nextOccurrence({ kind: 'yearly', month: birth.month, day: birth.day }, cursor);
      if (!next || dayNumber(next) >= end) break;
      const age = birth.year === null ? null : next.year - birth.year;
      // Not before they were born.
      if (age === null || age >= 0) {
        found.push({ key: person.key, name: person.name, date: formatIsoDate(next), age, title: birthdayTitle(person.name, age === 0 ? null : age, english.t) });
      }
      cursor = addDays(next, 1);
    }
  }
  return found.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** The day after, as iCalendar's exclusive end of an all-day entry. */
export function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return formatIsoDate(fromDayNumber(dayNumber({ year: y!, month: m!, day: d! }) + 1));
}
