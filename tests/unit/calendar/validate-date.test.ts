import { describe, expect, it } from 'vitest';
import { validateFullDate, validateMonthDay, type DateProblem } from '../../../src/calendar/validate-date.js';
import { english, i18nFor } from '../../../src/i18n/i18n.js';

const said = (problem: DateProblem | null) => problem && `${problem.field}: ${problem.message}`;
const monthDay = (month: number, day: number) => said(validateMonthDay(month, day, english));
const fullDate = (year: number, month: number, day: number) => said(validateFullDate(year, month, day, english));

describe('yearly dates (month and day)', () => {
  it('accepts real dates, including 29 February', () => {
    expect(monthDay(1, 31)).toBeNull();
    expect(monthDay(2, 29)).toBeNull();
    expect(monthDay(12, 24)).toBeNull();
  });

  it('says how many days a short month has', () => {
    expect(monthDay(4, 31)).toBe('day: April only has 30 days.');
    expect(monthDay(11, 31)).toBe('day: November only has 30 days.');
    expect(monthDay(2, 30)).toBe('day: February only has 29 days.');
  });

  it('checks the ranges of month and day', () => {
    expect(monthDay(0, 10)).toBe('month: Month must be between 1 and 12.');
    expect(monthDay(13, 10)).toBe('month: Month must be between 1 and 12.');
    expect(monthDay(Number.NaN, 10)).toBe('month: Month must be between 1 and 12.');
    expect(monthDay(5, 0)).toBe('day: Day must be between 1 and 31.');
    expect(monthDay(5, 32)).toBe('day: Day must be between 1 and 31.');
    expect(monthDay(5, 1.5)).toBe('day: Day must be between 1 and 31.');
    expect(monthDay(5, Number.NaN)).toBe('day: Day must be between 1 and 31.');
  });
});

describe('one-off dates (year, month and day)', () => {
  it('accepts real dates', () => {
    expect(fullDate(2026, 11, 22)).toBeNull();
    expect(fullDate(2028, 2, 29)).toBeNull();
    expect(fullDate(2000, 2, 29)).toBeNull();
  });

  it('rejects 29 February outside leap years, naming the year', () => {
    expect(fullDate(2027, 2, 29)).toBe('day: February 2027 only has 28 days.');
    expect(fullDate(2100, 2, 29)).toBe('day: February 2100 only has 28 days.');
    expect(fullDate(2028, 2, 30)).toBe('day: February 2028 only has 29 days.');
  });

  it('names other short months without the year', () => {
    expect(fullDate(2026, 4, 31)).toBe('day: April only has 30 days.');
    expect(fullDate(2026, 9, 31)).toBe('day: September only has 30 days.');
  });

  it('checks the year range first, then month and day', () => {
    expect(fullDate(1899, 1, 1)).toBe('year: Year must be between 1900 and 2200.');
    expect(fullDate(2201, 1, 1)).toBe('year: Year must be between 1900 and 2200.');
    expect(fullDate(Number.NaN, 13, 40)).toBe('year: Year must be between 1900 and 2200.');
    expect(fullDate(1900, 1, 1)).toBeNull();
    expect(fullDate(2200, 12, 31)).toBeNull();
    expect(fullDate(2026, 13, 1)).toBe('month: Month must be between 1 and 12.');
    expect(fullDate(2026, 1, 32)).toBe('day: Day must be between 1 and 31.');
  });
});

describe('in the reader’s language', () => {
  it('names the month and says the problem in German, French and Spanish', () => {
    expect(said(validateFullDate(2027, 2, 29, i18nFor('de')))).toBe('day: Februar 2027 hat nur 28 Tage.');
    expect(said(validateMonthDay(4, 31, i18nFor('de')))).toBe('day: April hat nur 30 Tage.');
    expect(said(validateFullDate(1899, 1, 1, i18nFor('de')))).toBe('year: Das Jahr muss zwischen 1900 und 2200 liegen.');
    expect(said(validateMonthDay(13, 1, i18nFor('fr')))).toBe('month: Le mois doit être compris entre 1 et 12.');
    expect(said(validateMonthDay(4, 31, i18nFor('fr')))).toBe('day: En avril, il n’y a que 30 jours.');
    expect(said(validateFullDate(2027, 2, 29, i18nFor('es')))).toBe('day: El mes de febrero de 2027 solo tiene 28 días.');
  });
});
