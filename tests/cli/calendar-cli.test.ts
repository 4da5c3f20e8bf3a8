import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFamily } from '../../src/tenants/create-family.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { runCli } from '../helpers/cli.js';
import { query } from '../owner/owner-fixtures.js';

// `dinkydash calendar …` against a real HTTP server on 127.0.0.1 serving
// hand-written iCalendar files, the way a family's Google, school and Outlook
// calendars are served. Each file holds one trap; the agenda is checked in
// the zones of families on three continents, across both clock changes.

const ALLOW = { DINKYDASH_FEEDS_ALLOW_PRIVATE: '1' };

function ics(...events: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//DinkyDash tests//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
}

function vevent(lines: Record<string, string> | string[]): string {
  const body = Array.isArray(lines) ? lines : Object.entries(lines).map(([k, v]) => `${k}:${v}`);
  return ['BEGIN:VEVENT', ...body, 'END:VEVENT'].join('\r\n');
}

const FILES: Record<string, string> = {
  // A New York school's weekly club, through both of New York's clock changes.
  'club.ics': ics(
    vevent(['UID:club', 'DTSTART;TZID=America/New_York:20261022T153000', 'DTEND;TZID=America/New_York:20261022T163000', 'RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL=20261119T235959Z', 'SUMMARY:Robotics club']),
  ),
  // Outlook writes Windows zone names, with a moved and a cancelled occurrence.
  'outlook.ics': ics(
    vevent(['UID:standup', 'DTSTART;TZID=W. Europe Standard Time:20261019T090000', 'DTEND;TZID=W. Europe Standard Time:20261019T091500', 'RRULE:FREQ=DAILY;COUNT=10', 'SUMMARY:Stand-up']),
    vevent(['UID:standup', 'RECURRENCE-ID;TZID=W. Europe Standard Time:20261021T090000', 'DTSTART;TZID=W. Europe Standard Time:20261021T110000', 'DTEND;TZID=W. Europe Standard Time:20261021T111500', 'SUMMARY:Stand-up (moved)']),
    vevent(['UID:standup', 'RECURRENCE-ID;TZID=W. Europe Standard Time:20261022T090000', 'DTSTART;TZID=W. Europe Standard Time:20261022T090000', 'STATUS:CANCELLED', 'SUMMARY:Stand-up']),
  ),
  // All-day and multi-day (DTEND exclusive), a cancelled event, an EXDATE'd date.
  'family.ics': ics(
    vevent({ UID: 'trip', 'DTSTART;VALUE=DATE': '20261026', 'DTEND;VALUE=DATE': '20261029', SUMMARY: 'Half-term trip' }),
    vevent({ UID: 'gone', 'DTSTART;VALUE=DATE': '20261027', SUMMARY: 'Cancelled party', STATUS: 'CANCELLED' }),
    vevent({ UID: 'bins', 'DTSTART;VALUE=DATE': '20261020', RRULE: 'FREQ=WEEKLY', EXDATE: '20261027', SUMMARY: 'Bins out' }),
  ),
  // Auckland: clocks go forward on 27 September 2026 at 02:00 (02:30 does not exist).
  'auckland.ics': ics(
    vevent(['UID:gap', 'DTSTART;TZID=Pacific/Auckland:20260927T023000', 'DURATION:PT1H', 'SUMMARY:In the gap']),
    vevent(['UID:swim', 'DTSTART;TZID=Pacific/Auckland:20260925T180000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=3', 'SUMMARY:Swimming']),
  ),
  'webpage.ics': '<!doctype html><html><body>Sign in to see this calendar</body></html>',
};

let server: http.Server;
let base: string;
let dataDir: string;
let failing = false;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const name = (req.url ?? '').slice(1);
    const body = FILES[name];
    if (failing || body === undefined) {
      res.writeHead(failing ? 503 : 404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': name === 'webpage.ics' ? 'text/html' : 'text/calendar; charset=utf-8', ETag: `"${name}-1"` });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dataDir = makeDataDir();
  for (const [slug, timeZone] of [
    ['berlin', 'Europe/Berlin'],
    ['newyork', 'America/New_York'],
    ['auckland', 'Pacific/Auckland'],
  ] as const) {
    await createFamily(dataDir, { slug, name: slug, timeZone });
  }
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function add(slug: string, file: string, name: string, env: NodeJS.ProcessEnv = ALLOW) {
  return runCli(dataDir, ['calendar', 'add', slug, `${base}/${file}`, '--name', name, '--json'], { env });
}

type Agenda = { family: string; timeZone: string; from: string; days: number; events: { calendar: string; title: string; allDay: boolean; start: string; end: string }[] };

async function agenda(slug: string, from: string, days: number): Promise<Agenda> {
  const result = await runCli(dataDir, ['calendar', 'agenda', slug, '--from', from, '--days', String(days), '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Agenda;
}

const feedRows = (slug: string) => query(`${dataDir}/tenants/${slug}.db`, 'select name from calendar_feeds');

describe('dinkydash calendar add', () => {
  it('refuses an address on this machine unless the owner allows it, and saves nothing', async () => {
    const result = await add('berlin', 'club.ics', 'Club', { DINKYDASH_FEEDS_ALLOW_PRIVATE: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DINKYDASH_FEEDS_ALLOW_PRIVATE=1');
    expect(feedRows('berlin')).toEqual([]);
  });

  it('refuses a web page, a missing file, a bad colour and an unknown family with a clear message, and saves nothing', async () => {
    const page = await add('berlin', 'webpage.ics', 'Page');
    expect(page.code).toBe(1);
    expect(page.stderr).toContain('does not give a calendar');
    const missing = await add('berlin', 'nothere.ics', 'Missing');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404');
    const colour = await runCli(dataDir, ['calendar', 'add', 'berlin', `${base}/club.ics`, '--name', 'Club', '--color', 'red'], { env: ALLOW });
    expect(colour.code).toBe(2);
    expect(colour.stderr).toContain('#rrggbb');
    const nobody = await add('nobody', 'club.ics', 'Club');
    expect(nobody.code).toBe(2);
    expect(feedRows('berlin')).toEqual([]);
  });

  it('adds a feed, fetched once, and says how many events it holds; a second one with the same name is refused', async () => {
    const result = await add('newyork', 'club.ics', 'Club');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ family: 'newyork', name: 'Club', events: 1 });
    const again = await add('newyork', 'club.ics', 'club');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has a calendar named');
    expect(feedRows('newyork')).toEqual([{ name: 'Club' }]);
  });
});

describe('dinkydash calendar agenda, in the family\'s zone', () => {
  beforeAll(async () => {
    for (const [slug, file, name] of [
      ['berlin', 'club.ics', 'Club'],
      ['berlin', 'outlook.ics', 'Work'],
      ['berlin', 'family.ics', 'Family feed'],
      ['auckland', 'auckland.ics', 'Kiwi'],
      ['newyork', 'outlook.ics', 'Work'],
    ] as const) {
      const result = await add(slug, file, name);
      expect(result.code, result.stderr).toBe(0);
    }
  });

  it('shows a New York club to a Berlin family at Berlin times, across both zones\' clock changes', async () => {
    const { events, timeZone } = await agenda('berlin', '2026-10-20', 31);
    expect(timeZone).toBe('Europe/Berlin');
    const club = events.filter((e) => e.title === 'Robotics club').map((e) => e.start);
    // 15:30 New York is 21:30 in Berlin, except in the week between Berlin's change (25 Oct) and New York's (1 Nov).
    expect(club).toEqual(['2026-10-22T21:30', '2026-10-29T20:30', '2026-11-05T21:30', '2026-11-12T21:30', '2026-11-19T21:30']);
  });

  it('reads Windows zone names, moves and cancels single occurrences, and keeps COUNT', async () => {
    const { events } = await agenda('berlin', '2026-10-19', 14);
    const standups = events.filter((e) => e.title.startsWith('Stand-up')).map((e) => `${e.start} ${e.title}`);
    expect(standups).toHaveLength(9); // 10 by COUNT, one cancelled
    expect(standups).toContain('2026-10-21T11:00 Stand-up (moved)');
    expect(standups.some((s) => s.startsWith('2026-10-22'))).toBe(false);
    expect(standups.at(-1)).toBe('2026-10-28T09:00 Stand-up');
    // The same Berlin stand-up seen from New York: 03:00, then 04:00 once Berlin has changed and New York not yet.
    const ny = (await agenda('newyork', '2026-10-19', 14)).events.filter((e) => e.title === 'Stand-up').map((e) => e.start.slice(11));
    expect(ny.slice(0, 2)).toEqual(['03:00', '03:00']);
    expect(ny).toContain('04:00');
  });

  it('keeps all-day events exclusive at the end, leaves out cancelled events and EXDATEs, and keeps an event that began before --from', async () => {
    const { events } = await agenda('berlin', '2026-10-27', 3);
    const titles = events.map((e) => e.title);
    expect(titles).not.toContain('Cancelled party');
    expect(events.filter((e) => e.title === 'Bins out')).toEqual([]);
    expect(events.find((e) => e.title === 'Half-term trip')).toEqual({ calendar: 'Family feed', title: 'Half-term trip', allDay: true, start: '2026-10-26', end: '2026-10-29' });
    // All-day before timed on the same day.
    const day27 = events.filter((e) => e.start.startsWith('2026-10-27') || (e.allDay && e.start <= '2026-10-27'));
    expect(day27[0]!.allDay).toBe(true);
    const next = await agenda('berlin', '2026-10-29', 1);
    expect(next.events.map((e) => e.title)).not.toContain('Half-term trip');
  });

  it('reads a time in Auckland\'s skipped hour with the offset before the gap, and keeps DURATION as elapsed time', async () => {
    const { events } = await agenda('auckland', '2026-09-25', 4);
    const gap = events.find((e) => e.title === 'In the gap')!;
    // 02:30 NZST does not exist: read as +12:00, i.e. 03:30 NZDT, for one hour.
    expect([gap.start, gap.end]).toEqual(['2026-09-27T03:30', '2026-09-27T04:30']);
    expect(events.filter((e) => e.title === 'Swimming').map((e) => e.start)).toEqual(['2026-09-25T18:00', '2026-09-26T18:00', '2026-09-27T18:00']);
  });

  it('refuses a bad --from or --days', async () => {
    for (const args of [['--from', '2026-02-30'], ['--days', '0'], ['--days', 'ten']]) {
      const result = await runCli(dataDir, ['calendar', 'agenda', 'berlin', ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--from|--days/);
    }
  });
});

describe('dinkydash calendar list, refresh and remove', () => {
  it('keeps the last good copy when a feed fails, says why, and exits 1', async () => {
    failing = true;
    try {
      const result = await runCli(dataDir, ['calendar', 'refresh', 'berlin', '--json'], { env: ALLOW });
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as { families: { family: string; calendars: { feed: string; outcome: string; error?: string }[] }[] };
      expect(report.families[0]!.calendars.map((c) => c.outcome)).toEqual(['failed', 'failed', 'failed']);
      expect(report.families[0]!.calendars[0]!.error).toContain('503');
    } finally {
      failing = false;
    }
    const { events } = await agenda('berlin', '2026-10-20', 7);
    expect(events.some((e) => e.title === 'Robotics club')).toBe(true);
    const list = await runCli(dataDir, ['calendar', 'list', 'berlin', '--json']);
    const calendars = (JSON.parse(list.stdout) as { calendars: { name: string; url: string; error: string | null }[] }).calendars;
    expect(calendars.map((c) => c.name)).toEqual(['Club', 'Work', 'Family feed']);
    expect(calendars[0]!.error).toContain('503');
  });

  it('refreshes every family with --all, asking again with the ETag', async () => {
    const result = await runCli(dataDir, ['calendar', 'refresh', '--all', '--json'], { env: ALLOW });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { families: { family: string; calendars: { outcome: string }[] }[] };
    expect(report.families.map((f) => f.family).sort()).toEqual(['auckland', 'berlin', 'newyork']);
    expect(report.families.flatMap((f) => f.calendars.map((c) => c.outcome)).every((o) => o === 'fetched' || o === 'not-modified')).toBe(true);
    expect(query(`${dataDir}/tenants/berlin.db`, 'select error from calendar_feeds where error is not null')).toEqual([]);
  });

  it('removes a feed by name, with its events; an unknown name is exit 2', async () => {
    const removed = await runCli(dataDir, ['calendar', 'remove', 'berlin', 'Work']);
    expect(removed.code).toBe(0);
    expect((await agenda('berlin', '2026-10-19', 14)).events.some((e) => e.title.startsWith('Stand-up'))).toBe(false);
    const unknown = await runCli(dataDir, ['calendar', 'remove', 'berlin', 'Work']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no calendar named');
  });
});
