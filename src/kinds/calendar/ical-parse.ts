// A calendar feed's text → the event series the family file stores. Every
// zone is resolved here, once, when the feed is fetched: the card expands the
// stored series later without the feed, its VTIMEZONE blocks or the network.

import { createHash } from 'node:crypto';
import {
  type CalendarEvent,
  type EventDetails,
  type EventDuration,
  type EventOverride,
  type EventZone,
  MS_PER_DAY,
  type ZoneObservance,
  dayOfWall,
  formatDay,
  formatWallTime,
} from './calendar-event.js';
import {
  type Component,
  type ContentLine,
  type DateValue,
  allProperties,
  firstProperty,
  parseComponents,
  parseDateList,
  parseDateValue,
  parseDuration,
  parseUtcOffset,
  unescapeText,
} from './ical-text.js';
import { expandRule, parseRecurrenceRule, withUntil } from './recurrence-rule.js';
import { UTC_RULES, type ZoneRules, ianaRules, observanceRules, resolveTzid, sameOffsets, utcToWall, wallToUtc } from './zones.js';

export type ParsedCalendar =
  | { ok: true; name: string | null; events: CalendarEvent[]; warnings: string[] }
  | { ok: false; message: string };

const NOT_A_CALENDAR = 'This address does not give a calendar (iCalendar) file';
const MAX_WARNINGS = 20;

/**
 * Parses iCalendar text. Text that is not iCalendar (a web page, JSON, an
 * empty answer) gives ok:false with a message a family admin understands.
 * Anything odd inside a calendar costs only itself and is told in `warnings`.
 */
export function parseCalendar(text: string): ParsedCalendar {
  const notCalendar = whyNotCalendar(text);
  if (notCalendar) return { ok: false, message: notCalendar };
  const tree = parseComponents(text);
  const calendars = tree.roots.filter((root) => root.name === 'VCALENDAR');
  if (calendars.length === 0) return { ok: false, message: `${NOT_A_CALENDAR}.` };

  const warnings = new Set<string>();
  if (tree.skippedLines > 0) {
    const one = tree.skippedLines === 1;
    warnings.add(one ? 'A line that is not iCalendar was skipped.' : `${tree.skippedLines} lines that are not iCalendar were skipped.`);
  }
  const vevents = calendars.flatMap((calendar) => calendar.components.filter((c) => c.name === 'VEVENT'));
  if (vevents.some((vevent) => !vevent.complete)) {
    warnings.add('The file seems cut short: an unfinished event at its end was skipped.');
  }
  const complete = vevents.filter((vevent) => vevent.complete);
  const zones = zoneResolver(calendars, complete, warnings);
  const read = complete.flatMap((vevent) => readVevent(vevent, zones, warnings) ?? []);
  const events = assembleSeries(read, warnings);

  const list = [...warnings];
  if (list.length > MAX_WARNINGS) list.splice(MAX_WARNINGS, Infinity, `…and ${list.length - MAX_WARNINGS} more.`);
  return { ok: true, name: calendarName(calendars), events, warnings: list };
}

function whyNotCalendar(text: string): string | null {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^BEGIN:VCALENDAR/i.test(start)) return null;
  if (start === '') return `${NOT_A_CALENDAR}: the answer was empty.`;
  const head = start.slice(0, 2_000);
  if (/^<(!doctype\s+html|html|head|body)[\s>]/i.test(head) || /<html[\s>]/i.test(head)) return `${NOT_A_CALENDAR}: it looks like a web page.`;
  if (head.startsWith('<')) return `${NOT_A_CALENDAR}: it looks like an XML file (a news feed, perhaps).`;
  if (/^[{[]/.test(head)) return `${NOT_A_CALENDAR}: it looks like JSON data.`;
  if (head.startsWith('%PDF')) return `${NOT_A_CALENDAR}: it looks like a PDF document.`;
  if (/^BEGIN:VCARD/i.test(head)) return `${NOT_A_CALENDAR}: it looks like a contact card (vCard).`;
  // Some feeds put a comment or a blank line before the calendar.
  if (/^BEGIN:VCALENDAR\s*$/im.test(start)) return null;
  return `${NOT_A_CALENDAR}.`;
}

function calendarName(calendars: Component[]): string | null {
  for (const calendar of calendars) {
    const property = firstProperty(calendar, 'NAME') ?? firstProperty(calendar, 'X-WR-CALNAME');
    const name = property && unescapeText(property.value).trim();
    if (name) return name;
  }
  return null;
}

// ---------------------------------------------------------------- zones

const FLOATING: EventZone = { kind: 'floating' };
const UTC: EventZone = { kind: 'utc' };

type ZoneResolver = (tzid: string) => EventZone;

/**
 * What each TZID of this feed means. A VTIMEZONE block's rules win (RFC 5545);
 * when they are the same as those of the IANA zone its name (or
 * X-LIC-LOCATION) gives, in the years the feed's events start, the IANA zone
 * is stored instead. Without a block the name decides; a name nobody knows is
 * read in the family's zone, with a warning.
 */
function zoneResolver(calendars: Component[], vevents: Component[], warnings: Set<string>): ZoneResolver {
  const blocks = new Map<string, Component>();
  for (const block of calendars.flatMap((calendar) => calendar.components.filter((c) => c.name === 'VTIMEZONE'))) {
    const tzid = firstProperty(block, 'TZID')?.value;
    if (tzid !== undefined) blocks.set(unquote(tzid), block);
  }
  const startYears = startYearsByTzid(vevents);
  const allYears = [...new Set([...startYears.values()].flat())];
  const resolved = new Map<string, EventZone>();

  return (rawTzid) => {
    const tzid = unquote(rawTzid);
    let zone = resolved.get(tzid);
    if (zone) return zone;
    const block = blocks.get(tzid);
    const observances = block ? readObservances(block) : [];
    const blockRules = observanceRules(observances);
    const ianaName = resolveTzid(tzid) ?? (block && resolveTzid(firstProperty(block, 'X-LIC-LOCATION')?.value ?? ''));
    if (blockRules) {
      const years = yearsToCompare(startYears.get(tzid) ?? allYears);
      zone = ianaName && sameOffsets(ianaRules(ianaName), blockRules, years) ? { kind: 'iana', name: ianaName } : { kind: 'vtimezone', tzid, observances };
    } else if (ianaName) {
      zone = { kind: 'iana', name: ianaName };
    } else {
      warnings.add(`Unknown time zone "${tzid}": its times are shown in the family's time zone.`);
      zone = FLOATING;
    }
    resolved.set(tzid, zone);
    return zone;
  };
}

function unquote(tzid: string): string {
  return tzid.trim().replace(/^"(.*)"$/, '$1').trim();
}

/** The years each TZID's events start in (from DTSTART), to compare a block with IANA's rules where it matters. */
function startYearsByTzid(vevents: Component[]): Map<string, number[]> {
  const years = new Map<string, number[]>();
  for (const vevent of vevents) {
    const dtstart = firstProperty(vevent, 'DTSTART');
    const tzid = dtstart?.params.TZID;
    const value = dtstart && parseDateValue(dtstart.value, dtstart.params.VALUE);
    if (tzid === undefined || !value) continue;
    const list = years.get(unquote(tzid)) ?? [];
    list.push(new Date(value.wall).getUTCFullYear());
    years.set(unquote(tzid), list);
  }
  return years;
}

/** The first and last start years and the years after them: enough to tell two sets of yearly rules apart. */
function yearsToCompare(years: number[]): number[] {
  if (years.length === 0) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  return [...new Set([first, first + 1, last, last + 1])];
}

function readObservances(block: Component): ZoneObservance[] {
  const observances: ZoneObservance[] = [];
  for (const part of block.components.filter((c) => c.name === 'STANDARD' || c.name === 'DAYLIGHT')) {
    const dtstart = firstProperty(part, 'DTSTART');
    const start = dtstart && parseDateValue(dtstart.value, undefined);
    const offsetFrom = parseUtcOffset(firstProperty(part, 'TZOFFSETFROM')?.value ?? '');
    const offsetTo = parseUtcOffset(firstProperty(part, 'TZOFFSETTO')?.value ?? '');
    if (!start || offsetFrom === null || offsetTo === null) continue;
    // Onsets are local times in the offset before the change; a Z time is turned into one.
    const local = (value: DateValue) => (!value.date && value.utc ? value.wall + offsetFrom * 1000 : value.wall);
    let rrule = firstProperty(part, 'RRULE')?.value ?? null;
    const parsed = rrule === null ? null : parseRecurrenceRule(rrule);
    if (parsed && !parsed.ok) rrule = null;
    else if (rrule !== null && parsed?.ok && parsed.rule.until) rrule = withUntil(rrule, untilText(local(parsed.rule.until), parsed.rule.until.date));
    const rdates = allProperties(part, 'RDATE').flatMap((property) =>
      parseDateList(property).map((value) => formatWallTime(value.date ? value.wall + (start.wall - dayOfWall(start.wall) * MS_PER_DAY) : local(value))),
    );
    observances.push({ start: formatWallTime(start.wall), offsetFrom, offsetTo, rrule, rdates });
  }
  return observances;
}

/** UNTIL as RRULE text: YYYYMMDD or YYYYMMDDTHHMMSS (a wall time, no Z). */
function untilText(wall: number, date: boolean): string {
  const text = formatWallTime(wall).replace(/[-:]/g, '');
  return date ? text.slice(0, 8) : text;
}

/** The zone a date property is read in: none for a date, UTC for Z, else its TZID's. */
function zoneOf(property: ContentLine, value: DateValue, zones: ZoneResolver): EventZone {
  if (value.date) return FLOATING;
  if (value.utc) return UTC;
  const tzid = property.params.TZID;
  return tzid === undefined ? FLOATING : zones(tzid);
}

/** The rules of a zone known without the family's: null for floating. */
function fixedRules(zone: EventZone): ZoneRules | null {
  switch (zone.kind) {
    case 'floating':
      return null;
    case 'utc':
      return UTC_RULES;
    case 'iana':
      return ianaRules(zone.name);
    case 'vtimezone':
      return observanceRules(zone.observances);
  }
}

function sameZone(a: EventZone, b: EventZone): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------- events

/** A date property with the zone it is read in. */
interface ZonedValue {
  value: DateValue;
  zone: EventZone;
}

/** One VEVENT as read, before a series is assembled from a master and its overrides. */
interface ReadEvent {
  uid: string;
  label: string;
  details: EventDetails;
  /** Whether these were written, or are defaults an override takes from its series instead. */
  written: { title: boolean; location: boolean; description: boolean; status: boolean; duration: boolean };
  startValue: ZonedValue;
  recurrenceId: (ZonedValue & { thisAndFuture: boolean }) | null;
  rrules: string[];
  rdates: ZonedValue[];
  exdates: ZonedValue[];
}

function readVevent(vevent: Component, zones: ZoneResolver, warnings: Set<string>): ReadEvent | null {
  const text = (name: string): string | null => {
    const property = firstProperty(vevent, name);
    return property ? unescapeText(property.value).trim() : null;
  };
  const title = text('SUMMARY');
  const location = text('LOCATION');
  const description = text('DESCRIPTION');
  const label = title ? `"${title}"` : 'An event without a title';
  const zoned = (property: ContentLine | undefined): ZonedValue | null => {
    const value = property && parseDateValue(property.value, property.params.VALUE);
    return value ? { value, zone: zoneOf(property, value, zones) } : null;
  };

  const recurrenceIdProperty = firstProperty(vevent, 'RECURRENCE-ID');
  const recurrenceId = zoned(recurrenceIdProperty);
  // An override may leave out DTSTART: it then starts when the occurrence it replaces did.
  const startValue = zoned(firstProperty(vevent, 'DTSTART')) ?? recurrenceId;
  if (!startValue) {
    warnings.add(`${label} has no start that can be read, so it was skipped.`);
    return null;
  }
  const allDay = startValue.value.date;
  const duration = readDuration(vevent, startValue, zones);
  const status = text('STATUS')?.toUpperCase();
  const dateList = (name: string) =>
    allProperties(vevent, name).flatMap((property) => parseDateList(property).map((value) => ({ value, zone: zoneOf(property, value, zones) })));

  return {
    uid: text('UID') || generatedUid(vevent),
    label,
    details: {
      title: title ?? '',
      location: location ?? '',
      description: description ?? '',
      status: status === 'CANCELLED' ? 'cancelled' : status === 'TENTATIVE' ? 'tentative' : 'confirmed',
      allDay,
      start: allDay ? formatDay(dayOfWall(startValue.value.wall)) : formatWallTime(startValue.value.wall),
      zone: startValue.zone,
      duration: duration ?? { days: allDay ? 1 : 0, ms: 0 },
    },
    written: {
      title: title !== null,
      location: location !== null,
      description: description !== null,
      status: status !== undefined,
      duration: duration !== null,
    },
    startValue,
    recurrenceId: recurrenceId && { ...recurrenceId, thisAndFuture: /THISANDFUTURE/i.test(recurrenceIdProperty?.params.RANGE ?? '') },
    rrules: allProperties(vevent, 'RRULE').map((property) => property.value),
    rdates: dateList('RDATE'),
    exdates: dateList('EXDATE'),
  };
}

/**
 * From DTEND or DURATION; null when neither is written. DTEND is exclusive:
 * an all-day event lasts its whole days (at least one); a timed one the
 * elapsed time between its instants (in their own zones).
 */
function readDuration(vevent: Component, start: ZonedValue, zones: ZoneResolver): EventDuration | null {
  const dtend = firstProperty(vevent, 'DTEND');
  const end = dtend && parseDateValue(dtend.value, dtend.params.VALUE);
  if (dtend && end) {
    if (start.value.date) return { days: Math.max(1, dayOfWall(end.wall) - dayOfWall(start.value.wall)), ms: 0 };
    const endZone = end.date ? start.zone : zoneOf(dtend, end, zones);
    // A floating end or start is taken in the other's zone.
    const startRules = fixedRules(start.zone) ?? fixedRules(endZone);
    const endRules = fixedRules(endZone) ?? startRules;
    if (startRules && endRules) return { days: 0, ms: Math.max(0, wallToUtc(endRules, end.wall) - wallToUtc(startRules, start.value.wall)) };
    // Both floating: the family's zone, unknown here, decides the elapsed
    // time. Whole days on the wall clock, then the difference in time of day
    // (negative overnight), keep the end at its wall time in any zone.
    if (end.wall <= start.value.wall) return { days: 0, ms: 0 };
    return { days: dayOfWall(end.wall) - dayOfWall(start.value.wall), ms: timeOfDay(end.wall) - timeOfDay(start.value.wall) };
  }
  const duration = parseDuration(firstProperty(vevent, 'DURATION')?.value ?? '');
  if (!duration) return null;
  return start.value.date ? { days: Math.max(1, duration.days + Math.ceil(duration.ms / MS_PER_DAY)), ms: 0 } : duration;
}

/** The same event gives the same UID on every fetch, so the family file's rows stay put. */
function generatedUid(vevent: Component): string {
  const hash = createHash('sha256');
  for (const name of ['DTSTART', 'DTEND', 'DURATION', 'RRULE', 'SUMMARY', 'LOCATION', 'RECURRENCE-ID']) {
    const property = firstProperty(vevent, name);
    hash.update(`${name};${property?.params.TZID ?? ''}:${property?.value ?? ''}\n`);
  }
  return `generated-${hash.digest('hex').slice(0, 24)}`;
}

/** Masters with their overrides folded in; a later duplicate (same UID, same RECURRENCE-ID) wins. */
function assembleSeries(read: ReadEvent[], warnings: Set<string>): CalendarEvent[] {
  const masters = new Map<string, ReadEvent>();
  const overrides = new Map<string, Map<string, ReadEvent>>();
  for (const event of read) {
    if (event.recurrenceId) {
      const byRecurrence = overrides.get(event.uid) ?? new Map<string, ReadEvent>();
      byRecurrence.set(JSON.stringify([event.recurrenceId.value, event.recurrenceId.zone]), event);
      overrides.set(event.uid, byRecurrence);
    } else {
      if (masters.has(event.uid)) warnings.add(`Two events have the same ID (${event.uid}); the later one is used.`);
      masters.set(event.uid, event);
    }
  }
  const uids = [...new Set([...masters.keys(), ...overrides.keys()])];
  return uids.map((uid) => buildSeries(masters.get(uid), [...(overrides.get(uid)?.values() ?? [])], warnings));
}

function buildSeries(written: ReadEvent | undefined, overrides: ReadEvent[], warnings: Set<string>): CalendarEvent {
  // Changed occurrences without their series (an invitation to one meeting of
  // many): a series of just those occurrences.
  const master = written ?? orphanSeries(overrides);
  const series = master.details;
  const toKey = (zoned: ZonedValue) => seriesKey(zoned, series);
  return {
    uid: master.uid,
    ...series,
    rrule: written ? seriesRule(master, warnings) : null,
    rdates: master.rdates.map((zoned) =>
      !series.allDay && zoned.value.date ? formatWallTime(zoned.value.wall + timeOfDay(master.startValue.value.wall)) : toKey(zoned),
    ),
    exdates: master.exdates.map(toKey),
    overrides: overrides.map((override): EventOverride => {
      if (override.recurrenceId!.thisAndFuture) {
        warnings.add(`${override.label} changes "this and all following" occurrences, which is not supported: only the one occurrence is changed.`);
      }
      const own = override.details;
      const keepsKind = own.allDay === series.allDay;
      return {
        recurrenceId: toKey(override.recurrenceId!),
        title: override.written.title ? own.title : series.title,
        location: override.written.location ? own.location : series.location,
        description: override.written.description ? own.description : series.description,
        status: override.written.status ? own.status : series.status,
        allDay: own.allDay,
        start: own.start,
        zone: own.zone,
        duration: override.written.duration || !keepsKind ? own.duration : series.duration,
      };
    }),
  };
}

function orphanSeries(overrides: ReadEvent[]): ReadEvent {
  const [first, ...others] = overrides as [ReadEvent, ...ReadEvent[]];
  const start = first.recurrenceId!;
  return {
    ...first,
    startValue: start,
    details: { ...first.details, ...startFields(start) },
    recurrenceId: null,
    rrules: [],
    exdates: [],
    rdates: others.map((other) => other.recurrenceId!),
  };
}

function startFields(zoned: ZonedValue): Pick<EventDetails, 'allDay' | 'start' | 'zone'> {
  const allDay = zoned.value.date;
  return { allDay, start: allDay ? formatDay(dayOfWall(zoned.value.wall)) : formatWallTime(zoned.value.wall), zone: zoned.zone };
}

function timeOfDay(wall: number): number {
  return wall - dayOfWall(wall) * MS_PER_DAY;
}

/**
 * A date property in the series' own form, so that it compares with the
 * starts the rule makes: a date for an all-day series (or for a date naming a
 * whole day of a timed one), else a wall time in the series' zone. A time in
 * another zone is converted through its instant; with a floating side there
 * is nothing to convert through, and the wall time is taken as written.
 */
function seriesKey(zoned: ZonedValue, series: EventDetails): string {
  if (series.allDay || zoned.value.date) return formatDay(dayOfWall(zoned.value.wall));
  const seriesRules = fixedRules(series.zone);
  const valueRules = fixedRules(zoned.zone);
  if (!seriesRules || !valueRules || sameZone(series.zone, zoned.zone)) return formatWallTime(zoned.value.wall);
  return formatWallTime(utcToWall(seriesRules, wallToUtc(valueRules, zoned.value.wall)));
}

/** The series' RRULE, UNTIL rewritten in its own form; null (with a warning) when unusable. */
function seriesRule(master: ReadEvent, warnings: Set<string>): string | null {
  const [text, ...more] = master.rrules;
  if (text === undefined) return null;
  if (more.length > 0) warnings.add(`${master.label} has more than one repeat rule; only the first is used.`);
  const parsed = parseRecurrenceRule(text);
  if (!parsed.ok) {
    warnings.add(`${master.label} has a repeat rule that cannot be read (${parsed.problem}), so it is shown once.`);
    return null;
  }
  const { rule } = parsed;
  const series = master.details;
  if (series.allDay && !['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'].includes(rule.freq)) {
    warnings.add(`${master.label} is all-day but repeats ${rule.freq.toLowerCase()}, so it is shown once.`);
    return null;
  }
  let ruleText = text.trim();
  if (rule.until) {
    let until = rule.until.wall;
    if (!series.allDay && !rule.until.date && rule.until.utc) {
      const rules = fixedRules(series.zone);
      if (rules) until = utcToWall(rules, until);
    }
    ruleText = withUntil(ruleText, untilText(until, series.allDay || rule.until.date));
  }
  // Tell the admin about a rule that will never show anything, rather than silently showing nothing.
  const normalized = parseRecurrenceRule(ruleText);
  if (normalized.ok && master.rdates.length === 0) {
    const start = master.startValue.value.wall;
    // Looking a century ahead, within a small budget: a rule that matches at all matches in its first period or so.
    const century = start + 100 * 366 * MS_PER_DAY;
    const first = expandRule(normalized.rule, start, { allDay: series.allDay, notBefore: start, notAfter: century, maxPeriods: 1_000, maxStarts: 1 });
    if (first.starts.length === 0 && !first.truncated) {
      const endsEarly = normalized.rule.until && normalized.rule.until.wall < start;
      warnings.add(
        endsEarly
          ? `${master.label} stops repeating before it starts, so it is not shown.`
          : `${master.label} repeats by a rule that never happens, so it is not shown.`,
      );
    }
  }
  return ruleText;
}

export type { CalendarEvent } from './calendar-event.js';
