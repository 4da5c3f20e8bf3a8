import { describe, expect, it } from 'vitest';
import {
  DATE_FORMATS,
  defaultTimeZone,
  formatFamilyDate,
  isDateFormat,
  isValidTimeZone,
  isWithinHours,
  localTimeIn,
  msUntilNextMidnight,
  parseTimeOfDay,
  todayIn,
  validateTimeOfDay,
  validateTimeZone,
} from '../../../src/calendar/family-time.js';
import { english } from '../../../src/i18n/i18n.js';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const date = (year: number, month: number, day: number) => ({ year, month, day });

describe('time zones', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('   ')).toBe(false);
  });

  it('explains a bad time zone in words', () => {
    expect(validateTimeZone('Europe/Berlin', english.t)).toBeNull();
    expect(validateTimeZone('', english.t)).toBe('Please choose a time zone');
    expect(validateTimeZone('Berlin', english.t)).toBe(
      '"Berlin" is not a time zone we know. Use a name like Europe/Berlin or America/New_York',
    );
  });

  it('throws a readable error rather than guessing when asked about an unknown zone', () => {
    expect(() => todayIn('Nowhere/Land', at('2026-01-01T00:00:00Z'))).toThrow('Unknown time zone "Nowhere/Land"');
  });

  it('defaults to the machine zone, or UTC when the machine has none Intl knows', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      expect(defaultTimeZone()).toBe('Pacific/Auckland');
      process.env.TZ = 'Not/A_Zone';
      expect(defaultTimeZone()).toBe('UTC');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('today in a zone ahead of UTC', () => {
  it('Europe/Berlin at 23:30 is still that day, and at 00:30 already the next while UTC lags', () => {
    // 23:30 CEST = 21:30 UTC
    expect(todayIn('Europe/Berlin', at('2026-06-30T21:30:00Z'))).toEqual(date(2026, 6, 30));
    expect(localTimeIn('Europe/Berlin', at('2026-06-30T21:30:00Z'))).toEqual({ date: date(2026, 6, 30), hour: 23, minute: 30 });
    // 00:30 CEST on 1 July = 22:30 UTC on 30 June
    expect(todayIn('Europe/Berlin', at('2026-06-30T22:30:00Z'))).toEqual(date(2026, 7, 1));
    expect(todayIn('UTC', at('2026-06-30T22:30:00Z'))).toEqual(date(2026, 6, 30));
  });

  it('Pacific/Auckland is already in the new year while UTC is still on 31 December', () => {
    // NZDT is UTC+13: 00:30 on 1 January = 11:30 UTC on 31 December
    const now = at('2025-12-31T11:30:00Z');
    expect(localTimeIn('Pacific/Auckland', now)).toEqual({ date: date(2026, 1, 1), hour: 0, minute: 30 });
    expect(todayIn('UTC', now)).toEqual(date(2025, 12, 31));
    // 23:30 NZST (UTC+12) on 15 July = 11:30 UTC the same day
    expect(localTimeIn('Pacific/Auckland', at('2026-07-15T11:30:00Z'))).toEqual({ date: date(2026, 7, 15), hour: 23, minute: 30 });
  });
});

describe('today in a zone behind UTC', () => {
  it('America/New_York at 00:30 when UTC is 05:30', () => {
    expect(localTimeIn('America/New_York', at('2026-01-15T05:30:00Z'))).toEqual({ date: date(2026, 1, 15), hour: 0, minute: 30 });
  });

  it('America/New_York at 23:30 is still the old day while UTC has moved on', () => {
    const now = at('2026-01-16T04:30:00Z');
    expect(localTimeIn('America/New_York', now)).toEqual({ date: date(2026, 1, 15), hour: 23, minute: 30 });
    expect(todayIn('UTC', now)).toEqual(date(2026, 1, 16));
  });

  it('reports midnight as hour 0, not 24', () => {
    expect(localTimeIn('America/New_York', at('2026-01-15T05:00:00Z'))).toEqual({ date: date(2026, 1, 15), hour: 0, minute: 0 });
  });
});

describe('daylight saving days in Europe/Berlin', () => {
  it('2026-03-29 has 23 hours: clocks jump from 02:00 to 03:00', () => {
    expect(localTimeIn('Europe/Berlin', at('2026-03-29T00:59:00Z'))).toEqual({ date: date(2026, 3, 29), hour: 1, minute: 59 });
    expect(localTimeIn('Europe/Berlin', at('2026-03-29T01:00:00Z'))).toEqual({ date: date(2026, 3, 29), hour: 3, minute: 0 });
    // local midnight 00:00 CET = 23:00 UTC the day before; next midnight 00:00 CEST = 22:00 UTC
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-03-28T23:00:00Z'))).toBe(23 * HOUR);
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-03-28T23:30:00Z'))).toBe(22.5 * HOUR);
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-03-29T10:00:00Z'))).toBe(12 * HOUR); // noon CEST
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-03-29T21:59:59.999Z'))).toBe(1);
  });

  it('the day before the change is a normal 24-hour day', () => {
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-03-27T23:00:00Z'))).toBe(24 * HOUR);
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-03-28T11:00:00Z'))).toBe(12 * HOUR); // noon CET
  });

  it('2026-10-25 has 25 hours: 02:00-03:00 happens twice', () => {
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-10-24T22:00:00Z'))).toBe(25 * HOUR);
    // 02:30 CEST (first time) and 02:30 CET (second time) are an hour apart
    expect(localTimeIn('Europe/Berlin', at('2026-10-25T00:30:00Z'))).toEqual({ date: date(2026, 10, 25), hour: 2, minute: 30 });
    expect(localTimeIn('Europe/Berlin', at('2026-10-25T01:30:00Z'))).toEqual({ date: date(2026, 10, 25), hour: 2, minute: 30 });
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-10-25T00:30:00Z'))).toBe(22.5 * HOUR);
    expect(msUntilNextMidnight('Europe/Berlin', at('2026-10-25T01:30:00Z'))).toBe(21.5 * HOUR);
    expect(todayIn('Europe/Berlin', at('2026-10-25T22:59:59Z'))).toEqual(date(2026, 10, 25));
    expect(todayIn('Europe/Berlin', at('2026-10-25T23:00:00Z'))).toEqual(date(2026, 10, 26));
  });
});

describe('daylight saving days in America/New_York', () => {
  it('2026-03-08 has 23 hours', () => {
    expect(msUntilNextMidnight('America/New_York', at('2026-03-08T05:00:00Z'))).toBe(23 * HOUR);
    expect(msUntilNextMidnight('America/New_York', at('2026-03-08T06:30:00Z'))).toBe(21.5 * HOUR); // 01:30 EST
    expect(localTimeIn('America/New_York', at('2026-03-08T07:00:00Z'))).toEqual({ date: date(2026, 3, 8), hour: 3, minute: 0 });
    expect(msUntilNextMidnight('America/New_York', at('2026-03-08T16:00:00Z'))).toBe(12 * HOUR); // noon EDT
  });

  it('2026-11-01 has 25 hours', () => {
    expect(msUntilNextMidnight('America/New_York', at('2026-11-01T04:00:00Z'))).toBe(25 * HOUR);
    expect(msUntilNextMidnight('America/New_York', at('2026-11-01T05:30:00Z'))).toBe(23.5 * HOUR); // 01:30 EDT
    expect(msUntilNextMidnight('America/New_York', at('2026-11-01T06:30:00Z'))).toBe(22.5 * HOUR); // 01:30 EST
    expect(todayIn('America/New_York', at('2026-11-02T04:59:59Z'))).toEqual(date(2026, 11, 1));
    expect(todayIn('America/New_York', at('2026-11-02T05:00:00Z'))).toEqual(date(2026, 11, 2));
  });
});

describe('zones that change clocks at midnight (America/Santiago)', () => {
  it('a day ending with a fall-back at midnight lasts 25 hours', () => {
    // 2026-04-04 12:00 (UTC-3); at 24:00 clocks go back to 23:00 (UTC-4), so 5 April starts at 04:00 UTC
    expect(msUntilNextMidnight('America/Santiago', at('2026-04-04T15:00:00Z'))).toBe(13 * HOUR);
  });

  it('when midnight is skipped the new day starts at 01:00', () => {
    // 2026-09-05 12:00 (UTC-4); at 24:00 clocks jump to 01:00 (UTC-3) on 6 September
    expect(msUntilNextMidnight('America/Santiago', at('2026-09-05T16:00:00Z'))).toBe(12 * HOUR);
    expect(localTimeIn('America/Santiago', at('2026-09-06T04:00:00Z'))).toEqual({ date: date(2026, 9, 6), hour: 1, minute: 0 });
  });
});

describe('night mode hours', () => {
  const berlin = (iso: string) => isWithinHours('Europe/Berlin', at(iso), '22:00', '07:00');

  it('spans midnight: on from 22:00 up to but not including 07:00 local time', () => {
    // winter: Berlin = UTC+1
    expect(berlin('2026-01-15T20:59:00Z')).toBe(false); // 21:59
    expect(berlin('2026-01-15T21:00:00Z')).toBe(true); // 22:00
    expect(berlin('2026-01-15T23:30:00Z')).toBe(true); // 00:30
    expect(berlin('2026-01-16T05:59:00Z')).toBe(true); // 06:59
    expect(berlin('2026-01-16T06:00:00Z')).toBe(false); // 07:00
    expect(berlin('2026-01-16T11:00:00Z')).toBe(false); // 12:00
  });

  it('uses the family zone, not UTC: 22:30 UTC is 23:30 in Berlin but 17:30 in New York', () => {
    const now = at('2026-01-15T22:30:00Z');
    expect(isWithinHours('Europe/Berlin', now, '22:00', '07:00')).toBe(true);
    expect(isWithinHours('America/New_York', now, '22:00', '07:00')).toBe(false);
  });

  it('handles a window within one day and an empty window', () => {
    expect(isWithinHours('UTC', at('2026-01-15T13:00:00Z'), '12:00', '14:00')).toBe(true);
    expect(isWithinHours('UTC', at('2026-01-15T14:00:00Z'), '12:00', '14:00')).toBe(false);
    expect(isWithinHours('UTC', at('2026-01-15T13:00:00Z'), '13:00', '13:00')).toBe(false);
  });

  it('treats unreadable times as night mode off, and says why in forms', () => {
    expect(isWithinHours('UTC', at('2026-01-15T23:00:00Z'), '25:00', '07:00')).toBe(false);
    expect(parseTimeOfDay('7:05')).toBe(425);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('22:60')).toBeNull();
    expect(parseTimeOfDay('10pm')).toBeNull();
    expect(validateTimeOfDay('22:00', english.t)).toBeNull();
    expect(validateTimeOfDay('22.00', english.t)).toBe('Time must look like 22:00 (hours 00-23, minutes 00-59)');
  });
});

describe('family date formats', () => {
  const d = date(2026, 11, 22);

  it('formats 22 November 2026 in each style', () => {
    expect(formatFamilyDate(d, 'iso')).toBe('2026-11-22');
    expect(formatFamilyDate(d, 'dmy')).toBe('22.11.2026');
    expect(formatFamilyDate(d, 'mdy')).toBe('11/22/2026');
    expect(formatFamilyDate(d, 'long')).toBe('Sunday 22 November 2026');
  });

  it('pads day and month with zeros but not in the long form', () => {
    const early = date(2026, 3, 4);
    expect(formatFamilyDate(early, 'dmy')).toBe('04.03.2026');
    expect(formatFamilyDate(early, 'mdy')).toBe('03/04/2026');
    expect(formatFamilyDate(early, 'long')).toBe('Wednesday 4 March 2026');
  });

  it('offers every format in the settings list exactly once', () => {
    expect([...DATE_FORMATS].sort()).toEqual(['dmy', 'iso', 'long', 'mdy']);
    expect(isDateFormat('dmy')).toBe(true);
    expect(isDateFormat('ymd')).toBe(false);
  });
});
