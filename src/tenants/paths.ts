import path from 'node:path';
import { assertValidSlug, isValidSlug } from './slug.js';
import { InvalidSlugError } from './errors.js';

// The data folder's layout. A family's slug maps to exactly one file, and
// nothing else decides where a family lives.

export function tenantsDir(dataDir: string): string {
  return path.resolve(dataDir, 'tenants');
}

export function backupsDir(dataDir: string): string {
  return path.resolve(dataDir, 'backups');
}

export function trashDir(dataDir: string): string {
  return path.resolve(dataDir, 'trash');
}

export const FAMILY_FILE_SUFFIX = '.db';

/** data/tenants/<slug>.db, after checking the slug and that the path stays inside data/tenants/. */
export function familyFilePath(dataDir: string, slug: string): string {
  assertValidSlug(slug);
  const dir = tenantsDir(dataDir);
  const file = path.resolve(dir, `${slug}${FAMILY_FILE_SUFFIX}`);
  // Belt and braces: the slug rules already exclude separators and dots.
  if (path.dirname(file) !== dir) throw new InvalidSlugError('That family address is not allowed.');
  return file;
}

/** The slug a file in data/tenants/ stands for, or null for anything that is not a family file. */
export function slugOfFileName(fileName: string): string | null {
  if (!fileName.endsWith(FAMILY_FILE_SUFFIX)) return null;
  const slug = fileName.slice(0, -FAMILY_FILE_SUFFIX.length);
  return isValidSlug(slug) ? slug : null;
}
