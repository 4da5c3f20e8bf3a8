import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupsDir, familyFilePath } from './paths.js';
import { LATEST_SCHEMA_VERSION, migrateFile } from './migrate.js';
import { snapshotDatabase } from './family-files.js';
import { FamilyTooNewError, FamilyUnreadableError } from './errors.js';
import { fileTimestamp } from './file-timestamp.js';
import { whyReadOnly } from './read-only.js';
import { OWNER_BUSY_TIMEOUT_MS, classifyFamilyFile, describeFamilyFile } from './family-file.js';
import { describeSqliteError, withoutSubject } from './sqlite-errors.js';

export type FileMigration =
  | { slug: string; outcome: 'migrated'; from: number; to: number; backup: string | null }
  | { slug: string; outcome: 'current'; version: number }
  | { slug: string; outcome: 'failed'; error: string };

export interface MigrateOptions {
  backup: boolean;
}

/**
 * Migrates one family file, snapshotting it first when it will change. Never
 * throws for a bad file: the outcome says what happened, so migrate-all goes
 * on past a corrupt or too-new file.
 */
export async function migrateFamilyFile(dataDir: string, slug: string, options: MigrateOptions): Promise<FileMigration> {
  const file = familyFilePath(dataDir, slug);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: OWNER_BUSY_TIMEOUT_MS });
    const verdict = classifyFamilyFile(sqlite);
    if (verdict.kind !== 'family') return { slug, outcome: 'failed', error: withoutSubject(describeFamilyFile(verdict)) };
    if (verdict.schemaVersion === LATEST_SCHEMA_VERSION) return { slug, outcome: 'current', version: verdict.schemaVersion };
    const readOnly = whyReadOnly(file, fs.statSync(file));
    if (readOnly) return { slug, outcome: 'failed', error: `not migrated: ${readOnly}` };
    let backup: string | null = null;
    if (options.backup) {
      backup = path.join(backupsDir(dataDir), slug, `${fileTimestamp()}-before-v${LATEST_SCHEMA_VERSION}.db`);
      snapshotDatabase(sqlite, backup);
    }
    const result = await migrateFile(sqlite, slug);
    // Another process may have migrated it between our look and our lock.
    if (result.from === result.to) return { slug, outcome: 'current', version: result.to };
    return { slug, outcome: 'migrated', from: result.from, to: result.to, backup };
  } catch (err) {
    // migrateFile judges the file again under its lock: another program may have changed it since our look.
    const error = err instanceof FamilyTooNewError || err instanceof FamilyUnreadableError ? err.message : withoutSubject(describeSqliteError(err));
    return { slug, outcome: 'failed', error };
  } finally {
    sqlite?.close();
  }
}
