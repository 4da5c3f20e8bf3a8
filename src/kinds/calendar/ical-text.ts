// Reading iCalendar text (RFC 5545) into components and values, leniently:
// a feed is written by anything from Google to a school's home-made script,
// and one odd line must cost that line (or that event), never the calendar.
// ical.js's parser throws for the whole file on a single bad line or repeat
// rule, and reads DTSTART:20260301 (no VALUE=DATE) as a broken date-time,
// hence this small reader of our own.

import { dayNumber, isValidCivilDate } from '../../calendar/civil-date.js';
import { type EventDuration, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, wallMs } from './calendar-event.js';

export interface ContentLine {
  /** Upper-case, e.g. DTSTART, X-WR-CALNAME. */
  name: string;
  /** Parameter names upper-case; values with their quotes removed. */
  params: Record<string, string>;
  /** Raw: still escaped for text values. */
  value: string;
}

export interface Component {
  /** Upper-case, e.g. VEVENT. */
  name: string;
  properties: ContentLine[];
  components: Component[];
  /** False when the text ended before its END line (a download cut short). */
  complete: boolean;
}

export interface ComponentTree {
  roots: Component[];
  /** Lines that were neither a property nor BEGIN/END, skipped. */
  skippedLines: number;
}

/** Lines with folding undone (CRLF, LF or CR, then a space or tab, continue the line). */
export function unfoldLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n[ \t]|\n[ \t]|\r[ \t]/g, '')
    .split(/\r\n|\n|\r/);
}

/** name *(";" param) ":" value, or null when the line is not a content line. */
export function parseContentLine(line: string): ContentLine | null {
  const nameMatch = /^[A-Za-z0-9-]+/.exec(line);
  if (!nameMatch) return null;
  const params: Record<string, string> = {};
  let at = nameMatch[0].length;
  while (line[at] === ';') {
    const paramName = /^[A-Za-z0-9-]+=/.exec(line.slice(at + 1));
    if (!paramName) return null;
    at += 1 + paramName[0].length;
    // A parameter may hold several comma-separated values, each quoted or not;
    // a quoted value may contain ; : and , (TZID="GMT+01:00, Berlin").
    const values: string[] = [];
    for (;;) {
      if (line[at] === '"') {
        const close = line.indexOf('"', at + 1);
        if (close < 0) return null;
        values.push(line.slice(at + 1, close));
        at = close + 1;
      } else {
        const end = /[;:,]/.exec(line.slice(at));
        if (!end) return null;
        values.push(line.slice(at, at + end.index));
        at += end.index;
      }
      if (line[at] !== ',') break;
      at += 1;
    }
    params[paramName[0].slice(0, -1).toUpperCase()] = values.join(',');
  }
  if (line[at] !== ':') return null;
  return { name: nameMatch[0].toUpperCase(), params, value: line.slice(at + 1) };
}

/** The components in the text, nested as written. Text outside any component is skipped. */
export function parseComponents(text: string): ComponentTree {
  const roots: Component[] = [];
  const open: Component[] = [];
  let skippedLines = 0;
  for (const rawLine of unfoldLines(text)) {
    if (rawLine.trim() === '') continue;
    const line = parseContentLine(rawLine);
    if (!line) {
      skippedLines++;
      continue;
    }
    if (line.name === 'BEGIN') {
      const component: Component = { name: line.value.trim().toUpperCase(), properties: [], components: [], complete: false };
      (open.at(-1)?.components ?? roots).push(component);
      open.push(component);
    } else if (line.name === 'END') {
      // An END closes the innermost component of that name, and any left
      // open inside it; an END matching nothing open is ignored.
      const name = line.value.trim().toUpperCase();
      const index = open.findLastIndex((component) => component.name === name);
      if (index >= 0) {
        open[index]!.complete = true;
        open.length = index;
      }
    } else if (open.length > 0) {
      open.at(-1)!.properties.push(line);
    } else {
      skippedLines++;
    }
  }
  return { roots, skippedLines };
}

export function firstProperty(component: Component, name: string): ContentLine | undefined {
  return component.properties.find((property) => property.name === name);
}

export function allProperties(component: Component, name: string): ContentLine[] {
  return component.properties.filter((property) => property.name === name);
}

/** A TEXT value with its escapes (\n \, \; \\) undone. */
export function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** A DATE or DATE-TIME value as written: a day, or a wall time and whether it ended in Z. */
export type DateValue = { date: true; wall: number } | { date: false; wall: number; utc: boolean };

/**
 * YYYYMMDD or YYYYMMDDTHHMMSS[Z]. Lenient where producers are: VALUE=DATE
 * may be missing, dashes and colons are allowed, seconds may be left out,
 * and a date-time under VALUE=DATE counts as its day. Null when it names no
 * real day or time.
 */
export function parseDateValue(text: string, valueType: string | undefined): DateValue | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?(Z)?)?$/i.exec(text.trim());
  if (!match) return null;
  const civil = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isValidCivilDate(civil)) return null;
  const day = dayNumber(civil);
  if (match[4] === undefined || valueType?.toUpperCase() === 'DATE') return { date: true, wall: wallMs(day) };
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  // A leap second (60) is read as the second before it.
  const second = Math.min(Number(match[6] ?? 0), 59);
  if (hour > 23 || minute > 59) return null;
  return { date: false, wall: wallMs(day, hour, minute, second), utc: match[7] !== undefined };
}

/** Every value of a multi-valued property (EXDATE:20260101,20260108), unreadable ones left out. */
export function parseDateList(property: ContentLine): DateValue[] {
  return property.value
    .split(',')
    .map((text) => parseDateValue(text.split('/')[0]!, property.params.VALUE))
    .filter((value): value is DateValue => value !== null);
}

/**
 * A DURATION such as P1D, PT1H30M, P2W or -PT15M, split into calendar days
 * and elapsed time (see EventDuration). Null when unreadable; negative
 * durations count as none.
 */
export function parseDuration(text: string): EventDuration | null {
  const match = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text.trim());
  if (!match || /^[+-]?PT?$/i.test(text.trim())) return null;
  if (match[1] === '-') return { days: 0, ms: 0 };
  const n = (index: number) => Number(match[index] ?? 0);
  return {
    days: n(2) * 7 + n(3),
    ms: n(4) * MS_PER_HOUR + n(5) * MS_PER_MINUTE + n(6) * MS_PER_SECOND,
  };
}

/** A UTC-OFFSET such as +0100, -0500 or +053000, in seconds; null when unreadable. */
export function parseUtcOffset(text: string): number | null {
  const match = /^([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return match[1] === '-' ? -seconds : seconds;
}
