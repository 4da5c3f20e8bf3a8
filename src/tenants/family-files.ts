import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { familyFilePath, slugOfFileName, tenantsDir } from './paths.js';
import { readFileHeader, FAMILY_APPLICATION_ID } from './migrate.js';
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

/** Reads a family file's name and schema version through a read-only handle. */
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
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: 2000 });
    const header = readFileHeader(sqlite);
    info.schemaVersion = header.schemaVersion;
    if (header.applicationId !== FAMILY_APPLICATION_ID) {
      info.problem = 'not a DinkyDash family';
      return info;
    }
    const row = sqlite.prepare('select name from family_settings where id = 1').get() as { name: string } | undefined;
    info.name = row?.name ?? null;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    info.problem = code === 'SQLITE_NOTADB' ? 'not an SQLite database' : code.startsWith('SQLITE_CORRUPT') ? 'damaged' : (err as Error).message;
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
