import Database from 'better-sqlite3';
import { FamilyBusyError } from '../tenants/errors.js';
import { OWNER_BUSY_TIMEOUT_MS, judgeOpenError } from '../tenants/family-file.js';
import { sqliteErrorKind } from '../tenants/sqlite-errors.js';

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
    if (sqliteErrorKind(err) === 'busy') throw new FamilyBusyError(slugOf(file));
    if (judgeOpenError(err).kind !== 'damaged') throw err;
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

function slugOf(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.db$/, '');
}
