import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../../src/calendar/civil-date.js';
import { eventSpan, occurrencesBetween } from '../../../../src/kinds/calendar/occurrences.js';
import { GOOGLE_BERLIN, OUTLOOK_W_EUROPE, calendar, onlyEvent, outlookZone, parsed, seen, vevent } from './ics.js';

const HOUR = 3_600_000;
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const AUCKLAND = 'Pacific/Auckland';

/** Occurrences with their instants, for checks on elapsed time. */
const occurrences = (text: string, zone: string, from: string, days: number) => occurrencesBetween(parsed(text).events, zone, parseIsoDate(from)!, days);
const gaps = (starts: number[]) => starts.slice(1).map((s, i) => (s - starts[i]!) / HOUR);

// 2026's clock changes: Berlin 29 March and 25 October; New York 8 March and
// 1 November; Auckland 5 April (back) and 27 September (forward).

describe('daily, across both of Berlin’s changes, seen from three zones', () => {
  const breakfast = calendar(
    GOOGLE_BERLIN,
    vevent(
      'UID:breakfast',
      'DTSTART;TZID=Europe/Berlin:20260327T090000',
      'DTEND;TZID=Europe/Berlin:20260327T100000',
      'RRULE:FREQ=DAILY;COUNT=4',
      'SUMMARY:Breakfast club',
    ),
    vevent('UID:late', 'DTSTART;TZID=Europe/Berlin:20261024T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=3', 'SUMMARY:Autumn'),
  );

  it('keeps its wall time in Berlin, so a day between two occurrences is 23 or 25 hours', () => {
    expect(seen(breakfast, BERLIN, '2026-03-27', 5)).toEqual([
      '2026-03-27T09:00 → 2026-03-27T10:00 Breakfast club',
      '2026-03-28T09:00 → 2026-03-28T10:00 Breakfast club',
      '2026-03-29T09:00 → 2026-03-29T10:00 Breakfast club',
      '2026-03-30T09:00 → 2026-03-30T10:00 Breakfast club',
    ]);
    expect(gaps(occurrences(breakfast, BERLIN, '2026-03-27', 5).map((o) => o.startMs))).toEqual([24, 23, 24]);
    expect(seen(breakfast, BERLIN, '2026-10-24', 3)).toEqual([
      '2026-10-24T09:00 → 2026-10-24T10:00 Autumn',
      '2026-10-25T09:00 → 2026-10-25T10:00 Autumn',
      '2026-10-26T09:00 → 2026-10-26T10:00 Autumn',
    ]);
    expect(gaps(occurrences(breakfast, BERLIN, '2026-10-24', 3).map((o) => o.startMs))).toEqual([25, 24]);
  });

  it('moves an hour for a family in New York (already on summer time) and in Auckland', () => {
    expect(seen(breakfast, NEW_YORK, '2026-03-26', 5)).toEqual([
      '2026-03-27T04:00 → 2026-03-27T05:00 Breakfast club',
      '2026-03-28T04:00 → 2026-03-28T05:00 Breakfast club',
      '2026-03-29T03:00 → 2026-03-29T04:00 Breakfast club',
      '2026-03-30T03:00 → 2026-03-30T04:00 Breakfast club',
    ]);
    expect(seen(breakfast, AUCKLAND, '2026-03-27', 5)).toEqual([
      '2026-03-27T21:00 → 2026-03-27T22:00 Breakfast club',
      '2026-03-28T21:00 → 2026-03-28T22:00 Breakfast club',
      '2026-03-29T20:00 → 2026-03-29T21:00 Breakfast club',
      '2026-03-30T20:00 → 2026-03-30T21:00 Breakfast club',
    ]);
  });
});

describe('a New York feed shown to a Berlin family', () => {
  const standup = calendar(
    vevent(
      'UID:standup',
      'DTSTART;TZID=America/New_York:20260302T090000',
      'DTEND;TZID=America/New_York:20260302T094500',
      'RRULE:FREQ=WEEKLY;BYDAY=MO',
      'SUMMARY:Standup',
    ),
  );

  it('is an hour earlier in the three weeks New York is on summer time and Berlin is not', () => {
    expect(seen(standup, BERLIN, '2026-03-02', 29)).toEqual([
      '2026-03-02T15:00 → 2026-03-02T15:45 Standup',
      '2026-03-09T14:00 → 2026-03-09T14:45 Standup',
      '2026-03-16T14:00 → 2026-03-16T14:45 Standup',
      '2026-03-23T14:00 → 2026-03-23T14:45 Standup',
      '2026-03-30T15:00 → 2026-03-30T15:45 Standup',
    ]);
  });

  it('moved and cancelled occurrences (RECURRENCE-ID), matched by instant whatever zone names them', () => {
    const changed = calendar(
      vevent(
        'UID:standup',
        'DTSTART;TZID=America/New_York:20260302T090000',
        'DTEND;TZID=America/New_York:20260302T094500',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
        'SUMMARY:Standup',
      ),
      // Moved from Monday 16 March to Wednesday 1 April, evening.
      vevent(
        'UID:standup',
        'RECURRENCE-ID;TZID=America/New_York:20260316T090000',
        'DTSTART;TZID=America/New_York:20260401T180000',
        'DTEND;TZID=America/New_York:20260401T190000',
        'SUMMARY:Standup (moved)',
      ),
      // Cancelled, named in UTC: 09:00 EDT is 13:00Z.
      vevent('UID:standup', 'RECURRENCE-ID:20260323T130000Z', 'STATUS:CANCELLED', 'SUMMARY:Standup'),
    );
    expect(seen(changed, NEW_YORK, '2026-03-02', 31)).toEqual([
      '2026-03-02T09:00 → 2026-03-02T09:45 Standup',
      '2026-03-09T09:00 → 2026-03-09T09:45 Standup',
      '2026-03-30T09:00 → 2026-03-30T09:45 Standup',
      '2026-04-01T18:00 → 2026-04-01T19:00 Standup (moved)',
    ]);
    // A moved occurrence shows in its new place even when its old one is far outside the range.
    expect(seen(changed, BERLIN, '2026-04-02', 1)).toEqual(['2026-04-02T00:00 → 2026-04-02T01:00 Standup (moved)']);
    expect(seen(changed, NEW_YORK, '2026-03-16', 1)).toEqual([]);
  });
});

describe('New York’s changes: a skipped time and a repeated one', () => {
  it('02:30 on the day clocks go forward is 03:30 EDT', () => {
    const text = calendar(vevent('UID:e', 'DTSTART;TZID=America/New_York:20260307T023000', 'RRULE:FREQ=DAILY;COUNT=3', 'SUMMARY:Feed the cat'));
    expect(seen(text, NEW_YORK, '2026-03-07', 3)).toEqual([
      '2026-03-07T02:30 → 2026-03-07T02:30 Feed the cat',
      '2026-03-08T03:30 → 2026-03-08T03:30 Feed the cat',
      '2026-03-09T02:30 → 2026-03-09T02:30 Feed the cat',
    ]);
  });

  it('01:30 on the day clocks go back is the first 01:30 (EDT); the exact hour-long duration ends at 01:30 EST', () => {
    const text = calendar(
      vevent(
        'UID:e',
        'DTSTART;TZID=America/New_York:20261031T013000',
        'DTEND;TZID=America/New_York:20261031T023000',
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:Night shift',
      ),
    );
    const found = occurrences(text, NEW_YORK, '2026-10-31', 3);
    expect(found.map((o) => `${o.start} → ${o.end}`)).toEqual([
      '2026-10-31T01:30 → 2026-10-31T02:30',
      '2026-11-01T01:30 → 2026-11-01T01:30',
      '2026-11-02T01:30 → 2026-11-02T02:30',
    ]);
    expect(gaps(found.map((o) => o.startMs))).toEqual([24, 25]);
    expect(found.map((o) => (o.endMs - o.startMs) / HOUR)).toEqual([1, 1, 1]);
  });
});

describe('Auckland', () => {
  it('a Sunday morning in Auckland is Saturday night in Berlin, then Sunday just after midnight once NZ leaves summer time', () => {
    const text = calendar(
      vevent('UID:e', 'DTSTART;TZID=Pacific/Auckland:20260329T100000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=2', 'SUMMARY:Call grandma'),
    );
    expect(seen(text, BERLIN, '2026-03-28', 9)).toEqual([
      '2026-03-28T22:00 → 2026-03-28T23:00 Call grandma',
      '2026-04-05T00:00 → 2026-04-05T01:00 Call grandma',
    ]);
    expect(seen(text, AUCKLAND, '2026-03-28', 9)).toEqual([
      '2026-03-29T10:00 → 2026-03-29T11:00 Call grandma',
      '2026-04-05T10:00 → 2026-04-05T11:00 Call grandma',
    ]);
  });

  it('a yearly all-day birthday runs from the family’s midnight to the next', () => {
    const text = calendar(vevent('UID:b', 'DTSTART;VALUE=DATE:20100314', 'RRULE:FREQ=YEARLY', 'SUMMARY:Mia’s birthday'));
    const [birthday] = occurrences(text, AUCKLAND, '2026-03-14', 1);
    expect(birthday).toMatchObject({ allDay: true, start: '2026-03-14', end: '2026-03-15', title: 'Mia’s birthday' });
    expect(birthday!.startMs).toBe(Date.UTC(2026, 2, 13, 11)); // midnight NZDT
    expect(birthday!.endMs).toBe(Date.UTC(2026, 2, 14, 11));
    // The same day for a Berlin family starts at its own midnight.
    expect(occurrences(text, BERLIN, '2026-03-14', 1)[0]!.startMs).toBe(Date.UTC(2026, 2, 13, 23));
  });

  it('the second Tuesday of each month, across the change in September', () => {
    const text = calendar(vevent('UID:e', 'DTSTART;TZID=Pacific/Auckland:20260811T193000', 'DURATION:PT2H', 'RRULE:FREQ=MONTHLY;BYDAY=2TU', 'SUMMARY:Book club'));
    expect(seen(text, AUCKLAND, '2026-08-01', 92)).toEqual([
      '2026-08-11T19:30 → 2026-08-11T21:30 Book club',
      '2026-09-08T19:30 → 2026-09-08T21:30 Book club',
      '2026-10-13T19:30 → 2026-10-13T21:30 Book club',
    ]);
    // Seen from Berlin: NZ goes to summer time on 27 September, Berlin leaves it on 25 October.
    expect(seen(text, BERLIN, '2026-08-01', 92).map((line) => line.slice(0, 16))).toEqual(['2026-08-11T09:30', '2026-09-08T09:30', '2026-10-13T08:30']);
  });
});

describe('repeat rules end to end', () => {
  it('weekly on two days every other week', () => {
    const text = calendar(vevent('UID:e', 'DTSTART:20260305T173000', 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'SUMMARY:Football'));
    expect(seen(text, BERLIN, '2026-03-01', 31).map((line) => line.slice(0, 16))).toEqual([
      '2026-03-05T17:30',
      '2026-03-16T17:30',
      '2026-03-19T17:30',
      '2026-03-30T17:30',
    ]);
  });

  it('monthly on a day of the month; yearly', () => {
    const text = calendar(
      vevent('UID:rent', 'DTSTART;VALUE=DATE:20260131', 'RRULE:FREQ=MONTHLY', 'SUMMARY:Pocket money'),
      vevent('UID:anniversary', 'DTSTART;VALUE=DATE:20200402', 'RRULE:FREQ=YEARLY', 'SUMMARY:Anniversary'),
    );
    expect(seen(text, BERLIN, '2026-01-01', 120)).toEqual([
      '2026-01-31 → 2026-02-01 Pocket money',
      '2026-03-31 → 2026-04-01 Pocket money',
      '2026-04-02 → 2026-04-03 Anniversary',
    ]);
  });

  it('UNTIL as a UTC date-time is inclusive of the start it names; UNTIL as a date includes that day', () => {
    const text = calendar(
      vevent('UID:a', 'DTSTART;TZID=Europe/Berlin:20260327T090000', 'RRULE:FREQ=DAILY;UNTIL=20260330T070000Z', 'SUMMARY:Until 09:00 CEST'),
      vevent('UID:b', 'DTSTART;VALUE=DATE:20260327', 'RRULE:FREQ=DAILY;UNTIL=20260329', 'SUMMARY:Until the 29th'),
    );
    expect(seen(text, BERLIN, '2026-03-27', 7).map((line) => line.replace(/ → \S+/, ''))).toEqual([
      '2026-03-27 Until the 29th',
      '2026-03-27T09:00 Until 09:00 CEST',
      '2026-03-28 Until the 29th',
      '2026-03-28T09:00 Until 09:00 CEST',
      '2026-03-29 Until the 29th',
      '2026-03-29T09:00 Until 09:00 CEST',
      '2026-03-30T09:00 Until 09:00 CEST',
    ]);
  });

  it('RDATE adds starts, in the series’ zone or converted from another', () => {
    const text = calendar(
      vevent(
        'UID:e',
        'DTSTART;TZID=Europe/Berlin:20260302T160000',
        'DURATION:PT1H',
        'RRULE:FREQ=WEEKLY;COUNT=2',
        'RDATE;TZID=Europe/Berlin:20260305T160000',
        'RDATE:20260306T150000Z',
        'SUMMARY:Tutor',
      ),
    );
    expect(seen(text, BERLIN, '2026-03-01', 14).map((line) => line.slice(0, 16))).toEqual([
      '2026-03-02T16:00',
      '2026-03-05T16:00',
      '2026-03-06T16:00',
      '2026-03-09T16:00',
    ]);
  });

  it('COUNT counts from the first start, however far the range is', () => {
    const text = calendar(vevent('UID:a', 'DTSTART:20260302T090000Z', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Swimming course'));
    expect(seen(text, 'UTC', '2026-03-09', 30).map((line) => line.slice(0, 10))).toEqual(['2026-03-09', '2026-03-16']);
  });

  it('a start after UNTIL, or a rule that never happens, shows nothing (and stops)', () => {
    const text = calendar(
      vevent('UID:a', 'DTSTART:20260302T090000Z', 'RRULE:FREQ=WEEKLY;UNTIL=20260201T000000Z', 'SUMMARY:Ended before it began'),
      vevent('UID:b', 'DTSTART:20260101T090000Z', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:30 February'),
    );
    expect(seen(text, BERLIN, '2026-01-01', 366)).toEqual([]);
  });
});

describe('EXDATE', () => {
  it('with the series’ TZID, in UTC, and in another zone: each names the same instant', () => {
    const text = calendar(
      vevent(
        'UID:e',
        'DTSTART;TZID=Europe/Berlin:20260305T170000',
        'DURATION:PT1H',
        'RRULE:FREQ=WEEKLY',
        'EXDATE;TZID=Europe/Berlin:20260312T170000',
        'EXDATE:20260319T160000Z',
        'EXDATE;TZID=America/New_York:20260326T120000',
        'SUMMARY:Choir',
      ),
    );
    expect(seen(text, BERLIN, '2026-03-05', 29).map((line) => line.slice(0, 16))).toEqual(['2026-03-05T17:00', '2026-04-02T17:00']);
  });

  it('VALUE=DATE on an all-day series leaves out those days', () => {
    const text = calendar(vevent('UID:e', 'DTSTART;VALUE=DATE:20260302', 'RRULE:FREQ=DAILY;COUNT=5', 'EXDATE;VALUE=DATE:20260303,20260305', 'SUMMARY:Holiday club'));
    expect(seen(text, AUCKLAND, '2026-03-01', 10).map((line) => line.slice(0, 10))).toEqual(['2026-03-02', '2026-03-04', '2026-03-06']);
  });

  it('a date on a timed series leaves out that whole day', () => {
    const text = calendar(vevent('UID:e', 'DTSTART;TZID=Europe/Berlin:20260302T070000', 'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;VALUE=DATE:20260303', 'SUMMARY:Run'));
    expect(seen(text, BERLIN, '2026-03-01', 10).map((line) => line.slice(0, 16))).toEqual(['2026-03-02T07:00', '2026-03-04T07:00']);
  });

  it('a floating EXDATE on a floating series', () => {
    const text = calendar(vevent('UID:e', 'DTSTART:20260302T070000', 'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE:20260303T070000', 'SUMMARY:Walk the dog'));
    expect(seen(text, NEW_YORK, '2026-03-01', 10).map((line) => line.slice(0, 16))).toEqual(['2026-03-02T07:00', '2026-03-04T07:00']);
  });
});

describe('cancelled', () => {
  it('a whole event, or one occurrence, is left out', () => {
    const text = calendar(
      vevent('UID:a', 'DTSTART:20260302T090000Z', 'STATUS:CANCELLED', 'SUMMARY:Called off'),
      vevent('UID:b', 'DTSTART:20260302T090000Z', 'RRULE:FREQ=DAILY;COUNT=3', 'SUMMARY:Piano'),
      vevent('UID:b', 'RECURRENCE-ID:20260303T090000Z', 'DTSTART:20260303T090000Z', 'STATUS:CANCELLED', 'SUMMARY:Piano'),
    );
    expect(seen(text, 'UTC', '2026-03-01', 10)).toEqual(['2026-03-02T09:00 → 2026-03-02T09:00 Piano', '2026-03-04T09:00 → 2026-03-04T09:00 Piano']);
  });
});

describe('all-day and multi-day events', () => {
  const text = calendar(
    vevent('UID:ski', 'DTSTART;VALUE=DATE:20260327', 'DTEND;VALUE=DATE:20260330', 'SUMMARY:Ski trip'),
    vevent('UID:fair', 'DTSTART;VALUE=DATE:20260328', 'SUMMARY:School fair'),
    vevent('UID:camp', 'DTSTART;VALUE=DATE:20260328', 'DURATION:P1D', 'SUMMARY:Camp'),
  );

  it('DTEND is exclusive; without DTEND, and with P1D, an event lasts one day', () => {
    expect(seen(text, BERLIN, '2026-03-29', 1)).toEqual(['2026-03-27 → 2026-03-30 Ski trip']);
    expect(seen(text, BERLIN, '2026-03-30', 1)).toEqual([]);
    expect(seen(text, BERLIN, '2026-03-28', 1)).toEqual([
      '2026-03-27 → 2026-03-30 Ski trip',
      '2026-03-28 → 2026-03-29 Camp',
      '2026-03-28 → 2026-03-29 School fair',
    ]);
  });

  it('runs from the family’s midnight to its midnight: 71 hours over Berlin’s spring change', () => {
    const [ski] = occurrences(text, BERLIN, '2026-03-29', 1);
    expect(ski!.startMs).toBe(Date.UTC(2026, 2, 26, 23));
    expect((ski!.endMs - ski!.startMs) / HOUR).toBe(71);
  });
});

describe('DURATION instead of DTEND', () => {
  it('PT24H is elapsed time (an hour later on the wall across the change), P1D the same wall time the next day', () => {
    const text = calendar(
      vevent('UID:a', 'DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:PT24H', 'SUMMARY:24 hours'),
      vevent('UID:b', 'DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:P1D', 'SUMMARY:One day'),
    );
    expect(seen(text, BERLIN, '2026-03-28', 1)).toEqual(['2026-03-28T12:00 → 2026-03-29T13:00 24 hours', '2026-03-28T12:00 → 2026-03-29T12:00 One day']);
  });
});

describe('times across midnight, floating times, and zones named oddly', () => {
  it('an event across midnight shows on both days with its own start', () => {
    const text = calendar(vevent('UID:e', 'DTSTART:20260312T220000', 'DTEND:20260313T020000', 'SUMMARY:Sleepover'));
    expect(seen(text, BERLIN, '2026-03-12', 1)).toEqual(['2026-03-12T22:00 → 2026-03-13T02:00 Sleepover']);
    expect(seen(text, BERLIN, '2026-03-13', 1)).toEqual(['2026-03-12T22:00 → 2026-03-13T02:00 Sleepover']);
    expect(seen(text, BERLIN, '2026-03-14', 1)).toEqual([]);
  });

  it('a floating night across a clock change ends at its wall time in any zone', () => {
    const text = calendar(vevent('UID:e', 'DTSTART:20260328T220000', 'DTEND:20260329T070000', 'SUMMARY:Sleepover'));
    expect(onlyEvent(text).duration).toEqual({ days: 1, ms: -15 * HOUR });
    expect(seen(text, BERLIN, '2026-03-28', 2)).toEqual(['2026-03-28T22:00 → 2026-03-29T07:00 Sleepover']);
    expect(seen(text, NEW_YORK, '2026-03-28', 2)).toEqual(['2026-03-28T22:00 → 2026-03-29T07:00 Sleepover']);
    expect(occurrences(text, BERLIN, '2026-03-28', 2).map((o) => (o.endMs - o.startMs) / HOUR)).toEqual([8]);
  });

  it('a floating time is the family’s wall time, wherever the family is', () => {
    const text = calendar(vevent('UID:e', 'DTSTART:20260312T180000', 'DTEND:20260312T190000', 'SUMMARY:Dinner'));
    const berlin = occurrences(text, BERLIN, '2026-03-12', 1)[0]!;
    const newYork = occurrences(text, NEW_YORK, '2026-03-12', 1)[0]!;
    expect([berlin.start, newYork.start]).toEqual(['2026-03-12T18:00', '2026-03-12T18:00']);
    expect(berlin.startMs).toBe(Date.UTC(2026, 2, 12, 17));
    expect(newYork.startMs).toBe(Date.UTC(2026, 2, 12, 22));
  });

  it('an IANA TZID without VTIMEZONE is that zone, not UTC', () => {
    const text = calendar(vevent('UID:e', 'DTSTART;TZID=America/New_York:20260115T090000', 'SUMMARY:Dentist'));
    expect(seen(text, BERLIN, '2026-01-15', 1)).toEqual(['2026-01-15T15:00 → 2026-01-15T15:00 Dentist']);
  });

  it('quoted and vendor-prefixed TZIDs', () => {
    const text = calendar(
      vevent('UID:a', 'DTSTART;TZID="Europe/Berlin":20260115T090000', 'SUMMARY:Quoted'),
      vevent('UID:b', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260115T090000', 'SUMMARY:Mozilla'),
    );
    expect(seen(text, NEW_YORK, '2026-01-15', 1).map((line) => line.slice(0, 16))).toEqual(['2026-01-15T03:00', '2026-01-15T03:00']);
  });

  it('Windows names as Outlook writes them', () => {
    const text = calendar(
      OUTLOOK_W_EUROPE,
      vevent('UID:a', 'DTSTART;TZID=W. Europe Standard Time:20260701T100000', 'SUMMARY:Berlin summer'),
      vevent('UID:b', 'DTSTART;TZID=Eastern Standard Time:20260115T090000', 'SUMMARY:New York winter'),
      vevent('UID:c', 'DTSTART;TZID=AUS Eastern Standard Time:20260402T100000', 'RRULE:FREQ=WEEKLY;COUNT=2', 'SUMMARY:Sydney'),
    );
    expect(seen(text, 'UTC', '2026-07-01', 1)).toEqual(['2026-07-01T08:00 → 2026-07-01T08:00 Berlin summer']);
    expect(seen(text, 'UTC', '2026-01-15', 1)).toEqual(['2026-01-15T14:00 → 2026-01-15T14:00 New York winter']);
    // Sydney leaves summer time on 5 April.
    expect(seen(text, BERLIN, '2026-04-01', 10).map((line) => line.slice(0, 16))).toEqual(['2026-04-02T01:00', '2026-04-09T02:00']);
  });

  it('a VTIMEZONE block’s own rules, for a zone no one else knows', () => {
    const custom = outlookZone('Customized Time Zone', { offset: '+0300', month: 10, day: '1SU', time: '030000' }, { offset: '+0400', month: 4, day: '1SU', time: '020000' });
    const text = calendar(custom, vevent('UID:e', 'DTSTART;TZID=Customized Time Zone:20260330T100000', 'RRULE:FREQ=WEEKLY;COUNT=2', 'SUMMARY:Board'));
    expect(occurrences(text, BERLIN, '2026-03-30', 8).map((o) => new Date(o.startMs).toISOString())).toEqual([
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T06:00:00.000Z',
    ]);
    expect(seen(text, BERLIN, '2026-03-30', 8).map((line) => line.slice(0, 16))).toEqual(['2026-03-30T09:00', '2026-04-06T08:00']);
  });

  it('a block’s rules win over the IANA zone of the same name', () => {
    const odd = GOOGLE_BERLIN.replace(/TZOFFSETTO:\+0200/, 'TZOFFSETTO:+0300').replace(/TZOFFSETFROM:\+0200/, 'TZOFFSETFROM:+0300');
    const text = calendar(odd, vevent('UID:e', 'DTSTART;TZID=Europe/Berlin:20260701T100000', 'SUMMARY:Odd'));
    expect(occurrences(text, NEW_YORK, '2026-07-01', 1).map((o) => new Date(o.startMs).toISOString())).toEqual(['2026-07-01T07:00:00.000Z']);
  });

  it('an unknown TZID is the family’s wall time', () => {
    const text = calendar(vevent('UID:e', 'DTSTART;TZID=Mars/Olympus_Mons:20260312T180000', 'SUMMARY:Mars'));
    expect(seen(text, AUCKLAND, '2026-03-12', 1)).toEqual(['2026-03-12T18:00 → 2026-03-12T18:00 Mars']);
  });
});

describe('order', () => {
  it('by start; all-day before timed on the same day; then by title', () => {
    const text = calendar(
      vevent('UID:1', 'DTSTART:20260312T080000', 'SUMMARY:beta'),
      vevent('UID:2', 'DTSTART:20260312T080000', 'SUMMARY:Alpha'),
      vevent('UID:3', 'DTSTART:20260312T070000', 'SUMMARY:Early'),
      vevent('UID:4', 'DTSTART;VALUE=DATE:20260312', 'SUMMARY:Zoo trip'),
      vevent('UID:5', 'DTSTART;VALUE=DATE:20260310', 'DTEND;VALUE=DATE:20260313', 'SUMMARY:Ski trip'),
      vevent('UID:6', 'DTSTART:20260311T220000', 'DTEND:20260312T010000', 'SUMMARY:Late film'),
    );
    expect(occurrences(text, BERLIN, '2026-03-12', 1).map((o) => o.title)).toEqual(['Ski trip', 'Late film', 'Zoo trip', 'Early', 'Alpha', 'beta']);
  });
});

describe('eventSpan', () => {
  const spanOf = (zone: string, ...lines: string[]) => eventSpan(onlyEvent(calendar(...lines)), zone);

  it('a single event: its start and end', () => {
    expect(spanOf(BERLIN, vevent('UID:e', 'DTSTART;TZID=America/New_York:20260115T090000', 'DURATION:PT1H'))).toEqual({
      firstStart: Date.UTC(2026, 0, 15, 14),
      lastEnd: Date.UTC(2026, 0, 15, 15),
    });
  });

  it('all-day: the family’s midnights', () => {
    expect(spanOf(AUCKLAND, vevent('UID:e', 'DTSTART;VALUE=DATE:20260314'))).toEqual({
      firstStart: Date.UTC(2026, 2, 13, 11),
      lastEnd: Date.UTC(2026, 2, 14, 11),
    });
  });

  it('repeating forever: no last end', () => {
    expect(spanOf(BERLIN, vevent('UID:e', 'DTSTART:20260302T090000Z', 'RRULE:FREQ=WEEKLY')).lastEnd).toBeNull();
  });

  it('COUNT and UNTIL: the end of the last occurrence', () => {
    expect(spanOf(BERLIN, vevent('UID:e', 'DTSTART;TZID=Europe/Berlin:20260327T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=4')).lastEnd).toBe(
      Date.UTC(2026, 2, 30, 8),
    );
    expect(
      spanOf(BERLIN, vevent('UID:e', 'DTSTART;TZID=Europe/Berlin:20260327T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;UNTIL=20260330T070000Z')).lastEnd,
    ).toBe(Date.UTC(2026, 2, 30, 8));
  });

  it('COUNT on a rule that never matches: left open rather than counted for ever', () => {
    expect(spanOf('UTC', vevent('UID:e', 'DTSTART:20260101T090000Z', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3')).lastEnd).toBeNull();
    expect(spanOf('UTC', vevent('UID:e', 'DTSTART:20260101T090000Z', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3')).lastEnd).toBeNull();
  });

  it('a changed occurrence moved past the series’ end widens the span', () => {
    const span = spanOf(
      'UTC',
      vevent('UID:e', 'DTSTART:20260302T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=2'),
      vevent('UID:e', 'RECURRENCE-ID:20260309T090000Z', 'DTSTART:20260420T090000Z', 'DURATION:PT2H'),
    );
    expect(span).toEqual({ firstStart: Date.UTC(2026, 2, 2, 9), lastEnd: Date.UTC(2026, 3, 20, 11) });
  });

  it('holds every occurrence of a sample of series', () => {
    const text = calendar(
      GOOGLE_BERLIN,
      vevent('UID:a', 'DTSTART;TZID=Europe/Berlin:20260327T233000', 'DURATION:PT2H', 'RRULE:FREQ=DAILY;COUNT=10'),
      vevent('UID:b', 'DTSTART;VALUE=DATE:20260301', 'RRULE:FREQ=WEEKLY;UNTIL=20260501', 'DURATION:P3D'),
      vevent('UID:c', 'DTSTART;TZID=America/New_York:20260301T220000', 'RRULE:FREQ=MONTHLY;BYDAY=-1SU;COUNT=4', 'DURATION:P1DT2H'),
      vevent('UID:d', 'DTSTART:20260301T120000', 'RDATE:20260615T120000,20260101T120000'),
    );
    for (const zone of [BERLIN, NEW_YORK, AUCKLAND]) {
      for (const event of parsed(text).events) {
        const span = eventSpan(event, zone);
        for (const o of occurrencesBetween([event], zone, parseIsoDate('2025-12-01')!, 240)) {
          expect(o.startMs, `${event.uid} in ${zone}`).toBeGreaterThanOrEqual(span.firstStart);
          expect(o.endMs, `${event.uid} in ${zone}`).toBeLessThanOrEqual(span.lastEnd!);
        }
      }
    }
  });
});

describe('the process’s own zone', () => {
  it('changes nothing: the same feed gives the same occurrences under TZ=UTC, Pacific/Auckland and America/New_York', () => {
    const text = calendar(
      GOOGLE_BERLIN,
      vevent('UID:a', 'DTSTART;TZID=Europe/Berlin:20260327T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=5'),
      vevent('UID:b', 'DTSTART:20260328T223000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=3'),
      vevent('UID:c', 'DTSTART;VALUE=DATE:20260329', 'SUMMARY:All day'),
      vevent('UID:d', 'DTSTART:20260329T010000Z', 'RRULE:FREQ=HOURLY;COUNT=5'),
    );
    const original = process.env.TZ;
    const results: string[] = [];
    const offsets: number[] = [];
    try {
      for (const tz of ['UTC', 'Pacific/Auckland', 'America/New_York']) {
        process.env.TZ = tz;
        offsets.push(new Date(2026, 0, 1).getTimezoneOffset());
        results.push(JSON.stringify(['Europe/Berlin', 'America/New_York'].map((zone) => occurrences(text, zone, '2026-03-27', 5))));
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(new Set(offsets).size).toBe(3); // the zone really changed
    expect(new Set(results).size).toBe(1);
  });
});
