import Database from 'better-sqlite3';
import { FamilyBusyError, isBusyError } from '../tenants/errors.js';

/** How long an owner command waits for the server to finish a write. */
export const OWNER_BUSY_TIMEOUT_MS = 5_000;

/**
 * Runs `move` while holding SQLite's EXCLUSIVE lock on a family file, so no
 * transaction of the server (or anyone) is half-done while the file is
 * linked, renamed or removed: no journal can then be left behind that would
 * belong to a different file at the same path. A hot journal from a crash is
 * rolled back by taking the lock. A file in WAL mode is switched to a
 * rollback journal first, so its last writes travel with it.
 *
 * A file SQLite cannot read (damaged, not a database) has no transactions to
 * protect, so it is moved without the lock: that is how a broken family is
 * replaced or put aside.
 */
export function withFamilyFileLocked<T>(file: string, move: () => T, busyTimeoutMs = OWNER_BUSY_TIMEOUT_MS): T {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
    if (sqlite.pragma('journal_mode', { simple: true }) === 'wal') sqlite.pragma('journal_mode = delete');
    sqlite.exec('begin exclusive');
  } catch (err) {
    sqlite?.close();
    sqlite = undefined;
    if (isBusyError(err)) throw new FamilyBusyError(slugOf(file));
    if (!isUnreadable(err)) throw err;
  }
  try {
    return move();
  } finally {
    if (sqlite) {
      // The transaction wrote nothing, so ending it touches no file.
      if (sqlite.inTransaction) sqlite.exec('rollback');
      sqlite.close();
    }
  }
}

function isUnreadable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function slugOf(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.db$/, '');
}
