import { CompiledQuery, sql } from 'kysely';
import type { FamilyDb } from '../tenants/family-database.js';
import type { FamilyLease } from '../tenants/pool.js';
import { hashToken } from '../accounts/session.js';
import type { FamilySettings } from '../family/tables.js';
import type { DashboardSize } from '../dashboards/tables.js';
import { kindsOfDashboard } from '../kinds/index.js';

// Display links: an unguessable address that shows one dashboard without
// signing in. Only the token's SHA-256 is stored, so the full link exists
// only in the admin's browser at the moment it is created.

const nowText = sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** What a token looks like (generateToken: 20 random bytes, base32): anything else is not looked up. */
export function isDisplayToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[a-z2-7]{32}$/.test(token);
}

export interface DisplayLinkListItem {
  id: number;
  label: string;
  created_at: string;
  revoked_at: string | null;
  dashboard_id: number;
  dashboard_name: string;
}

export function listDisplayLinks(db: FamilyDb): Promise<DisplayLinkListItem[]> {
  return db
    .selectFrom('display_links')
    .innerJoin('dashboards', 'dashboards.id', 'display_links.dashboard_id')
    .select(['display_links.id', 'display_links.label', 'display_links.created_at', 'display_links.revoked_at', 'display_links.dashboard_id', 'dashboards.name as dashboard_name'])
    .orderBy(sql`display_links.revoked_at is not null`)
    .orderBy('display_links.id', 'desc')
    .execute();
}

export async function createDisplayLink(db: FamilyDb, dashboardId: number, token: string, label: string): Promise<number> {
  const row = await db.insertInto('display_links').values({ dashboard_id: dashboardId, token_hash: hashToken(token), label }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Stops the link working at once. False when there is no such link. */
export async function revokeDisplayLink(db: FamilyDb, id: number): Promise<boolean> {
  const result = await db.updateTable('display_links').set({ revoked_at: nowText }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return true;
  return (await db.selectFrom('display_links').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Gives the link a new token (the old address stops working) and makes it work again if it was revoked. */
export async function regenerateDisplayLink(db: FamilyDb, id: number, token: string): Promise<boolean> {
  const result = await db.updateTable('display_links').set({ token_hash: hashToken(token), revoked_at: null }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteDisplayLink(db: FamilyDb, id: number): Promise<boolean> {
  const result = await db.deleteFrom('display_links').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A working link with its dashboard and the family's settings and revision: everything a display poll needs. */
export type DisplayContext = FamilySettings & {
  revision: string;
  link_id: number;
  dashboard_id: number;
  dashboard_name: string;
  dashboard_size: DashboardSize;
  /** The kinds of card the dashboard shows, in order (src/kinds/index.ts). */
  dashboard_sections: string;
};

/** Asked on every page load and refresh poll of every wall screen: SQL written once rather than built by Kysely each time (see dashboard-queries.ts). */
const WORKING_LINK_SQL =
  'select s.*, l.id as link_id, l.dashboard_id, d.name as dashboard_name, d.size as dashboard_size, d.sections as dashboard_sections ' +
  'from display_links l join dashboards d on d.id = l.dashboard_id join family_settings s on s.id = 1 ' +
  'where l.token_hash = ? and l.revoked_at is null';

const workingLinkKey = (token: string) => `display-link:${token}`;

/** One query when the family's data changed, none while it has not: wall screens poll this every 30 s. */
export function findWorkingDisplayLink(family: FamilyLease, token: string): Promise<DisplayContext | undefined> {
  // Remembered with the revision it was read at (the one it is remembered under): copying the
  // row for each poll to add it cost more than the rest of the poll, the row's 20-odd columns
  // making a slow object for V8 to copy.
  return family.remember(workingLinkKey(token), async () => {
    const revision = family.revision();
    const result = await family.db.executeQuery(CompiledQuery.raw(WORKING_LINK_SQL, [hashToken(token)]) as CompiledQuery<Omit<DisplayContext, 'revision'>>);
    const row = result.rows[0];
    return row ? Object.assign(row, { revision }) : undefined;
  });
}

/** The link findWorkingDisplayLink found at the revision now (undefined inside: no working link), with no promise; undefined when not known. */
export function recallWorkingDisplayLink(family: FamilyLease, token: string): { value: DisplayContext | undefined } | undefined {
  return family.recall(workingLinkKey(token));
}

/**
 * An image the display's dashboard shows (each kind of card it shows says
 * which: a chore's or countdown's icon, the photo of someone in a chore's
 * rotation); other images of the family stay private to signed-in members.
 */
export async function getDisplayImage(db: FamilyDb, dashboard: { id: number; sections: string }, imageId: number): Promise<{ webp: Buffer; sha256: string } | undefined> {
  let shown = false;
  for (const kind of kindsOfDashboard(dashboard.sections)) {
    if ((shown = await kind.imageOnDashboard(db, dashboard.id, imageId))) break;
  }
  if (!shown) return undefined;
  return db.selectFrom('images').select(['webp', 'sha256']).where('id', '=', imageId).executeTakeFirst();
}
