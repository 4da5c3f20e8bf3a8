import { CompiledQuery } from 'kysely';
import type { FamilyDb } from '../tenants/family-database.js';
import type { FamilyLease } from '../tenants/pool.js';
import type { FamilySettings } from '../family/tables.js';
import type { DashboardSize } from './tables.js';
import { kindsOfDashboard, type CardKind } from '../kinds/index.js';

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
export function getSettingsWithRevision(family: FamilyLease): Promise<SettingsWithRevision> {
  // Remembered with the revision in it, which is the revision it is remembered by: copying the
  // row to add it on every request cost more than the rest of a 304 (a wide row is slow to spread).
  const revision = family.revision();
  return family.remember('settings', async () => {
    const [row] = await run<FamilySettings>(family.db, 'select * from family_settings where id = 1');
    if (!row) throw new Error('The family file has no settings row.');
    return Object.assign(row, { revision }) as SettingsWithRevision;
  });
}

export interface DashboardSummary {
  id: number;
  name: string;
  size: DashboardSize;
  is_default: number;
  /** The kinds of card it shows, in order (src/kinds/index.ts). */
  sections: string;
}

/** Every dashboard, in the order the admin gave them (for the tabs). */
export function listDashboardTabs(db: FamilyDb): Promise<DashboardSummary[]> {
  return run<DashboardSummary>(db, 'select id, name, size, is_default, sections from dashboards order by position, id');
}

export function getDashboardSummary(db: FamilyDb, id: number): Promise<DashboardSummary | undefined> {
  return db.selectFrom('dashboards').select(['id', 'name', 'size', 'is_default', 'sections']).where('id', '=', id).executeTakeFirst();
}

/** The default dashboard, or else the first one; null when the family has none. */
export function pickDefaultDashboard(dashboards: readonly DashboardSummary[]): DashboardSummary | null {
  return dashboards.find((d) => d.is_default === 1) ?? dashboards[0] ?? null;
}

/** One section of a dashboard: a kind of card and the rows its cards are built from. */
export interface LoadedSection {
  kind: CardKind;
  rows: unknown;
}

// Everything on one dashboard comes back as one row: each kind adds its
// scalar subqueries (src/kinds/kind.ts, DashboardQuery) to a single
// statement — one file lock, one trip through the driver. For a dashboard of
// 20 chores and 20 countdowns this halves the time to load it. The statement
// for each combination of kinds is written once.
interface ComposedQuery {
  kinds: CardKind[];
  sql: string;
  /** The driver binds positional parameters: each :name becomes a ?, in order. */
  parameters: Array<'dashboard' | 'day'>;
}

const composed = new Map<string, ComposedQuery>();

function composeQuery(sections: string): ComposedQuery {
  let query = composed.get(sections);
  if (query) return query;
  const kinds = kindsOfDashboard(sections);
  const columns = kinds.flatMap((kind) => kind.dashboard.columns).map((column, i) => `(${column}) as c${i}`);
  const named = `select ${columns.length ? columns.join(',\n') : 'null as c0'}`;
  query = {
    kinds,
    sql: named.replace(/:(dashboard|day)\b/g, '?'),
    parameters: [...named.matchAll(/:(dashboard|day)\b/g)].map((m) => m[1] as 'dashboard' | 'day'),
  };
  // Only the few combinations of kinds families choose are ever asked for.
  if (composed.size < 256) composed.set(sections, query);
  return query;
}

/** The sections of a dashboard for a day, read once for as long as the family's data stays the same. */
export function rememberDashboardSections(family: FamilyLease, dashboard: { id: number; sections: string }, today: number): Promise<LoadedSection[]> {
  // Kept for the family, beyond its handle: a display of one of many families then needs no
  // query after its handle was evicted. The cost is the rows of at most 1,024 families'
  // dashboards (docs/benchmarks.md shows the RSS of 1,000 busy families).
  return family.remember(`sections:${dashboard.id}:${dashboard.sections}:${today}`, () => loadDashboardSections(family.db, dashboard, today));
}

export async function loadDashboardSections(db: FamilyDb, dashboard: { id: number; sections: string }, today: number): Promise<LoadedSection[]> {
  const query = composeQuery(dashboard.sections);
  const values = { dashboard: dashboard.id, day: today };
  const [row] = await run<Record<string, string>>(db, query.sql, query.parameters.map((name) => values[name]));
  const cells = query.kinds.length && row ? Object.values(row) : [];
  let next = 0;
  return query.kinds.map((kind) => {
    const mine = cells.slice(next, (next += kind.dashboard.columns.length));
    return { kind, rows: kind.dashboard.read(mine) };
  });
}
