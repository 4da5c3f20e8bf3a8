import { familyTimeZone } from '../../family/queries.js';
import { runOutsideAnyFamily } from '../../tenants/scope.js';
import type { FamilyLease, FamilyPool } from '../../tenants/pool.js';
import { FamilyNotFoundError } from '../../tenants/errors.js';
import { FEED_MIN_INTERVAL_MS, fetchFeedShared } from '../../fetching/polite-fetch.js';
import { feedsMayUsePrivateAddresses } from '../../fetching/address-policy.js';
import { maskFeedUrl } from '../../fetching/feed-url.js';
import { parseCalendar } from './ical-parse.js';
import type { CalendarEvent } from './calendar-event.js';
import { type FeedCopy, getFeed, listFeeds, recordFeedAttempt, storeFeedCopy } from './calendar-queries.js';

// Keeping the family's calendars fresh, politely: conditional requests
// (ETag / Last-Modified), at most one attempt every 15 minutes per feed, and
// only while the family is being looked at (a dashboard or display starts a
// refresh in the background and never waits for it), plus
// `dinkydash calendar refresh` for a timer. The network call holds no lease
// and no transaction; the answer is written with the family's own handle. A
// failing feed keeps its last good copy and records why, for admins.

/** A feed's answer, read and checked: what insertFeed / storeFeedCopy keep. */
export type CalendarFetch =
  | { kind: 'fetched'; copy: FeedCopy; name: string | null; warnings: string[] }
  | { kind: 'not-modified' }
  | { kind: 'failed'; reason: string };

const ACCEPT = 'text/calendar, text/plain;q=0.8, */*;q=0.5';

/** Fetches and parses one calendar address. Never throws; a failure's reason never contains the address's secret parts. */
export async function fetchCalendar(url: string, prior: { etag: string | null; lastModified: string | null } | null, at = Date.now()): Promise<CalendarFetch> {
  const answer = await fetchFeedShared(url, { etag: prior?.etag ?? null, lastModified: prior?.lastModified ?? null, allowPrivate: feedsMayUsePrivateAddresses(), accept: ACCEPT });
  if (answer.kind !== 'fetched') return answer;
  const parsed = parseCalendar(answer.body);
  if (!parsed.ok) return { kind: 'failed', reason: parsed.message };
  return { kind: 'fetched', copy: { events: parsed.events, etag: answer.etag, lastModified: answer.lastModified, fetchedAt: at }, name: parsed.name, warnings: parsed.warnings };
}

export type FeedRefreshOutcome = 'fetched' | 'not-modified' | 'failed' | 'fresh' | 'removed';

export interface FeedRefreshReport {
  feed: string;
  /** The address, masked. */
  url: string;
  outcome: FeedRefreshOutcome;
  /** Series kept after a good answer. */
  events?: number;
  /** Why it failed; the last good copy stays. */
  error?: string;
  /** When the copy shown was fetched (ms), if there is one. */
  fetchedAt: number | null;
}

/** Runs work with one family's handle: the server's pool, or an owner command's. */
export type WithFamily = <T>(fn: (family: FamilyLease) => Promise<T>) => Promise<T>;

export interface RefreshFeedsOptions {
  /** Fetch even when the last attempt is recent (conditional requests still make an unchanged feed cheap). */
  force?: boolean;
  at?: number;
}

/** Refreshes every feed of one family that is due (or all, with `force`). Feeds are fetched one after another: a Pi's network is small. */
export async function refreshFamilyFeeds(withFamily: WithFamily, options: RefreshFeedsOptions = {}): Promise<FeedRefreshReport[]> {
  const at = options.at ?? Date.now();
  const { feeds, timeZone, readOnly } = await withFamily(async ({ db, readOnly }) => ({
    feeds: await listFeeds(db),
    timeZone: await familyTimeZone(db),
    readOnly,
  }));
  const reports: FeedRefreshReport[] = [];
  for (const feed of feeds) {
    const base = { feed: feed.name, url: maskFeedUrl(feed.url), fetchedAt: feed.fetched_at };
    const due = feed.checked_at === null || at - feed.checked_at >= FEED_MIN_INTERVAL_MS || at < feed.checked_at;
    // A copy that could not be kept is not fetched (a read-only family file).
    if ((!options.force && !due) || readOnly !== null) {
      reports.push({ ...base, outcome: 'fresh' });
      continue;
    }
    const answer = await fetchCalendar(feed.url, { etag: feed.etag, lastModified: feed.last_modified }, at);
    const kept = await withFamily(({ db }) =>
      db.transaction().execute(async (trx) => {
        // The admin may have removed the feed, or changed its address, meanwhile.
        const current = await getFeed(trx, feed.id);
        if (!current || current.url !== feed.url) return false;
        if (answer.kind === 'fetched') await storeFeedCopy(trx, feed.id, answer.copy, timeZone);
        else await recordFeedAttempt(trx, feed.id, at, answer.kind === 'failed' ? answer.reason : null);
        return true;
      }),
    );
    if (!kept) reports.push({ ...base, outcome: 'removed' });
    else if (answer.kind === 'fetched') reports.push({ ...base, outcome: 'fetched', events: answer.copy.events.length, fetchedAt: at });
    else if (answer.kind === 'failed') reports.push({ ...base, outcome: 'failed', error: answer.reason });
    else reports.push({ ...base, outcome: 'not-modified' });
  }
  return reports;
}

// --- In the background, while the family is looked at ---------------------

interface PoolFeeds {
  /** Per family: when feeds were last looked at for refreshing; lets a poll skip the file. */
  lookedAt: Map<string, number>;
  running: Map<string, Promise<FeedRefreshReport[]>>;
}

const pools = new WeakMap<FamilyPool, PoolFeeds>();

function stateOf(pool: FamilyPool): PoolFeeds {
  let state = pools.get(pool);
  if (!state) pools.set(pool, (state = { lookedAt: new Map(), running: new Map() }));
  return state;
}


/** Whether a dashboard's `sections` column includes the calendar. */
export function showsCalendar(sections: string): boolean {
  return sections.split(',').some((name) => name.trim() === 'calendar');
}

/**
 * The hook for the dashboard and display routes: when the family's feeds were
 * last looked at more than 15 minutes ago, refreshes those that are due, in
 * the background. Costs a map lookup otherwise. The promise is for tests.
 */
export function startFeedRefreshIfStale(pool: FamilyPool, slug: string, at = Date.now()): Promise<FeedRefreshReport[]> | null {
  const state = stateOf(pool);
  const running = state.running.get(slug);
  if (running) return running;
  const looked = state.lookedAt.get(slug);
  if (looked !== undefined && at - looked >= 0 && at - looked < FEED_MIN_INTERVAL_MS) return null;
  state.lookedAt.set(slug, at);
  const refresh = runOutsideAnyFamily(() =>
    refreshFamilyFeeds((fn) => pool.withFamily(slug, fn), { at })
      .catch((error: unknown) => {
        if (!(error instanceof FamilyNotFoundError)) console.warn(`[dinkydash] calendars of ${slug} not refreshed:`, error instanceof Error ? error.message : error);
        return [];
      })
      .finally(() => state.running.delete(slug)),
  );
  state.running.set(slug, refresh);
  return refresh;
}

export type { CalendarEvent };
