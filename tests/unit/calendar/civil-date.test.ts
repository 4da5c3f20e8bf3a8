import { describe, expect, it } from 'vitest';
import {
  MONTH_NAMES,
  addDays,
  compareDates,
  dayNumber,
  dayOfYear,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isLeapYear,
  isoWeekday,
  mondayOf,
  parseIsoDate,
} from '../../../src/calendar/civil-date.js';

describe('leap years and month lengths', () => {
  it('follows the Gregorian century rule', () => {
    expect([2024, 2026, 2000, 1900, 2100, 2400].map(isLeapYear)).toEqual([true, false, true, false, false, true]);
  });

  it('gives February 29 days only in leap years', () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect([1, 3, 4, 6, 9, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 31, 30, 30, 30, 30, 31]);
  });
});

describe('day numbers', () => {
  it('counts days since 1970-01-01', () => {
    expect(dayNumber({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(dayNumber({ year: 1969, month: 12, day: 31 })).toBe(-1);
    expect(dayNumber({ year: 2000, month: 2, day: 29 })).toBe(11016);
    expect(dayNumber({ year: 2026, month: 11, day: 22 })).toBe(20779);
  });

  it('round-trips through fromDayNumber, also for years below 100', () => {
    expect(fromDayNumber(20779)).toEqual({ year: 2026, month: 11, day: 22 });
    expect(fromDayNumber(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    const ancient = { year: 50, month: 3, day: 1 };
    expect(fromDayNumber(dayNumber(ancient))).toEqual(ancient);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2027, month: 2, day: 28 }, 1)).toEqual({ year: 2027, month: 3, day: 1 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
  });
});

describe('weeks and days of the year', () => {
  it('numbers weekdays Monday=1 to Sunday=7', () => {
    expect(isoWeekday({ year: 1970, month: 1, day: 1 })).toBe(4); // Thursday
    expect(isoWeekday({ year: 2026, month: 11, day: 22 })).toBe(7); // Sunday
    expect(isoWeekday({ year: 2025, month: 12, day: 29 })).toBe(1); // Monday
    expect(isoWeekday({ year: 1969, month: 12, day: 29 })).toBe(1); // Monday before day 0
  });

  it('finds the Monday of the week, across a year boundary', () => {
    expect(mondayOf({ year: 2026, month: 1, day: 1 })).toEqual({ year: 2025, month: 12, day: 29 });
    expect(mondayOf({ year: 2026, month: 11, day: 22 })).toEqual({ year: 2026, month: 11, day: 16 });
    expect(mondayOf({ year: 2026, month: 11, day: 16 })).toEqual({ year: 2026, month: 11, day: 16 });
  });

  it('counts the day of the year from 1', () => {
    expect(dayOfYear({ year: 2026, month: 1, day: 1 })).toBe(1);
    expect(dayOfYear({ year: 2025, month: 3, day: 1 })).toBe(60);
    expect(dayOfYear({ year: 2024, month: 3, day: 1 })).toBe(61);
    expect(dayOfYear({ year: 2025, month: 12, day: 31 })).toBe(365);
    expect(dayOfYear({ year: 2024, month: 12, day: 31 })).toBe(366);
  });

  it('compares dates', () => {
    const a = { year: 2026, month: 1, day: 31 };
    const b = { year: 2026, month: 2, day: 1 };
    expect(Math.sign(compareDates(a, b))).toBe(-1);
    expect(Math.sign(compareDates(b, a))).toBe(1);
    expect(compareDates(a, { ...a })).toBe(0);
    expect(Math.sign(compareDates({ year: 2025, month: 12, day: 31 }, a))).toBe(-1);
  });
});

describe('ISO text', () => {
  it('parses strict YYYY-MM-DD', () => {
    expect(parseIsoDate('2026-11-22')).toEqual({ year: 2026, month: 11, day: 22 });
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('rejects anything that is not a real date in that exact shape', () => {
    for (const bad of ['2027-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-5', '26-11-22', '2026-11-22T00:00', ' 2026-11-22', '', 'tomorrow']) {
      expect(parseIsoDate(bad), bad).toBeNull();
    }
  });

  it('formats with zero padding', () => {
    expect(formatIsoDate({ year: 2026, month: 3, day: 4 })).toBe('2026-03-04');
    expect(formatIsoDate({ year: 987, month: 12, day: 25 })).toBe('0987-12-25');
  });

  it('names months', () => {
    expect(MONTH_NAMES.length).toBe(12);
    expect([MONTH_NAMES[0], MONTH_NAMES[1], MONTH_NAMES[11]]).toEqual(['January', 'February', 'December']);
  });
});
