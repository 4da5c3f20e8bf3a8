// Timings for the family calendar's parse and expansion of a large feed.
// npm run build && node dist/bench/calendar-feed.js
// Prints figures only: nothing here passes or fails (tests check correctness).

import { parseCalendar } from '../src/kinds/calendar/ical-parse.js';
import { eventSpan, occurrencesBetween } from '../src/kinds/calendar/occurrences.js';
import { largeFeed } from './calendar-feed-fixture.js';

const ROUNDS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(run: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    result = run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

const feed = largeFeed();
const firstParse = performance.now();
parseCalendar(feed.text);
const coldParseMs = performance.now() - firstParse;
const parse = time(() => parseCalendar(feed.text));
if (!parse.result.ok) throw new Error(parse.result.message);
const { events } = parse.result;
const rows = events.map((event) => JSON.stringify(event));
const stored = rows.map((row) => JSON.parse(row));

const week = { year: 2026, month: 3, day: 23 };
const expandWeek = time(() => occurrencesBetween(stored, 'Europe/Berlin', week, 7));
const expandWeekAuckland = time(() => occurrencesBetween(stored, 'Pacific/Auckland', week, 7));
const expandDay = time(() => occurrencesBetween(stored, 'Europe/Berlin', week, 1));
const spans = time(() => stored.map((event) => eventSpan(event, 'Europe/Berlin')));
const fromRows = time(() => rows.map((row) => JSON.parse(row)));

const say = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
say('feed', `${(feed.text.length / 1024 / 1024).toFixed(2)} MB, ${events.length} series (${feed.weekly.length} weekly, ${feed.daily.length} daily)`);
say('parse (first, cold)', `${coldParseMs.toFixed(1)} ms`);
say('parse (median of 7)', `${parse.ms.toFixed(1)} ms`);
say('stored JSON', `${(rows.reduce((sum, row) => sum + row.length, 0) / 1024).toFixed(0)} KB`);
say('JSON.parse of every stored row', `${fromRows.ms.toFixed(1)} ms`);
say('one week, Berlin family (median)', `${expandWeek.ms.toFixed(1)} ms, ${expandWeek.result.length} occurrences`);
say('one week, Auckland family (median)', `${expandWeekAuckland.ms.toFixed(1)} ms, ${expandWeekAuckland.result.length} occurrences`);
say('one day, Berlin family (median)', `${expandDay.ms.toFixed(1)} ms, ${expandDay.result.length} occurrences`);
say('eventSpan of every series (median)', `${spans.ms.toFixed(1)} ms`);
