import type { FamilyDb } from '../tenants/family-database.js';
import type { Dashboard, DashboardSize } from '../dashboards/tables.js';
import { CARD_KINDS } from '../kinds/index.js';
import type { I18n } from '../i18n/i18n.js';

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

export async function insertDashboard(db: FamilyDb, values: { name: string; size: DashboardSize; sections: string }): Promise<number> {
  const last = await db.selectFrom('dashboards').select((eb) => eb.fn.max('position').as('position')).executeTakeFirst();
  const hasAny = await db.selectFrom('dashboards').select('id').executeTakeFirst();
  const row = await db
    .insertInto('dashboards')
    .values({ name: values.name, size: values.size, sections: values.sections, position: Number(last?.position ?? 0) + 1, is_default: hasAny ? 0 : 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDashboard(db: FamilyDb, id: number, values: { name: string; size: DashboardSize; sections: string }): Promise<void> {
  await db.updateTable('dashboards').set({ name: values.name, size: values.size, sections: values.sections }).where('id', '=', id).execute();
}

/** Makes one dashboard the default (the unique index allows one at a time, so the old one is cleared first). */
export async function makeDefaultDashboard(db: FamilyDb, id: number): Promise<void> {
  await db.updateTable('dashboards').set({ is_default: 0 }).where('is_default', '=', 1).where('id', '!=', id).execute();
  await db.updateTable('dashboards').set({ is_default: 1 }).where('id', '=', id).execute();
}

export interface DashboardItemCounts {
  /** Items of each kind of card (src/kinds/), by kind name. */
  byKind: Record<string, number>;
  /** Display links that still work. */
  displayLinks: number;
}

export async function countDashboardItems(db: FamilyDb, id: number): Promise<DashboardItemCounts> {
  const byKind: Record<string, number> = {};
  for (const kind of CARD_KINDS) byKind[kind.name] = await kind.countOnDashboard(db, id);
  const links = await db.selectFrom('display_links').select((eb) => eb.fn.countAll<number>().as('n')).where('dashboard_id', '=', id).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
  return { byKind, displayLinks: Number(links.n) };
}

/** "3 chores and 1 countdown" in the reader's language; empty when there are none. */
export function describeItems(byKind: Readonly<Record<string, number>>, i18n: I18n): string {
  return i18n.list(CARD_KINDS.filter((kind) => (byKind[kind.name] ?? 0) > 0).map((kind) => kind.count(byKind[kind.name]!, i18n.t)));
}

export type DashboardDeletion =
  | { ok: true; deleted: Dashboard; movedTo: Dashboard; moved: DashboardItemCounts }
  | { ok: false; reason: 'last' | 'default' };

/**
 * Deletes a dashboard that is neither the last nor the default one. Its items
 * of every kind move to the default dashboard; its display links go with it
 * (the foreign key cascades). Run inside a transaction.
 */
export async function deleteDashboardMovingItems(db: FamilyDb, dashboard: Dashboard): Promise<DashboardDeletion> {
  const all = await listDashboards(db);
  if (all.length <= 1) return { ok: false, reason: 'last' };
  const target = await getDefaultDashboard(db);
  if (!target || target.id === dashboard.id) return { ok: false, reason: 'default' };
  const moved = await countDashboardItems(db, dashboard.id);
  for (const kind of CARD_KINDS) moved.byKind[kind.name] = await kind.moveToDashboard(db, dashboard.id, target.id);
  await db.deleteFrom('dashboards').where('id', '=', dashboard.id).execute();
  return { ok: true, deleted: dashboard, movedTo: target, moved };
}
