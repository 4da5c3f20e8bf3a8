// RRULE (RFC 5545 §3.3.10) on wall-clock times: which starts a rule makes
// between two wall times. Zones are not involved: a weekly 09:00 meeting is at
// 09:00 on each date, whatever the offset; zones.ts turns each start into an
// instant afterwards.
//
// Our own rather than ical.js's iterator, whose next() never returns for a
// rule like FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 (even with UNTIL), which gives
// 2 March for YEARLY;BYMONTH=2;BYMONTHDAY=30, and which can only start from
// DTSTART. Here every period (a year, a month, a week, a day ...) is built
// whole and filtered, as python-dateutil does, so a rule that never matches
// just yields nothing; a query jumps straight to the period it needs; and the
// number of periods looked at is capped.

import { dayNumber, daysInMonth, fromDayNumber, isLeapYear } from '../../calendar/civil-date.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, dayOfWall, wallMs } from './calendar-event.js';
import { type DateValue, parseDateValue } from './ical-text.js';

export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY' | 'HOURLY' | 'MINUTELY' | 'SECONDLY';

const FREQUENCIES: readonly Frequency[] = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'];

/** Indexed by ISO weekday - 1. */
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** A BYDAY entry: 1 = Monday ... 7 = Sunday; nth 0 for every such day, 2 for the second, -1 for the last. */
export interface WeekdayRule {
  weekday: number;
  nth: number;
}

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** As written; the caller decides how a Z or a date compares with its starts. */
  until: DateValue | null;
  /** Week start for WEEKLY with INTERVAL and for BYWEEKNO, 1 = Monday. */
  weekStart: number;
  // Each BY part: null when absent; an empty list (all its values invalid) matches nothing.
  byMonth: number[] | null;
  byWeekNo: number[] | null;
  byYearDay: number[] | null;
  byMonthDay: number[] | null;
  byDay: WeekdayRule[] | null;
  byHour: number[] | null;
  byMinute: number[] | null;
  bySecond: number[] | null;
  bySetPos: number[] | null;
}

export type ParsedRule = { ok: true; rule: RecurrenceRule; problems: string[] } | { ok: false; problem: string };

/** Reads an RRULE value such as FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231T230000Z. */
export function parseRecurrenceRule(text: string): ParsedRule {
  const parts = new Map<string, string>();
  for (const part of text.trim().split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim().toUpperCase(), part.slice(eq + 1).trim());
  }
  const freq = parts.get('FREQ')?.toUpperCase();
  if (!freq) return { ok: false, problem: 'it has no FREQ' };
  if (!FREQUENCIES.includes(freq as Frequency)) return { ok: false, problem: `FREQ=${freq} is not a frequency` };
  const rscale = parts.get('RSCALE');
  if (rscale && rscale.toUpperCase() !== 'GREGORIAN') return { ok: false, problem: `the ${rscale} calendar is not supported` };

  const problems: string[] = [];
  const integer = (key: string, min: number): number | null => {
    const value = parts.get(key);
    if (value === undefined) return null;
    if (/^\d+$/.test(value) && Number(value) >= min) return Number(value);
    problems.push(`${key}=${value} was ignored`);
    return null;
  };
  const list = (key: string, min: number, max: number, allowNegative: boolean): number[] | null => {
    const value = parts.get(key);
    if (value === undefined) return null;
    const numbers: number[] = [];
    for (const item of value.split(',')) {
      const n = /^[+-]?\d{1,3}$/.test(item.trim()) ? Number(item) : NaN;
      const valid = n === 0 ? min === 0 : Math.abs(n) >= min && Math.abs(n) <= max && (n > 0 || allowNegative);
      if (valid) numbers.push(n);
      else problems.push(`${key} value "${item}" was ignored`);
    }
    return [...new Set(numbers)].sort((a, b) => a - b);
  };

  let until: DateValue | null = null;
  const untilText = parts.get('UNTIL');
  if (untilText !== undefined) {
    until = parseDateValue(untilText, undefined);
    if (!until) problems.push(`UNTIL=${untilText} was ignored`);
  }

  let byDay: WeekdayRule[] | null = null;
  const byDayText = parts.get('BYDAY');
  if (byDayText !== undefined) {
    byDay = [];
    for (const item of byDayText.split(',')) {
      const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(item.trim());
      const nth = match?.[1] === undefined ? 0 : Number(match[1]);
      if (match && Math.abs(nth) <= 53 && !(match[1] !== undefined && nth === 0)) {
        byDay.push({ weekday: WEEKDAY_CODES.indexOf(match[2]!.toUpperCase() as 'MO') + 1, nth });
      } else {
        problems.push(`BYDAY value "${item}" was ignored`);
      }
    }
  }

  const weekStartText = parts.get('WKST')?.toUpperCase();
  const weekStart = WEEKDAY_CODES.indexOf((weekStartText ?? 'MO') as 'MO') + 1;
  if (weekStart === 0) problems.push(`WKST=${weekStartText} was ignored`);

  const rule: RecurrenceRule = {
    freq: freq as Frequency,
    interval: integer('INTERVAL', 1) ?? 1,
    count: integer('COUNT', 0),
    until,
    weekStart: weekStart || 1,
    byMonth: list('BYMONTH', 1, 12, false),
    byWeekNo: list('BYWEEKNO', 1, 53, true),
    byYearDay: list('BYYEARDAY', 1, 366, true),
    byMonthDay: list('BYMONTHDAY', 1, 31, true),
    byDay,
    byHour: list('BYHOUR', 0, 23, false),
    byMinute: list('BYMINUTE', 0, 59, false),
    bySecond: list('BYSECOND', 0, 59, false),
    bySetPos: list('BYSETPOS', 1, 366, true),
  };
  return { ok: true, rule, problems };
}

/** The rule text with UNTIL replaced (or added), every other part as written. */
export function withUntil(ruleText: string, until: string): string {
  const parts = ruleText
    .trim()
    .split(';')
    .filter((part) => part !== '' && !/^UNTIL=/i.test(part.trim()));
  return [...parts, `UNTIL=${until}`].join(';');
}

export interface ExpandOptions {
  /** All-day series: starts are days (time of day 0), and time parts of the rule are ignored. */
  allDay: boolean;
  /** Starts before this wall time may be left out (lets the expansion skip whole periods; ignored with COUNT). */
  notBefore: number;
  /** No start after this wall time is made. */
  notAfter: number;
  /** Periods to look at before giving up; 10,000 by default. */
  maxPeriods?: number;
  /** Stop after this many starts. */
  maxStarts?: number;
}

export interface Expansion {
  /** Wall times, ascending, each at or after the series' start. */
  starts: number[];
  /** True when maxPeriods ran out before notAfter (or the rule's end) was reached. */
  truncated: boolean;
}

/**
 * The starts `rule` makes for a series starting at wall time `start`, up to
 * options.notAfter and the rule's own UNTIL/COUNT. Only starts the rule
 * matches are made: a DTSTART the rule does not match is not one of them
 * (RFC 5545 leaves that case undefined; this is python-dateutil's reading),
 * so a DTSTART after UNTIL, or a rule that never matches, makes none.
 */
export function expandRule(rule: RecurrenceRule, start: number, options: ExpandOptions): Expansion {
  const plan = planFor(rule, start, options.allDay);
  const stopAfter = Math.min(options.notAfter, untilWall(rule, options.allDay));
  const maxPeriods = options.maxPeriods ?? 10_000;
  const starts: number[] = [];
  // COUNT=0, or a BY part whose every value was invalid, matches nothing.
  const byParts = [rule.byMonth, rule.byWeekNo, rule.byYearDay, rule.byMonthDay, rule.byDay, rule.byHour, rule.byMinute, rule.bySecond, rule.bySetPos];
  if (rule.count === 0 || byParts.some((part) => part?.length === 0)) return { starts, truncated: false };

  // With COUNT every start from the first must be counted; without it the
  // periods before the one holding notBefore cannot matter.
  let period = rule.count === null && Number.isFinite(options.notBefore) ? Math.max(0, plan.periodIndexOf(options.notBefore)) : 0;
  for (let looked = 0; looked < maxPeriods; looked++, period++) {
    const { firstWall, days, times } = plan.period(period);
    if (firstWall > stopAfter) return { starts, truncated: false };
    let candidates: number[] = [];
    for (const day of days) {
      if (!plan.dayMatches(day)) continue;
      for (const time of times) candidates.push(day.day * MS_PER_DAY + time);
    }
    if (rule.bySetPos) candidates = selectPositions(candidates, rule.bySetPos);
    for (const candidate of candidates) {
      if (candidate < start) continue;
      if (candidate > stopAfter) return { starts, truncated: false };
      starts.push(candidate);
      if (rule.count !== null && starts.length >= rule.count) return { starts, truncated: false };
      if (starts.length >= (options.maxStarts ?? Infinity)) return { starts, truncated: false };
    }
  }
  return { starts, truncated: true };
}

/** The last wall time a start may have under UNTIL (inclusive; Infinity without). A date ends a timed series at the end of that day. */
export function untilWall(rule: RecurrenceRule, allDay: boolean): number {
  if (!rule.until) return Infinity;
  return rule.until.date && !allDay ? rule.until.wall + MS_PER_DAY - 1 : rule.until.wall;
}

function selectPositions(candidates: number[], positions: number[]): number[] {
  const chosen = new Set<number>();
  for (const position of positions) {
    const candidate = position > 0 ? candidates[position - 1] : candidates[candidates.length + position];
    if (candidate !== undefined) chosen.add(candidate);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** A day of a period, with its calendar fields, so that filtering it is arithmetic only. */
interface PeriodDay {
  /** Days since 1970-01-01. */
  day: number;
  year: number;
  month: number;
  /** Day of the month. */
  date: number;
}

interface Period {
  /** The period's first wall time: nothing in it starts earlier. */
  firstWall: number;
  /** Its days, ascending. */
  days: PeriodDay[];
  /** Times of day in ms, ascending. */
  times: number[];
}

interface Plan {
  periodIndexOf(wall: number): number;
  period(index: number): Period;
  dayMatches(day: PeriodDay): boolean;
}

function planFor(rule: RecurrenceRule, start: number, allDay: boolean): Plan {
  const startDay = dayOfWall(start);
  const startCivil = fromDayNumber(startDay);
  const startTime = start - startDay * MS_PER_DAY;
  const startHour = Math.floor(startTime / MS_PER_HOUR);
  const startMinute = Math.floor(startTime / MS_PER_MINUTE) % 60;
  const startSecond = Math.floor(startTime / MS_PER_SECOND) % 60;

  // python-dateutil's defaults: a rule naming no day takes DTSTART's.
  let { byMonth, byMonthDay, byDay } = rule;
  if (!rule.byWeekNo && !rule.byYearDay && !byMonthDay && !byDay) {
    if (rule.freq === 'YEARLY') {
      byMonth ??= [startCivil.month];
      byMonthDay = [startCivil.day];
    } else if (rule.freq === 'MONTHLY') {
      byMonthDay = [startCivil.day];
    } else if (rule.freq === 'WEEKLY') {
      byDay = [{ weekday: weekdayOf(startDay), nth: 0 }];
    }
  }
  // "The second Tuesday" counts within the month for MONTHLY (and YEARLY
  // with BYMONTH), within the year for plain YEARLY, and not at all below.
  const nthWithin = rule.freq === 'MONTHLY' || (rule.freq === 'YEARLY' && byMonth) ? 'month' : rule.freq === 'YEARLY' ? 'year' : null;
  const everyWeekday = byDay && new Set(byDay.filter((d) => d.nth === 0 || !nthWithin).map((d) => d.weekday));
  const nthWeekdays = nthWithin ? (byDay ?? []).filter((d) => d.nth !== 0) : [];

  const januaryFirst = memoByYear((year) => dayNumber({ year, month: 1, day: 1 }));
  const weekOne = memoByYear((year) => firstWeekStart(year, rule.weekStart));
  const dayMatches = ({ day, year, month, date }: PeriodDay): boolean => {
    if (byMonth && !byMonth.includes(month)) return false;
    if (rule.byWeekNo && !weekNumberMatches(day, year, rule.byWeekNo, weekOne)) return false;
    const yearDay = day - januaryFirst(year) + 1;
    const yearLength = isLeapYear(year) ? 366 : 365;
    if (rule.byYearDay && !rule.byYearDay.includes(yearDay) && !rule.byYearDay.includes(yearDay - yearLength - 1)) return false;
    const monthLength = daysInMonth(year, month);
    if (byMonthDay && !byMonthDay.includes(date) && !byMonthDay.includes(date - monthLength - 1)) return false;
    if (byDay) {
      const weekday = weekdayOf(day);
      if (everyWeekday?.has(weekday)) return true;
      // Counting this weekday from the start (or the end) of its month or year.
      const [position, length] = nthWithin === 'month' ? [date, monthLength] : [yearDay, yearLength];
      const fromStart = Math.floor((position - 1) / 7) + 1;
      const fromEnd = -(Math.floor((length - position) / 7) + 1);
      return nthWeekdays.some((d) => d.weekday === weekday && (d.nth === fromStart || d.nth === fromEnd));
    }
    return true;
  };

  const hours = rule.byHour ?? [startHour];
  const minutes = rule.byMinute ?? [startMinute];
  const seconds = rule.bySecond ?? [startSecond];
  const timesOfDay = (hourList: number[], minuteList: number[], secondList: number[]): number[] => {
    if (allDay) return [0];
    const times: number[] = [];
    for (const h of hourList) for (const m of minuteList) for (const s of secondList) times.push(wallMs(0, h, m, s));
    return times.sort((a, b) => a - b);
  };
  const dailyTimes = timesOfDay(hours, minutes, seconds);
  const interval = rule.interval;

  switch (rule.freq) {
    case 'YEARLY': {
      const yearAt = (index: number) => startCivil.year + index * interval;
      return {
        dayMatches,
        periodIndexOf: (wall) => Math.floor((fromDayNumber(dayOfWall(wall)).year - startCivil.year) / interval),
        period: (index) => {
          const year = yearAt(index);
          const months = byMonth ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
          return { firstWall: wallMs(januaryFirst(year)), days: months.flatMap((month) => daysOfMonth(year, month)), times: dailyTimes };
        },
      };
    }
    case 'MONTHLY': {
      const startMonthIndex = startCivil.year * 12 + startCivil.month - 1;
      return {
        dayMatches,
        periodIndexOf: (wall) => {
          const civil = fromDayNumber(dayOfWall(wall));
          return Math.floor((civil.year * 12 + civil.month - 1 - startMonthIndex) / interval);
        },
        period: (index) => {
          const monthIndex = startMonthIndex + index * interval;
          const year = Math.floor(monthIndex / 12);
          const month = monthIndex - year * 12 + 1;
          const first = dayNumber({ year, month, day: 1 });
          // A month BYMONTH leaves out needs no look at its days.
          const days = byMonth && !byMonth.includes(month) ? [] : daysOfMonth(year, month, first);
          return { firstWall: wallMs(first), days, times: dailyTimes };
        },
      };
    }
    case 'WEEKLY': {
      const firstWeekStart = startDay - ((weekdayOf(startDay) - rule.weekStart + 7) % 7);
      const step = 7 * interval;
      return {
        dayMatches,
        periodIndexOf: (wall) => Math.floor((dayOfWall(wall) - firstWeekStart) / step),
        period: (index) => {
          const first = firstWeekStart + index * step;
          return { firstWall: wallMs(first), days: [0, 1, 2, 3, 4, 5, 6].map((i) => periodDay(first + i)), times: dailyTimes };
        },
      };
    }
    case 'DAILY':
      return {
        dayMatches,
        periodIndexOf: (wall) => Math.floor((dayOfWall(wall) - startDay) / interval),
        period: (index) => {
          const day = startDay + index * interval;
          return { firstWall: wallMs(day), days: [periodDay(day)], times: dailyTimes };
        },
      };
    default: {
      // HOURLY, MINUTELY, SECONDLY: the period is one hour, minute or second
      // of wall time; the BY parts of that unit and above only filter.
      const unit = rule.freq === 'HOURLY' ? MS_PER_HOUR : rule.freq === 'MINUTELY' ? MS_PER_MINUTE : MS_PER_SECOND;
      const firstPeriodWall = Math.floor(start / unit) * unit;
      return {
        dayMatches,
        periodIndexOf: (wall) => Math.floor((wall - firstPeriodWall) / (unit * interval)),
        period: (index) => {
          const periodWall = firstPeriodWall + index * unit * interval;
          const day = dayOfWall(periodWall);
          const time = periodWall - day * MS_PER_DAY;
          const h = Math.floor(time / MS_PER_HOUR);
          const m = Math.floor(time / MS_PER_MINUTE) % 60;
          const s = Math.floor(time / MS_PER_SECOND) % 60;
          const keep = (list: number[] | null, value: number) => (!list || list.includes(value) ? [value] : []);
          const times =
            rule.freq === 'HOURLY'
              ? timesOfDay(keep(rule.byHour, h), minutes, seconds)
              : rule.freq === 'MINUTELY'
                ? timesOfDay(keep(rule.byHour, h), keep(rule.byMinute, m), seconds)
                : timesOfDay(keep(rule.byHour, h), keep(rule.byMinute, m), keep(rule.bySecond, s));
          return { firstWall: periodWall, days: [periodDay(day)], times };
        },
      };
    }
  }
}

function daysOfMonth(year: number, month: number, first = dayNumber({ year, month, day: 1 })): PeriodDay[] {
  return Array.from({ length: daysInMonth(year, month) }, (_, i) => ({ day: first + i, year, month, date: i + 1 }));
}

function periodDay(day: number): PeriodDay {
  const civil = fromDayNumber(day);
  return { day, year: civil.year, month: civil.month, date: civil.day };
}

function memoByYear(compute: (year: number) => number): (year: number) => number {
  const known = new Map<number, number>();
  return (year) => {
    let value = known.get(year);
    if (value === undefined) {
      value = compute(year);
      known.set(year, value);
    }
    return value;
  };
}

/** 1 = Monday ... 7 = Sunday. */
function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The first day of week 1: the week (starting on weekStart) holding at least 4 days of the year. */
function firstWeekStart(year: number, weekStart: number): number {
  const january1 = dayNumber({ year, month: 1, day: 1 });
  const weekOfJanuary1 = january1 - ((weekdayOf(january1) - weekStart + 7) % 7);
  return weekOfJanuary1 + 7 - january1 >= 4 ? weekOfJanuary1 : weekOfJanuary1 + 7;
}

/** BYWEEKNO: days early in January may be in the previous year's last week, late December in next year's week 1. */
function weekNumberMatches(day: number, year: number, weekNumbers: number[], weekOne: (year: number) => number): boolean {
  let weekYear = year;
  if (day < weekOne(year)) weekYear = year - 1;
  else if (day >= weekOne(year + 1)) weekYear = year + 1;
  const first = weekOne(weekYear);
  const weeksInYear = (weekOne(weekYear + 1) - first) / 7;
  const week = Math.floor((day - first) / 7) + 1;
  return weekNumbers.includes(week) || weekNumbers.includes(week - weeksInYear - 1);
}
