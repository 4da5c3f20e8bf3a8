// Calendar math in a family's IANA time zone. The Pi's own clock zone does not
// matter: one Pi can serve a family in Berlin and another in Auckland, so every
// function takes the zone explicitly and reads wall-clock fields through Intl.

import {
  type CivilDate,
  MONTH_NAMES,
  WEEKDAY_NAMES,
  addDays,
  isoWeekday,
  compareDates,
  formatIsoDate,
  pad2,
} from './civil-date.js';
import type { I18n, Translate } from '../i18n/i18n.js';

export type LocalTime = { date: CivilDate; hour: number; minute: number };

export type DateFormat = 'iso' | 'dmy' | 'mdy' | 'long';

/** The family's choices of how dates are written (the settings form shows each with an example). */
export const DATE_FORMATS: readonly DateFormat[] = ['long', 'dmy', 'mdy', 'iso'];

export function isDateFormat(value: unknown): value is DateFormat {
  return DATE_FORMATS.some((f) => f === value);
}

// Building an Intl.DateTimeFormat costs far more than using one, and "what day
// is it for this family" is asked on every dashboard render, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** A message for the settings form, or null when the zone is usable. */
export function validateTimeZone(timeZone: string, t: Translate): string | null {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return t('settings.problemTimeZoneMissing');
  return isValidTimeZone(timeZone) ? null : t('settings.problemTimeZone', { zone: timeZone });
}

/** The zone this machine is set to, or UTC when it cannot be told. */
export function defaultTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && isValidTimeZone(zone) ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}

type WallClock = LocalTime & { second: number };

function wallClockIn(timeZone: string, instant: number): WallClock {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return {
    date: { year: fields.year, month: fields.month, day: fields.day },
    // Some ICU versions print midnight as 24 even with h23.
    hour: fields.hour % 24,
    minute: fields.minute,
    second: fields.second,
  };
}

// The wall clock's minute is asked on every dashboard render (its clock, the
// display's night mode), and Intl takes longer to answer than the rest of a
// render's calendar math. A zone's local minute holds for a whole UTC minute
// when its offset is whole minutes (every zone's, these last fifty years), so
// each zone's answer is kept for the UTC minute it was found in.
const minutes = new Map<string, { utcMinute: number; time: LocalTime }>();

export function localTimeIn(timeZone: string, now: Date = new Date()): LocalTime {
  const instant = now.getTime();
  const utcMinute = Math.floor(instant / 60_000);
  const known = minutes.get(timeZone);
  if (known && known.utcMinute === utcMinute) return { ...known.time, date: { ...known.time.date } };
  const { date, hour, minute, second } = wallClockIn(timeZone, instant);
  const time = { date, hour, minute };
  // Kept only when the offset has no odd seconds (the local second is the UTC one).
  if (second === Math.floor(instant / 1000) - utcMinute * 60) {
    if (minutes.size > 500) minutes.clear();
    minutes.set(timeZone, { utcMinute, time: { ...time, date: { ...date } } });
  }
  return time;
}

/** The family's calendar date at this instant. */
export function todayIn(timeZone: string, now: Date = new Date()): CivilDate {
  return wallClockIn(timeZone, now.getTime()).date;
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function utcOffsetMs(timeZone: string, instant: number): number {
  const wall = wallClockIn(timeZone, instant);
  const wallAsUtc = Date.UTC(
    wall.date.year,
    wall.date.month - 1,
    wall.date.day,
    wall.hour,
    wall.minute,
    wall.second,
  );
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * Milliseconds from now until the family's date next changes (their next
 * midnight). Days of 23 or 25 hours around DST changes are handled because the
 * answer is found from the zone's offset at midnight, not by adding 24 hours.
 */
export function msUntilNextMidnight(timeZone: string, now: Date = new Date()): number {
  const nowMs = now.getTime();
  const today = todayIn(timeZone, now);
  const tomorrow = addDays(today, 1);
  const midnightAsUtc = Date.UTC(tomorrow.year, tomorrow.month - 1, tomorrow.day);
  const isTomorrow = (instant: number) => compareDates(todayIn(timeZone, new Date(instant)), today) > 0;
  const isFirstInstantOfTomorrow = (instant: number) => isTomorrow(instant) && !isTomorrow(instant - 1);

  // Midnight in wall-clock terms minus the zone's offset gives the instant. On
  // a DST day the offset at midnight differs from now's, so a second guess uses
  // the offset found at the first. Zones that skip 00:00 (America/Santiago)
  // land on the change itself, which is the first instant of the new day.
  let guess = midnightAsUtc - utcOffsetMs(timeZone, nowMs);
  if (isFirstInstantOfTomorrow(guess)) return guess - nowMs;
  guess = midnightAsUtc - utcOffsetMs(timeZone, guess);
  if (guess > nowMs && isFirstInstantOfTomorrow(guess)) return guess - nowMs;

  // Safety net for anything the guesses miss (say, two clock changes in one
  // day): search for the instant the date changes.
  let before = nowMs;
  let after = nowMs + 2 * 86_400_000;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (isTomorrow(middle)) after = middle;
    else before = middle;
  }
  return after - nowMs;
}

/** Minutes since midnight for "HH:MM" (00:00-23:59), or null if it is not such a time. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return hour * 60 + minute;
}

/** A message for a form field holding a time such as 22:00, or null when fine. */
export function validateTimeOfDay(text: string, t: Translate): string | null {
  return parseTimeOfDay(text) === null ? t('settings.problemTime') : null;
}

/**
 * Whether the family's wall clock is in [start, end). A window whose start is
 * after its end spans midnight (night mode 22:00-07:00). Equal start and end
 * is an empty window. Unreadable times count as "not within", so a bad setting
 * never blanks the dashboard; forms check them with validateTimeOfDay.
 */
export function isWithinHours(timeZone: string, now: Date, startHHMM: string, endHHMM: string): boolean {
  const start = parseTimeOfDay(startHHMM);
  const end = parseTimeOfDay(endHHMM);
  if (start === null || end === null || start === end) return false;
  const { hour, minute } = localTimeIn(timeZone, now);
  const current = hour * 60 + minute;
  return start < end ? current >= start && current < end : current >= start || current < end;
}

/** A date in the family's chosen format; 'long' is the language's own ("Sonntag, 22. November 2026"). */
export function formatFamilyDate(d: CivilDate, format: DateFormat, i18n?: I18n): string {
  switch (format) {
    case 'iso':
      return formatIsoDate(d);
    case 'dmy':
      return `${pad2(d.day)}.${pad2(d.month)}.${d.year}`;
    case 'mdy':
      return `${pad2(d.month)}/${pad2(d.day)}/${d.year}`;
    case 'long':
      return i18n ? i18n.date(d, 'full') : `${WEEKDAY_NAMES[isoWeekday(d) - 1]} ${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
  }
}
