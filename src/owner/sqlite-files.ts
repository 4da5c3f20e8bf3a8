import fs from 'node:fs';
import Database from 'better-sqlite3';
import { OWNER_BUSY_TIMEOUT_MS } from './family-lock.js';

// Small pieces the owner's commands share for files at rest or in use.

/** A read-only handle: never writes to the file, waits a while for the server's write lock. */
export function openReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true, timeout: OWNER_BUSY_TIMEOUT_MS });
}

/**
 * A family file in data/tenants/, read-only. A server killed in the middle of
 * a write leaves a hot journal beside the file; a read-only handle cannot roll
 * it back (SQLite then refuses to read), so a short read-write open lets SQLite
 * finish the rollback first, exactly as the server's next request would.
 */
export function openFamilyReadOnly(file: string): Database.Database {
  if (fs.existsSync(`${file}-journal`)) {
    const recover = new Database(file, { fileMustExist: true, timeout: OWNER_BUSY_TIMEOUT_MS });
    try {
      recover.prepare('select count(*) from sqlite_master').get();
    } finally {
      recover.close();
    }
  }
  return openReadOnly(file);
}

/** 'ok', or the problems SQLite's check found (at most `limit`). */
export function runCheck(sqlite: Database.Database, pragma: 'quick_check' | 'integrity_check', limit = 20): string[] {
  const rows = sqlite.pragma(`${pragma}(${limit})`) as Array<Record<string, string>>;
  const messages = rows.map((row) => String(Object.values(row)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

/**
 * A consistent copy of an open database through SQLite (VACUUM INTO): never a
 * byte copy, which could catch a live file halfway through a write.
 */
export function vacuumInto(sqlite: Database.Database, destination: string): void {
  fs.rmSync(destination, { force: true });
  sqlite.prepare('vacuum into ?').run(destination);
}


/** Removes a file and the journal files SQLite may keep beside it. */
export function removeWithSidecars(file: string): void {
  fs.rmSync(file, { force: true });
  for (const suffix of ['-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** link(2) never overwrites: a name taken within the same millisecond moves on to the next one. */
export function linkUnderFreeName(file: string, nameFor: (ms: number) => string): string {
  for (let ms = 0; ; ms++) {
    const target = nameFor(ms);
    try {
      fs.linkSync(file, target);
      return target;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || ms >= 1000) throw err;
    }
  }
}
