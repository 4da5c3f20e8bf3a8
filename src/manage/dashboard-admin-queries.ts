import type { FamilyDb } from '../tenants/family-database.js';
import type { Dashboard, DashboardSize } from '../dashboards/tables.js';

// Admin queries for a family's dashboards. (The dashboard view reads the
// tables itself.) Callers wrap the changes that touch several rows in a
// transaction and pass the transaction as `db`.

export function listDashboards(db: FamilyDb): Promise<Dashboard[]> {
  return db.selectFrom('dashboards').selectAll().orderBy('position').orderBy('id').execute();
}

export function getDashboard(db: FamilyDb, id: number): Promise<Dashboard | undefined> {
  return db.selectFrom('dashboards').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The dashboard a family opens on; the oldest one if none is marked (an old or hand-edited file). */
export async function getDefaultDashboard(db: FamilyDb): Promise<Dashboard | undefined> {
  return db.selectFrom('dashboards').selectAll().orderBy('is_default', 'desc').orderBy('position').orderBy('id').executeTakeFirst();
}

export async function insertDashboard(db: FamilyDb, values: { name: string; size: DashboardSize }): Promise<number> {
  const last = await db.selectFrom('dashboards').select((eb) => eb.fn.max('position').as('position')).executeTakeFirst();
  const hasAny = await db.selectFrom('dashboards').select('id').executeTakeFirst();
  const row = await db
    .insertInto('dashboards')
    .values({ name: values.name, size: values.size, position: Number(last?.position ?? 0) + 1, is_default: hasAny ? 0 : 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDashboard(db: FamilyDb, id: number, values: { name: string; size: DashboardSize }): Promise<void> {
  await db.updateTable('dashboards').set({ name: values.name, size: values.size }).where('id', '=', id).execute();
}

/** Makes one dashboard the default (the unique index allows one at a time, so the old one is cleared first). */
export async function makeDefaultDashboard(db: FamilyDb, id: number): Promise<void> {
  await db.updateTable('dashboards').set({ is_default: 0 }).where('is_default', '=', 1).where('id', '!=', id).execute();
  await db.updateTable('dashboards').set({ is_default: 1 }).where('id', '=', id).execute();
}

export interface DashboardItemCounts {
  chores: number;
  countdowns: number;
  /** Display links that still work. */
  displayLinks: number;
}

export async function countDashboardItems(db: FamilyDb, id: number): Promise<DashboardItemCounts> {
  const [chores, countdowns, links] = await Promise.all([
    db.selectFrom('chores').select((eb) => eb.fn.countAll<number>().as('n')).where('dashboard_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('countdowns').select((eb) => eb.fn.countAll<number>().as('n')).where('dashboard_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('display_links').select((eb) => eb.fn.countAll<number>().as('n')).where('dashboard_id', '=', id).where('revoked_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { chores: Number(chores.n), countdowns: Number(countdowns.n), displayLinks: Number(links.n) };
}

export type DashboardDeletion =
  | { ok: true; deleted: Dashboard; movedTo: Dashboard; moved: DashboardItemCounts }
  | { ok: false; reason: 'last' | 'default' };

/**
 * Deletes a dashboard that is neither the last nor the default one. Its
 * chores and countdowns move to the end of the default dashboard; its display
 * links go with it (the foreign key cascades). Run inside a transaction.
 */
export async function deleteDashboardMovingItems(db: FamilyDb, dashboard: Dashboard): Promise<DashboardDeletion> {
  const all = await listDashboards(db);
  if (all.length <= 1) return { ok: false, reason: 'last' };
  const target = await getDefaultDashboard(db);
  if (!target || target.id === dashboard.id) return { ok: false, reason: 'default' };
  const moved = await countDashboardItems(db, dashboard.id);
  const lastChore = await db.selectFrom('chores').select((eb) => eb.fn.max('position').as('p')).where('dashboard_id', '=', target.id).executeTakeFirst();
  const choreBase = Number(lastChore?.p ?? 0) + 1;
  await db
    .updateTable('chores')
    .set((eb) => ({ dashboard_id: target.id, position: eb('position', '+', choreBase) }))
    .where('dashboard_id', '=', dashboard.id)
    .execute();
  await db.updateTable('countdowns').set({ dashboard_id: target.id }).where('dashboard_id', '=', dashboard.id).execute();
  await db.deleteFrom('dashboards').where('id', '=', dashboard.id).execute();
  return { ok: true, deleted: dashboard, movedTo: target, moved };
}
