import { CompiledQuery } from 'kysely';
import type { FamilyDb } from '../tenants/family-database.js';
import type { FamilyLease } from '../tenants/pool.js';
import type { FamilySettings } from '../family/tables.js';
import type { DashboardSize } from './tables.js';
import type { Chore, ChoreMode } from '../kinds/chores/tables.js';
import type { Countdown } from '../kinds/countdowns/tables.js';

// Everything one dashboard shows, in a handful of queries whatever the number
// of chores: one per table, never one per chore.
//
// These run on every dashboard load, and the first on every refresh poll of
// every screen. Kysely's builder compiles a query anew on each call, which
// costs more than SQLite takes to run these (~30 µs a query), so here they are
// SQL written once, run through Kysely's executor (the pool keeps the prepared
// statements). Their columns are those of the table types in */tables.ts.

function run<Row>(db: FamilyDb, sql: string, parameters: unknown[] = []): Promise<Row[]> {
  return db.executeQuery(CompiledQuery.raw(sql, parameters) as CompiledQuery<Row>).then((result) => result.rows);
}

/** The family's settings with the revision of its data (see FamilyLease.revision). */
export type SettingsWithRevision = FamilySettings & { revision: string };

/** What a refresh poll needs: no query at all while nothing has changed. */
export async function getSettingsWithRevision(family: FamilyLease): Promise<SettingsWithRevision> {
  const settings = await family.remember('settings', async () => {
    const [row] = await run<FamilySettings>(family.db, 'select * from family_settings where id = 1');
    if (!row) throw new Error('The family file has no settings row.');
    return row;
  });
  return { ...settings, revision: family.revision() };
}

export interface DashboardSummary {
  id: number;
  name: string;
  size: DashboardSize;
  is_default: number;
}

/** Every dashboard, in the order the admin gave them (for the tabs). */
export function listDashboards(db: FamilyDb): Promise<DashboardSummary[]> {
  return run<DashboardSummary>(db, 'select id, name, size, is_default from dashboards order by position, id');
}

export function getDashboardSummary(db: FamilyDb, id: number): Promise<DashboardSummary | undefined> {
  return db.selectFrom('dashboards').select(['id', 'name', 'size', 'is_default']).where('id', '=', id).executeTakeFirst();
}

/** The default dashboard, or else the first one; null when the family has none. */
export function pickDefaultDashboard(dashboards: readonly DashboardSummary[]): DashboardSummary | null {
  return dashboards.find((d) => d.is_default === 1) ?? dashboards[0] ?? null;
}

/** The columns of the table types (chores/tables.ts, countdowns/tables.ts) a dashboard shows. */
export type DashboardChoreRow = Pick<Chore, 'id' | 'position' | 'name' | 'icon' | 'image_id' | 'mode' | 'anchor_day' | 'turn_offset'>;

/** One place in a rotation, with the member's look when the entry is a member. */
export interface RotationEntryRow {
  id: number;
  chore_id: number;
  member_id: number | null;
  name: string | null;
  member_name: string | null;
  member_color: string | null;
  member_avatar: string | null;
  member_image_id: number | null;
}

export interface CompletionRow {
  chore_id: number;
  done_by_member_id: number | null;
  done_by_name: string;
}

export type DashboardCountdownRow = Pick<Countdown, 'id' | 'name' | 'icon' | 'image_id' | 'kind' | 'year' | 'month' | 'day'>;

export interface DashboardItems {
  chores: DashboardChoreRow[];
  entries: RotationEntryRow[];
  completions: CompletionRow[];
  countdowns: DashboardCountdownRow[];
}

// Everything on one dashboard comes back as one row of JSON arrays, one per
// table: a single statement (one file lock, one trip through the driver), and
// JSON.parse builds the rows far faster than the driver builds objects; for a
// dashboard of 20 chores and 20 countdowns this halves the time to load it.
const ITEMS_SQL = `select
  (select json_group_array(json_array(id, position, name, icon, image_id, mode, anchor_day, turn_offset) order by position, id)
     from chores where dashboard_id = :dashboard) as chores,
  (select json_group_array(json_array(id, chore_id, member_id, name) order by chore_id, position, id)
     from chore_entries where chore_id in (select id from chores where dashboard_id = :dashboard)) as entries,
  (select json_group_array(json_array(id, display_name, color, avatar, image_id))
     from members where id in (select member_id from chore_entries where chore_id in (select id from chores where dashboard_id = :dashboard))) as members,
  (select json_group_array(json_array(cc.chore_id, cc.done_by_member_id, cc.done_by_name) order by cc.id)
     from chore_completions cc join chores c on c.id = cc.chore_id where c.dashboard_id = :dashboard and cc.day = :day) as completions,
  (select json_group_array(json_array(id, name, icon, image_id, kind, year, month, day) order by id)
     from countdowns where dashboard_id = :dashboard) as countdowns`;

// The driver binds positional parameters: each :name above becomes a ?, in order.
const ITEMS_PARAMETERS = [...ITEMS_SQL.matchAll(/:(dashboard|day)\b/g)].map((m) => m[1] as 'dashboard' | 'day');
const ITEMS_POSITIONAL_SQL = ITEMS_SQL.replace(/:(dashboard|day)\b/g, '?');

type Json<T extends unknown[]> = T[];

interface ItemsRow {
  chores: string;
  entries: string;
  members: string;
  completions: string;
  countdowns: string;
}

/** Chores, every rotation entry of them (with the members' looks), today's completions and countdowns of one dashboard. */
/** The items of a dashboard for a day, read once for as long as the family's data stays the same. */
export function rememberDashboardItems(family: FamilyLease, dashboardId: number, today: number): Promise<DashboardItems> {
  // Kept for the family, beyond its handle: a display of one of many families then needs no
  // query after its handle was evicted. The cost is the rows of at most 1,024 families'
  // dashboards (docs/benchmarks.md shows the RSS of 1,000 busy families).
  return family.remember(`items:${dashboardId}:${today}`, () => loadDashboardItems(family.db, dashboardId, today));
}

export async function loadDashboardItems(db: FamilyDb, dashboardId: number, today: number): Promise<DashboardItems> {
  const values = { dashboard: dashboardId, day: today };
  const [row] = await run<ItemsRow>(db, ITEMS_POSITIONAL_SQL, ITEMS_PARAMETERS.map((name) => values[name]));
  if (!row) return { chores: [], entries: [], completions: [], countdowns: [] };

  const chores = (JSON.parse(row.chores) as Json<[number, number, string, string, number | null, ChoreMode, number, number]>).map(
    ([id, position, name, icon, image_id, mode, anchor_day, turn_offset]): DashboardChoreRow => ({ id, position, name, icon, image_id, mode, anchor_day, turn_offset }),
  );
  const members = new Map<number, [number, string, string, string, number | null]>();
  for (const m of JSON.parse(row.members) as Json<[number, string, string, string, number | null]>) members.set(m[0], m);
  const entries = (JSON.parse(row.entries) as Json<[number, number, number | null, string | null]>).map(([id, chore_id, member_id, name]): RotationEntryRow => {
    const member = member_id === null ? undefined : members.get(member_id);
    return {
      id,
      chore_id,
      member_id,
      name,
      member_name: member?.[1] ?? null,
      member_color: member?.[2] ?? null,
      member_avatar: member?.[3] ?? null,
      member_image_id: member?.[4] ?? null,
    };
  });
  const completions = (JSON.parse(row.completions) as Json<[number, number | null, string]>).map(
    ([chore_id, done_by_member_id, done_by_name]): CompletionRow => ({ chore_id, done_by_member_id, done_by_name }),
  );
  const countdowns = (JSON.parse(row.countdowns) as Json<[number, string, string, number | null, 'yearly' | 'once', number | null, number, number]>).map(
    ([id, name, icon, image_id, kind, year, month, day]): DashboardCountdownRow => ({ id, name, icon, image_id, kind, year, month, day }),
  );
  return { chores, entries, completions, countdowns };
}
