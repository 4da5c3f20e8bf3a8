import type { Translate } from '../../i18n/i18n.js';
// The family's own events and birthdays as iCalendar text (RFC 5545), for the
// private address phones and other calendars subscribe to. Pure: the route
// reads the rows and hands them here.
//
// Timed events are written in the family's zone by its IANA name
// (DTSTART;TZID=Europe/Berlin:…) without a VTIMEZONE block: Google, Apple and
// Outlook know the IANA names, and parseCalendar reads them the same way.
// One VEVENT per series, with its RRULE; a changed occurrence is a VEVENT of
// its own with the series' UID and a RECURRENCE-ID, a cancelled one an EXDATE.

import { MS_PER_DAY, formatWallTime, parseStoredTime } from './calendar-event.js';
import { dayNumber, isValidCivilDate } from '../../calendar/civil-date.js';
import { familyEventSeries } from './family-events.js';
import { expandRule, parseRecurrenceRule, withUntil } from './recurrence-rule.js';
import { birthdayTitle, parseBirthDate } from './birthdays.js';
import { zonedWallTimeToUtc } from './zones.js';
import type { FamilyEvent, FamilyEventChange } from './tables.js';
import type { EventDetails } from './calendar-event.js';

export const ICAL_PRODID = '-//DinkyDash//Family calendar//EN';

export interface IcalPerson {
  /** "m3" for a member, "p2" for a named person: part of the birthday's UID. */
  key: string;
  name: string;
  birthDate: string;
  /** When the row last changed (ISO text), for DTSTAMP. */
  changedAt: string;
}

export interface IcalInput {
  /** The calendar's name in the subscriber's list. */
  name: string;
  timeZone: string;
  /** Makes UIDs of birthdays unique beyond this family (own events' UIDs are random). */
  uidDomain: string;
  events: readonly FamilyEvent[];
  changes: readonly FamilyEventChange[];
  people: readonly IcalPerson[];
  /** For DTSTAMP of rows whose time cannot be read. */
  now: number;
  /** The family's language: birthdays are named in it ("Lily hat Geburtstag"). */
  t: Translate;
}

/** The whole calendar, CRLF line ends, lines folded at 75 octets. */
export function familyIcal(input: IcalInput): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICAL_PRODID}`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `NAME:${escapeText(input.name)}`,
    `X-WR-TIMEZONE:${input.timeZone}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const event of input.events) lines.push(...eventLines(event, input.changes, input));
  for (const person of input.people) lines.push(...birthdayLines(person, input));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** TEXT values: backslash, semicolon, comma and line breaks escaped. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Splits a content line into pieces of at most 75 octets, never inside a character; each further piece starts with a space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first piece has 75 octets; the others 74 after their leading space.
    if (octets + size > (pieces.length === 0 ? 75 : 74)) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n ');
}

/** '2026-03-10T09:12:44.123Z' (as SQLite writes it) → '20260310T091244Z'. */
function stamp(iso: string, now: number): string {
  const ms = Date.parse(iso);
  return new Date(Number.isFinite(ms) ? ms : now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A wall time as DATE (all-day) or as local DATE-TIME. */
function dateText(wall: number, allDay: boolean): string {
  const text = formatWallTime(wall).replace(/[-:]/g, '');
  return allDay ? text.slice(0, 8) : text;
}

function dateProperty(name: string, wall: number, allDay: boolean, timeZone: string): string {
  return allDay ? `${name};VALUE=DATE:${dateText(wall, true)}` : `${name};TZID=${timeZone}:${dateText(wall, false)}`;
}

/** Start and end wall times of a series or occurrence (the end exclusive for all-day). */
function span(details: EventDetails): { start: number; end: number } | null {
  const start = parseStoredTime(details.start);
  if (!start) return null;
  const { days, ms } = details.duration;
  return { start: start.wall, end: details.allDay ? start.wall + Math.max(1, days) * MS_PER_DAY : start.wall + days * MS_PER_DAY + ms };
}

type Texts = Pick<EventDetails, 'title' | 'location' | 'description'>;

/** SUMMARY, LOCATION and DESCRIPTION; a changed occurrence also writes an empty one its series has (else it would take the series'). */
function textLines(details: Texts, series?: Texts): string[] {
  const written = (value: string, seriesValue: string | undefined) => value !== '' || (seriesValue !== undefined && seriesValue !== '');
  return [
    `SUMMARY:${escapeText(details.title)}`,
    ...(written(details.location, series?.location) ? [`LOCATION:${escapeText(details.location)}`] : []),
    ...(written(details.description, series?.description) ? [`DESCRIPTION:${escapeText(details.description)}`] : []),
  ];
}

/**
 * UNTIL in the form of DTSTART (RFC 5545 §3.3.10): a date for all-day
 * series; for timed ones the end of the last day in the family's zone, in UTC.
 */
function ruleText(rrule: string, allDay: boolean, timeZone: string): string {
  const until = /UNTIL=(\d{4})(\d{2})(\d{2})/.exec(rrule);
  if (allDay || !until) return rrule;
  const date = { year: Number(until[1]), month: Number(until[2]), day: Number(until[3]) };
  const instant = zonedWallTimeToUtc(timeZone, date, 23, 59, 59);
  return withUntil(rrule, new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
}

function eventLines(event: FamilyEvent, changes: readonly FamilyEventChange[], input: IcalInput): string[] {
  const series = familyEventSeries(event, changes);
  const times = span(series);
  if (!times) return [];
  const dtstamp = `DTSTAMP:${stamp(event.updated_at, input.now)}`;
  let { start, end } = times;
  if (series.rrule) {
    // DTSTART is the first occurrence: a weekly series on other days than its
    // start's begins on the first of them, and clients count DTSTART as one.
    const rule = parseRecurrenceRule(series.rrule);
    if (!rule.ok) return [];
    const first = expandRule(rule.rule, start, { allDay: series.allDay, notBefore: start, notAfter: start + 8 * MS_PER_DAY, maxStarts: 1 }).starts[0];
    if (first === undefined) return [];
    end += first - start;
    start = first;
  }
  const lines = [
    'BEGIN:VEVENT',
    `UID:${series.uid}`,
    dtstamp,
    dateProperty('DTSTART', start, series.allDay, input.timeZone),
    dateProperty('DTEND', end, series.allDay, input.timeZone),
    ...(series.rrule ? [`RRULE:${ruleText(series.rrule, series.allDay, input.timeZone)}`] : []),
  ];
  const cancelled = series.overrides.filter((o) => o.status === 'cancelled');
  for (const override of cancelled) {
    const key = parseStoredTime(override.recurrenceId);
    if (key) lines.push(dateProperty('EXDATE', key.wall, series.allDay, input.timeZone));
  }
  lines.push(...textLines(series), 'END:VEVENT');

  for (const override of series.overrides) {
    if (override.status === 'cancelled') continue;
    const key = parseStoredTime(override.recurrenceId);
    const own = span(override);
    if (!key || !own) continue;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${series.uid}`,
      dtstamp,
      dateProperty('RECURRENCE-ID', key.wall, series.allDay, input.timeZone),
      dateProperty('DTSTART', own.start, override.allDay, input.timeZone),
      dateProperty('DTEND', own.end, override.allDay, input.timeZone),
      ...textLines(override, series),
      'END:VEVENT',
    );
  }
  return lines;
}

/**
 * A yearly all-day event from the day of birth (or from 1970 when the year is
 * not known). A birthday on 29 February is kept on the last day of February,
 * as the agenda keeps it: the 28th in common years.
 */
function birthdayLines(person: IcalPerson, input: IcalInput): string[] {
  const birth = parseBirthDate(person.birthDate);
  if (!birth || !isValidCivilDate({ year: 2000, month: birth.month, day: birth.day })) return [];
  const leapDay = birth.month === 2 && birth.day === 29;
  const year = birth.year ?? 1970;
  const first = { year, month: birth.month, day: leapDay && birth.year === null ? 28 : birth.day };
  if (!isValidCivilDate(first)) return [];
  const day = dayNumber(first);
  return [
    'BEGIN:VEVENT',
    `UID:birthday-${person.key}@${input.uidDomain}`,
    `DTSTAMP:${stamp(person.changedAt, input.now)}`,
    `DTSTART;VALUE=DATE:${dateText(day * MS_PER_DAY, true)}`,
    `DTEND;VALUE=DATE:${dateText((day + 1) * MS_PER_DAY, true)}`,
    leapDay ? 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1' : 'RRULE:FREQ=YEARLY',
    `SUMMARY:${escapeText(birthdayTitle(person.name, null, input.t))}`,
    ...(birth.year === null ? [] : [`DESCRIPTION:${escapeText(input.t('birthday.bornIn', { year: String(birth.year) }))}`]),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}
