import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { familyFilePath, slugOfFileName, tenantsDir } from './paths.js';
import { classifyFamilyFile, describeFamilyFile, judgeFileAt, openFamilyReadOnly } from './family-file.js';
import { describeSqliteError, withoutSubject } from './sqlite-errors.js';
import { makeDirectory } from './make-directory.js';

// The owner's view of family files: listing, inspecting and snapshotting them
// without the server's pool (the CLI runs beside a live server).

/** Slugs of every family file in data/tenants/, sorted. Only a directory listing: no file is opened. */
export function listFamilySlugs(dataDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(tenantsDir(dataDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.map(slugOfFileName).filter((s): s is string => s !== null).sort();
}

export interface FamilyFileInfo {
  slug: string;
  path: string;
  sizeBytes: number;
  modified: string;
  schemaVersion: number | null;
  name: string | null;
  /** Why the file could not be read, when it could not. */
  problem: string | null;
}

/** Reads a family file's name and schema version through a read-only handle (see openFamilyReadOnly). */
export function inspectFamilyFile(dataDir: string, slug: string): FamilyFileInfo {
  const file = familyFilePath(dataDir, slug);
  const stat = fs.statSync(file);
  const info: FamilyFileInfo = {
    slug,
    path: file,
    sizeBytes: stat.size,
    modified: stat.mtime.toISOString(),
    schemaVersion: null,
    name: null,
    problem: null,
  };
  const notAFile = judgeFileAt(file);
  if (notAFile) {
    info.problem = withoutSubject(describeFamilyFile(notAFile));
    return info;
  }
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openFamilyReadOnly(file);
    const verdict = classifyFamilyFile(sqlite);
    if ('schemaVersion' in verdict) info.schemaVersion = verdict.schemaVersion;
    // A newer family's name is still worth showing: only this DinkyDash cannot open it.
    if (verdict.kind !== 'family' && verdict.kind !== 'too-new') {
      info.problem = withoutSubject(describeFamilyFile(verdict));
      return info;
    }
    const row = sqlite.prepare('select name from family_settings where id = 1').get() as { name: string } | undefined;
    info.name = row?.name ?? null;
  } catch (err) {
    info.problem = withoutSubject(describeSqliteError(err));
  } finally {
    sqlite?.close();
  }
  return info;
}

/**
 * A consistent copy of an open database (VACUUM INTO), written under a
 * temporary name and renamed into place, so a crash never leaves a half copy
 * that looks like a backup.
 */
export function snapshotDatabase(sqlite: Database.Database, destination: string): void {
  makeDirectory(path.dirname(destination));
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    sqlite.prepare('vacuum into ?').run(partial);
    fs.renameSync(partial, destination);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
