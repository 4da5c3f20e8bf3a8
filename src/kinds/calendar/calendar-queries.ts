import type { FamilyDb } from '../../tenants/family-database.js';
import type { CalendarEvent } from './calendar-event.js';
import { eventSpan } from './occurrences.js';
import type { CalendarFeed, FamilyEvent, FamilyEventChange } from './tables.js';
import type { BirthdayPerson } from './birthdays.js';
import type { CalendarSource, EntryPerson } from './agenda.js';
import { FAMILY_CALENDAR, familyEventSeries } from './family-events.js';

// The calendar's rows in the family file: feeds with their last good copy,
// own events and birthdays. Plain functions taking the db first.

export const FEED_NAME_MAX = 40;
export const DEFAULT_FEED_COLOR = '#0e7490';
export const FAMILY_EVENTS_COLOR = '#2563eb';

export function listFeeds(db: FamilyDb): Promise<CalendarFeed[]> {
  return db.selectFrom('calendar_feeds').selectAll().orderBy('position').orderBy('id').execute();
}

/** Names are unique ignoring case. */
export function findFeedByName(db: FamilyDb, name: string): Promise<CalendarFeed | undefined> {
  return db.selectFrom('calendar_feeds').selectAll().where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
}

export function getFeed(db: FamilyDb, id: number): Promise<CalendarFeed | undefined> {
  return db.selectFrom('calendar_feeds').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface NewFeed {
  name: string;
  url: string;
  color: string;
  memberId: number | null;
}

/** Adds a feed with its first copy. Run in a transaction. */
export async function insertFeed(db: FamilyDb, feed: NewFeed, copy: FeedCopy, timeZone: string): Promise<number> {
  const last = await db.selectFrom('calendar_feeds').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
  const { id } = await db
    .insertInto('calendar_feeds')
    .values({ name: feed.name, url: feed.url, color: feed.color, member_id: feed.memberId, position: Number(last?.p ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await storeFeedCopy(db, id, copy, timeZone);
  return id;
}

/** A good answer of a feed: its series and how to ask for them again. */
export interface FeedCopy {
  events: readonly CalendarEvent[];
  etag: string | null;
  lastModified: string | null;
  fetchedAt: number;
}

/** Replaces a feed's stored series with a new copy. Run in a transaction. */
export async function storeFeedCopy(db: FamilyDb, feedId: number, copy: FeedCopy, timeZone: string): Promise<void> {
  await db.deleteFrom('calendar_feed_events').where('feed_id', '=', feedId).execute();
  // Inserted in batches: one statement per series would be thousands of round trips.
  const rows = copy.events.map((event) => {
    const span = eventSpan(event, timeZone);
    return { feed_id: feedId, first_start: span.firstStart, last_end: span.lastEnd, event: JSON.stringify(event) };
  });
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('calendar_feed_events').values(rows.slice(i, i + 200)).execute();
  await db
    .updateTable('calendar_feeds')
    .set({ etag: copy.etag, last_modified: copy.lastModified, fetched_at: copy.fetchedAt, checked_at: copy.fetchedAt, error: null })
    .where('id', '=', feedId)
    .execute();
}

/** A fetch that changed nothing (304) or failed: the copy stays, the attempt and its reason are kept. */
export async function recordFeedAttempt(db: FamilyDb, feedId: number, at: number, error: string | null): Promise<void> {
  await db.updateTable('calendar_feeds').set({ checked_at: at, error }).where('id', '=', feedId).execute();
}

export async function removeFeed(db: FamilyDb, id: number): Promise<boolean> {
  const result = await db.deleteFrom('calendar_feeds').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countFeedEvents(db: FamilyDb, feedId: number): Promise<number> {
  const row = await db.selectFrom('calendar_feed_events').select((eb) => eb.fn.countAll<number>().as('n')).where('feed_id', '=', feedId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The series of every feed that can occur in [fromMs, toMs). */
export async function feedSeriesNear(db: FamilyDb, fromMs: number, toMs: number): Promise<Map<number, CalendarEvent[]>> {
  const rows = await db
    .selectFrom('calendar_feed_events')
    .select(['feed_id', 'event'])
    .where('first_start', '<', toMs)
    .where((eb) => eb.or([eb('last_end', 'is', null), eb('last_end', '>', fromMs)]))
    .orderBy('id')
    .execute();
  const byFeed = new Map<number, CalendarEvent[]>();
  for (const row of rows) {
    let list = byFeed.get(row.feed_id);
    if (!list) byFeed.set(row.feed_id, (list = []));
    list.push(JSON.parse(row.event) as CalendarEvent);
  }
  return byFeed;
}

export function listFamilyEvents(db: FamilyDb): Promise<FamilyEvent[]> {
  return db.selectFrom('family_events').selectAll().orderBy('start_date').orderBy('id').execute();
}

export function listFamilyEventChanges(db: FamilyDb): Promise<FamilyEventChange[]> {
  return db.selectFrom('family_event_changes').selectAll().orderBy('id').execute();
}

/** A member or a named person as the calendar shows them. */
export interface PersonRow {
  id: number;
  name: string;
  color: string;
  avatar: string;
  image_id: number | null;
  birth_date: string | null;
}

/** The feed columns the agenda needs (no address: the card never sees it). */
export type FeedRow = Pick<CalendarFeed, 'id' | 'name' | 'color' | 'member_id' | 'fetched_at' | 'checked_at' | 'error'>;

/** Every row the agenda is made of, however they were read (Kysely here, one JSON statement on a dashboard). */
export interface CalendarRows {
  feeds: FeedRow[];
  /** The stored series near the days asked for, by feed id. */
  feedSeries: ReadonlyMap<number, CalendarEvent[]>;
  familyEvents: FamilyEvent[];
  changes: FamilyEventChange[];
  members: PersonRow[];
  named: PersonRow[];
}

const asPerson = (row: PersonRow): EntryPerson => ({ name: row.name, color: row.color, avatar: row.avatar, imageId: row.image_id });

/** Calendars and birthdays from their rows: pure, shared by every reader. */
export function calendarSources(rows: CalendarRows): { sources: CalendarSource[]; birthdays: (BirthdayPerson & { person: EntryPerson })[] } {
  const memberById = new Map(rows.members.map((m) => [m.id, m]));
  const sources: CalendarSource[] = rows.feeds.map((feed) => {
    const member = feed.member_id === null ? undefined : memberById.get(feed.member_id);
    return { calendar: feed.name, color: member?.color ?? feed.color, person: member ? asPerson(member) : null, events: rows.feedSeries.get(feed.id) ?? [] };
  });
  const namedById = new Map(rows.named.map((p) => [p.id, p]));
  const personOf = new Map<string, EntryPerson>();
  for (const event of rows.familyEvents) {
    const first = whoOf(event)[0];
    const row = first && 'member' in first ? memberById.get(first.member) : first && 'person' in first ? namedById.get(first.person) : undefined;
    if (row) personOf.set(event.uid, asPerson(row));
  }
  sources.push({ calendar: FAMILY_CALENDAR, own: true, color: FAMILY_EVENTS_COLOR, person: null, events: rows.familyEvents.map((e) => familyEventSeries(e, rows.changes)), personOf });
  const birthdays = [
    ...rows.members.filter((m) => m.birth_date).map((m) => ({ key: `m${m.id}`, name: m.name, birthDate: m.birth_date!, person: asPerson(m) })),
    ...rows.named.filter((p) => p.birth_date).map((p) => ({ key: `p${p.id}`, name: p.name, birthDate: p.birth_date!, person: asPerson(p) })),
  ];
  return { sources, birthdays };
}

/** Everything the agenda is made of for the range [fromMs, toMs): one read of every calendar table. */
export async function loadCalendarRows(db: FamilyDb, fromMs: number, toMs: number): Promise<CalendarRows> {
  return {
    feeds: await db.selectFrom('calendar_feeds').select(['id', 'name', 'color', 'member_id', 'fetched_at', 'checked_at', 'error']).orderBy('position').orderBy('id').execute(),
    feedSeries: await feedSeriesNear(db, fromMs, toMs),
    familyEvents: await listFamilyEvents(db),
    changes: await listFamilyEventChanges(db),
    members: await db.selectFrom('members').select(['id', 'display_name as name', 'color', 'avatar', 'image_id', 'birth_date']).execute(),
    named: await db.selectFrom('named_people').select(['id', 'name', 'color', 'avatar', 'image_id', 'birth_date']).execute(),
  };
}

export type Who = { member: number } | { person: number } | { name: string };

/** Who an own event is for, from its JSON column (an unreadable value reads as nobody). */
export function whoOf(event: Pick<FamilyEvent, 'who'>): Who[] {
  try {
    const value = JSON.parse(event.who) as unknown;
    return Array.isArray(value) ? (value.filter((w) => w && typeof w === 'object') as Who[]) : [];
  } catch {
    return [];
  }
}
