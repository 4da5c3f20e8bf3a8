// A calendar date with no time of day and no time zone: "22 November 2026".
// Dashboard logic (whose turn, days until a birthday) only ever needs this;
// the family's time zone is applied once, in family-time.ts, to find "today".

export type CivilDate = { year: number; month: number; day: number };

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Indexed by isoWeekday - 1 (Monday first). */
export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when the fields are whole numbers naming a real day (no 31 April). */
export function isValidCivilDate(d: CivilDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** Days since 1970-01-01 (proleptic Gregorian); negative before 1970. */
export function dayNumber(d: CivilDate): number {
  // Date.UTC maps years 0-99 to 1900-1999, so only use it for other years.
  const ms =
    d.year >= 0 && d.year <= 99
      ? new Date(0).setUTCFullYear(d.year, d.month - 1, d.day)
      : Date.UTC(d.year, d.month - 1, d.day);
  return Math.round(ms / MS_PER_DAY);
}

export function fromDayNumber(n: number): CivilDate {
  const date = new Date(n * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(d: CivilDate, n: number): CivilDate {
  return fromDayNumber(dayNumber(d) + n);
}

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekday(d: CivilDate): number {
  // Day 0 (1970-01-01) was a Thursday, weekday 4.
  return (((dayNumber(d) + 3) % 7) + 7) % 7 + 1;
}

/** The Monday starting the ISO week that contains d (d itself on a Monday). */
export function mondayOf(d: CivilDate): CivilDate {
  return addDays(d, 1 - isoWeekday(d));
}

/** 1 on 1 January, 365 or 366 on 31 December. */
export function dayOfYear(d: CivilDate): number {
  return dayNumber(d) - dayNumber({ year: d.year, month: 1, day: 1 }) + 1;
}

/** Negative when a is earlier, 0 when the same day, positive when later. */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Strict YYYY-MM-DD (as sent by <input type="date">); null for anything else, including 2026-02-30. */
export function parseIsoDate(text: string): CivilDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const d = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidCivilDate(d) ? d : null;
}

export function formatIsoDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
