import type { FamilyDb } from '../../tenants/family-database.js';
import type { Countdown } from './tables.js';
import { deleteImageIfUnused } from '../../images/queries.js';

/** Countdowns (of one dashboard, or all), oldest first; sort by days remaining with sortByDaysRemaining. */
export function listCountdowns(db: FamilyDb, dashboardId?: number): Promise<Countdown[]> {
  let query = db.selectFrom('countdowns').selectAll().orderBy('id');
  if (dashboardId !== undefined) query = query.where('dashboard_id', '=', dashboardId);
  return query.execute();
}

export function getCountdown(db: FamilyDb, id: number): Promise<Countdown | undefined> {
  return db.selectFrom('countdowns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The date a stored countdown counts to, for countdown.ts. */

/** A countdown's fields; `year` is null for a yearly date. */
export type CountdownValues = Pick<Countdown, 'dashboard_id' | 'name' | 'icon' | 'image_id' | 'kind' | 'year' | 'month' | 'day'>;

export async function insertCountdown(db: FamilyDb, values: CountdownValues): Promise<number> {
  const row = await db.insertInto('countdowns').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCountdown(db: FamilyDb, id: number, values: CountdownValues): Promise<void> {
  await db.updateTable('countdowns').set(values).where('id', '=', id).execute();
}

/** Deletes a countdown and its picture if nothing else shows it. Run inside a transaction. */
export async function deleteCountdown(db: FamilyDb, id: number): Promise<boolean> {
  const countdown = await db.selectFrom('countdowns').select(['id', 'image_id']).where('id', '=', id).executeTakeFirst();
  if (!countdown) return false;
  await db.deleteFrom('countdowns').where('id', '=', id).execute();
  await deleteImageIfUnused(db, countdown.image_id);
  return true;
}

export { countdownWhen } from './countdown.js';
