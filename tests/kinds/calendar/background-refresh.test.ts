import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeDataDir } from '../../helpers/data-dir.js';
import { browser as httpClient, startLiveServer } from '../../helpers/live-server.js';
import { decode } from '../../manage/manage-helpers.js';
import { resetClock, setClock } from '../../../src/dashboards/clock.js';
import { startFeedRefreshIfStale } from '../../../src/kinds/calendar/feed-refresh.js';
import type { RunningServer } from '../../../src/server.js';
import { startStandIn, type StandIn } from '../weather/stand-in.js';

// A family's calendars are kept fresh only while someone looks: a wall
// display's or a dashboard's request for a family whose copy is older than 15
// minutes starts a refresh in the background (a conditional request) and
// never waits for it; a look within 15 minutes starts nothing. Against the
// real server on 127.0.0.1 and a stand-in for the school's calendar server,
// with everything the server writes to its log captured: the calendar's
// address is a secret and shows nowhere, in no page and no log line.

const SLUG = 'refreshers';
const ZONE = 'Europe/Berlin';
const MINUTE = 60_000;
const ETAG = '"term-7"';
const LAST_MODIFIED = 'Mon, 30 Nov 2026 08:00:00 GMT';
// Every secret part of the address: the password, the token in the path and the one in the query.
const PASSWORD = 'Pw9dLq2Zr';
const PATH_TOKEN = 'Z8kQ2mXv7RtP4wLs';
const QUERY_TOKEN = 'Q9fJ3hT6cYb';
const SECRETS = [PASSWORD, PATH_TOKEN, QUERY_TOKEN];

/** A day in Berlin, offset from today, as 20261202. */
function berlinDay(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + offsetDays * 86_400_000).replaceAll('-', '');
}

// Half-term, all day from yesterday for a week: on the card whichever minute the test runs.
const CALENDAR = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Hillside Primary//EN',
  'BEGIN:VEVENT',
  'UID:half-term@hillside',
  `DTSTART;VALUE=DATE:${berlinDay(-1)}`,
  `DTEND;VALUE=DATE:${berlinDay(6)}`,
  'SUMMARY:Half-term',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

interface FeedRequest {
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  authorization: string | undefined;
}

let standIn: StandIn;
let server: RunningServer;
let feedUrl: string;
let displayPath: string;
let admin: ReturnType<typeof httpClient>;
/** When the school's calendar was first fetched (ms): the test's clock starts here. */
let fetchedAt: number;
const feedRequests: FeedRequest[] = [];
/** Every page the test was given, for the secrets check. */
const pages: string[] = [];
const allowPrivateBefore = process.env.DINKYDASH_FEEDS_ALLOW_PRIVATE;

/** Everything the server process writes to its log: console calls and direct writes to stdout and stderr. */
const log = {
  console: (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) => vi.spyOn(console, method)),
  streams: [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')],
  text(): string {
    return [...this.console, ...this.streams].flatMap((spy) => spy.mock.calls.flat().map((arg) => (typeof arg === 'string' ? arg : arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg)))).join('\n');
  },
};

/** Answers the school's calendar: in full, unchanged (304) for our ETag, after a delay, or not at all. */
function school(how: { delayMs?: number; status?: 500 | 'drop' } = {}): { answered: () => boolean } {
  let answered = false;
  standIn.answer = (req, res) => {
    feedRequests.push({ ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'], authorization: req.headers.authorization });
    setTimeout(() => {
      answered = true;
      if (how.status === 'drop') res.socket?.destroy();
      else if (how.status) res.writeHead(how.status).end();
      else if (req.headers['if-none-match'] === ETAG) res.writeHead(304, { ETag: ETAG }).end();
      else res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', ETag: ETAG, 'Last-Modified': LAST_MODIFIED }).end(CALENDAR);
    }, how.delayMs ?? 0);
  };
  return { answered: () => answered };
}

async function text(res: Response): Promise<string> {
  const html = decode(await res.text());
  pages.push(html);
  return html;
}

/** The wall display, with no session. */
async function lookAtDisplay(): Promise<{ status: number; html: string }> {
  const res = await fetch(`${server.url}${displayPath}`);
  return { status: res.status, html: await text(res) };
}

/** The admin's signed-in dashboard. */
async function lookAtDashboard(): Promise<{ status: number; html: string }> {
  const res = await admin.get(`/${SLUG}/`);
  return { status: res.status, html: await text(res) };
}

function feedRow() {
  return server.pool.withFamily(SLUG, ({ db }) => db.selectFrom('calendar_feeds').select(['fetched_at', 'checked_at', 'error', 'etag']).executeTakeFirstOrThrow());
}

/** Lets a refresh that was wrongly started reach the stand-in before counting its requests. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

beforeAll(async () => {
  standIn = await startStandIn();
  school();
  const origin = new URL(standIn.origin);
  feedUrl = `http://family:${PASSWORD}@${origin.host}/remote.php/dav/public-calendars/${PATH_TOKEN}?export&token=${QUERY_TOKEN}`;
  // The owner lets feeds come from this machine: the stand-in is on 127.0.0.1.
  process.env.DINKYDASH_FEEDS_ALLOW_PRIVATE = '1';
  server = await startLiveServer(makeDataDir());

  admin = httpClient(server.url);
  expect((await admin.post('/signup', { family_name: 'The Refreshers', slug: SLUG, display_name: 'Mum', username: 'mum', password: 'half-term plans', time_zone: ZONE })).status).toBe(303);
  const added = await admin.post(`/${SLUG}/manage/calendar`, { url: feedUrl, name: 'School', color: '#0e7490', member_id: '' });
  expect(added.status, await added.clone().text()).toBe(303);
  await server.pool.withFamily(SLUG, ({ db }) => db.updateTable('dashboards').set({ sections: 'chores,calendar' }).execute());
  const link = await admin.post(`/${SLUG}/manage/displays`, { dashboard_id: '1', label: 'Kitchen' });
  displayPath = new RegExp(`/${SLUG}/display/[a-z2-7]{32}`).exec(await text(link))![0];
  fetchedAt = (await feedRow()).fetched_at!;
  // Subscribing fetched it once, unconditionally, with the address's credentials.
  expect(feedRequests).toEqual([{ ifNoneMatch: undefined, ifModifiedSince: undefined, authorization: `Basic ${Buffer.from(`family:${PASSWORD}`).toString('base64')}` }]);
});

afterAll(() => {
  resetClock();
  vi.restoreAllMocks();
  if (allowPrivateBefore === undefined) delete process.env.DINKYDASH_FEEDS_ALLOW_PRIVATE;
  else process.env.DINKYDASH_FEEDS_ALLOW_PRIVATE = allowPrivateBefore;
});

describe('a look at a family whose calendar copy is older than 15 minutes', () => {
  it('starts a conditional refresh in the background, and the display answers at once, from the copy it has', async () => {
    const at = fetchedAt + 16 * MINUTE;
    setClock(new Date(at));
    const slow = school({ delayMs: 2_000 });

    const started = performance.now();
    const display = await lookAtDisplay();
    const took = performance.now() - started;
    expect(slow.answered()).toBe(false); // the school's server has not answered yet; the page has
    expect(took).toBeLessThan(1_500);
    expect(display.status).toBe(200);
    expect(display.html).toContain('Half-term');

    // The refresh asks with the copy's validators.
    await vi.waitFor(() => expect(feedRequests).toHaveLength(2));
    expect(feedRequests[1]).toMatchObject({ ifNoneMatch: ETAG, ifModifiedSince: LAST_MODIFIED });

    // Others looking meanwhile, at the display or the signed-in dashboard, share it: nothing more is asked, nobody waits.
    for (const look of [lookAtDashboard, lookAtDisplay]) {
      const before = performance.now();
      const page = await look();
      expect(page.status).toBe(200);
      expect(page.html).toContain('Half-term');
      expect(performance.now() - before).toBeLessThan(1_500);
    }
    expect(slow.answered()).toBe(false);
    expect(feedRequests).toHaveLength(2);

    // The 304 arrives: the copy stays, the attempt is noted.
    await vi.waitFor(async () => expect(await feedRow()).toEqual({ fetched_at: fetchedAt, checked_at: at, error: null, etag: ETAG }), { timeout: 5_000 });
    expect(feedRequests).toHaveLength(2);
  });

  it('starts nothing when looked at again within 15 minutes, and once more after them', async () => {
    const first = fetchedAt + 16 * MINUTE;
    school();
    for (const at of [first + MINUTE, first + 14 * MINUTE, first + 15 * MINUTE - 1]) {
      setClock(new Date(at));
      expect((await lookAtDisplay()).status).toBe(200);
      expect((await lookAtDashboard()).status).toBe(200);
      expect(startFeedRefreshIfStale(server.pool, SLUG, at)).toBeNull();
    }
    await settle();
    expect(feedRequests).toHaveLength(2);
    expect((await feedRow()).checked_at).toBe(first);

    // Fifteen minutes on, the signed-in dashboard starts one; the school's server fails; the copy stays, with its age.
    const later = first + 15 * MINUTE;
    setClock(new Date(later));
    school({ status: 500 });
    expect((await lookAtDashboard()).status).toBe(200);
    await vi.waitFor(async () => expect((await feedRow()).checked_at).toBe(later), { timeout: 5_000 });
    expect(feedRequests).toHaveLength(3);
    expect(feedRequests[2]).toMatchObject({ ifNoneMatch: ETAG });
    const row = await feedRow();
    expect(row.fetched_at).toBe(fetchedAt);
    expect(row.error).toContain('500');
    const { html } = await lookAtDisplay();
    expect(html).toContain('Half-term');
    expect(html).toContain('updated 31 min ago');
    expect(feedRequests).toHaveLength(3);
  });

  it('keeps the last good copy when the connection drops, and says why on the admin page', async () => {
    const at = fetchedAt + 16 * MINUTE + 30 * MINUTE;
    setClock(new Date(at));
    school({ status: 'drop' });
    expect((await lookAtDisplay()).status).toBe(200);
    await vi.waitFor(async () => expect((await feedRow()).checked_at).toBe(at), { timeout: 5_000 });
    expect(feedRequests).toHaveLength(4);
    const manage = await text(await admin.get(`/${SLUG}/manage/calendar`));
    expect(manage).toContain('The last update failed');
    expect(manage).toContain('The family still sees the last good copy.');
    expect((await lookAtDisplay()).html).toContain('Half-term');
  });
});

describe("the calendar's address", () => {
  it('never shows in a page or in the log', async () => {
    setClock(new Date(fetchedAt + 2 * 60 * MINUTE));
    for (const path of ['/', '/manage', '/manage/calendar', '/calendar', '/calendar/week', '/calendar/month', '/d/1/content']) {
      const res = await admin.get(`/${SLUG}${path}`);
      expect(res.status, path).toBe(200);
      await text(res);
    }
    await text(await fetch(`${server.url}${displayPath}/content`));
    // The admin sees where it comes from, masked.
    expect(pages.some((page) => page.includes(`${new URL(standIn.origin).origin}/remote.php/dav/…?…`))).toBe(true);
    const everything = [...pages, log.text()].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('public-calendars/');
    expect(pages.length).toBeGreaterThan(15);
  });
});
