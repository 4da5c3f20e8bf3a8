import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { familyFilePath } from '../tenants/paths.js';
import { FamilyNotFoundError } from '../tenants/errors.js';
import { LATEST_SCHEMA_VERSION, migrateFile } from '../tenants/migrate.js';
import { classifyFamilyFile, describeFamilyFile, openFamilyReadOnly } from '../tenants/family-file.js';
import { describeSqliteError } from '../tenants/sqlite-errors.js';
import type { FamilyDatabase } from '../tenants/family-database.js';
import { CARD_KINDS } from '../kinds/index.js';
import { APP_VERSION } from '../config.js';
import { OwnerError } from './errors.js';
import { vacuumInto } from './sqlite-files.js';

export const EXPORT_FORMAT = 'dinkydash-family-export';
export const EXPORT_FORMAT_VERSION = 1;

/**
 * The family's data as one JSON document, for people who want it outside
 * DinkyDash. Secrets stay behind: no password hashes, no sessions, no
 * invitation or display-link token hashes. Images are base64 WebP.
 */
export interface FamilyExport {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  exportedAt: string;
  dinkydashVersion: string;
  slug: string;
  schemaVersion: number;
  settings: {
    name: string;
    timeZone: string;
    theme: string;
    accentColor: string;
    dateFormat: string;
    nightMode: boolean;
    nightStart: string;
    nightEnd: string;
    displayCanComplete: boolean;
    createdAt: string;
  };
  members: Array<{ id: number; username: string; displayName: string; role: string; color: string; avatar: string; imageId: number | null; createdAt: string; updatedAt: string }>;
  dashboards: Array<{ id: number; name: string; size: string; isDefault: boolean; position: number; createdAt: string }>;
  /** Each kind of card's part (src/kinds/: `chores`, `countdowns`, …), under the keys the kind chooses. */
  [kindPart: string]: unknown;
  displayLinks: Array<{ id: number; dashboardId: number; label: string; createdAt: string; revokedAt: string | null }>;
  images: Array<{ id: number; sha256: string; width: number; height: number; createdAt: string; contentType: 'image/webp'; base64: string }>;
}

/** Reads the family through a read-only handle in one read transaction (a consistent picture while the server writes). */
export async function exportFamily(dataDir: string, slug: string, now = new Date()): Promise<FamilyExport> {
  const file = familyFilePath(dataDir, slug);
  if (!fs.existsSync(file)) throw new FamilyNotFoundError(slug);
  let sqlite: Database.Database | undefined;
  let tempDir: string | undefined;
  try {
    sqlite = openFamilyReadOnly(file);
    const verdict = classifyFamilyFile(sqlite);
    if (verdict.kind !== 'family') throw refuse(slug, describeFamilyFile(verdict));
    if (verdict.schemaVersion < LATEST_SCHEMA_VERSION) {
      // Never migrate the family itself here: read a migrated copy instead.
      tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-export-'));
      const copy = path.join(tempDir, 'family.db');
      vacuumInto(sqlite, copy);
      sqlite.close();
      sqlite = new Database(copy);
      await migrateFile(sqlite, slug);
    }
    return await readExport(sqlite, slug, now);
  } catch (err) {
    if (err instanceof OwnerError) throw err;
    throw refuse(slug, describeSqliteError(err));
  } finally {
    sqlite?.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

async function readExport(sqlite: Database.Database, slug: string, now: Date): Promise<FamilyExport> {
  const db = new Kysely<FamilyDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  sqlite.exec('begin');
  try {
    const settings = await db.selectFrom('family_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const members = await db
      .selectFrom('members')
      .select(['id', 'username', 'display_name', 'role', 'color', 'avatar', 'image_id', 'created_at', 'updated_at'])
      .orderBy('id')
      .execute();
    const dashboards = await db.selectFrom('dashboards').selectAll().orderBy('position').orderBy('id').execute();
    const kindParts: Record<string, unknown[]> = {};
    for (const kind of CARD_KINDS) Object.assign(kindParts, await kind.exportRows(db));
    const links = await db.selectFrom('display_links').select(['id', 'dashboard_id', 'label', 'created_at', 'revoked_at']).orderBy('id').execute();
    const images = await db.selectFrom('images').selectAll().orderBy('id').execute();
    return {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      exportedAt: now.toISOString(),
      dinkydashVersion: APP_VERSION,
      slug,
      schemaVersion: LATEST_SCHEMA_VERSION,
      settings: {
        name: settings.name,
        timeZone: settings.time_zone,
        theme: settings.theme,
        accentColor: settings.accent_color,
        dateFormat: settings.date_format,
        nightMode: settings.night_mode === 1,
        nightStart: settings.night_start,
        nightEnd: settings.night_end,
        displayCanComplete: settings.display_can_complete === 1,
        createdAt: settings.created_at,
      },
      members: members.map((m) => ({
        id: m.id,
        username: m.username,
        displayName: m.display_name,
        role: m.role,
        color: m.color,
        avatar: m.avatar,
        imageId: m.image_id,
        createdAt: m.created_at,
        updatedAt: m.updated_at,
      })),
      dashboards: dashboards.map((d) => ({ id: d.id, name: d.name, size: d.size, isDefault: d.is_default === 1, position: d.position, createdAt: d.created_at })),
      ...kindParts,
      displayLinks: links.map((l) => ({ id: l.id, dashboardId: l.dashboard_id, label: l.label, createdAt: l.created_at, revokedAt: l.revoked_at })),
      images: images.map((i) => ({
        id: i.id,
        sha256: i.sha256,
        width: i.width,
        height: i.height,
        createdAt: i.created_at,
        contentType: 'image/webp' as const,
        base64: Buffer.from(i.webp).toString('base64'),
      })),
    };
  } finally {
    if (sqlite.inTransaction) sqlite.exec('commit');
  }
}

function refuse(slug: string, why: string): OwnerError {
  return new OwnerError(`Cannot export the family "${slug}": ${why}.`, 'failed');
}
