import { ADMIN, GRANDPA, KID, createTestFamily, type TestApp } from '../helpers/family-app.js';
import type { ChoreMode } from '../../src/kinds/chores/tables.js';
import type { FamilySettingsChanges } from '../../src/family/queries.js';
import { updateFamilySettings } from '../../src/family/queries.js';

// Rows for dashboard tests, written straight into a family's file (the admin
// forms for chores and countdowns are tested on their own).

export type Turn = { memberId: number } | { name: string };

export async function memberIdOf(t: TestApp, slug: string, username: string): Promise<number> {
  return t.pool.withFamily(slug, async ({ db }) => (await db.selectFrom('members').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
}

export async function defaultDashboardId(t: TestApp, slug: string): Promise<number> {
  return t.pool.withFamily(slug, async ({ db }) => (await db.selectFrom('dashboards').select('id').where('is_default', '=', 1).executeTakeFirstOrThrow()).id);
}

export async function addDashboard(t: TestApp, slug: string, name: string, size: 'small' | 'medium' | 'large' = 'medium'): Promise<number> {
  return t.pool.withFamily(slug, async ({ db }) => (await db.insertInto('dashboards').values({ name, size, position: 1 }).returning('id').executeTakeFirstOrThrow()).id);
}

export interface NewChore {
  dashboardId: number;
  name: string;
  icon?: string;
  imageId?: number | null;
  mode?: ChoreMode;
  anchorDay: number;
  offset?: number;
  people: Turn[];
}

export async function addChore(t: TestApp, slug: string, chore: NewChore): Promise<number> {
  return t.pool.withFamily(slug, async ({ db }) => {
    const { id } = await db
      .insertInto('chores')
      .values({ dashboard_id: chore.dashboardId, name: chore.name, icon: chore.icon ?? '🍽️', image_id: chore.imageId ?? null, mode: chore.mode ?? 'daily', anchor_day: chore.anchorDay, turn_offset: chore.offset ?? 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    let position = 0;
    for (const p of chore.people) {
      await db
        .insertInto('chore_entries')
        .values({ chore_id: id, position: position++, member_id: 'memberId' in p ? p.memberId : null, name: 'name' in p ? p.name : null })
        .execute();
    }
    return id;
  });
}

export interface NewCountdown {
  dashboardId: number;
  name: string;
  icon?: string;
  imageId?: number | null;
  kind?: 'yearly' | 'once';
  year?: number | null;
  month: number;
  day: number;
}

export async function addCountdown(t: TestApp, slug: string, c: NewCountdown): Promise<number> {
  return t.pool.withFamily(slug, async ({ db }) =>
    (
      await db
        .insertInto('countdowns')
        .values({ dashboard_id: c.dashboardId, name: c.name, icon: c.icon ?? '🎂', image_id: c.imageId ?? null, kind: c.kind ?? 'yearly', year: c.year ?? null, month: c.month, day: c.day })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  );
}

export async function addImage(t: TestApp, slug: string, bytes: Uint8Array, sha256: string): Promise<number> {
  return t.pool.withFamily(slug, async ({ db }) =>
    (await db.insertInto('images').values({ sha256, webp: Buffer.from(bytes), width: 8, height: 8 }).returning('id').executeTakeFirstOrThrow()).id,
  );
}

export async function clearItems(t: TestApp, slug: string): Promise<void> {
  await t.pool.withFamily(slug, async ({ db }) => {
    await db.deleteFrom('chore_completions').execute();
    await db.deleteFrom('chore_entries').execute();
    await db.deleteFrom('chores').execute();
    await db.deleteFrom('countdowns').execute();
  });
}

export async function completionsOf(t: TestApp, slug: string, choreId: number) {
  return t.pool.withFamily(slug, ({ db }) => db.selectFrom('chore_completions').selectAll().where('chore_id', '=', choreId).orderBy('id').execute());
}

export async function turnOffsetOf(t: TestApp, slug: string, choreId: number): Promise<number> {
  return t.pool.withFamily(slug, async ({ db }) => (await db.selectFrom('chores').select('turn_offset').where('id', '=', choreId).executeTakeFirstOrThrow()).turn_offset);
}

export async function setSettings(t: TestApp, slug: string, changes: FamilySettingsChanges): Promise<void> {
  await t.pool.withFamily(slug, ({ db }) => updateFamilySettings(db, changes));
}

/** The HTML of one card (<li id="chore-3">…</li>), or '' when it is not on the page. */
export function cardHtml(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start === -1) return '';
  const open = html.lastIndexOf('<li', start);
  const close = html.indexOf('</li>', start);
  return html.slice(open, close + 5);
}

/** Visible text of some HTML, tags dropped and whitespace folded. */
export function textOf(html: string): string {
  return html
    .replace(/<span class="visually-hidden">[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whose turn a chore card shows ('' when none). */
export function turnOf(card: string): string {
  const match = /<span class="turn-name">([\s\S]*?)<\/span>\s*<\/p>/.exec(card);
  return match ? textOf(match[1]!) : '';
}

/** The Smiths (an admin, a kid, a viewing grandpa; Berlin) and the Joneses, each signed in. */
export async function smithsAndJoneses(t: TestApp) {
  await createTestFamily(t, 'smiths', [ADMIN, KID, GRANDPA], { timeZone: 'Europe/Berlin' });
  await createTestFamily(t, 'jones', [{ ...ADMIN, username: 'jo' }]);
  return {
    admin: await t.signIn('smiths', ADMIN.username, ADMIN.password),
    kid: await t.signIn('smiths', KID.username, KID.password),
    viewer: await t.signIn('smiths', GRANDPA.username, GRANDPA.password),
    dashboardId: await defaultDashboardId(t, 'smiths'),
    kidId: await memberIdOf(t, 'smiths', KID.username),
    adminId: await memberIdOf(t, 'smiths', ADMIN.username),
    viewerId: await memberIdOf(t, 'smiths', GRANDPA.username),
  };
}
