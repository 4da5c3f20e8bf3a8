// Messages for date fields in family forms (birthdays, one-off countdowns), in the reader's language.
// Callers parse the form strings into numbers; NaN from an empty or non-numeric
// field gets the same range message as an out-of-range number.

import { daysInMonth } from './civil-date.js';
import type { I18n } from '../i18n/i18n.js';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

function inRange(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/** A date field's problem: which field, and what to say there. */
export interface DateProblem {
  field: 'year' | 'month' | 'day';
  message: string;
}

/** For a date that comes back every year: 29 February is allowed (it is kept on 28 February in common years). */
export function validateMonthDay(month: number, day: number, i18n: I18n): DateProblem | null {
  const { t } = i18n;
  if (!inRange(month, 1, 12)) return { field: 'month', message: t('dateFields.monthRange') };
  if (!inRange(day, 1, 31)) return { field: 'day', message: t('dateFields.dayRange') };
  const longest = month === 2 ? 29 : daysInMonth(2000, month);
  if (day > longest) return { field: 'day', message: t('dateFields.shortMonth', { month: i18n.monthName(month), days: longest }) };
  return null;
}

/** For a one-off date: the day must exist in that very year. */
export function validateFullDate(year: number, month: number, day: number, i18n: I18n): DateProblem | null {
  const { t } = i18n;
  if (!inRange(year, MIN_YEAR, MAX_YEAR)) return { field: 'year', message: t('dateFields.yearRange', { min: MIN_YEAR, max: MAX_YEAR }) };
  if (!inRange(month, 1, 12)) return { field: 'month', message: t('dateFields.monthRange') };
  if (!inRange(day, 1, 31)) return { field: 'day', message: t('dateFields.dayRange') };
  const longest = daysInMonth(year, month);
  if (day > longest) {
    // Only February's length depends on the year, so only then name the year.
    const which = month === 2 ? i18n.date({ year, month, day: 1 }, 'monthYear') : i18n.monthName(month);
    return { field: 'day', message: t('dateFields.shortMonth', { month: which, days: longest }) };
  }
  return null;
}
