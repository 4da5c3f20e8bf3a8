import { describe, expect, it } from 'vitest';
import { formatWallTime, parseStoredTime } from '../../../../src/kinds/calendar/calendar-event.js';
import { type RecurrenceRule, expandRule, parseRecurrenceRule, withUntil } from '../../../../src/kinds/calendar/recurrence-rule.js';

const wall = (text: string) => parseStoredTime(text)!.wall;

function rule(text: string): RecurrenceRule {
  const parsed = parseRecurrenceRule(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.rule;
}

/** The starts `ruleText` makes from `start` up to `last` (inclusive), as text; dates only for all-day. */
function starts(ruleText: string, start: string, last: string, options: { notBefore?: string; maxPeriods?: number } = {}): string[] {
  const allDay = start.length === 10;
  const expansion = expandRule(rule(ruleText), wall(start), {
    allDay,
    notBefore: options.notBefore ? wall(options.notBefore) : -Infinity,
    notAfter: wall(last.length === 10 ? `${last}T23:59:59` : last),
    maxPeriods: options.maxPeriods,
  });
  return expansion.starts.map((s) => (allDay ? formatWallTime(s).slice(0, 10) : formatWallTime(s).slice(0, 16)));
}

describe('reading RRULE text', () => {
  it('reads every part, in any case and order', () => {
    expect(rule('freq=weekly;byday=mo,2TU,-1fr;interval=2;wkst=su;count=5')).toMatchObject({
      freq: 'WEEKLY',
      interval: 2,
      count: 5,
      weekStart: 7,
      byDay: [
        { weekday: 1, nth: 0 },
        { weekday: 2, nth: 2 },
        { weekday: 5, nth: -1 },
      ],
    });
    expect(rule('FREQ=DAILY;UNTIL=20261231T230000Z').until).toEqual({ date: false, wall: wall('2026-12-31T23:00:00'), utc: true });
    expect(rule('FREQ=DAILY;UNTIL=20261231').until).toEqual({ date: true, wall: wall('2026-12-31') });
  });

  it('refuses a rule without a usable FREQ, and drops single bad values with a note', () => {
    expect(parseRecurrenceRule('INTERVAL=2')).toEqual({ ok: false, problem: 'it has no FREQ' });
    expect(parseRecurrenceRule('FREQ=SOMETIMES')).toEqual({ ok: false, problem: 'FREQ=SOMETIMES is not a frequency' });
    expect(parseRecurrenceRule('FREQ=YEARLY;RSCALE=HEBREW').ok).toBe(false);
    const parsed = parseRecurrenceRule('FREQ=MONTHLY;BYMONTHDAY=0,15,32;BYDAY=XX,MO;INTERVAL=zero');
    expect(parsed.ok && parsed.rule.byMonthDay).toEqual([15]);
    expect(parsed.ok && parsed.rule.byDay).toEqual([{ weekday: 1, nth: 0 }]);
    expect(parsed.ok && parsed.rule.interval).toBe(1);
    expect(parsed.ok && parsed.problems).toHaveLength(4);
  });

  it('replaces UNTIL and keeps the rest as written', () => {
    expect(withUntil('FREQ=WEEKLY;UNTIL=20260401T130000Z;BYDAY=MO', '20260401T090000')).toBe('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260401T090000');
    expect(withUntil('FREQ=DAILY', '20260401')).toBe('FREQ=DAILY;UNTIL=20260401');
  });
});

describe('expanding rules on wall times', () => {
  it('DAILY, with INTERVAL and COUNT', () => {
    expect(starts('FREQ=DAILY;COUNT=3', '2026-03-28T09:00:00', '2026-12-31')).toEqual(['2026-03-28T09:00', '2026-03-29T09:00', '2026-03-30T09:00']);
    expect(starts('FREQ=DAILY;INTERVAL=10', '2026-01-25', '2026-02-28')).toEqual(['2026-01-25', '2026-02-04', '2026-02-14', '2026-02-24']);
  });

  it('WEEKLY with BYDAY and INTERVAL counts weeks from the start’s week (WKST)', () => {
    // Every other week on Monday and Thursday, starting on a Thursday.
    expect(starts('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', '2026-03-05T17:30:00', '2026-04-06')).toEqual([
      '2026-03-05T17:30',
      '2026-03-16T17:30',
      '2026-03-19T17:30',
      '2026-03-30T17:30',
      '2026-04-02T17:30',
    ]);
    // RFC 5545's WKST example: the same rule gives other days with WKST=SU.
    expect(starts('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', '1997-08-05T09:00:00', '1997-12-31')).toEqual([
      '1997-08-05T09:00',
      '1997-08-10T09:00',
      '1997-08-19T09:00',
      '1997-08-24T09:00',
    ]);
    expect(starts('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', '1997-08-05T09:00:00', '1997-12-31')).toEqual([
      '1997-08-05T09:00',
      '1997-08-17T09:00',
      '1997-08-19T09:00',
      '1997-08-31T09:00',
    ]);
  });

  it('WEEKLY without BYDAY repeats on the start’s weekday', () => {
    expect(starts('FREQ=WEEKLY;COUNT=3', '2026-02-26', '2026-12-31')).toEqual(['2026-02-26', '2026-03-05', '2026-03-12']);
  });

  it('MONTHLY by day of month skips months without that day', () => {
    expect(starts('FREQ=MONTHLY;COUNT=4', '2026-01-31T08:00:00', '2027-12-31')).toEqual([
      '2026-01-31T08:00',
      '2026-03-31T08:00',
      '2026-05-31T08:00',
      '2026-07-31T08:00',
    ]);
    expect(starts('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3', '2026-01-01', '2026-12-31')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  });

  it('MONTHLY on the second Tuesday, and on the last Friday', () => {
    expect(starts('FREQ=MONTHLY;BYDAY=2TU', '2026-01-13T19:00:00', '2026-05-31')).toEqual([
      '2026-01-13T19:00',
      '2026-02-10T19:00',
      '2026-03-10T19:00',
      '2026-04-14T19:00',
      '2026-05-12T19:00',
    ]);
    expect(starts('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '2026-01-01', '2026-12-31')).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
  });

  it('MONTHLY with BYSETPOS: the last weekday of the month', () => {
    expect(starts('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3', '2026-01-01', '2026-12-31')).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-31',
    ]);
  });

  it('YEARLY, with 29 February only in leap years, and nth weekday of the year or of a month', () => {
    expect(starts('FREQ=YEARLY', '2026-07-14', '2029-12-31')).toEqual(['2026-07-14', '2027-07-14', '2028-07-14', '2029-07-14']);
    expect(starts('FREQ=YEARLY', '2024-02-29', '2032-12-31')).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
    // US Thanksgiving: fourth Thursday of November.
    expect(starts('FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', '2026-11-26T15:00:00', '2028-12-31')).toEqual([
      '2026-11-26T15:00',
      '2027-11-25T15:00',
      '2028-11-23T15:00',
    ]);
    // The 20th Monday of the year (RFC 5545's example for 1997).
    expect(starts('FREQ=YEARLY;BYDAY=20MO;COUNT=1', '1997-05-19T09:00:00', '1999-12-31')).toEqual(['1997-05-19T09:00']);
    // Monday of ISO week 20.
    expect(starts('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3', '1997-05-12T09:00:00', '2000-12-31')).toEqual([
      '1997-05-12T09:00',
      '1998-05-11T09:00',
      '1999-05-17T09:00',
    ]);
  });

  it('BYWEEKNO=1 may fall in the December before', () => {
    // ISO week 1 of 2026 starts on Monday 29 December 2025.
    expect(starts('FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO', '2025-01-01', '2026-12-31')).toEqual(['2025-12-29']);
  });

  it('UNTIL is inclusive, as a date-time or as a date', () => {
    expect(starts('FREQ=DAILY;UNTIL=20260303T090000', '2026-03-01T09:00:00', '2026-12-31')).toEqual([
      '2026-03-01T09:00',
      '2026-03-02T09:00',
      '2026-03-03T09:00',
    ]);
    // A date ends a timed series at the end of that day.
    expect(starts('FREQ=DAILY;UNTIL=20260303', '2026-03-01T21:00:00', '2026-12-31')).toEqual([
      '2026-03-01T21:00',
      '2026-03-02T21:00',
      '2026-03-03T21:00',
    ]);
    expect(starts('FREQ=DAILY;UNTIL=20260302', '2026-03-01', '2026-12-31')).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('a start after UNTIL makes nothing, nor does a start the rule does not match', () => {
    expect(starts('FREQ=WEEKLY;UNTIL=20260201T000000', '2026-03-01T09:00:00', '2026-12-31')).toEqual([]);
    // DTSTART on a Sunday, rule on Mondays: the Sunday is not an occurrence.
    expect(starts('FREQ=WEEKLY;BYDAY=MO;COUNT=2', '2026-03-01T09:00:00', '2026-12-31')).toEqual(['2026-03-02T09:00', '2026-03-09T09:00']);
  });

  it('a rule that can never match ends at the range, quickly (ical.js loops forever on the DAILY one)', () => {
    expect(starts('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', '2026-01-01T09:00:00', '2036-12-31')).toEqual([]);
    expect(starts('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', '2026-01-01T09:00:00', '2126-12-31')).toEqual([]);
    expect(starts('FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=9', '2026-01-01', '2030-12-31')).toEqual([]);
    expect(starts('FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4', '2026-01-01', '2040-12-31')).toEqual([]);
  });

  it('a BY part whose every value is invalid matches nothing, at once', () => {
    const parsed = parseRecurrenceRule('FREQ=YEARLY;BYYEARDAY=400');
    expect(parsed.ok && parsed.rule.byYearDay).toEqual([]);
    expect(starts('FREQ=YEARLY;BYYEARDAY=400', '2026-01-01', '9999-12-31', { maxPeriods: 1 })).toEqual([]);
  });

  it('COUNT with a rule that never matches stops at the cap on periods', () => {
    const expansion = expandRule(rule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5'), wall('2026-01-01T09:00:00'), {
      allDay: false,
      notBefore: -Infinity,
      notAfter: Infinity,
      maxPeriods: 1_000,
    });
    expect(expansion).toEqual({ starts: [], truncated: true });
  });

  it('HOURLY with BYHOUR limits, BYMINUTE expands', () => {
    expect(starts('FREQ=HOURLY;INTERVAL=3;BYHOUR=9,12,15;BYMINUTE=0,30', '2026-03-02T09:00:00', '2026-03-02T23:59:59')).toEqual([
      '2026-03-02T09:00',
      '2026-03-02T09:30',
      '2026-03-02T12:00',
      '2026-03-02T12:30',
      '2026-03-02T15:00',
      '2026-03-02T15:30',
    ]);
  });

  it('a daily time that does not exist on one day is still made (zones.ts reads it)', () => {
    expect(starts('FREQ=DAILY;COUNT=3', '2026-03-07T02:30:00', '2026-12-31')).toContain('2026-03-08T02:30');
  });

  it('skipping to notBefore gives the same starts as expanding from the beginning', () => {
    const rules = [
      'FREQ=DAILY',
      'FREQ=DAILY;INTERVAL=3;BYDAY=MO,TU',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH,SU;WKST=SU',
      'FREQ=WEEKLY;INTERVAL=3',
      'FREQ=MONTHLY;BYDAY=2TU,-1FR',
      'FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31',
      'FREQ=YEARLY;INTERVAL=2;BYMONTH=3,9;BYDAY=-1SU',
      'FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=TH',
      'FREQ=HOURLY;INTERVAL=7;BYHOUR=1,8,15,22',
    ];
    const from = '2031-06-03T00:00:00';
    for (const text of rules) {
      const full = starts(text, '2026-01-31T08:15:00', '2032-02-10').filter((s) => s >= from.slice(0, 16));
      expect(starts(text, '2026-01-31T08:15:00', '2032-02-10', { notBefore: from }).filter((s) => s >= from.slice(0, 16)), text).toEqual(full);
    }
  });

  it('skips straight to notBefore: a daily rule from 1990 costs a few periods, not 13,000', () => {
    const expansion = expandRule(rule('FREQ=DAILY'), wall('1990-01-01T07:00:00'), {
      allDay: false,
      notBefore: wall('2026-03-01T00:00:00'),
      notAfter: wall('2026-03-07T23:59:59'),
      maxPeriods: 10,
    });
    expect(expansion.truncated).toBe(false);
    expect(expansion.starts.map(formatWallTime)).toEqual([
      '2026-03-01T07:00:00',
      '2026-03-02T07:00:00',
      '2026-03-03T07:00:00',
      '2026-03-04T07:00:00',
      '2026-03-05T07:00:00',
      '2026-03-06T07:00:00',
      '2026-03-07T07:00:00',
    ]);
  });
});
