import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../migrations/index.js';
import { FAMILY_APPLICATION_ID, familyFileError, judgeFileHeader, readFileHeader } from './family-file.js';

export interface MigrationResult {
  from: number;
  to: number;
}

/**
 * Brings one open family file up to the code's schema, all or nothing.
 *
 * Our own runner because Kysely's migrator neither wraps SQLite migrations in a
 * transaction nor locks across processes. BEGIN IMMEDIATE takes the write lock
 * before the version is read, so a server and a CLI migrating the same file at
 * once are serialised: the second sees the new version and does nothing. A
 * failing step rolls the whole file back (SQLite DDL is transactional).
 *
 * `initialize` marks a brand-new empty file as a family; without it a file
 * that is not already a family is refused.
 */
export async function migrateFile(
  sqlite: BetterSqlite3.Database,
  slug: string,
  options: { initialize?: boolean; migrations?: readonly Migration[] } = {},
): Promise<MigrationResult> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  sqlite.exec('begin immediate');
  try {
    const header = readFileHeader(sqlite);
    if (options.initialize && header.applicationId === 0 && header.schemaVersion === 0) {
      sqlite.pragma(`application_id = ${FAMILY_APPLICATION_ID}`);
    } else {
      const verdict = judgeFileHeader(header, latest);
      if (verdict.kind !== 'family') throw familyFileError(slug, verdict);
    }
    if (header.schemaVersion < latest) {
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
      for (const migration of migrations) {
        if (migration.version > header.schemaVersion) await migration.up(db);
      }
      sqlite.pragma(`user_version = ${latest}`);
    }
    sqlite.exec('commit');
    return { from: header.schemaVersion, to: Math.max(latest, header.schemaVersion) };
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw err;
  }
}

export { LATEST_SCHEMA_VERSION };
