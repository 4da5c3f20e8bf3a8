// Messages for date fields in family forms (birthdays, one-off countdowns).
// Callers parse the form strings into numbers; NaN from an empty or non-numeric
// field gets the same range message as an out-of-range number.

import { MONTH_NAMES, daysInMonth } from './civil-date.js';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

function inRange(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? `Month ${month}`;
}

/** For a date that comes back every year: 29 February is allowed (it is kept on 28 February in common years). */
export function validateMonthDay(month: number, day: number): string | null {
  if (!inRange(month, 1, 12)) return 'Month must be between 1 and 12';
  if (!inRange(day, 1, 31)) return 'Day must be between 1 and 31';
  const longest = month === 2 ? 29 : daysInMonth(2000, month);
  if (day > longest) return `${monthName(month)} only has ${longest} days`;
  return null;
}

/** For a one-off date: the day must exist in that very year. */
export function validateFullDate(year: number, month: number, day: number): string | null {
  if (!inRange(year, MIN_YEAR, MAX_YEAR)) return `Year must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  if (!inRange(month, 1, 12)) return 'Month must be between 1 and 12';
  if (!inRange(day, 1, 31)) return 'Day must be between 1 and 31';
  const longest = daysInMonth(year, month);
  if (day > longest) {
    // Only February's length depends on the year, so only then name the year.
    const which = month === 2 ? `February ${year}` : monthName(month);
    return `${which} only has ${longest} days`;
  }
  return null;
}
