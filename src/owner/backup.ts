import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { backupsDir, familyFilePath } from '../tenants/paths.js';
import { classifyFamilyFile, describeFamilyFile, openFamilyReadOnly, openReadOnly } from '../tenants/family-file.js';
import { describeSqliteError } from '../tenants/sqlite-errors.js';
import { backupFileName, isBackupFileName } from './timestamp-names.js';
import { linkUnderFreeName, runCheck, vacuumInto } from './sqlite-files.js';
import { fsyncFile } from '../tenants/create-family.js';
import { makeDirectory } from '../tenants/make-directory.js';

export const DEFAULT_BACKUPS_KEPT = 7;

export interface BackupOptions {
  /** The folder holding one folder per family; DATA/backups/ by default. */
  outDir?: string;
  /** How many `<timestamp>.db` backups of the family to keep, newest first. */
  keep: number;
  now?: Date;
}

export type BackupResult =
  | { slug: string; outcome: 'ok'; file: string; sizeBytes: number; pruned: string[] }
  | { slug: string; outcome: 'failed'; error: string };

/** Where a family's backups go: <out>/<slug>/. */
export function familyBackupDir(dataDir: string, slug: string, outDir?: string): string {
  return path.join(path.resolve(outDir ?? backupsDir(dataDir)), slug);
}

/**
 * Backs up one family while the server may be writing to it: SQLite copies
 * it in one read transaction (VACUUM INTO), the copy must pass quick_check,
 * and only then does it appear under its final name. Older backups beyond
 * `keep` are removed afterwards. Never throws for a bad family: the result
 * says what happened, so `--all` goes on past it.
 */
export function backupFamily(dataDir: string, slug: string, options: BackupOptions): BackupResult {
  const dir = familyBackupDir(dataDir, slug, options.outDir);
  const partial = path.join(dir, `.partial-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);
  try {
    const source = openFamilyReadOnly(familyFilePath(dataDir, slug));
    try {
      const verdict = classifyFamilyFile(source);
      // A newer family is backed up like any other: its copy is as good as the file.
      if (verdict.kind !== 'family' && verdict.kind !== 'too-new') return failed(slug, describeFamilyFile(verdict));
      makeDirectory(dir);
      vacuumInto(source, partial);
    } finally {
      source.close();
    }
    const copy = openReadOnly(partial);
    let problems: string[];
    try {
      problems = runCheck(copy, 'quick_check');
    } finally {
      copy.close();
    }
    if (problems.length > 0) return failed(slug, `the copy did not pass SQLite's quick check (${problems[0]}); no backup was kept`);
    fsyncFile(partial);
    const now = options.now ?? new Date();
    const file = linkUnderFreeName(partial, (ms) => path.join(dir, backupFileName(new Date(now.getTime() + ms))));
    fsyncFile(dir);
    return { slug, outcome: 'ok', file, sizeBytes: fs.statSync(file).size, pruned: pruneBackups(dir, options.keep) };
  } catch (err) {
    return failed(slug, describeSqliteError(err));
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Keeps the newest `keep` backups (`<timestamp>.db` only; migrate's `-before-vN` snapshots are not counted); returns the removed files. */
export function pruneBackups(dir: string, keep: number): string[] {
  const backups = fs.readdirSync(dir).filter(isBackupFileName).sort().reverse();
  const removed = backups.slice(Math.max(keep, 1)).map((name) => path.join(dir, name));
  for (const file of removed) fs.rmSync(file, { force: true });
  return removed;
}

function failed(slug: string, error: string): BackupResult {
  return { slug, outcome: 'failed', error };
}
