import fs from 'node:fs';
import type Database from 'better-sqlite3';

// Small pieces the owner's commands share for files at rest or in use
// (opening a family file read-only: src/tenants/family-file.ts).

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
