import { describe, expect, it } from 'vitest';
import type { ZoneObservance } from '../../../../src/kinds/calendar/calendar-event.js';
import {
  ianaRules,
  observanceRules,
  resolveTzid,
  sameOffsets,
  utcToZonedWallTime,
  zonedWallTimeToUtc,
} from '../../../../src/kinds/calendar/zones.js';

const date = (year: number, month: number, day: number) => ({ year, month, day });
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const HOUR = 3_600_000;
const intlName = (zone: string) => new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;

describe('zonedWallTimeToUtc', () => {
  it('reads ordinary times with the offset in force', () => {
    expect(iso(zonedWallTimeToUtc('Europe/Berlin', date(2026, 1, 15), 9, 0))).toBe('2026-01-15T08:00');
    expect(iso(zonedWallTimeToUtc('Europe/Berlin', date(2026, 7, 15), 9, 0))).toBe('2026-07-15T07:00');
    expect(iso(zonedWallTimeToUtc('America/New_York', date(2026, 1, 15), 9, 0))).toBe('2026-01-15T14:00');
    expect(iso(zonedWallTimeToUtc('Pacific/Auckland', date(2026, 1, 15), 9, 0))).toBe('2026-01-14T20:00');
    expect(iso(zonedWallTimeToUtc('Pacific/Auckland', date(2026, 7, 15), 9, 0))).toBe('2026-07-14T21:00');
    expect(iso(zonedWallTimeToUtc('UTC', date(2026, 7, 15), 9, 0))).toBe('2026-07-15T09:00');
  });

  it('reads a skipped time with the offset before the gap (02:30 in New York on 8 March 2026 is 03:30 EDT)', () => {
    const instant = zonedWallTimeToUtc('America/New_York', date(2026, 3, 8), 2, 30);
    expect(iso(instant)).toBe('2026-03-08T07:30');
    expect(utcToZonedWallTime('America/New_York', instant)).toEqual({ date: date(2026, 3, 8), hour: 3, minute: 30, second: 0 });
    expect(iso(zonedWallTimeToUtc('Europe/Berlin', date(2026, 3, 29), 2, 30))).toBe('2026-03-29T01:30'); // 03:30 CEST
    expect(iso(zonedWallTimeToUtc('Pacific/Auckland', date(2026, 9, 27), 2, 30))).toBe('2026-09-26T14:30'); // 03:30 NZDT
  });

  it('reads a repeated time as the first of the two', () => {
    expect(iso(zonedWallTimeToUtc('America/New_York', date(2026, 11, 1), 1, 30))).toBe('2026-11-01T05:30'); // EDT
    expect(iso(zonedWallTimeToUtc('Europe/Berlin', date(2026, 10, 25), 2, 30))).toBe('2026-10-25T00:30'); // CEST
    expect(iso(zonedWallTimeToUtc('Pacific/Auckland', date(2026, 4, 5), 2, 30))).toBe('2026-04-04T13:30'); // NZDT
  });

  it('goes back to the wall clock, on both sides of each change', () => {
    for (const [zone, change] of [
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Europe/Berlin', Date.UTC(2026, 2, 29, 1)],
      ['Europe/Berlin', Date.UTC(2026, 9, 25, 1)],
      ['Pacific/Auckland', Date.UTC(2026, 3, 4, 14)],
      ['Pacific/Auckland', Date.UTC(2026, 8, 26, 14)],
    ] as const) {
      for (const instant of [change - 60_000, change, change + HOUR]) {
        const wall = utcToZonedWallTime(zone, instant);
        const back = zonedWallTimeToUtc(zone, wall.date, wall.hour, wall.minute, wall.second);
        // A repeated wall time comes back as its first instant: an hour earlier at most.
        expect([instant, instant - HOUR], `${zone} ${iso(instant)}`).toContain(back);
      }
    }
  });

  it('refuses a zone Intl does not know', () => {
    expect(() => zonedWallTimeToUtc('Mars/Olympus_Mons', date(2026, 1, 1), 0, 0)).toThrow(RangeError);
    expect(() => utcToZonedWallTime('', 0)).toThrow(RangeError);
  });
});

describe('resolveTzid: what a feed’s TZID means', () => {
  it('takes IANA names as Intl spells them, quoted or not', () => {
    expect(resolveTzid('Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveTzid('"Europe/Berlin"')).toBe('Europe/Berlin');
    expect(resolveTzid(' europe/berlin ')).toBe('Europe/Berlin');
    // Intl's spelling of a zone with several names (ICU keeps America/Buenos_Aires).
    expect(resolveTzid('America/Argentina/Buenos_Aires')).toBe(intlName('America/Argentina/Buenos_Aires'));
  });

  it('strips vendor prefixes', () => {
    expect(resolveTzid('/mozilla.org/20050126_1/Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveTzid('/softwarestudio.org/Olson_20011030_5/America/New_York')).toBe('America/New_York');
    expect(resolveTzid('/citadel.org/20190914_1/America/Argentina/Buenos_Aires')).toBe(intlName('America/Argentina/Buenos_Aires'));
  });

  it('maps Outlook’s Windows names', () => {
    expect(resolveTzid('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(resolveTzid('Eastern Standard Time')).toBe('America/New_York');
    expect(resolveTzid('AUS Eastern Standard Time')).toBe('Australia/Sydney');
    expect(resolveTzid('New Zealand Standard Time')).toBe('Pacific/Auckland');
  });

  it('gives null for names nobody knows', () => {
    expect(resolveTzid('Customized Time Zone')).toBeNull();
    expect(resolveTzid('Mars/Olympus_Mons')).toBeNull();
    expect(resolveTzid('')).toBeNull();
    expect(resolveTzid('""')).toBeNull();
  });
});

// Europe/Berlin as Outlook writes it: one yearly rule each, from 1601.
const outlookBerlin: ZoneObservance[] = [
  { start: '1601-01-01T03:00:00', offsetFrom: 7200, offsetTo: 3600, rrule: 'FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10', rdates: [] },
  { start: '1601-01-01T02:00:00', offsetFrom: 3600, offsetTo: 7200, rrule: 'FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3', rdates: [] },
];

// America/New_York with its 2007 change written as two pairs of observances.
const usEastern: ZoneObservance[] = [
  { start: '1967-10-29T02:00:00', offsetFrom: -14400, offsetTo: -18000, rrule: 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T010000', rdates: [] },
  { start: '1987-04-05T02:00:00', offsetFrom: -18000, offsetTo: -14400, rrule: 'FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T020000', rdates: [] },
  { start: '2007-03-11T02:00:00', offsetFrom: -18000, offsetTo: -14400, rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', rdates: [] },
  { start: '2007-11-04T02:00:00', offsetFrom: -14400, offsetTo: -18000, rrule: 'FREQ=YEARLY;BYMONTH=11;BYDAY=1SU', rdates: [] },
];

describe('VTIMEZONE rules', () => {
  it('give the offsets their observances describe', () => {
    const rules = observanceRules(outlookBerlin)!;
    expect(rules.offsetAt(Date.UTC(2026, 0, 15))).toBe(HOUR);
    expect(rules.offsetAt(Date.UTC(2026, 2, 29, 0, 59))).toBe(HOUR);
    expect(rules.offsetAt(Date.UTC(2026, 2, 29, 1, 0))).toBe(2 * HOUR);
    expect(rules.offsetAt(Date.UTC(2026, 9, 25, 0, 59))).toBe(2 * HOUR);
    expect(rules.offsetAt(Date.UTC(2026, 9, 25, 1, 0))).toBe(HOUR);
    expect(rules.changesBetween(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toEqual([
      { at: Date.UTC(2026, 2, 29, 1), offset: 2 * HOUR },
      { at: Date.UTC(2026, 9, 25, 1), offset: HOUR },
    ]);
  });

  it('match IANA’s for the zone they describe, and not another’s', () => {
    const rules = observanceRules(outlookBerlin)!;
    expect(sameOffsets(rules, ianaRules('Europe/Berlin'), [2020, 2026, 2027])).toBe(true);
    expect(sameOffsets(rules, ianaRules('Europe/London'), [2026])).toBe(false);
    // Same offsets, changes at other times: the US rules.
    expect(sameOffsets(observanceRules(usEastern)!, ianaRules('America/New_York'), [2026])).toBe(true);
    expect(sameOffsets(observanceRules(usEastern)!, ianaRules('America/New_York'), [2006])).toBe(false);
  });

  it('follow a block that stops one rule and starts another', () => {
    const rules = observanceRules(usEastern)!;
    // 2006: the old US rules, first Sunday of April.
    expect(rules.offsetAt(Date.UTC(2006, 3, 2, 6, 59))).toBe(-5 * HOUR);
    expect(rules.offsetAt(Date.UTC(2006, 3, 2, 7, 0))).toBe(-4 * HOUR);
    // 2026: the second Sunday of March.
    expect(rules.offsetAt(Date.UTC(2026, 2, 8, 6, 59))).toBe(-5 * HOUR);
    expect(rules.offsetAt(Date.UTC(2026, 2, 8, 7, 0))).toBe(-4 * HOUR);
  });

  it('a block with no usable observance gives no rules', () => {
    expect(observanceRules([])).toBeNull();
    expect(observanceRules([{ start: 'yesterday', offsetFrom: 0, offsetTo: 0, rrule: null, rdates: [] }])).toBeNull();
  });
});
