import type { FamilyDb } from '../../tenants/family-database.js';
import { defineKind } from '../kind.js';
import { countdownDashboardQuery } from './dashboard-rows.js';
import { countdownCards } from './card.js';
import { countdownsHub } from './hub.js';
import { countdownAdminRoutes } from './admin-routes.js';

/** Countdowns: how many days until a birthday, a holiday or a one-off day. */
export const countdowns = defineKind({
  name: 'countdowns',
  title: (t) => t('countdowns.title'),
  count: (n, t) => t('countdowns.count', { count: n }),
  addLabel: (t) => t('countdowns.add'),
  shownByDefault: true,
  dashboard: countdownDashboardQuery,
  cards: countdownCards,
  adminRoutes: countdownAdminRoutes,
  hub: countdownsHub,

  async imageInUse(db, imageId) {
    return (await db.selectFrom('countdowns').select('id').where('image_id', '=', imageId).executeTakeFirst()) !== undefined;
  },

  // A countdown's picture, or the photo of someone whose birthday it counts down to.
  async imageOnDashboard(db, dashboardId, imageId) {
    const row = await db.selectFrom('countdowns').select('id').where('dashboard_id', '=', dashboardId).where('image_id', '=', imageId).executeTakeFirst();
    if (row) return true;
    const member = await db.selectFrom('members').select('id').where('image_id', '=', imageId).where('birth_date', 'is not', null).executeTakeFirst();
    const person = await db.selectFrom('named_people').select('id').where('image_id', '=', imageId).where('birth_date', 'is not', null).executeTakeFirst();
    return member !== undefined || person !== undefined;
  },

  async countOnDashboard(db, dashboardId) {
    const row = await db.selectFrom('countdowns').select((eb) => eb.fn.countAll<number>().as('n')).where('dashboard_id', '=', dashboardId).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  // Countdowns are shown soonest first, so where they go needs no position.
  async moveToDashboard(db, fromId, toId) {
    const result = await db.updateTable('countdowns').set({ dashboard_id: toId }).where('dashboard_id', '=', fromId).executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  exportRows: async (db: FamilyDb) => ({
    countdowns: (await db.selectFrom('countdowns').selectAll().orderBy('dashboard_id').orderBy('id').execute()).map((c) => ({
      id: c.id,
      dashboardId: c.dashboard_id,
      name: c.name,
      icon: c.icon,
      imageId: c.image_id,
      kind: c.kind,
      year: c.year,
      month: c.month,
      day: c.day,
      createdAt: c.created_at,
    })),
  }),
});
