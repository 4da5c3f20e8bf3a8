import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupsDir, familyFilePath } from './paths.js';
import { FAMILY_APPLICATION_ID, LATEST_SCHEMA_VERSION, migrateFile, readFileHeader } from './migrate.js';
import { snapshotDatabase } from './family-files.js';
import { FamilyTooNewError, FamilyUnreadableError } from './errors.js';
import { fileTimestamp } from './file-timestamp.js';
import { whyReadOnly } from './read-only.js';

export type FileMigration =
  | { slug: string; outcome: 'migrated'; from: number; to: number; backup: string | null }
  | { slug: string; outcome: 'current'; version: number }
  | { slug: string; outcome: 'failed'; error: string };

export interface MigrateOptions {
  backup: boolean;
  /** How long to wait for a server's write lock on a file. */
  busyTimeoutMs?: number;
}

/**
 * Migrates one family file, snapshotting it first when it will change. Never
 * throws for a bad file: the outcome says what happened, so migrate-all goes
 * on past a corrupt or too-new file.
 */
export async function migrateFamilyFile(dataDir: string, slug: string, options: MigrateOptions): Promise<FileMigration> {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(familyFilePath(dataDir, slug), { fileMustExist: true, timeout: options.busyTimeoutMs ?? 5000 });
    const header = readFileHeader(sqlite);
    if (header.applicationId !== FAMILY_APPLICATION_ID) throw new FamilyUnreadableError(slug, 'this file is not a DinkyDash family.');
    if (header.schemaVersion > LATEST_SCHEMA_VERSION) throw new FamilyTooNewError(slug, header.schemaVersion, LATEST_SCHEMA_VERSION);
    if (header.schemaVersion === LATEST_SCHEMA_VERSION) return { slug, outcome: 'current', version: header.schemaVersion };
    const file = familyFilePath(dataDir, slug);
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
    return { slug, outcome: 'failed', error: describeFailure(err) };
  } finally {
    sqlite?.close();
  }
}

function describeFailure(err: unknown): string {
  if (err instanceof FamilyTooNewError) return `saved by a newer DinkyDash (schema ${err.fileVersion}; this one knows ${err.codeVersion})`;
  if (err instanceof FamilyUnreadableError) return err.reason.replace(/\.$/, '');
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return 'not an SQLite database';
  if (code.startsWith('SQLITE_CORRUPT')) return 'the file is damaged';
  if (code.startsWith('SQLITE_BUSY')) return 'busy: another program held the file too long';
  return (err as Error)?.message ?? String(err);
}
