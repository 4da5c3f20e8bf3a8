import { Hono } from 'hono';
import { sql } from 'kysely';
import type { FamilyEnv } from '../../src/http/env.js';
import type { FamilyDb } from '../../src/tenants/family-database.js';
import { defineKind } from '../../src/kinds/kind.js';
import { cardIcon, escapeHtml } from '../../src/kinds/card-html.js';

// A kind of card that exists only in tests: stickers on a dashboard. It is
// added to the list the way a real kind is (one line in CARD_KINDS), to prove
// that the dashboard, the display, the hub, image checks, deletion and export
// reach it with no other edit. Its table stands in for its migration.

export const STICKERS_TABLE = sql`create table if not exists stickers (
  id integer primary key, dashboard_id integer not null references dashboards(id), name text not null,
  image_id integer references images(id) on delete set null)`;

type Sticker = { id: number; dashboard_id: number; name: string; image_id: number | null };

// Test-only rows are read through raw SQL: the family's table types know nothing of stickers.
async function all(db: FamilyDb, query: ReturnType<typeof sql>): Promise<Sticker[]> {
  return (await query.execute(db)).rows as Sticker[];
}

const adminRoutes = new Hono<FamilyEnv>();
adminRoutes.get('/new', (c) => c.html('<h1>Add a sticker</h1>'));

export const stickers = defineKind({
  name: 'stickers',
  title: () => 'Stickers',
  count: (n) => `${n} sticker${n === 1 ? '' : 's'}`,
  addLabel: () => 'Add a sticker',
  shownByDefault: false,
  dashboard: {
    columns: [`select json_group_array(json_array(id, name, image_id) order by id) from stickers where dashboard_id = :dashboard`],
    read: ([json]) => (JSON.parse(json!) as Array<[number, string, number | null]>).map(([id, name, image_id]) => ({ id, name, image_id })),
  },
  cards: (rows, ctx) => rows.map((s) => `<li class="dash-card sticker-card" id="sticker-${s.id}">${cardIcon('⭐', s.image_id, '⭐', ctx.links)}<h3 class="card-title">${escapeHtml(s.name)}</h3></li>`),
  adminRoutes,
  hub: {
    load: (db) => all(db, sql`select * from stickers order by id`),
    count: (rows, dashboardId) => rows.filter((s) => s.dashboard_id === dashboardId).length,
    list: (rows, dashboard) => rows.filter((s) => s.dashboard_id === dashboard.id).map((s) => `Sticker: ${s.name}`).join(', '),
  },
  imageInUse: async (db, imageId) => (await all(db, sql`select * from stickers where image_id = ${imageId}`)).length > 0,
  imageOnDashboard: async (db, dashboardId, imageId) => (await all(db, sql`select * from stickers where dashboard_id = ${dashboardId} and image_id = ${imageId}`)).length > 0,
  countOnDashboard: async (db, dashboardId) => (await all(db, sql`select * from stickers where dashboard_id = ${dashboardId}`)).length,
  moveToDashboard: async (db, fromId, toId) => Number((await sql`update stickers set dashboard_id = ${toId} where dashboard_id = ${fromId}`.execute(db)).numAffectedRows ?? 0),
  exportRows: async (db) => ({ stickers: (await all(db, sql`select * from stickers order by id`)).map((s) => ({ id: s.id, dashboardId: s.dashboard_id, name: s.name, imageId: s.image_id })) }),
});
