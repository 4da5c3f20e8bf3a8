import fs from 'node:fs';
import path from 'node:path';
import { familyFilePath, trashDir } from '../tenants/paths.js';
import { FamilyNotFoundError } from '../tenants/errors.js';
import { parseTrashFileName, trashFileName } from './timestamp-names.js';
import { withFamilyFileLocked } from './family-lock.js';
import { linkUnderFreeName, removeWithSidecars } from './sqlite-files.js';
import { fsyncFile } from '../tenants/create-family.js';
import { makeDirectory } from '../tenants/make-directory.js';

const SIDECARS = ['-journal', '-wal', '-shm'];
const DAY_MS = 86_400_000;

/**
 * Hard-links a family file into DATA/trash/<slug>-<timestamp>.db. The family
 * stays where it is: callers then unlink it (delete) or rename a new file over
 * it (restore --force), so there is never a moment without a copy on disk.
 */
export function linkIntoTrash(dataDir: string, slug: string, file: string, now = new Date()): string {
  const dir = trashDir(dataDir);
  makeDirectory(dir);
  const target = linkUnderFreeName(file, (ms) => path.join(dir, trashFileName(slug, new Date(now.getTime() + ms))));
  // A journal SQLite could not roll back (only beside a damaged file) belongs to this file, not to whatever comes next at its path.
  for (const suffix of SIDECARS) moveIfPresent(`${file}${suffix}`, `${target}${suffix}`);
  fsyncFile(dir);
  return target;
}

export interface TrashedFamily {
  slug: string;
  trashFile: string;
  sizeBytes: number;
}

/** `family delete`: the family's address stops working at once; the file waits in the trash for `restore`. */
export function trashFamily(dataDir: string, slug: string, now = new Date()): TrashedFamily {
  const file = existingFamilyFile(dataDir, slug);
  const sizeBytes = fs.statSync(file).size;
  const trashFile = withFamilyFileLocked(file, () => {
    const target = linkIntoTrash(dataDir, slug, file, now);
    fs.unlinkSync(file);
    return target;
  });
  fsyncFile(path.dirname(file));
  return { slug, trashFile, sizeBytes };
}

/** `family delete --purge`: the file and its journal files are removed for good. */
export function purgeFamily(dataDir: string, slug: string): { slug: string; sizeBytes: number } {
  const file = existingFamilyFile(dataDir, slug);
  const sizeBytes = fs.statSync(file).size;
  withFamilyFileLocked(file, () => removeWithSidecars(file));
  fsyncFile(path.dirname(file));
  return { slug, sizeBytes };
}

export interface TrashItem {
  slug: string;
  deletedAt: string;
  sizeBytes: number;
  file: string;
}

/** What is in the trash, most recently deleted first. Files of any other name are not touched. */
export function listTrash(dataDir: string): TrashItem[] {
  const dir = trashDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const items: TrashItem[] = [];
  for (const name of names) {
    const parsed = parseTrashFileName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    items.push({ slug: parsed.slug, deletedAt: parsed.deletedAt.toISOString(), sizeBytes: stat.size, file });
  }
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt) || a.slug.localeCompare(b.slug));
}

/** Removes trash files (all, or those deleted more than `olderThanDays` ago, going by the time in their name). */
export function emptyTrash(dataDir: string, options: { olderThanDays?: number; now?: Date } = {}): TrashItem[] {
  const now = (options.now ?? new Date()).getTime();
  const cutoff = options.olderThanDays === undefined ? Infinity : now - options.olderThanDays * DAY_MS;
  const removed = listTrash(dataDir).filter((item) => Date.parse(item.deletedAt) < cutoff);
  for (const item of removed) removeWithSidecars(item.file);
  return removed;
}

function existingFamilyFile(dataDir: string, slug: string): string {
  const file = familyFilePath(dataDir, slug);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new FamilyNotFoundError(slug);
  return file;
}

function moveIfPresent(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
