import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FamilyDb } from '../../tenants/family-database.js';
import { hashToken } from '../../accounts/session.js';
import type { ChangeColumns, EventColumns } from './event-fields.js';
import type { FamilyEvent, FamilyEventChange } from './tables.js';

// The family's own events, their changed occurrences and the private
// iCalendar addresses: plain functions taking the db first.

const nowText = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export function getFamilyEvent(db: FamilyDb, id: number): Promise<FamilyEvent | undefined> {
  return db.selectFrom('family_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listEventChanges(db: FamilyDb, eventId: number): Promise<FamilyEventChange[]> {
  return db.selectFrom('family_event_changes').selectAll().where('event_id', '=', eventId).orderBy('occurrence_date').execute();
}

export function getEventChange(db: FamilyDb, eventId: number, occurrenceDate: string): Promise<FamilyEventChange | undefined> {
  return db.selectFrom('family_event_changes').selectAll().where('event_id', '=', eventId).where('occurrence_date', '=', occurrenceDate).executeTakeFirst();
}

/** Adds an event with a new random UID (its identity in the iCalendar address). */
export async function insertFamilyEvent(db: FamilyDb, columns: EventColumns, createdBy: number | null): Promise<number> {
  const row = await db
    .insertInto('family_events')
    .values({ ...columns, uid: randomUUID(), created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateFamilyEvent(db: FamilyDb, id: number, columns: EventColumns): Promise<void> {
  await db
    .updateTable('family_events')
    .set({ ...columns, updated_at: nowText })
    .where('id', '=', id)
    .execute();
}

/** Deletes an event and every change of its occurrences. */
export async function deleteFamilyEvent(db: FamilyDb, id: number): Promise<boolean> {
  await db.deleteFrom('family_event_changes').where('event_id', '=', id).execute();
  const result = await db.deleteFrom('family_events').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Changes (or cancels) one occurrence; the event's updated_at moves too, for the iCalendar address's DTSTAMP. */
export async function saveEventChange(db: FamilyDb, eventId: number, occurrenceDate: string, change: ChangeColumns | 'cancelled'): Promise<void> {
  const columns =
    change === 'cancelled'
      ? { cancelled: 1, title: null, all_day: null, start_date: null, start_time: null, end_date: null, end_time: null, location: null, note: null }
      : { cancelled: 0, ...change };
  await db
    .insertInto('family_event_changes')
    .values({ event_id: eventId, occurrence_date: occurrenceDate, ...columns })
    .onConflict((oc) => oc.columns(['event_id', 'occurrence_date']).doUpdateSet(columns))
    .execute();
  await touchEvent(db, eventId);
}

/** Back to what the series says on that day. */
export async function removeEventChange(db: FamilyDb, eventId: number, occurrenceDate: string): Promise<boolean> {
  const result = await db.deleteFrom('family_event_changes').where('event_id', '=', eventId).where('occurrence_date', '=', occurrenceDate).executeTakeFirst();
  await touchEvent(db, eventId);
  return Number(result.numDeletedRows) > 0;
}

/** Drops changes of days that are no longer occurrences (after the series was edited). */
export async function removeEventChanges(db: FamilyDb, eventId: number, occurrenceDates: readonly string[]): Promise<void> {
  if (occurrenceDates.length === 0) return;
  await db.deleteFrom('family_event_changes').where('event_id', '=', eventId).where('occurrence_date', 'in', occurrenceDates).execute();
}

async function touchEvent(db: FamilyDb, eventId: number): Promise<void> {
  await db.updateTable('family_events').set({ updated_at: nowText }).where('id', '=', eventId).execute();
}

// ---------------------------------------------------------------- private iCalendar addresses

export interface CalendarLinkItem {
  id: number;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export function listCalendarLinks(db: FamilyDb): Promise<CalendarLinkItem[]> {
  return db
    .selectFrom('calendar_links')
    .select(['id', 'label', 'created_at', 'revoked_at'])
    .orderBy(sql`revoked_at is not null`)
    .orderBy('id', 'desc')
    .execute();
}

/** Only the token's hash is kept: the full address exists only in the admin's browser when it is made. */
export async function createCalendarLink(db: FamilyDb, token: string, label: string): Promise<number> {
  const row = await db.insertInto('calendar_links').values({ token_hash: hashToken(token), label }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Stops the address working at once. False when there is no such address. */
export async function revokeCalendarLink(db: FamilyDb, id: number): Promise<boolean> {
  const result = await db.updateTable('calendar_links').set({ revoked_at: nowText }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return true;
  return (await db.selectFrom('calendar_links').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function deleteCalendarLink(db: FamilyDb, id: number): Promise<boolean> {
  const result = await db.deleteFrom('calendar_links').where('id', '=', id).where('revoked_at', 'is not', null).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether the token names an address that works. */
export async function calendarLinkWorks(db: FamilyDb, token: string): Promise<boolean> {
  const row = await db.selectFrom('calendar_links').select('id').where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}
