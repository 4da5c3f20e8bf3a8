import type { FamilyDb } from '../../tenants/family-database.js';
import type { ChoreMode } from './tables.js';
import { advanceOnCompletion, undoCompletion } from './rotation.js';

// Marking a chore done for a day, and taking it back. In 'completion' mode the
// rotation moves on with the mark and back with the undo, in the same
// transaction, so a crash never leaves one without the other.

export interface ChoreToComplete {
  id: number;
  dashboard_id: number;
  name: string;
  mode: ChoreMode;
  anchor_day: number;
  turn_offset: number;
}

export interface RotationPerson {
  /** chore_entries.id */
  id: number;
  member_id: number | null;
  /** The member's display name, or the entry's free-text name. */
  name: string;
}

export async function getChoreToComplete(db: FamilyDb, choreId: number): Promise<ChoreToComplete | undefined> {
  return db
    .selectFrom('chores')
    .select(['id', 'dashboard_id', 'name', 'mode', 'anchor_day', 'turn_offset'])
    .where('id', '=', choreId)
    .executeTakeFirst();
}

/** The chore's rotation in order, each entry with the name to record. */
export async function listRotationPeople(db: FamilyDb, choreId: number): Promise<RotationPerson[]> {
  const rows = await db
    .selectFrom('chore_entries')
    .leftJoin('members', 'members.id', 'chore_entries.member_id')
    .select(['chore_entries.id', 'chore_entries.member_id', 'chore_entries.name', 'members.display_name'])
    .where('chore_entries.chore_id', '=', choreId)
    .orderBy('chore_entries.position')
    .orderBy('chore_entries.id')
    .execute();
  return rows.map((r) => ({ id: r.id, member_id: r.member_id, name: r.display_name ?? r.name ?? 'Someone' }));
}

export interface DoneBy {
  memberId: number | null;
  name: string;
}

/**
 * Records that the chore was done on `day` (a day number). Returns false, and
 * changes nothing, when it already was: a second tap never advances a
 * 'completion' rotation twice.
 */
export async function markChoreDone(db: FamilyDb, choreId: number, day: number, doneBy: DoneBy, recordedByMemberId: number | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const already = await trx.selectFrom('chore_completions').select('id').where('chore_id', '=', choreId).where('day', '=', day).executeTakeFirst();
    if (already) return false;
    const chore = await trx.selectFrom('chores').select(['mode', 'anchor_day', 'turn_offset']).where('id', '=', choreId).executeTakeFirst();
    if (!chore) return false;
    await trx
      .insertInto('chore_completions')
      .values({ chore_id: choreId, day, done_by_member_id: doneBy.memberId, done_by_name: doneBy.name, recorded_by_member_id: recordedByMemberId })
      .execute();
    if (chore.mode === 'completion') {
      const next = advanceOnCompletion({ anchorDay: chore.anchor_day, offset: chore.turn_offset });
      await trx.updateTable('chores').set({ turn_offset: next.offset }).where('id', '=', choreId).execute();
    }
    return true;
  });
}

/**
 * Takes back the chore's completion of `day`: only that day's, so yesterday's
 * cannot be undone today. Returns false when there was none.
 */
export async function undoChoreDone(db: FamilyDb, choreId: number, day: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('chore_completions').where('chore_id', '=', choreId).where('day', '=', day).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    const chore = await trx.selectFrom('chores').select(['mode', 'anchor_day', 'turn_offset']).where('id', '=', choreId).executeTakeFirst();
    if (chore?.mode === 'completion') {
      const previous = undoCompletion({ anchorDay: chore.anchor_day, offset: chore.turn_offset });
      await trx.updateTable('chores').set({ turn_offset: previous.offset }).where('id', '=', choreId).execute();
    }
    return true;
  });
}
