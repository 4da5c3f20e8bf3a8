// A large calendar feed, made up but shaped like a busy school's or club's:
// for the calendar's large-feed test and its timings (bench/calendar-feed.ts).

import { addDays, formatIsoDate } from '../src/calendar/civil-date.js';

export interface LargeFeed {
  text: string;
  /** UIDs of the weekly series (each on one weekday, from 2025, forever) and of the daily ones (from 2025, forever). */
  weekly: string[];
  daily: string[];
  /** The single events' family-local days (they are written floating). */
  singles: { uid: string; date: string }[];
}

/** Europe/Berlin as Google writes it. */
export const GOOGLE_BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'X-LIC-LOCATION:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** `events` series: `weekly` repeating weekly, `daily` daily, the rest single events over three years. About 500 bytes each. */
export function largeFeed(events = 2_000, weekly = 50, daily = 10): LargeFeed {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//DinkyDash//large feed//EN', 'X-WR-CALNAME:Large feed', ...GOOGLE_BERLIN_VTIMEZONE];
  const feed: LargeFeed = { text: '', weekly: [], daily: [], singles: [] };
  // Text long enough to make the feed the size of a real one (~1 MB), folded at 75 octets.
  const description = (i: number) =>
    `Bring water\\, a snack and good shoes. Pick-up at the main gate\\; ask at the office if you are late. Event ${i} of the season: ` +
    'details follow in the newsletter. '.repeat(6);
  for (let i = 0; i < events; i++) {
    const uid = `event-${i}@large.example`;
    const common = [`UID:${uid}`, 'DTSTAMP:20250101T000000Z', ...fold(`DESCRIPTION:${description(i)}`), `LOCATION:Room ${i % 40}`];
    if (i < weekly) {
      feed.weekly.push(uid);
      // Weekly from the first week of 2025, on one weekday each, in Berlin time.
      const start = addDays({ year: 2025, month: 1, day: 6 }, i % 7);
      lines.push('BEGIN:VEVENT', ...common, `SUMMARY:Club ${i}`, `DTSTART;TZID=Europe/Berlin:${compact(start)}T${String(14 + (i % 6)).padStart(2, '0')}0000`);
      lines.push('DURATION:PT1H', `RRULE:FREQ=WEEKLY;BYDAY=${WEEKDAYS[i % 7]}`, 'END:VEVENT');
    } else if (i < weekly + daily) {
      feed.daily.push(uid);
      lines.push('BEGIN:VEVENT', ...common, `SUMMARY:Daily ${i}`, 'DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=DAILY', 'END:VEVENT');
    } else {
      const date = addDays({ year: 2025, month: 1, day: 1 }, (i * 7) % 1_096);
      feed.singles.push({ uid, date: formatIsoDate(date) });
      lines.push('BEGIN:VEVENT', ...common, `SUMMARY:Event ${i}`, `DTSTART:${compact(date)}T${String(8 + (i % 10)).padStart(2, '0')}3000`);
      lines.push(`DTEND:${compact(date)}T${String(9 + (i % 10)).padStart(2, '0')}3000`, 'END:VEVENT');
    }
  }
  lines.push('END:VCALENDAR', '');
  feed.text = lines.join('\r\n');
  return feed;
}

function compact(date: { year: number; month: number; day: number }): string {
  return formatIsoDate(date).replace(/-/g, '');
}

/** RFC 5545 folding: lines of at most 75 characters, continued after CRLF and a space. */
function fold(line: string): string[] {
  const parts = [line.slice(0, 75)];
  for (let at = 75; at < line.length; at += 74) parts.push(` ${line.slice(at, at + 74)}`);
  return parts;
}
