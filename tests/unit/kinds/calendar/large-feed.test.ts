// Correctness on a large feed; its timings are printed by bench/calendar-feed.ts, not checked here.

import { describe, expect, it } from 'vitest';
import { largeFeed } from '../../../../bench/calendar-feed-fixture.js';
import { parseCalendar } from '../../../../src/kinds/calendar/ical-parse.js';
import { eventSpan, occurrencesBetween } from '../../../../src/kinds/calendar/occurrences.js';

describe('a feed of 2,000 events (about 1 MB)', () => {
  const feed = largeFeed();
  const result = parseCalendar(feed.text);
  if (!result.ok) throw new Error(result.message);
  // As the family file gives them back.
  const stored = result.events.map((event) => JSON.parse(JSON.stringify(event)));

  it('parses every series, with nothing to warn about', () => {
    expect(feed.text.length).toBeGreaterThan(900_000);
    expect(result.events).toHaveLength(2_000);
    expect(result.warnings).toEqual([]);
    expect(result.events.filter((event) => event.rrule !== null)).toHaveLength(60);
    expect(result.events[0]!.zone).toEqual({ kind: 'iana', name: 'Europe/Berlin' });
  });

  it('one week (across Berlin’s spring change) has each weekly series once, each daily one seven times, and the single events of those days', () => {
    const found = occurrencesBetween(stored, 'Europe/Berlin', { year: 2026, month: 3, day: 23 }, 7);
    const count = (uid: string) => found.filter((o) => o.uid === uid).length;
    expect(feed.weekly.map(count)).toEqual(feed.weekly.map(() => 1));
    expect(feed.daily.map(count)).toEqual(feed.daily.map(() => 7));
    const singles = feed.singles.filter((single) => single.date >= '2026-03-23' && single.date <= '2026-03-29');
    expect(singles.length).toBeGreaterThan(0);
    expect(singles.map((single) => count(single.uid))).toEqual(singles.map(() => 1));
    expect(found).toHaveLength(50 + 70 + singles.length);
    // Weekly clubs keep their Berlin wall time on either side of the change.
    const clubTimes = new Set(found.filter((o) => o.title.startsWith('Club')).map((o) => Number(o.start.slice(11, 13))));
    expect([...clubTimes].every((hour) => hour >= 14 && hour <= 19)).toBe(true);
  });

  it('every series has a span, open-ended for the repeating ones', () => {
    const spans = stored.map((event) => eventSpan(event, 'Europe/Berlin'));
    expect(spans.filter((span) => span.lastEnd === null)).toHaveLength(60);
    expect(spans.every((span) => span.lastEnd === null || span.lastEnd >= span.firstStart)).toBe(true);
  });
});
