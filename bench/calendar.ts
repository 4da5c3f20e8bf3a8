import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FamilyPool } from '../src/tenants/pool.js';
import { parseCalendar } from '../src/kinds/calendar/ical-parse.js';
import { insertFeed, storeFeedCopy } from '../src/kinds/calendar/calendar-queries.js';
import { ALLOW_PRIVATE_FEEDS_VARIABLE } from '../src/fetching/address-policy.js';
import { openFamilyReadOnly } from '../src/tenants/family-file.js';
import { alternate, copyFamilies, medianRatio, rssMb, startBenchServer } from './engine.js';
import { median } from './load.js';
import { runWrk } from './wrk.js';
import { largeFeed } from './calendar-feed-fixture.js';
import { DISPLAY_TOKEN, profileRoute, signIn, type BenchContext } from './sections.js';
import { fmt, pass } from './figures.js';

// Issue 11's figures: a family with three large calendar feeds. Its display
// page (calendar, chores and countdowns) against the dashboard page of the
// family without a calendar, in the same wrk run; a 1 MB feed parsed and
// stored; the server's memory while it refreshes all three.

const FEEDS = 3;
const EVENTS = 2_000;
const TIME_ZONE = 'Europe/Berlin';

/** Three feeds of 2,000 series each, 50 of them repeating (40 weekly, 10 daily), ~1 MB each, served on 127.0.0.1 like a school's or a club's. */
async function feedServer(): Promise<{ base: string; texts: string[]; served: () => number; close: () => Promise<void> }> {
  const texts = Array.from({ length: FEEDS }, (_, i) => largeFeed(EVENTS, 40, 10).text.replace(/@large\.example/g, `@feed-${i}.example`));
  let served = 0;
  const server = http.createServer((req, res) => {
    const n = Number(/^\/feed-(\d)\.ics$/.exec(req.url ?? '')?.[1] ?? -1);
    if (!(n >= 0 && n < FEEDS)) return res.writeHead(404).end();
    served++;
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(texts[n]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    texts,
    served: () => served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Parse, then store (one transaction, as a refresh does), of one feed into a family file, `rounds` times; the first is cold. */
async function parseAndStore(dataDir: string, slug: string, text: string, rounds: number): Promise<{ parse: number[]; store: number[] }> {
  const pool = new FamilyPool({ dataDir });
  const parse: number[] = [];
  const store: number[] = [];
  let feedId: number | null = null;
  try {
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const parsed = parseCalendar(text);
      const t1 = performance.now();
      if (!parsed.ok) throw new Error(parsed.message);
      const copy = { events: parsed.events, etag: null, lastModified: null, fetchedAt: Date.now() };
      await pool.withFamily(slug, ({ db }) =>
        db.transaction().execute(async (trx) => {
          if (feedId === null) feedId = await insertFeed(trx, { name: 'Timed', url: 'https://example.com/timed.ics', color: '#2563eb', memberId: null }, copy, TIME_ZONE);
          else await storeFeedCopy(trx, feedId, copy, TIME_ZONE);
        }),
      );
      parse.push(t1 - t0);
      store.push(performance.now() - t1);
    }
  } finally {
    await pool.close();
  }
  return { parse, store };
}

export async function calendarSection(context: BenchContext, busyTemplate: string, cookieFor: (base: string, slug: string) => Promise<string> = signIn): Promise<string[]> {
  const out: string[] = [];
  const say = (line = '') => {
    out.push(line);
    process.stdout.write(`${line}\n`);
  };
  const feeds = await feedServer();
  const previousPolicy = process.env[ALLOW_PRIVATE_FEEDS_VARIABLE];
  // The stand-in feeds are on 127.0.0.1, which a family's feeds may not use unless the owner allows it.
  process.env[ALLOW_PRIVATE_FEEDS_VARIABLE] = '1';
  try {
    say('## The family calendar');
    say();
    say(`One family as above (20 chores, 20 countdowns) that also subscribes to ${FEEDS} feeds of ${fmt(EVENTS)} series each (40 weekly, 10 daily, the rest single events over three years; ${fmt(feeds.texts[0]!.length / 2 ** 20, 2)} MB each), served by a stand-in HTTP server on 127.0.0.1; its display shows the calendar, the chores and the countdowns. The dashboard page is that of the family of "The dashboard" (no calendar), in the same wrk run.`);
    say();
    say('| Measure | Result | Baseline | Goal | |');
    say('| --- | --- | --- | --- | --- |');

    // Parsing and storing one feed, in this process, into a family file of its own.
    const timedDir = path.join(context.work, 'calendar-timed');
    const [timedSlug] = copyFamilies(busyTemplate, timedDir, 1);
    const timings = await parseAndStore(timedDir, timedSlug!, feeds.texts[0]!, 8);
    const totals = timings.parse.map((ms, i) => ms + timings.store[i]!);
    const warm = median(totals.slice(1));
    say(`| A ${fmt(feeds.texts[0]!.length / 2 ** 20, 2)} MB feed (${fmt(EVENTS)} series) parsed and stored, median of 7 after a first run | ${fmt(warm)} ms (parse ${fmt(median(timings.parse.slice(1)))} ms, store ${fmt(median(timings.store.slice(1)))} ms) | the first run, code not yet compiled: ${fmt(totals[0]!)} ms (parse ${fmt(timings.parse[0]!)} ms, store ${fmt(timings.store[0]!)} ms) | < 200 ms | ${pass(warm < 200)} |`);

    // The family with its three feeds, not fetched yet: the first look at its display refreshes them.
    const dataDir = path.join(context.work, 'calendar-family');
    const [calendarSlug, plainSlug] = copyFamilies(busyTemplate, dataDir, 2);
    const file = new Database(path.join(dataDir, 'tenants', `${calendarSlug}.db`));
    const addFeed = file.prepare('insert into calendar_feeds (name, url, color, position) values (?, ?, ?, ?)');
    for (let i = 0; i < FEEDS; i++) addFeed.run(`Feed ${i + 1}`, `${feeds.base}/feed-${i}.ics`, ['#2563eb', '#16a34a', '#9333ea'][i], i + 1);
    file.prepare("update dashboards set sections = 'calendar,chores,countdowns' where is_default = 1").run();
    file.close();

    const server = await startBenchServer(dataDir);
    try {
      const pid = server.child.pid!;
      const cookie = await cookieFor(server.base, plainSlug!);
      // Warm: the plain family's page, so the code the refresh does not need is loaded already.
      for (let i = 0; i < 20; i++) await (await fetch(`${server.base}/${plainSlug}/`, { headers: { cookie } })).text();
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 5);
      const t0 = performance.now();
      const display = `/${calendarSlug}/display/${DISPLAY_TOKEN}`;
      await (await fetch(`${server.base}${display}`)).text();
      const fetchedAll = () => {
        const db = openFamilyReadOnly(path.join(dataDir, 'tenants', `${calendarSlug}.db`));
        try {
          return (db.prepare('select count(*) n from calendar_feeds where fetched_at is not null').get() as { n: number }).n === FEEDS;
        } finally {
          db.close();
        }
      };
      while (!fetchedAll()) {
        if (performance.now() - t0 > 60_000) throw new Error('the three feeds were not refreshed within a minute');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const refreshMs = performance.now() - t0;
      clearInterval(sampler);
      const page = await (await fetch(`${server.base}${display}`)).text();
      const entries = (page.match(/class="dash-card calendar-entry/g) ?? []).length;
      if (entries < 10) throw new Error(`the display shows ${entries} calendar entries after the refresh`);
      say(`| Peak RSS growth of the server while the first look at the display refreshes all ${FEEDS} feeds (${feeds.served()} fetched, all stored in ${fmt(refreshMs)} ms) | ${fmt(peak - before)} MB (${fmt(before)} → ${fmt(peak)} MB, sampled every 5 ms) | — | < 50 MB | ${pass(peak - before < 50)} |`);

      const load = (paths: string[], headers?: Record<string, string>) => () => runWrk({ base: server.base, paths, headers, connections: context.connections, seconds: context.seconds });
      const rounds = await alternate(context.rounds, {
        bare: load(['/bare']),
        page: load([`/${plainSlug}/`], { cookie }),
        calendarDisplay: load([display]),
      });
      const ratio = medianRatio(rounds.calendarDisplay!, rounds.page!);
      const r = (key: string) => `${fmt(rounds[key]!.medianRps)} req/s (p50 ${fmt(rounds[key]!.p50Ms, 2)} ms, p99 ${fmt(rounds[key]!.p99Ms, 2)} ms)`;
      say(`| Display page with the calendar card (${entries} entries shown before the display's fit), chores and countdowns (like the dashboard page, rendered once per change and minute) | ${r('calendarDisplay')}; ${fmt(medianRatio(rounds.calendarDisplay!, rounds.bare!), 3)}× bare | dashboard page, signed in: ${r('page')}; bare Hono route: ${r('bare')} | ≥ 0.5× the dashboard page | ${fmt(ratio, 3)} ${pass(ratio >= 0.5)} |`);
      const errors = Object.values(rounds).reduce((n, x) => n + x.errors, 0);
      say();
      say(`Unexpected answers during these rounds: ${errors}.`);
      say();
    } finally {
      await server.stop();
    }
    if (process.env.BENCH_PROFILE !== '0') {
      say('Where the calendar display\'s time goes (the same method as the dashboard\'s profiles):');
      say();
      say('| Route | Busy | Top functions (self time) | Top modules |');
      say('| --- | --- | --- | --- |');
      say(await profileRoute(dataDir, 'calendar display', context, async () => ({ paths: [`/${calendarSlug}/display/${DISPLAY_TOKEN}`] })));
      say();
    }
  } finally {
    if (previousPolicy === undefined) delete process.env[ALLOW_PRIVATE_FEEDS_VARIABLE];
    else process.env[ALLOW_PRIVATE_FEEDS_VARIABLE] = previousPolicy;
    await feeds.close();
  }
  return out;
}
