import fs from 'node:fs';
import path from 'node:path';
import { OwnerError } from './errors.js';
import { isBackupFileName } from './timestamp-names.js';

export interface FamilyBackupFolder {
  /** The folder's name: the family it holds backups of. */
  folder: string;
  /** Its newest `<UTC time>.db` backup, or null when it holds none. */
  newest: string | null;
}

/**
 * The families in a folder laid out like DATA/backups/ (DIR/<slug>/<UTC
 * time>.db, as `restic restore` gives it back), each with its newest backup.
 * Hidden entries and plain files beside the folders are not families.
 */
export function familyBackupFolders(dir: string): FamilyBackupFolder[] {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new OwnerError(`There is no folder "${dir}".`, 'not-found');
  if (!stat.isDirectory()) throw new OwnerError(`"${dir}" is not a folder: restore --all takes a folder laid out like DATA/backups/ (one folder per family).`, 'usage');
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (folders.length === 0) {
    throw new OwnerError(`"${dir}" holds no family backups: restore --all expects DIR/<family>/<UTC time>.db, the layout of DATA/backups/.`, 'usage');
  }
  return folders.map((folder) => {
    const backups = fs.readdirSync(path.join(dir, folder)).filter(isBackupFileName).sort();
    return { folder, newest: backups.length ? path.join(path.resolve(dir), folder, backups.at(-1)!) : null };
  });
}
