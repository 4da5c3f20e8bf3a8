import type { Translate } from '../../i18n/i18n.js';
// How many days until a birthday, holiday or one-off event. Works on civil
// dates only: "today" comes from the family's time zone (calendar/family-time).

import { type CivilDate, compareDates, dayNumber, isLeapYear } from '../../calendar/civil-date.js';

export type CountdownWhen =
  | { kind: 'yearly'; month: number; day: number }
  | { kind: 'once'; year: number; month: number; day: number };

/** The yearly date in a given year; 29 February falls on 28 February in common years. */
function yearlyDateIn(year: number, month: number, day: number): CivilDate {
  if (month === 2 && day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month, day };
}

/**
 * The next day the countdown reaches zero, today included. A yearly date
 * stays on this year's date through the day itself and rolls to next year the
 * day after. A one-off date gives null once it has passed.
 */
export function nextOccurrence(when: CountdownWhen, today: CivilDate): CivilDate | null {
  if (when.kind === 'once') {
    const date = { year: when.year, month: when.month, day: when.day };
    return compareDates(date, today) >= 0 ? date : null;
  }
  const thisYear = yearlyDateIn(today.year, when.month, when.day);
  return compareDates(thisYear, today) >= 0 ? thisYear : yearlyDateIn(today.year + 1, when.month, when.day);
}

/** Days from today until the next occurrence (0 on the day), or null for a past one-off. */
export function daysUntil(when: CountdownWhen, today: CivilDate): number | null {
  const next = nextOccurrence(when, today);
  return next === null ? null : dayNumber(next) - dayNumber(today);
}

/** What the dashboard prints under a countdown. Negative numbers (past one-offs, admin pages only) read as "ago". */
export function describeDays(n: number, t: Translate): string {
  return n < 0 ? t('countdowns.daysAgo', { count: -n }) : t('countdowns.days', { count: n });
}

export type CountdownSlot<T> = {
  item: T;
  /** The next occurrence, or for a past one-off the day it was. */
  date: CivilDate;
  /** Days from today to `date`; negative for a past one-off. */
  days: number;
  past: boolean;
};

/**
 * Countdowns soonest first (ties keep their input order). Past one-offs are
 * left out unless `includePast` (the admin list, where they can be deleted);
 * then they come after all upcoming ones, most recent first.
 */
export function sortByDaysRemaining<T>(
  items: readonly T[],
  getWhen: (item: T) => CountdownWhen,
  today: CivilDate,
  options: { includePast?: boolean } = {},
): CountdownSlot<T>[] {
  const slots: CountdownSlot<T>[] = [];
  for (const item of items) {
    const when = getWhen(item);
    const next = nextOccurrence(when, today);
    if (next !== null) {
      slots.push({ item, date: next, days: dayNumber(next) - dayNumber(today), past: false });
    } else if (options.includePast && when.kind === 'once') {
      const date = { year: when.year, month: when.month, day: when.day };
      slots.push({ item, date, days: dayNumber(date) - dayNumber(today), past: true });
    }
  }
  return slots.sort((a, b) => {
    if (a.past !== b.past) return a.past ? 1 : -1;
    return a.past ? b.days - a.days : a.days - b.days;
  });
}

/** The date of a stored countdown row: a one-off when it has a year, else yearly. */
export function countdownWhen(row: { kind: 'yearly' | 'once'; year: number | null; month: number; day: number }): CountdownWhen {
  return row.kind === 'once' && row.year !== null
    ? { kind: 'once', year: row.year, month: row.month, day: row.day }
    : { kind: 'yearly', month: row.month, day: row.day };
}
