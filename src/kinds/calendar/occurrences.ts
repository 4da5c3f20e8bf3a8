// Stored event series → what the family sees on given days, in the family's
// zone: each occurrence's start and end as family-local text and as instants.

import { type CivilDate, dayNumber } from '../../calendar/civil-date.js';
import { isValidTimeZone } from '../../calendar/family-time.js';
import {
  type CalendarEvent,
  type EventDetails,
  MS_PER_DAY,
  dayOfWall,
  formatDay,
  formatWallMinute,
  parseStoredTime,
  wallMs,
} from './calendar-event.js';
import { type ParsedRule, expandRule, parseRecurrenceRule, untilWall } from './recurrence-rule.js';
import { type ZoneRules, ianaRules, rulesForZone, utcToWall, wallToUtc } from './zones.js';

export interface Occurrence {
  uid: string;
  title: string;
  location: string;
  description: string;
  allDay: boolean;
  /** Family-local: 'YYYY-MM-DD' for all-day (end exclusive), 'YYYY-MM-DDTHH:MM' for timed. */
  start: string;
  end: string;
  /** UTC ms; for all-day, the family's local midnight at the start and end days. */
  startMs: number;
  endMs: number;
}

/** Periods a rule may look at per event per query: a bound on the work one odd rule can cause. */
const MAX_PERIODS_PER_QUERY = 10_000;

/**
 * Every occurrence overlapping the family-local days [from, from+days),
 * sorted by start (all-day before timed on the same day, then by title). An
 * occurrence that began before `from` keeps its own start. Cancelled ones are
 * left out. Throws RangeError for a family zone Intl does not know.
 */
export function occurrencesBetween(events: readonly CalendarEvent[], familyZone: string, from: CivilDate, days: number): Occurrence[] {
  const family = familyRules(familyZone);
  const firstDay = dayNumber(from);
  const window: Window = {
    firstDay,
    endDay: firstDay + Math.max(0, days),
    start: wallToUtc(family, wallMs(firstDay)),
    end: wallToUtc(family, wallMs(firstDay + Math.max(0, days))),
    family,
    familyZone,
  };
  const found: Occurrence[] = [];
  if (days <= 0) return found;
  for (const event of events) {
    if (event.status !== 'cancelled') collectOccurrences(event, window, found);
  }
  return found.sort(compareOccurrences);
}

/**
 * The span an event can occur in, as UTC ms: [first start, last end], lastEnd
 * null when it repeats forever (or more often than we count). For indexing
 * rows by date range: it may be wider than the occurrences, never narrower.
 */
export function eventSpan(event: CalendarEvent, familyZone: string): { firstStart: number; lastEnd: number | null } {
  const family = familyRules(familyZone);
  const seriesRules = rulesForZone(event.zone, familyZone);
  const spans: { startMs: number; endMs: number }[] = [];
  const add = (details: EventDetails, wall: number | undefined, rules: ZoneRules) => {
    if (wall !== undefined) spans.push(timesOf(details, wall, rules, family));
  };
  add(event, parseStoredTime(event.start)?.wall, seriesRules);
  for (const rdate of event.rdates) add(event, parseStoredTime(rdate)?.wall, seriesRules);
  for (const override of event.overrides) {
    if (override.status !== 'cancelled') add(override, parseStoredTime(override.start)?.wall, rulesForZone(override.zone, familyZone));
  }
  // A row whose start cannot be read (edited by hand) occurs nowhere; span everything rather than nothing.
  if (spans.length === 0) return { firstStart: 0, lastEnd: null };
  let lastEnd: number | null = Math.max(...spans.map((span) => span.endMs));

  const rule = event.rrule === null ? null : cachedRule(event.rrule);
  const start = parseStoredTime(event.start);
  if (rule?.ok && start) {
    const last = untilWall(rule.rule, event.allDay);
    if (rule.rule.count !== null) {
      // Counting to the end, for at most two centuries (an odd rule may match rarely or never).
      const horizon = start.wall + 200 * 366 * MS_PER_DAY;
      const expansion = expandRule(rule.rule, start.wall, { allDay: event.allDay, notBefore: -Infinity, notAfter: Math.min(last, horizon), maxPeriods: 20_000 });
      const lastStart = expansion.starts.at(-1);
      const counted = expansion.starts.length === rule.rule.count || last <= horizon;
      if (expansion.truncated || !counted) lastEnd = null;
      else if (lastStart !== undefined) lastEnd = Math.max(lastEnd, timesOf(event, lastStart, seriesRules, family).endMs);
    } else if (last === Infinity) {
      lastEnd = null;
    } else {
      lastEnd = Math.max(lastEnd, timesOf(event, last, seriesRules, family).endMs);
    }
  }
  return { firstStart: Math.min(...spans.map((span) => span.startMs)), lastEnd };
}

function familyRules(familyZone: string): ZoneRules {
  if (!isValidTimeZone(familyZone)) throw new RangeError(`Unknown time zone "${familyZone}"`);
  return ianaRules(familyZone);
}

interface Window {
  /** Family-local days [firstDay, endDay), as days since 1970-01-01. */
  firstDay: number;
  endDay: number;
  /** The same as UTC ms. */
  start: number;
  end: number;
  family: ZoneRules;
  familyZone: string;
}

function collectOccurrences(event: CalendarEvent, window: Window, found: Occurrence[]): void {
  const start = parseStoredTime(event.start);
  if (!start) return;
  // The series' starts that could reach into the window, on its own wall
  // clock: a day's slack covers any zone's offset from the family's.
  const reach = event.duration.days * MS_PER_DAY + event.duration.ms + MS_PER_DAY;
  const notBefore = event.allDay ? wallMs(window.firstDay) - reach : window.start - reach - MS_PER_DAY;
  const notAfter = event.allDay ? wallMs(window.endDay) : window.end + MS_PER_DAY;
  // Most of a feed is single events on other days: done with them at once.
  const single = event.rrule === null && event.rdates.length === 0 && event.overrides.length === 0;
  if (single && (start.wall < notBefore || start.wall > notAfter)) return;
  const seriesRules = rulesForZone(event.zone, window.familyZone);
  const starts = new Set<number>();
  const rule = event.rrule === null ? null : cachedRule(event.rrule);
  if (rule?.ok) {
    const expansion = expandRule(rule.rule, start.wall, { allDay: event.allDay, notBefore, notAfter, maxPeriods: MAX_PERIODS_PER_QUERY });
    for (const wall of expansion.starts) starts.add(wall);
  } else {
    starts.add(start.wall);
  }
  for (const rdate of event.rdates) {
    const wall = parseStoredTime(rdate)?.wall;
    if (wall !== undefined) starts.add(wall);
  }

  // EXDATE and RECURRENCE-ID name an occurrence by its start: matched by
  // instant for a timed series (the same moment may be written in another
  // zone, or land in a skipped hour), by day for a date.
  const excluded = occurrenceMatcher(event.exdates, event.allDay, seriesRules);
  const overridden = occurrenceMatcher(
    event.overrides.map((override) => override.recurrenceId),
    event.allDay,
    seriesRules,
  );
  const instantOf = (wall: number) => (event.allDay ? wall : wallToUtc(seriesRules, wall));
  for (const wall of starts) {
    if (wall < notBefore || wall > notAfter) continue;
    const instant = instantOf(wall);
    if (excluded(wall, instant) || overridden(wall, instant)) continue;
    const occurrence = occurrenceIn(window, event.uid, event, wall, seriesRules);
    if (occurrence) found.push(occurrence);
  }
  for (const override of event.overrides) {
    const recurrence = parseStoredTime(override.recurrenceId);
    const overrideStart = parseStoredTime(override.start);
    if (override.status === 'cancelled' || !recurrence || !overrideStart) continue;
    if (excluded(recurrence.wall, recurrence.date ? recurrence.wall : instantOf(recurrence.wall))) continue;
    const occurrence = occurrenceIn(window, event.uid, override, overrideStart.wall, rulesForZone(override.zone, window.familyZone));
    if (occurrence) found.push(occurrence);
  }
}

/** Whether an occurrence (its wall start and instant) is one of the named starts. */
function occurrenceMatcher(names: readonly string[], allDay: boolean, rules: ZoneRules): (wall: number, instant: number) => boolean {
  const days = new Set<number>();
  const instants = new Set<number>();
  for (const name of names) {
    const parsed = parseStoredTime(name);
    if (!parsed) continue;
    if (allDay || parsed.date) days.add(dayOfWall(parsed.wall));
    else instants.add(wallToUtc(rules, parsed.wall));
  }
  if (days.size === 0 && instants.size === 0) return () => false;
  return (wall, instant) => days.has(dayOfWall(wall)) || instants.has(instant);
}

/** The occurrence starting at this wall time, or null when it does not overlap the window. */
function occurrenceIn(window: Window, uid: string, details: EventDetails, wall: number, rules: ZoneRules): Occurrence | null {
  const { startMs, endMs } = timesOf(details, wall, rules, window.family);
  const base = { uid, title: details.title, location: details.location, description: details.description, allDay: details.allDay, startMs, endMs };
  if (details.allDay) {
    const day = dayOfWall(wall);
    const endDay = day + Math.max(1, details.duration.days);
    if (day >= window.endDay || endDay <= window.firstDay) return null;
    return { ...base, start: formatDay(day), end: formatDay(endDay) };
  }
  // A moment-long event (no DTEND) at the window's start belongs to it.
  if (startMs >= window.end || (endMs <= window.start && startMs < window.start)) return null;
  return { ...base, start: formatWallMinute(utcToWall(window.family, startMs)), end: formatWallMinute(utcToWall(window.family, endMs)) };
}

/** An occurrence's instants; all-day ones run from the family's midnight to the family's midnight. */
function timesOf(details: EventDetails, wall: number, rules: ZoneRules, family: ZoneRules): { startMs: number; endMs: number } {
  if (details.allDay) {
    const day = dayOfWall(wall);
    return { startMs: wallToUtc(family, wallMs(day)), endMs: wallToUtc(family, wallMs(day + Math.max(1, details.duration.days))) };
  }
  const startMs = wallToUtc(rules, wall);
  const { days, ms } = details.duration;
  // Calendar days move the wall clock (23 or 25 hours across a change); ms is elapsed time.
  const afterDays = days > 0 ? wallToUtc(rules, wall + days * MS_PER_DAY) : startMs;
  return { startMs, endMs: afterDays + ms };
}

const titleOrder = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function compareOccurrences(a: Occurrence, b: Occurrence): number {
  const byDay = a.start.slice(0, 10).localeCompare(b.start.slice(0, 10));
  if (byDay !== 0) return byDay;
  if (a.allDay !== b.allDay) return a.allDay ? -1 : 1;
  return a.startMs - b.startMs || titleOrder.compare(a.title, b.title) || a.endMs - b.endMs || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
}

// The card expands the same stored rules on every render: read each once.
const rulesByText = new Map<string, ParsedRule>();

function cachedRule(text: string): ParsedRule {
  let parsed = rulesByText.get(text);
  if (!parsed) {
    if (rulesByText.size > 5_000) rulesByText.clear();
    parsed = parseRecurrenceRule(text);
    rulesByText.set(text, parsed);
  }
  return parsed;
}
