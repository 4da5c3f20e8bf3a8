import { describe, expect, it } from 'vitest';
import { validateFullDate, validateMonthDay } from '../../../src/calendar/validate-date.js';

describe('yearly dates (month and day)', () => {
  it('accepts real dates, including 29 February', () => {
    expect(validateMonthDay(1, 31)).toBeNull();
    expect(validateMonthDay(2, 29)).toBeNull();
    expect(validateMonthDay(12, 24)).toBeNull();
  });

  it('says how many days a short month has', () => {
    expect(validateMonthDay(4, 31)).toBe('April only has 30 days');
    expect(validateMonthDay(11, 31)).toBe('November only has 30 days');
    expect(validateMonthDay(2, 30)).toBe('February only has 29 days');
  });

  it('checks the ranges of month and day', () => {
    expect(validateMonthDay(0, 10)).toBe('Month must be between 1 and 12');
    expect(validateMonthDay(13, 10)).toBe('Month must be between 1 and 12');
    expect(validateMonthDay(Number.NaN, 10)).toBe('Month must be between 1 and 12');
    expect(validateMonthDay(5, 0)).toBe('Day must be between 1 and 31');
    expect(validateMonthDay(5, 32)).toBe('Day must be between 1 and 31');
    expect(validateMonthDay(5, 1.5)).toBe('Day must be between 1 and 31');
    expect(validateMonthDay(5, Number.NaN)).toBe('Day must be between 1 and 31');
  });
});

describe('one-off dates (year, month and day)', () => {
  it('accepts real dates', () => {
    expect(validateFullDate(2026, 11, 22)).toBeNull();
    expect(validateFullDate(2028, 2, 29)).toBeNull();
    expect(validateFullDate(2000, 2, 29)).toBeNull();
  });

  it('rejects 29 February outside leap years, naming the year', () => {
    expect(validateFullDate(2027, 2, 29)).toBe('February 2027 only has 28 days');
    expect(validateFullDate(2100, 2, 29)).toBe('February 2100 only has 28 days');
    expect(validateFullDate(2028, 2, 30)).toBe('February 2028 only has 29 days');
  });

  it('names other short months without the year', () => {
    expect(validateFullDate(2026, 4, 31)).toBe('April only has 30 days');
    expect(validateFullDate(2026, 9, 31)).toBe('September only has 30 days');
  });

  it('checks the year range first, then month and day', () => {
    expect(validateFullDate(1899, 1, 1)).toBe('Year must be between 1900 and 2200');
    expect(validateFullDate(2201, 1, 1)).toBe('Year must be between 1900 and 2200');
    expect(validateFullDate(Number.NaN, 13, 40)).toBe('Year must be between 1900 and 2200');
    expect(validateFullDate(1900, 1, 1)).toBeNull();
    expect(validateFullDate(2200, 12, 31)).toBeNull();
    expect(validateFullDate(2026, 13, 1)).toBe('Month must be between 1 and 12');
    expect(validateFullDate(2026, 1, 32)).toBe('Day must be between 1 and 31');
  });
});
