// Time zones for the family calendar: which zone a feed's TZID means, and
// wall-clock times to instants and back in any zone, read through Intl or a
// feed's own VTIMEZONE rules and never through the process's zone (the Pi
// runs in UTC, and one Pi serves families in Berlin and in Auckland).

import { findIana } from 'windows-iana';
import { type CivilDate, dayNumber, fromDayNumber } from '../../calendar/civil-date.js';
import { isValidTimeZone, localTimeIn } from '../../calendar/family-time.js';
import {
  type EventZone,
  MS_PER_DAY,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  type ZoneObservance,
  dayOfWall,
  parseStoredTime,
  wallMs,
} from './calendar-event.js';
import { expandRule, parseRecurrenceRule } from './recurrence-rule.js';

/** A change of a zone's UTC offset: from instant `at` on, the wall clock is `offset` ms ahead of UTC. */
export interface OffsetChange {
  at: number;
  offset: number;
}

/** A zone's offsets over time. */
export interface ZoneRules {
  /** How far the wall clock is ahead of UTC at this instant, in ms. */
  offsetAt(instant: number): number;
  /** The changes in [from, to), ascending. */
  changesBetween(from: number, to: number): OffsetChange[];
}

export interface ZonedWallTime {
  date: CivilDate;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The UTC instant (ms) of a wall-clock time in an IANA zone. A time that does
 * not exist (the hour skipped when clocks go forward) is read with the offset
 * in force before the gap, so 02:30 on New York's spring-forward day is 03:30
 * EDT; a time that happens twice (clocks going back) is the first (RFC 5545
 * §3.3.5). Throws RangeError for a zone Intl does not know.
 */
export function zonedWallTimeToUtc(zone: string, date: CivilDate, hour: number, minute: number, second = 0): number {
  return wallToUtc(knownIanaRules(zone), wallMs(dayNumber(date), hour, minute, second));
}

/** The wall-clock time in an IANA zone at a UTC instant (ms). Throws RangeError for a zone Intl does not know. */
export function utcToZonedWallTime(zone: string, instant: number): ZonedWallTime {
  const wall = utcToWall(knownIanaRules(zone), instant);
  const day = dayOfWall(wall);
  const seconds = Math.floor((wall - day * MS_PER_DAY) / MS_PER_SECOND);
  return { date: fromDayNumber(day), hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 };
}

/** The instant of a wall time (see calendar-event.ts) in a zone, with RFC 5545's rules for gaps and repeats. */
export function wallToUtc(rules: ZoneRules, wall: number): number {
  // The offsets a day either side cover any single change near this time.
  const offsetBefore = rules.offsetAt(wall - MS_PER_DAY);
  const offsetAfter = rules.offsetAt(wall + MS_PER_DAY);
  const early = wall - offsetBefore;
  if (offsetBefore === offsetAfter) return early;
  const late = wall - offsetAfter;
  const earlyExists = rules.offsetAt(early) === offsetBefore;
  const lateExists = rules.offsetAt(late) === offsetAfter;
  if (earlyExists && lateExists) return Math.min(early, late); // clocks went back: the first
  if (lateExists) return late;
  return early; // exists only with the earlier offset, or in the gap: the offset before it
}

export function utcToWall(rules: ZoneRules, instant: number): number {
  return instant + rules.offsetAt(instant);
}

export const UTC_RULES: ZoneRules = { offsetAt: () => 0, changesBetween: () => [] };

/**
 * The rules for a stored event zone. Floating times are read in the family's
 * zone, and so is a zone this machine's Intl does not know (a row written by a
 * newer DinkyDash) rather than failing the whole calendar.
 */
export function rulesForZone(zone: EventZone, familyZone: string): ZoneRules {
  switch (zone.kind) {
    case 'utc':
      return UTC_RULES;
    case 'iana':
      return isValidTimeZone(zone.name) ? ianaRules(zone.name) : ianaRules(familyZone);
    case 'vtimezone':
      return observanceRules(zone.observances) ?? ianaRules(familyZone);
    case 'floating':
      return ianaRules(familyZone);
  }
}

/**
 * The IANA name a TZID means, or null. Feeds write zones many ways: IANA names
 * in any case or in quotes, with a vendor prefix (/mozilla.org/20050126_1/
 * Europe/Berlin, /softwarestudio.org/Olson_20011030_5/America/New_York), or as
 * Outlook's Windows names (W. Europe Standard Time).
 */
export function resolveTzid(tzid: string): string | null {
  const cached = resolvedTzids.get(tzid);
  if (cached !== undefined) return cached;
  const name = tzid.trim().replace(/^"(.*)"$/, '$1').trim();
  let resolved: string | null = null;
  if (name !== '') {
    const segments = name.split('/').filter((segment) => segment !== '');
    // Longest tail first: America/Argentina/Buenos_Aires before Buenos_Aires.
    for (let i = 0; i < segments.length && !resolved; i++) resolved = canonicalZoneName(segments.slice(i).join('/'));
    resolved ??= canonicalZoneName(findIana(name)[0] ?? '');
  }
  if (resolvedTzids.size > 1_000) resolvedTzids.clear();
  resolvedTzids.set(tzid, resolved);
  return resolved;
}

const resolvedTzids = new Map<string, string | null>();

/** Intl's own spelling of a zone it knows (europe/berlin → Europe/Berlin), or null. */
function canonicalZoneName(name: string): string | null {
  if (name === '' || !isValidTimeZone(name)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

/**
 * Whether two zones have the same offsets through the given years (UTC
 * years). Used to store a feed's VTIMEZONE block as the IANA zone it
 * describes: smaller rows, and Intl's faster, better-maintained rules.
 */
export function sameOffsets(a: ZoneRules, b: ZoneRules, years: Iterable<number>): boolean {
  for (const year of years) {
    const from = Date.UTC(year, 0, 1);
    const to = Date.UTC(year + 1, 0, 1);
    if (a.offsetAt(from) !== b.offsetAt(from)) return false;
    const changesA = a.changesBetween(from, to);
    const changesB = b.changesBetween(from, to);
    if (changesA.length !== changesB.length) return false;
    if (changesA.some((change, i) => change.at !== changesB[i]!.at || change.offset !== changesB[i]!.offset)) return false;
  }
  return true;
}

/** Rules for an IANA zone, built by Intl year by year and kept. */
export function ianaRules(zone: string): ZoneRules {
  let rules = ianaRulesByZone.get(zone);
  if (!rules) {
    rules = rulesFromYears((year) => intlYearTimeline(zone, year));
    ianaRulesByZone.set(zone, rules);
  }
  return rules;
}

const ianaRulesByZone = new Map<string, ZoneRules>();

function knownIanaRules(zone: string): ZoneRules {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
  return ianaRules(zone);
}

/**
 * Rules from a VTIMEZONE block's observances, or null when they give no
 * offset at all. Kept by content: stored events each carry their own copy.
 */
export function observanceRules(observances: readonly ZoneObservance[]): ZoneRules | null {
  const key = JSON.stringify(observances);
  let rules = observanceRulesByContent.get(key);
  if (rules === undefined) {
    const onsets = observances.map(readObservance).filter((onset) => onset !== null);
    rules = onsets.length === 0 ? null : rulesFromYears((year) => observanceYearTimeline(onsets, year));
    if (observanceRulesByContent.size > 200) observanceRulesByContent.clear();
    observanceRulesByContent.set(key, rules);
  }
  return rules;
}

const observanceRulesByContent = new Map<string, ZoneRules | null>();

// Offsets within one UTC year: the offset at its first instant and the changes in it.
interface YearTimeline {
  first: number;
  changes: OffsetChange[];
}

function rulesFromYears(timelineOf: (year: number) => YearTimeline): ZoneRules {
  const years = new Map<number, YearTimeline>();
  const timeline = (year: number): YearTimeline => {
    let found = years.get(year);
    if (!found) {
      found = timelineOf(year);
      years.set(year, found);
    }
    return found;
  };
  return {
    offsetAt(instant) {
      const { first, changes } = timeline(new Date(instant).getUTCFullYear());
      let offset = first;
      for (const change of changes) {
        if (change.at > instant) break;
        offset = change.offset;
      }
      return offset;
    },
    changesBetween(from, to) {
      const found: OffsetChange[] = [];
      const lastYear = new Date(to - 1).getUTCFullYear();
      for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
        found.push(...timeline(year).changes.filter((change) => change.at >= from && change.at < to));
      }
      return found;
    },
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, to the minute (through Intl). */
function intlOffset(zone: string, instant: number): number {
  const minute = Math.floor(instant / MS_PER_MINUTE) * MS_PER_MINUTE;
  const local = localTimeIn(zone, new Date(minute));
  return wallMs(dayNumber(local.date), local.hour, local.minute) - minute;
}

/**
 * One UTC year of an IANA zone's offsets: sampled weekly, each change then
 * found to the minute by bisection: about 80 Intl calls a year (each costs
 * tens of µs). Two changes within one week would be missed; no zone of
 * Node 20's ICU data has any in 2015-2035.
 */
function intlYearTimeline(zone: string, year: number): YearTimeline {
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const first = intlOffset(zone, from);
  const changes: OffsetChange[] = [];
  let left = from;
  let leftOffset = first;
  for (let right = from + SAMPLE_STEP; left < to; right = Math.min(right + SAMPLE_STEP, to)) {
    const rightOffset = intlOffset(zone, right);
    while (leftOffset !== rightOffset) {
      // The first minute in (left, right] whose offset differs from left's.
      let before = left;
      let after = right;
      while (after - before > MS_PER_MINUTE) {
        const middle = before + Math.floor((after - before) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
        if (intlOffset(zone, middle) === leftOffset) before = middle;
        else after = middle;
      }
      leftOffset = intlOffset(zone, after);
      left = after;
      if (after < to) changes.push({ at: after, offset: leftOffset });
    }
    left = right;
  }
  return { first, changes };
}

const SAMPLE_STEP = 7 * MS_PER_DAY;

// An observance made ready for use: its onsets as wall times, and offsets in ms.
interface ObservanceOnsets {
  start: number;
  offsetFrom: number;
  offsetTo: number;
  rule: ReturnType<typeof parseRecurrenceRule> | null;
  rdates: number[];
}

function readObservance(observance: ZoneObservance): ObservanceOnsets | null {
  const start = parseStoredTime(observance.start);
  if (!start) return null;
  return {
    start: start.wall,
    offsetFrom: observance.offsetFrom * MS_PER_SECOND,
    offsetTo: observance.offsetTo * MS_PER_SECOND,
    rule: observance.rrule === null ? null : parseRecurrenceRule(observance.rrule),
    rdates: observance.rdates.flatMap((text) => parseStoredTime(text)?.wall ?? []),
  };
}

/**
 * One UTC year of a VTIMEZONE's offsets. An observance's onsets are local
 * wall times in the offset before the change (TZOFFSETFROM). The offset at
 * the year's start comes from the latest onset before it, looked for up to
 * two years back (yearly rules) or at the end of a rule that has stopped.
 */
function observanceYearTimeline(observances: readonly ObservanceOnsets[], year: number): YearTimeline {
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const lookBack = Date.UTC(year - 2, 0, 1);
  const onsets: OffsetChange[] = [];
  for (const observance of observances) {
    const walls = [observance.start, ...observance.rdates];
    const rule = observance.rule?.ok ? observance.rule.rule : null;
    if (rule) {
      const window = { allDay: false, notBefore: lookBack - MS_PER_DAY, notAfter: to + MS_PER_DAY, maxPeriods: 1_000 };
      let starts = expandRule(rule, observance.start, window).starts;
      if (starts.length === 0 && rule.until && rule.until.wall < window.notBefore) {
        starts = expandRule(rule, observance.start, { ...window, notBefore: rule.until.wall - 2 * 366 * MS_PER_DAY, notAfter: rule.until.wall }).starts.slice(-1);
      }
      walls.push(...starts);
    }
    for (const wall of walls) onsets.push({ at: wall - observance.offsetFrom, offset: observance.offsetTo });
  }
  onsets.sort((a, b) => a.at - b.at);
  // Before the first onset of all, the earliest observance's TZOFFSETFROM holds.
  let first = earliestOffsetFrom(observances);
  const changes: OffsetChange[] = [];
  for (const onset of onsets) {
    if (onset.at < from) first = onset.offset;
    else if (onset.at >= to) break;
    else if (onset.offset !== (changes.at(-1)?.offset ?? first)) changes.push(onset);
  }
  return { first, changes };
}

function earliestOffsetFrom(observances: readonly ObservanceOnsets[]): number {
  return observances.reduce((earliest, o) => (o.start - o.offsetFrom < earliest.start - earliest.offsetFrom ? o : earliest)).offsetFrom;
}
