import { formatIsoDate, fromDayNumber } from '../../calendar/civil-date.js';
import type { FamilyDb } from '../../tenants/family-database.js';
import { defineKind } from '../kind.js';
import { choreDashboardQuery } from './dashboard-rows.js';
import { choreCards } from './card.js';
import { choresHub } from './hub.js';
import { choreAdminRoutes } from './admin-routes.js';
import { completionRoutes } from './completion-routes.js';

/** Chores: whose turn it is today, in a rotation of members and named people. */
export const chores = defineKind({
  name: 'chores',
  title: (t) => t('chores.title'),
  count: (n, t) => t('chores.count', { count: n }),
  addLabel: (t) => t('chores.add'),
  shownByDefault: true,
  dashboard: choreDashboardQuery,
  cards: choreCards,
  adminRoutes: choreAdminRoutes,
  memberRoutes: completionRoutes,
  hub: choresHub,

  async imageInUse(db, imageId) {
    return (await db.selectFrom('chores').select('id').where('image_id', '=', imageId).executeTakeFirst()) !== undefined;
  },

  // A chore's own picture, or the photo of a member in its rotation.
  async imageOnDashboard(db, dashboardId, imageId) {
    const row = await db
      .selectFrom('chores')
      .select('chores.id')
      .where('chores.dashboard_id', '=', dashboardId)
      .where((eb) =>
        eb.or([
          eb('chores.image_id', '=', imageId),
          eb.exists(
            eb
              .selectFrom('chore_entries')
              .innerJoin('members', 'members.id', 'chore_entries.member_id')
              .select('chore_entries.id')
              .whereRef('chore_entries.chore_id', '=', 'chores.id')
              .where('members.image_id', '=', imageId),
          ),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  },

  async countOnDashboard(db, dashboardId) {
    const row = await db.selectFrom('chores').select((eb) => eb.fn.countAll<number>().as('n')).where('dashboard_id', '=', dashboardId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  // After the other dashboard's own chores, in their order.
  async moveToDashboard(db, fromId, toId) {
    const last = await db.selectFrom('chores').select((eb) => eb.fn.max('position').as('p')).where('dashboard_id', '=', toId).executeTakeFirst();
    const base = Number(last?.p ?? 0) + 1;
    const result = await db
      .updateTable('chores')
      .set((eb) => ({ dashboard_id: toId, position: eb('position', '+', base) }))
      .where('dashboard_id', '=', fromId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  exportRows: async (db: FamilyDb) => ({ chores: await exportChores(db) }),
});

async function exportChores(db: FamilyDb) {
  const rows = await db.selectFrom('chores').selectAll().orderBy('dashboard_id').orderBy('position').orderBy('id').execute();
  const entries = await db.selectFrom('chore_entries').selectAll().orderBy('chore_id').orderBy('position').execute();
  const completions = await db.selectFrom('chore_completions').selectAll().orderBy('chore_id').orderBy('day').orderBy('id').execute();
  return rows.map((c) => ({
    id: c.id,
    dashboardId: c.dashboard_id,
    name: c.name,
    icon: c.icon,
    imageId: c.image_id,
    mode: c.mode,
    // The day the rotation counts from, and how many turns it is ahead of that day.
    anchorDate: formatIsoDate(fromDayNumber(c.anchor_day)),
    turnOffset: c.turn_offset,
    position: c.position,
    createdAt: c.created_at,
    rotation: entries.filter((e) => e.chore_id === c.id).map((e) => ({ position: e.position, memberId: e.member_id, name: e.name })),
    completions: completions
      .filter((done) => done.chore_id === c.id)
      .map((done) => ({
        date: formatIsoDate(fromDayNumber(done.day)),
        doneByMemberId: done.done_by_member_id,
        doneByName: done.done_by_name,
        recordedByMemberId: done.recorded_by_member_id,
        createdAt: done.created_at,
      })),
  }));
}

