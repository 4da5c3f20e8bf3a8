import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { familyFilePath, tenantsDir } from '../tenants/paths.js';
import { assertValidSlug } from '../tenants/slug.js';
import { migrateFile } from '../tenants/migrate.js';
import { classifyFamilyFile, describeFamilyFile, openReadOnly } from '../tenants/family-file.js';
import { describeSqliteError } from '../tenants/sqlite-errors.js';
import { OwnerError } from './errors.js';
import { slugFromFile, type SlugSource } from './slug-from-file.js';
import { withFamilyFileLocked } from './family-lock.js';
import { linkIntoTrash } from './trash.js';
import { runCheck, vacuumInto } from './sqlite-files.js';
import { fsyncFile } from '../tenants/create-family.js';
import { makeDirectory } from '../tenants/make-directory.js';

/** Files being restored are built under this name: it starts with '.', so it is never a family. */
export const RESTORING_PREFIX = '.restoring-';

export interface RestoreOptions {
  /** The family to restore as; read from the file's name and folder when not given. */
  as?: string;
  /** Replace an existing family (its file goes to the trash first). */
  force: boolean;
  now?: Date;
}

export interface RestoreResult {
  slug: string;
  slugFrom: SlugSource;
  source: string;
  file: string;
  /** The file's schema before, and after the copy was migrated. */
  schemaFrom: number;
  schemaTo: number;
  /** Where the family it replaced went, with --force. */
  replaced: string | null;
}

/**
 * Puts a backup (or a trash file, or any family file) in place as a family,
 * while the server runs:
 * - the source is only read: validated (SQLite, integrity check, a DinkyDash
 *   family, schema not newer than this DinkyDash), then copied by SQLite into
 *   a temporary file in DATA/tenants/ and the copy migrated if older;
 * - the copy is linked into place (link(2): never over an existing family),
 *   or with `force` the existing file is hard-linked into the trash and the
 *   copy renamed over it, so the family's path always holds a whole file.
 * The server serves the restored file at its next request (it notices the new
 * inode). Any failure leaves no temporary file and changes no family.
 */
export async function restoreFamily(dataDir: string, sourceFile: string, options: RestoreOptions): Promise<RestoreResult> {
  const source = path.resolve(sourceFile);
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat) throw new OwnerError(`There is no file "${sourceFile}".`, 'not-found');
  if (!stat.isFile()) throw new OwnerError(`"${sourceFile}" is not a file.`, 'usage');

  const { slug, from: slugFrom } = chooseSlug(sourceFile, options.as);
  const finalPath = familyFilePath(dataDir, slug);
  if (fs.existsSync(finalPath) && !options.force) throw familyExists(slug);

  const dir = tenantsDir(dataDir);
  makeDirectory(dir);
  const temp = path.join(dir, `${RESTORING_PREFIX}${slug}-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);
  try {
    const schemaFrom = copyCheckedFamily(source, temp, sourceFile);
    const schemaTo = await migrateCopy(temp, slug);
    fsyncFile(temp);
    const replaced = moveIntoPlace(dataDir, slug, temp, finalPath, options);
    fsyncFile(dir);
    return { slug, slugFrom, source, file: finalPath, schemaFrom, schemaTo, replaced };
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${temp}${suffix}`, { force: true });
  }
}

function chooseSlug(sourceFile: string, as: string | undefined): { slug: string; from: SlugSource } {
  if (as !== undefined) {
    assertValidSlug(as);
    return { slug: as, from: 'option' };
  }
  const guess = slugFromFile(sourceFile);
  if (!guess.ok) throw new OwnerError(guess.message, 'usage');
  return guess;
}

/** Validates the source through a read-only handle and copies it into `temp`; returns its schema version. */
function copyCheckedFamily(source: string, temp: string, shownName: string): number {
  const refuse = (why: string) => new OwnerError(`Cannot restore "${shownName}": ${why}. Nothing was changed.`, 'refused');
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openReadOnly(source);
    const verdict = classifyFamilyFile(sqlite);
    if (verdict.kind === 'too-new') throw refuse(`${describeFamilyFile(verdict)}; update DinkyDash first`);
    if (verdict.kind !== 'family') throw refuse(describeFamilyFile(verdict));
    const problems = runCheck(sqlite, 'integrity_check', 5);
    if (problems.length > 0) throw refuse(`it is damaged (SQLite's integrity check: ${problems[0]})`);
    vacuumInto(sqlite, temp);
    return verdict.schemaVersion;
  } catch (err) {
    if (err instanceof OwnerError) throw err;
    throw refuse(describeSqliteError(err));
  } finally {
    sqlite?.close();
  }
}

async function migrateCopy(temp: string, slug: string): Promise<number> {
  const sqlite = new Database(temp, { fileMustExist: true });
  try {
    if (sqlite.pragma('journal_mode', { simple: true }) !== 'delete') sqlite.pragma('journal_mode = delete');
    return (await migrateFile(sqlite, slug)).to;
  } finally {
    sqlite.close();
  }
}

function moveIntoPlace(dataDir: string, slug: string, temp: string, finalPath: string, options: RestoreOptions): string | null {
  if (!fs.existsSync(finalPath)) {
    try {
      fs.linkSync(temp, finalPath);
      return null;
    } catch (err) {
      // Someone created the family since we looked.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!options.force) throw familyExists(slug);
    }
  }
  return withFamilyFileLocked(finalPath, () => {
    const trashed = linkIntoTrash(dataDir, slug, finalPath, options.now);
    fs.renameSync(temp, finalPath);
    return trashed;
  });
}

function familyExists(slug: string): OwnerError {
  return new OwnerError(
    `A family "${slug}" already exists; nothing was changed. To replace it (its current file goes to the trash first), add --force.`,
    'refused',
  );
}
