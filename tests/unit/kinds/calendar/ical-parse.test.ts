import { describe, expect, it } from 'vitest';
import { parseCalendar } from '../../../../src/kinds/calendar/ical-parse.js';
import { GOOGLE_BERLIN, OUTLOOK_W_EUROPE, calendar, onlyEvent, outlookZone, parsed, vevent } from './ics.js';

const HOUR = 3_600_000;

describe('text that is not a calendar', () => {
  const message = (text: string) => {
    const result = parseCalendar(text);
    return result.ok ? null : result.message;
  };

  it('says what it looks like instead, in words an admin understands', () => {
    expect(message('<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>')).toBe(
      'This address does not give a calendar (iCalendar) file: it looks like a web page.',
    );
    expect(message('  <html lang="en"><body>Not found</body></html>')).toBe(
      'This address does not give a calendar (iCalendar) file: it looks like a web page.',
    );
    expect(message('{"error":"unauthorized"}')).toBe('This address does not give a calendar (iCalendar) file: it looks like JSON data.');
    expect(message('[]')).toBe('This address does not give a calendar (iCalendar) file: it looks like JSON data.');
    expect(message('<?xml version="1.0"?><rss></rss>')).toBe(
      'This address does not give a calendar (iCalendar) file: it looks like an XML file (a news feed, perhaps).',
    );
    expect(message('BEGIN:VCARD\r\nFN:Grandma\r\nEND:VCARD')).toBe(
      'This address does not give a calendar (iCalendar) file: it looks like a contact card (vCard).',
    );
    expect(message('%PDF-1.7 ...')).toBe('This address does not give a calendar (iCalendar) file: it looks like a PDF document.');
  });

  it('an empty answer, or garbage', () => {
    expect(message('')).toBe('This address does not give a calendar (iCalendar) file: the answer was empty.');
    expect(message(' \r\n\t\n')).toBe('This address does not give a calendar (iCalendar) file: the answer was empty.');
    expect(message('\uFEFF')).toBe('This address does not give a calendar (iCalendar) file: the answer was empty.');
    expect(message('\u0000\u0001garbage\u00ff')).toBe('This address does not give a calendar (iCalendar) file.');
    expect(message('BEGIN:VEVENT\r\nDTSTART:20260301\r\nEND:VEVENT')).toBe('This address does not give a calendar (iCalendar) file.');
  });

  it('an empty calendar is a calendar', () => {
    expect(parseCalendar('BEGIN:VCALENDAR\r\nEND:VCALENDAR')).toEqual({ ok: true, name: null, events: [], warnings: [] });
  });
});

describe('reading the text', () => {
  const lines = [
    'BEGIN:VCALENDAR',
    'X-WR-CALNAME:School\\, Term 1',
    'BEGIN:VEVENT',
    'UID:parents-evening@school.example',
    'DTSTART;TZID=Europe/Berlin:20260312T180000',
    'DTEND;TZID=Europe/Berlin:20260312T200000',
    'SUMMARY:Parents’ evening: bring the\\nreading log\\; and a pen',
    'LOCATION:Main hall',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  const expected = {
    name: 'School, Term 1',
    title: 'Parents’ evening: bring the\nreading log; and a pen',
    location: 'Main hall',
    start: '2026-03-12T18:00:00',
  };
  const summary = (text: string) => {
    const result = parsed(text);
    const event = result.events[0]!;
    return { name: result.name, title: event.title, location: event.location, start: event.start };
  };

  it('CRLF, LF and CR line ends, with or without a BOM', () => {
    expect(summary(lines.join('\r\n'))).toEqual(expected);
    expect(summary(lines.join('\n'))).toEqual(expected);
    expect(summary(lines.join('\r'))).toEqual(expected);
    expect(summary(`\uFEFF${lines.join('\r\n')}`)).toEqual(expected);
  });

  it('folded lines (a space or a tab continues the line), even inside a word or a parameter', () => {
    const folded = lines
      .join('\r\n')
      .replace('Parents’ evening', 'Parents’ eve\r\n ning')
      .replace('TZID=Europe/Berlin:20260312T180000', 'TZID=Europe/Ber\r\n\tlin:20260312T180000');
    expect(summary(folded)).toEqual(expected);
    expect(summary(folded.replace(/\r\n/g, '\n'))).toEqual(expected);
  });

  it('lowercase names, X- properties and parameters, and properties it does not know', () => {
    const text = [
      'begin:vcalendar',
      'name:School\\, Term 1',
      'x-wr-timezone:Europe/Berlin',
      'begin:vevent',
      'uid:parents-evening@school.example',
      'x-microsoft-cdo-busystatus;x-odd="a;b:c":BUSY',
      'dtstart;tzid=Europe/Berlin:20260312T180000',
      'summary;language=en:Parents’ evening: bring the\\nreading log\\; and a pen',
      'location:Main hall',
      'attendee;cn="Smith, Ann";role=REQ-PARTICIPANT:mailto:ann@example.org',
      'end:vevent',
      'end:vcalendar',
    ].join('\n');
    expect(summary(text)).toEqual(expected);
  });

  it('VTODO, VJOURNAL, VFREEBUSY and alarms inside events are ignored', () => {
    const text = calendar(
      'BEGIN:VTODO\r\nUID:todo\r\nDTSTART:20260301T090000\r\nSUMMARY:Buy milk\r\nEND:VTODO',
      'BEGIN:VJOURNAL\r\nUID:journal\r\nDTSTART:20260301\r\nSUMMARY:Diary\r\nEND:VJOURNAL',
      'BEGIN:VFREEBUSY\r\nUID:fb\r\nDTSTART:20260301T090000Z\r\nEND:VFREEBUSY',
      vevent('UID:e', 'DTSTART:20260301', 'SUMMARY:Event', 'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT15M', 'DTSTART:bogus', 'END:VALARM'),
    );
    const { events, warnings } = parsed(text);
    expect(events.map((e) => e.title)).toEqual(['Event']);
    expect(warnings).toEqual([]);
  });

  it('skips lines that are not iCalendar, and says so', () => {
    const text = calendar(vevent('UID:e', 'DTSTART:20260301', 'this line is junk', 'SUMMARY:Event'), '<br/>');
    const { events, warnings } = parsed(text);
    expect(events.map((e) => e.title)).toEqual(['Event']);
    expect(warnings).toEqual(['2 lines that are not iCalendar were skipped.']);
  });

  it('a file cut short keeps the events before the cut', () => {
    const text = calendar(vevent('UID:a', 'DTSTART:20260301', 'SUMMARY:Whole')).replace(
      'END:VCALENDAR',
      'BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260302\r\nSUMMARY:Half an ev',
    );
    const { events, warnings } = parsed(text);
    expect(events.map((e) => e.title)).toEqual(['Whole']);
    expect(warnings).toEqual(['The file seems cut short: an unfinished event at its end was skipped.']);
  });

  it('an event without a readable start is skipped with a warning', () => {
    const { events, warnings } = parsed(
      calendar(vevent('UID:a', 'SUMMARY:No start'), vevent('UID:b', 'DTSTART:20260231', 'SUMMARY:No such day'), vevent('UID:c', 'DTSTART:20260301', 'SUMMARY:Fine')),
    );
    expect(events.map((e) => e.title)).toEqual(['Fine']);
    expect(warnings).toEqual(['"No start" has no start that can be read, so it was skipped.', '"No such day" has no start that can be read, so it was skipped.']);
  });
});

describe('UIDs', () => {
  it('an event without UID gets one made from its contents, the same on every fetch', () => {
    const text = calendar(vevent('DTSTART:20260301T090000', 'SUMMARY:Swimming'), vevent('DTSTART:20260302T090000', 'SUMMARY:Swimming'));
    const first = parsed(text).events.map((e) => e.uid);
    expect(first).toHaveLength(2);
    expect(first[0]).toMatch(/^generated-[0-9a-f]{24}$/);
    expect(first[0]).not.toBe(first[1]);
    expect(parsed(text).events.map((e) => e.uid)).toEqual(first);
  });

  it('the same UID and RECURRENCE-ID twice: the later one wins', () => {
    const event = onlyEvent(
      calendar(
        vevent('UID:s', 'DTSTART:20260302T090000', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Swimming'),
        vevent('UID:s', 'RECURRENCE-ID:20260309T090000', 'DTSTART:20260309T100000', 'SUMMARY:Swimming (first change)'),
        vevent('UID:s', 'RECURRENCE-ID:20260309T090000', 'DTSTART:20260309T110000', 'SUMMARY:Swimming (second change)'),
      ),
    );
    expect(event.overrides.map((o) => [o.recurrenceId, o.start, o.title])).toEqual([['2026-03-09T09:00:00', '2026-03-09T11:00:00', 'Swimming (second change)']]);
  });

  it('two series with the same UID: the later one, with a warning', () => {
    const { events, warnings } = parsed(calendar(vevent('UID:s', 'DTSTART:20260302', 'SUMMARY:Old'), vevent('UID:s', 'DTSTART:20260303', 'SUMMARY:New')));
    expect(events.map((e) => e.title)).toEqual(['New']);
    expect(warnings).toEqual(['Two events have the same ID (s); the later one is used.']);
  });

  it('changed occurrences without their series make a series of their own', () => {
    const event = onlyEvent(
      calendar(
        vevent('UID:s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260309T090000', 'DTSTART;TZID=Europe/Berlin:20260309T100000', 'DURATION:PT1H', 'SUMMARY:Meeting'),
        vevent('UID:s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260316T090000', 'DTSTART;TZID=Europe/Berlin:20260316T090000', 'DURATION:PT1H', 'SUMMARY:Meeting'),
      ),
    );
    expect(event).toMatchObject({ start: '2026-03-09T09:00:00', rrule: null, rdates: ['2026-03-16T09:00:00'] });
    expect(event.overrides.map((o) => o.recurrenceId)).toEqual(['2026-03-09T09:00:00', '2026-03-16T09:00:00']);
  });
});

describe('zones, resolved when parsed', () => {
  const zoneOf = (text: string) => onlyEvent(text).zone;
  const at = (tzid: string, ...blocks: string[]) => calendar(...blocks, vevent('UID:e', `DTSTART;TZID=${tzid}:20260312T180000`, 'SUMMARY:E'));

  it('no zone is floating (the family’s), Z is UTC, a date is floating', () => {
    expect(zoneOf(calendar(vevent('UID:e', 'DTSTART:20260312T180000')))).toEqual({ kind: 'floating' });
    expect(zoneOf(calendar(vevent('UID:e', 'DTSTART:20260312T180000Z')))).toEqual({ kind: 'utc' });
    expect(zoneOf(calendar(vevent('UID:e', 'DTSTART;VALUE=DATE:20260312')))).toEqual({ kind: 'floating' });
  });

  it('an IANA TZID without VTIMEZONE is that zone (ical.js alone would read it as UTC)', () => {
    expect(zoneOf(at('America/New_York'))).toEqual({ kind: 'iana', name: 'America/New_York' });
    expect(zoneOf(at('"Europe/Berlin"'))).toEqual({ kind: 'iana', name: 'Europe/Berlin' });
    expect(zoneOf(at('/mozilla.org/20050126_1/Europe/Berlin'))).toEqual({ kind: 'iana', name: 'Europe/Berlin' });
  });

  it('Windows names as Outlook writes them, with or without its VTIMEZONE block', () => {
    expect(zoneOf(at('W. Europe Standard Time'))).toEqual({ kind: 'iana', name: 'Europe/Berlin' });
    expect(zoneOf(at('"Eastern Standard Time"'))).toEqual({ kind: 'iana', name: 'America/New_York' });
    expect(zoneOf(at('AUS Eastern Standard Time'))).toEqual({ kind: 'iana', name: 'Australia/Sydney' });
    expect(zoneOf(at('W. Europe Standard Time', OUTLOOK_W_EUROPE))).toEqual({ kind: 'iana', name: 'Europe/Berlin' });
  });

  it('a VTIMEZONE block matching its zone’s IANA rules is stored as that zone', () => {
    expect(zoneOf(at('Europe/Berlin', GOOGLE_BERLIN))).toEqual({ kind: 'iana', name: 'Europe/Berlin' });
  });

  it('a block naming no zone we know is stored with its rules', () => {
    const custom = outlookZone('Customized Time Zone', { offset: '+0300', month: 10, day: '1SU', time: '030000' }, { offset: '+0400', month: 4, day: '1SU', time: '020000' });
    const zone = zoneOf(at('Customized Time Zone', custom));
    expect(zone).toMatchObject({ kind: 'vtimezone', tzid: 'Customized Time Zone' });
    expect(zone.kind === 'vtimezone' && zone.observances).toEqual([
      { start: '1601-01-01T03:00:00', offsetFrom: 4 * 3600, offsetTo: 3 * 3600, rrule: 'FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=10', rdates: [] },
      { start: '1601-01-01T02:00:00', offsetFrom: 3 * 3600, offsetTo: 4 * 3600, rrule: 'FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=4', rdates: [] },
    ]);
  });

  it('a block whose rules differ from its name’s zone wins (RFC 5545: the block defines the TZID)', () => {
    const wrongBerlin = GOOGLE_BERLIN.replace(/TZOFFSETTO:\+0200/, 'TZOFFSETTO:+0300').replace(/TZOFFSETFROM:\+0200/, 'TZOFFSETFROM:+0300');
    expect(zoneOf(at('Europe/Berlin', wrongBerlin))).toMatchObject({ kind: 'vtimezone', tzid: 'Europe/Berlin' });
  });

  it('an unknown TZID is read in the family’s zone, with a warning', () => {
    const { events, warnings } = parsed(at('Mars/Olympus_Mons'));
    expect(events[0]!.zone).toEqual({ kind: 'floating' });
    expect(warnings).toEqual(['Unknown time zone "Mars/Olympus_Mons": its times are shown in the family\'s time zone.']);
  });
});

describe('how long events last', () => {
  const durationOf = (...lines: string[]) => onlyEvent(calendar(vevent('UID:e', 'SUMMARY:E', ...lines))).duration;

  it('all-day: DTEND is exclusive, no DTEND is one day, DURATION in days', () => {
    expect(durationOf('DTSTART;VALUE=DATE:20260312', 'DTEND;VALUE=DATE:20260313')).toEqual({ days: 1, ms: 0 });
    expect(durationOf('DTSTART;VALUE=DATE:20260312', 'DTEND;VALUE=DATE:20260316')).toEqual({ days: 4, ms: 0 });
    expect(durationOf('DTSTART;VALUE=DATE:20260312')).toEqual({ days: 1, ms: 0 });
    expect(durationOf('DTSTART:20260312')).toEqual({ days: 1, ms: 0 });
    expect(durationOf('DTSTART;VALUE=DATE:20260312', 'DURATION:P1D')).toEqual({ days: 1, ms: 0 });
    expect(durationOf('DTSTART;VALUE=DATE:20260312', 'DURATION:P2W')).toEqual({ days: 14, ms: 0 });
    // DTEND on the start day (some producers): still one day.
    expect(durationOf('DTSTART;VALUE=DATE:20260312', 'DTEND;VALUE=DATE:20260312')).toEqual({ days: 1, ms: 0 });
  });

  it('timed: DTEND gives the elapsed time between the instants, even across a clock change', () => {
    expect(durationOf('DTSTART;TZID=Europe/Berlin:20260312T180000', 'DTEND;TZID=Europe/Berlin:20260312T193000')).toEqual({ days: 0, ms: 1.5 * HOUR });
    // Saturday 22:00 to Sunday 10:00 across Berlin's spring change: 11 hours.
    expect(durationOf('DTSTART;TZID=Europe/Berlin:20260328T220000', 'DTEND;TZID=Europe/Berlin:20260329T100000')).toEqual({ days: 0, ms: 11 * HOUR });
    // A flight from Berlin to New York: 09:00 CET to 12:00 EST is 9 hours; a
    // month later, 09:00 CET to 12:00 EDT is 8 (New York changed on 8 March, Berlin on the 29th).
    expect(durationOf('DTSTART;TZID=Europe/Berlin:20260212T090000', 'DTEND;TZID=America/New_York:20260212T120000')).toEqual({ days: 0, ms: 9 * HOUR });
    expect(durationOf('DTSTART;TZID=Europe/Berlin:20260312T090000', 'DTEND;TZID=America/New_York:20260312T120000')).toEqual({ days: 0, ms: 8 * HOUR });
    expect(durationOf('DTSTART:20260312T090000Z', 'DTEND:20260312T100000Z')).toEqual({ days: 0, ms: HOUR });
    // No DTEND and no DURATION: a moment.
    expect(durationOf('DTSTART:20260312T090000Z')).toEqual({ days: 0, ms: 0 });
    // An end before the start counts as none.
    expect(durationOf('DTSTART:20260312T090000Z', 'DTEND:20260312T080000Z')).toEqual({ days: 0, ms: 0 });
  });

  it('timed: DURATION keeps days (wall clock) apart from hours (elapsed)', () => {
    expect(durationOf('DTSTART:20260312T090000Z', 'DURATION:PT24H')).toEqual({ days: 0, ms: 24 * HOUR });
    expect(durationOf('DTSTART:20260312T090000Z', 'DURATION:P1D')).toEqual({ days: 1, ms: 0 });
    expect(durationOf('DTSTART:20260312T090000Z', 'DURATION:P1DT1H30M15S')).toEqual({ days: 1, ms: 1.5 * HOUR + 15_000 });
    expect(durationOf('DTSTART:20260312T090000Z', 'DURATION:-PT1H')).toEqual({ days: 0, ms: 0 });
  });
});

describe('repeats, exclusions and changed occurrences, in the series’ own form', () => {
  it('UNTIL in UTC becomes the series’ wall time', () => {
    const event = onlyEvent(
      calendar(vevent('UID:e', 'DTSTART;TZID=America/New_York:20260302T090000', 'RRULE:FREQ=WEEKLY;UNTIL=20260330T130000Z;BYDAY=MO')),
    );
    expect(event.rrule).toBe('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330T090000');
  });

  it('UNTIL of an all-day series is a date', () => {
    const event = onlyEvent(calendar(vevent('UID:e', 'DTSTART;VALUE=DATE:20260302', 'RRULE:FREQ=DAILY;UNTIL=20260305T225959Z')));
    expect(event.rrule).toBe('FREQ=DAILY;UNTIL=20260305');
  });

  it('EXDATE and RECURRENCE-ID in another zone are converted through their instant', () => {
    const event = onlyEvent(
      calendar(
        vevent(
          'UID:e',
          'DTSTART;TZID=America/New_York:20260302T090000',
          'RRULE:FREQ=DAILY',
          'EXDATE:20260303T140000Z,20260310T130000Z',
          'EXDATE;TZID=Europe/Berlin:20260304T150000',
          'EXDATE;VALUE=DATE:20260305',
          'EXDATE:20260306T090000',
        ),
        vevent('UID:e', 'RECURRENCE-ID;TZID=Europe/Berlin:20260311T140000', 'DTSTART;TZID=America/New_York:20260311T100000'),
      ),
    );
    expect(event.exdates).toEqual(['2026-03-03T09:00:00', '2026-03-10T09:00:00', '2026-03-04T09:00:00', '2026-03-05', '2026-03-06T09:00:00']);
    expect(event.overrides.map((o) => o.recurrenceId)).toEqual(['2026-03-11T09:00:00']);
  });

  it('a changed occurrence takes what it does not say from its series', () => {
    const event = onlyEvent(
      calendar(
        vevent('UID:e', 'DTSTART:20260302T090000Z', 'DURATION:PT2H', 'RRULE:FREQ=DAILY', 'SUMMARY:Camp', 'LOCATION:Lake', 'STATUS:TENTATIVE'),
        vevent('UID:e', 'RECURRENCE-ID:20260303T090000Z', 'DTSTART:20260303T100000Z'),
        vevent('UID:e', 'RECURRENCE-ID:20260304T090000Z', 'STATUS:CANCELLED'),
      ),
    );
    expect(event.overrides).toEqual([
      {
        recurrenceId: '2026-03-03T09:00:00',
        title: 'Camp',
        location: 'Lake',
        description: '',
        status: 'tentative',
        allDay: false,
        start: '2026-03-03T10:00:00',
        zone: { kind: 'utc' },
        duration: { days: 0, ms: 2 * HOUR },
      },
      expect.objectContaining({ recurrenceId: '2026-03-04T09:00:00', start: '2026-03-04T09:00:00', status: 'cancelled' }),
    ]);
  });

  it('rules that cannot be used are told about', () => {
    const { events, warnings } = parsed(
      calendar(
        vevent('UID:a', 'DTSTART:20260302', 'RRULE:FREQ=SOMETIMES', 'SUMMARY:Odd'),
        vevent('UID:b', 'DTSTART:20260302', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Never'),
        vevent('UID:c', 'DTSTART:20260302T090000Z', 'RRULE:FREQ=DAILY;UNTIL=20260201T000000Z', 'SUMMARY:Ended'),
        vevent('UID:d', 'DTSTART:20260302', 'RRULE:FREQ=HOURLY', 'SUMMARY:Hourly all day'),
        vevent('UID:e', 'DTSTART:20260302', 'RRULE:FREQ=DAILY', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Two rules'),
        vevent('UID:f', 'DTSTART:20260302', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Club'),
        vevent('UID:f', 'RECURRENCE-ID;RANGE=THISANDFUTURE:20260309', 'DTSTART:20260310', 'SUMMARY:Club moved'),
      ),
    );
    expect(events.map((e) => [e.title, e.rrule])).toEqual([
      ['Odd', null],
      ['Never', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'],
      ['Ended', 'FREQ=DAILY;UNTIL=20260201T000000'],
      ['Hourly all day', null],
      ['Two rules', 'FREQ=DAILY'],
      ['Club', 'FREQ=WEEKLY'],
    ]);
    expect(warnings).toEqual([
      '"Odd" has a repeat rule that cannot be read (FREQ=SOMETIMES is not a frequency), so it is shown once.',
      '"Never" repeats by a rule that never happens, so it is not shown.',
      '"Ended" stops repeating before it starts, so it is not shown.',
      '"Hourly all day" is all-day but repeats hourly, so it is shown once.',
      '"Two rules" has more than one repeat rule; only the first is used.',
      '"Club moved" changes "this and all following" occurrences, which is not supported: only the one occurrence is changed.',
    ]);
  });

  it('STATUS:CANCELLED on a whole event is kept, marked', () => {
    expect(onlyEvent(calendar(vevent('UID:e', 'DTSTART:20260302', 'STATUS:CANCELLED'))).status).toBe('cancelled');
  });
});
