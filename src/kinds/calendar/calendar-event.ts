// What the family file stores for one event series of a calendar feed, and
// the wall-clock text forms it uses. Everything here is plain JSON: the feed
// is parsed once when fetched, and the card expands the stored series on every
// render without the feed's text.

import { dayNumber, formatIsoDate, fromDayNumber, pad2 } from '../../calendar/civil-date.js';

/**
 * How a timed event's wall times are read. Resolved when the feed is parsed,
 * so expanding never needs the feed's VTIMEZONE blocks again.
 * - floating: no zone written (or one we could not identify): read in the family's zone.
 * - utc: written with a trailing Z.
 * - iana: a zone Intl knows, e.g. Europe/Berlin (also for Windows names and
 *   for VTIMEZONE blocks whose rules match that zone's).
 * - vtimezone: the feed's own rules, when they name no zone we know or differ from it.
 */
export type EventZone =
  | { kind: 'floating' }
  | { kind: 'utc' }
  | { kind: 'iana'; name: string }
  | { kind: 'vtimezone'; tzid: string; observances: ZoneObservance[] };

/** One STANDARD or DAYLIGHT part of a VTIMEZONE block. */
export interface ZoneObservance {
  /** When it first applies: local wall time 'YYYY-MM-DDTHH:MM:SS', read with offsetFrom. */
  start: string;
  /** UTC offsets in seconds before and after each change. */
  offsetFrom: number;
  offsetTo: number;
  /** Its yearly rule, UNTIL already in local wall time; null when it applies once or by rdates. */
  rrule: string | null;
  /** Further changes, local wall times like start. */
  rdates: string[];
}

/**
 * How long each occurrence lasts: `days` calendar days added to the start's
 * date (so P1D ends at the same wall time, 23 or 25 hours later across a
 * daylight-saving change), then `ms` of elapsed time (so PT24H is exactly 24
 * hours). All-day events use days only. DTEND on a timed event becomes ms
 * (RFC 5545: the same exact duration applies to every occurrence), except
 * when both times are floating: then the elapsed time depends on the family's
 * zone, and it is kept as days and a difference in time of day, negative for
 * an overnight event (22:00 to 07:00: one day on, less 15 hours), so the end
 * keeps its wall time.
 */
export interface EventDuration {
  days: number;
  ms: number;
}

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

/** What one occurrence shows, and when: shared by a series and its changed occurrences. */
export interface EventDetails {
  title: string;
  location: string;
  description: string;
  status: EventStatus;
  allDay: boolean;
  /** 'YYYY-MM-DD' when allDay, else a wall time 'YYYY-MM-DDTHH:MM:SS' read in `zone`. */
  start: string;
  /** Always floating for all-day events: a day is the family's day. */
  zone: EventZone;
  duration: EventDuration;
}

/** One occurrence of a series moved, retitled or cancelled (a VEVENT with RECURRENCE-ID). */
export interface EventOverride extends EventDetails {
  /**
   * The occurrence it replaces, as the series writes its starts: a wall time
   * in the series' zone, or 'YYYY-MM-DD' (for an all-day series, or a date
   * naming a whole day of a timed one).
   */
  recurrenceId: string;
}

/** One VEVENT series (a master with its RECURRENCE-ID overrides folded in), JSON-serialisable, with every zone already resolved: what the family file stores. */
export interface CalendarEvent extends EventDetails {
  uid: string;
  /**
   * The RRULE as written, except that UNTIL is rewritten in the series' own
   * form (a wall time in `zone`, or a date), so it compares with the starts
   * the rule makes. Null when the event does not repeat.
   */
  rrule: string | null;
  /** Extra starts (RDATE), in the same form as `start`. */
  rdates: string[];
  /** Starts left out (EXDATE), as recurrenceId: a wall time in `zone`, or a date leaving out that whole day. */
  exdates: string[];
  overrides: EventOverride[];
}

export const MS_PER_SECOND = 1_000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

// A wall time as a number: milliseconds since 1970-01-01T00:00 on the same
// wall clock, as if that clock were UTC. Arithmetic on wall times (adding
// days, comparing) is then plain integer arithmetic; turning one into an
// instant needs a zone (zones.ts).

/** Wall-clock fields as one number (see above). */
export function wallMs(day: number, hour = 0, minute = 0, second = 0): number {
  return day * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * MS_PER_SECOND;
}

/** Days since 1970-01-01 of a wall time. */
export function dayOfWall(wall: number): number {
  return Math.floor(wall / MS_PER_DAY);
}

/** 'YYYY-MM-DDTHH:MM:SS' */
export function formatWallTime(wall: number): string {
  const day = dayOfWall(wall);
  const seconds = Math.floor((wall - day * MS_PER_DAY) / MS_PER_SECOND);
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return `${formatDay(day)}T${time}`;
}

/** 'YYYY-MM-DDTHH:MM', as occurrences give their family-local times. */
export function formatWallMinute(wall: number): string {
  return formatWallTime(wall).slice(0, 16);
}

/** 'YYYY-MM-DD' */
export function formatDay(day: number): string {
  return formatIsoDate(fromDayNumber(day));
}

/**
 * A stored start, override or exclusion: 'YYYY-MM-DD' gives `{ date: true }`,
 * 'YYYY-MM-DDTHH:MM:SS' a wall time. Null for anything else (a hand-edited row).
 */
export function parseStoredTime(text: string): { wall: number; date: boolean } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (!match) return null;
  const day = dayNumber({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
  if (match[4] === undefined) return { wall: wallMs(day), date: true };
  return { wall: wallMs(day, Number(match[4]), Number(match[5]), Number(match[6])), date: false };
}
