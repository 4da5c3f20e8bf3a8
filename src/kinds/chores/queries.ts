import type { FamilyDb } from '../../tenants/family-database.js';
import type { Chore } from './tables.js';
import { rotationKeyForMember, rotationKeyForName, type RotationState } from './rotation.js';
import { deleteImageIfUnused } from '../../images/queries.js';

/** One place in a rotation as stored: exactly one of member_id and name is set. */
export type RotationEntryInput = { member_id: number; name: null } | { member_id: null; name: string };

/** A rotation entry with the member's look when it is a member (nulls for a free-text name). */
export interface RotationEntry {
  member_id: number | null;
  name: string | null;
  display_name: string | null;
  color: string | null;
  avatar: string | null;
}

export type ChoreWithEntries = Chore & { entries: RotationEntry[] };

/** The key rotation.ts compares entries by. */
export function entryKey(entry: { member_id: number | null; name: string | null }): string {
  return entry.member_id !== null ? rotationKeyForMember(entry.member_id) : rotationKeyForName(entry.name ?? '');
}

/** The name a person reads for an entry. */
export function entryLabel(entry: RotationEntry): string {
  return entry.member_id !== null ? (entry.display_name ?? '') : (entry.name ?? '');
}

export function rotationStateOf(chore: Pick<Chore, 'anchor_day' | 'turn_offset'>): RotationState {
  return { anchorDay: chore.anchor_day, offset: chore.turn_offset };
}

async function entriesByChore(db: FamilyDb, dashboardId: number | undefined, choreId: number | undefined): Promise<Map<number, RotationEntry[]>> {
  let query = db
    .selectFrom('chore_entries as e')
    .innerJoin('chores as c', 'c.id', 'e.chore_id')
    .leftJoin('members as m', 'm.id', 'e.member_id')
    .select(['e.chore_id', 'e.member_id', 'e.name', 'm.display_name', 'm.color', 'm.avatar'])
    .orderBy('e.chore_id')
    .orderBy('e.position');
  if (dashboardId !== undefined) query = query.where('c.dashboard_id', '=', dashboardId);
  if (choreId !== undefined) query = query.where('c.id', '=', choreId);
  const byChore = new Map<number, RotationEntry[]>();
  for (const { chore_id, ...entry } of await query.execute()) {
    let list = byChore.get(chore_id);
    if (!list) byChore.set(chore_id, (list = []));
    list.push(entry);
  }
  return byChore;
}

/** Chores (of one dashboard, or all) in their order, each with its rotation in order. */
export async function listChoresWithEntries(db: FamilyDb, dashboardId?: number): Promise<ChoreWithEntries[]> {
  let query = db.selectFrom('chores').selectAll().orderBy('position').orderBy('id');
  if (dashboardId !== undefined) query = query.where('dashboard_id', '=', dashboardId);
  const chores = await query.execute();
  const entries = await entriesByChore(db, dashboardId, undefined);
  return chores.map((chore) => ({ ...chore, entries: entries.get(chore.id) ?? [] }));
}

export async function getChore(db: FamilyDb, id: number): Promise<ChoreWithEntries | undefined> {
  const chore = await db.selectFrom('chores').selectAll().where('id', '=', id).executeTakeFirst();
  if (!chore) return undefined;
  const entries = await entriesByChore(db, undefined, id);
  return { ...chore, entries: entries.get(id) ?? [] };
}

export type ChoreValues = Pick<Chore, 'dashboard_id' | 'name' | 'icon' | 'image_id' | 'mode' | 'anchor_day' | 'turn_offset'>;

/** A new chore at the end of its dashboard, with its rotation. Run inside a transaction. */
export async function insertChore(db: FamilyDb, values: ChoreValues, entries: RotationEntryInput[]): Promise<number> {
  const last = await db.selectFrom('chores').select((eb) => eb.fn.max('position').as('p')).where('dashboard_id', '=', values.dashboard_id).executeTakeFirst();
  const row = await db
    .insertInto('chores')
    .values({ ...values, position: Number(last?.p ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceEntries(db, row.id, entries);
  return row.id;
}

export async function updateChore(db: FamilyDb, id: number, values: Partial<ChoreValues>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('chores').set(values).where('id', '=', id).execute();
}

/** Sets a chore's rotation to exactly these entries, in this order (positions from 0). */
export async function replaceEntries(db: FamilyDb, choreId: number, entries: RotationEntryInput[]): Promise<void> {
  await db.deleteFrom('chore_entries').where('chore_id', '=', choreId).execute();
  // SQLite allows a limited number of bound values per statement; 365 entries x 4 values fits, chunks keep it safe.
  for (let start = 0; start < entries.length; start += 200) {
    const rows = entries.slice(start, start + 200).map((e, i) => ({ chore_id: choreId, position: start + i, member_id: e.member_id, name: e.name }));
    await db.insertInto('chore_entries').values(rows).execute();
  }
}

/** Deletes a chore with its rotation and history, and its picture if nothing else shows it. Run inside a transaction. */
export async function deleteChore(db: FamilyDb, id: number): Promise<boolean> {
  const chore = await db.selectFrom('chores').select(['id', 'image_id']).where('id', '=', id).executeTakeFirst();
  if (!chore) return false;
  await db.deleteFrom('chores').where('id', '=', id).execute();
  await deleteImageIfUnused(db, chore.image_id);
  return true;
}

/** Ids of the chores whose rotation includes this member. */
export async function choreIdsWithMember(db: FamilyDb, memberId: number): Promise<number[]> {
  const rows = await db.selectFrom('chore_entries').select('chore_id').distinct().where('member_id', '=', memberId).orderBy('chore_id').execute();
  return rows.map((r) => r.chore_id);
}

export interface CompletionRow {
  id: number;
  day: number;
  done_by_name: string;
  done_by_member_id: number | null;
  /** Current display name of the member it was done by, if they are still in the family. */
  done_by_display_name: string | null;
  recorded_by_display_name: string | null;
  recorded_by_member_id: number | null;
  created_at: string;
}

/** Who did a chore when, newest first. */
export function listCompletions(db: FamilyDb, choreId: number, page: { limit: number; offset: number }): Promise<CompletionRow[]> {
  return db
    .selectFrom('chore_completions as cc')
    .leftJoin('members as done', 'done.id', 'cc.done_by_member_id')
    .leftJoin('members as rec', 'rec.id', 'cc.recorded_by_member_id')
    .select([
      'cc.id',
      'cc.day',
      'cc.done_by_name',
      'cc.done_by_member_id',
      'done.display_name as done_by_display_name',
      'rec.display_name as recorded_by_display_name',
      'cc.recorded_by_member_id',
      'cc.created_at',
    ])
    .where('cc.chore_id', '=', choreId)
    .orderBy('cc.day', 'desc')
    .orderBy('cc.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countCompletions(db: FamilyDb, choreId: number): Promise<number> {
  const row = await db.selectFrom('chore_completions').select((eb) => eb.fn.countAll<number>().as('n')).where('chore_id', '=', choreId).executeTakeFirstOrThrow();
  return Number(row.n);
}
