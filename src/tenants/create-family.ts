import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { familyFilePath, tenantsDir } from './paths.js';
import { FamilyExistsError } from './errors.js';
import { migrateFile } from './migrate.js';
import type { FamilyDatabase, FamilyDb } from './family-database.js';
import { makeDirectory } from './make-directory.js';
import type { FamilySettings } from '../family/tables.js';

export interface NewFamily {
  slug: string;
  name: string;
  timeZone: string;
  /** More of the first settings row (language, clock, first day of the week); the rest take the schema's defaults. */
  settings?: Partial<Pick<FamilySettings, 'language' | 'clock' | 'week_start'>>;
}

/** Prefix of files being built; not a valid slug, so never served or listed. */
export const BUILDING_PREFIX = '.building-';

/**
 * Creates a family file atomically: built and migrated under a temporary
 * name, then linked into place (link(2) never overwrites, so an existing
 * family is safe even against a racing creator). Any failure leaves no file.
 * `fill` adds the family's first rows (its admin, its default dashboard) in
 * the same transaction as the settings.
 */
export async function createFamily(
  dataDir: string,
  family: NewFamily,
  fill?: (db: FamilyDb) => Promise<void>,
): Promise<string> {
  const finalPath = familyFilePath(dataDir, family.slug);
  const dir = tenantsDir(dataDir);
  makeDirectory(dir);
  if (fs.existsSync(finalPath)) throw new FamilyExistsError(family.slug);

  const tempPath = path.join(dir, `${BUILDING_PREFIX}${family.slug}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(tempPath);
    sqlite.pragma('journal_mode = delete');
    await migrateFile(sqlite, family.slug, { initialize: true });
    sqlite.pragma('foreign_keys = on');
    const db = new Kysely<FamilyDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    sqlite.exec('begin immediate');
    await db.insertInto('family_settings').values({ ...family.settings, id: 1, name: family.name, time_zone: family.timeZone }).execute();
    if (fill) await fill(db);
    sqlite.exec('commit');
    sqlite.close();
    sqlite = undefined;
    fsyncFile(tempPath);
    try {
      fs.linkSync(tempPath, finalPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FamilyExistsError(family.slug);
      throw err;
    }
    fsyncFile(dir);
    return finalPath;
  } finally {
    if (sqlite?.open) {
      if (sqlite.inTransaction) sqlite.exec('rollback');
      sqlite.close();
    }
    fs.rmSync(tempPath, { force: true });
    fs.rmSync(`${tempPath}-journal`, { force: true });
  }
}

export function fsyncFile(filePath: string): void {
  const fd = fs.openSync(filePath, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
