// Hand-written iCalendar for the calendar tests: a VCALENDAR around the given
// components, CRLF as RFC 5545 says (tests of LF and folding build their own).

import { expect } from 'vitest';
import { GOOGLE_BERLIN_VTIMEZONE } from '../../../../bench/calendar-feed-fixture.js';
import { parseIsoDate } from '../../../../src/calendar/civil-date.js';
import type { CalendarEvent } from '../../../../src/kinds/calendar/calendar-event.js';
import { parseCalendar } from '../../../../src/kinds/calendar/ical-parse.js';
import { occurrencesBetween } from '../../../../src/kinds/calendar/occurrences.js';

export function calendar(...components: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//DinkyDash tests//EN', ...components, 'END:VCALENDAR', ''].join('\r\n');
}

export function vevent(...lines: string[]): string {
  return ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');
}

/** The parse of text that must be a calendar. */
export function parsed(text: string): { name: string | null; events: CalendarEvent[]; warnings: string[] } {
  const result = parseCalendar(text);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** The only event of text. */
export function onlyEvent(text: string): CalendarEvent {
  const { events } = parsed(text);
  expect(events).toHaveLength(1);
  return events[0]!;
}

/**
 * What a family in `zone` sees on the days [from, from+days), one line each:
 * "start → end title", family-local.
 */
export function seen(text: string, zone: string, from: string, days: number): string[] {
  return occurrencesBetween(parsed(text).events, zone, parseIsoDate(from)!, days).map((o) => `${o.start} → ${o.end} ${o.title}`);
}

/** Europe/Berlin as Google writes it. */
export const GOOGLE_BERLIN = GOOGLE_BERLIN_VTIMEZONE.join('\r\n');

/** A Windows zone as Outlook writes it: one yearly rule each way, from 1601. */
export function outlookZone(tzid: string, standard: ZoneChange, daylight: ZoneChange): string {
  const observance = (name: string, change: ZoneChange, from: string) => [
    `BEGIN:${name}`,
    `DTSTART:16010101T${change.time}`,
    `TZOFFSETFROM:${from}`,
    `TZOFFSETTO:${change.offset}`,
    `RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=${change.day};BYMONTH=${change.month}`,
    `END:${name}`,
  ];
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    ...observance('STANDARD', standard, daylight.offset),
    ...observance('DAYLIGHT', daylight, standard.offset),
    'END:VTIMEZONE',
  ].join('\r\n');
}

/** The offset a change goes to, and when: BYDAY and BYMONTH, and the local time. */
type ZoneChange = { offset: string; month: number; day: string; time: string };

export const OUTLOOK_W_EUROPE = outlookZone(
  'W. Europe Standard Time',
  { offset: '+0100', month: 10, day: '-1SU', time: '030000' },
  { offset: '+0200', month: 3, day: '-1SU', time: '020000' },
);
