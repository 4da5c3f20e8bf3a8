import { describe, expect, it } from 'vitest';
import { english } from '../../../../src/i18n/i18n.js';
import {
  type CountdownWhen,
  daysUntil,
  describeDays,
  nextOccurrence,
  sortByDaysRemaining,
} from '../../../../src/kinds/countdowns/countdown.js';

const date = (year: number, month: number, day: number) => ({ year, month, day });
const yearly = (month: number, day: number): CountdownWhen => ({ kind: 'yearly', month, day });
const once = (year: number, month: number, day: number): CountdownWhen => ({ kind: 'once', year, month, day });

describe('yearly countdowns', () => {
  const christmasEve = yearly(12, 24);

  it('counts to this year’s date, is 0 on the day, and rolls over the day after', () => {
    expect(daysUntil(christmasEve, date(2026, 12, 1))).toBe(23);
    expect(daysUntil(christmasEve, date(2026, 12, 23))).toBe(1);
    expect(nextOccurrence(christmasEve, date(2026, 12, 24))).toEqual(date(2026, 12, 24));
    expect(daysUntil(christmasEve, date(2026, 12, 24))).toBe(0);
    expect(nextOccurrence(christmasEve, date(2026, 12, 25))).toEqual(date(2027, 12, 24));
    expect(daysUntil(christmasEve, date(2026, 12, 25))).toBe(364);
  });

  it('counts across New Year', () => {
    expect(nextOccurrence(yearly(1, 31), date(2026, 12, 31))).toEqual(date(2027, 1, 31));
    expect(daysUntil(yearly(1, 31), date(2026, 12, 31))).toBe(31);
  });
});

describe('29 February birthdays', () => {
  const leapling = yearly(2, 29);

  it('falls on 29 February in leap years', () => {
    expect(nextOccurrence(leapling, date(2028, 1, 1))).toEqual(date(2028, 2, 29));
    expect(daysUntil(leapling, date(2028, 2, 28))).toBe(1);
    expect(daysUntil(leapling, date(2028, 2, 29))).toBe(0);
  });

  it('counts to 28 February in common years, which is the day itself', () => {
    expect(nextOccurrence(leapling, date(2027, 1, 31))).toEqual(date(2027, 2, 28));
    expect(daysUntil(leapling, date(2027, 1, 31))).toBe(28);
    expect(daysUntil(leapling, date(2027, 2, 28))).toBe(0);
  });

  it('rolls from 2027-03-01 to 2028-02-29', () => {
    expect(nextOccurrence(leapling, date(2027, 3, 1))).toEqual(date(2028, 2, 29));
    expect(daysUntil(leapling, date(2027, 3, 1))).toBe(365);
  });

  it('after a leap day, waits for 28 February of the next common year', () => {
    expect(nextOccurrence(leapling, date(2028, 3, 1))).toEqual(date(2029, 2, 28));
  });
});

describe('one-off countdowns', () => {
  const party = once(2026, 11, 22);

  it('counts down, shows Today! on the day, then disappears', () => {
    expect(describeDays(daysUntil(party, date(2026, 11, 20))!, english.t)).toBe('2 days');
    expect(describeDays(daysUntil(party, date(2026, 11, 21))!, english.t)).toBe('Tomorrow');
    expect(describeDays(daysUntil(party, date(2026, 11, 22))!, english.t)).toBe('Today!');
    expect(nextOccurrence(party, date(2026, 11, 23))).toBeNull();
    expect(daysUntil(party, date(2026, 11, 23))).toBeNull();
  });

  it('counts across years', () => {
    expect(daysUntil(once(2027, 1, 1), date(2026, 1, 1))).toBe(365);
    expect(daysUntil(once(2029, 1, 1), date(2028, 1, 1))).toBe(366);
  });
});

describe('describeDays', () => {
  it('says Today!, Tomorrow, or N days', () => {
    expect(describeDays(0, english.t)).toBe('Today!');
    expect(describeDays(1, english.t)).toBe('Tomorrow');
    expect(describeDays(2, english.t)).toBe('2 days');
    expect(describeDays(365, english.t)).toBe('365 days');
  });

  it('reads past one-offs on admin pages as days ago', () => {
    expect(describeDays(-1, english.t)).toBe('Yesterday');
    expect(describeDays(-5, english.t)).toBe('5 days ago');
  });
});

describe('sortByDaysRemaining', () => {
  type Item = { title: string; when: CountdownWhen };
  const items: Item[] = [
    { title: 'Christmas Eve', when: yearly(12, 24) },
    { title: 'Jessica', when: yearly(1, 31) },
    { title: 'Old party', when: once(2026, 1, 2) },
    { title: 'Estelle', when: yearly(3, 4) },
    { title: 'Trip', when: once(2026, 2, 1) },
    { title: 'Older party', when: once(2025, 12, 24) },
    { title: 'Today', when: once(2026, 1, 10) },
    { title: 'Trip twin', when: once(2026, 2, 1) },
  ];
  const today = date(2026, 1, 10);

  it('puts the soonest first and leaves out past one-offs by default', () => {
    const sorted = sortByDaysRemaining(items, (i) => i.when, today);
    expect(sorted.map((s) => [s.item.title, s.days])).toEqual([
      ['Today', 0],
      ['Jessica', 21],
      ['Trip', 22],
      ['Trip twin', 22],
      ['Estelle', 53],
      ['Christmas Eve', 348],
    ]);
    expect(sorted.every((s) => !s.past)).toBe(true);
    expect(sorted[1]!.date).toEqual(date(2026, 1, 31));
  });

  it('shows past one-offs to admins after the upcoming ones, most recent first', () => {
    const sorted = sortByDaysRemaining(items, (i) => i.when, today, { includePast: true });
    expect(sorted.map((s) => [s.item.title, s.days, s.past])).toEqual([
      ['Today', 0, false],
      ['Jessica', 21, false],
      ['Trip', 22, false],
      ['Trip twin', 22, false],
      ['Estelle', 53, false],
      ['Christmas Eve', 348, false],
      ['Old party', -8, true],
      ['Older party', -17, true],
    ]);
    expect(sorted[6]!.date).toEqual(date(2026, 1, 2));
  });
});
