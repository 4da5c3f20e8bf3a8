import { fileTimestamp } from '../tenants/file-timestamp.js';

// The names the owner's commands give files: backups are
// `<timestamp>.db` in a folder named after the family, trash files are
// `<slug>-<timestamp>.db`. The timestamp is fileTimestamp's UTC shape,
// so names sort by time and tell when they were made.

const TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z`;
const BACKUP_NAME = new RegExp(`^(${TIMESTAMP})\\.db$`);
/** Also the snapshots `migrate` writes before changing a file. */
const ANY_BACKUP_NAME = new RegExp(`^(${TIMESTAMP})(-before-v\\d+)?\\.db$`);
const TRASH_NAME = new RegExp(`^(.+)-(${TIMESTAMP})\\.db$`);

/** The Date a fileTimestamp stands for, or null when `text` is not one. */
export function parseFileTimestamp(text: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(text);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function backupFileName(date: Date): string {
  return `${fileTimestamp(date)}.db`;
}

/** True only for `<timestamp>.db`: what `backup --keep` counts and prunes. */
export function isBackupFileName(name: string): boolean {
  return BACKUP_NAME.test(name) && parseFileTimestamp(name.slice(0, -3)) !== null;
}

/** True for a backup or a `migrate` snapshot: a file named only by when it was made. */
export function isTimestampFileName(name: string): boolean {
  return ANY_BACKUP_NAME.test(name);
}

export function trashFileName(slug: string, date: Date): string {
  return `${slug}-${fileTimestamp(date)}.db`;
}

/** The slug and deletion time in a trash file's name, or null for any other name. */
export function parseTrashFileName(name: string): { slug: string; deletedAt: Date } | null {
  const match = TRASH_NAME.exec(name);
  if (!match) return null;
  const deletedAt = parseFileTimestamp(match[2]!);
  return deletedAt ? { slug: match[1]!, deletedAt } : null;
}
