import fs from 'node:fs';
import { listFamilySlugs } from '../tenants/family-files.js';
import { familyFilePath } from '../tenants/paths.js';
import { FamilyNotFoundError } from '../tenants/errors.js';

/** Checks every named family exists before anything is done (an unknown one is exit 2, and nothing changes). */
export function existingFamilies(dataDir: string, slugs: string[]): string[] {
  for (const slug of slugs) {
    if (!fs.statSync(familyFilePath(dataDir, slug), { throwIfNoEntry: false })?.isFile()) throw new FamilyNotFoundError(slug);
  }
  return [...new Set(slugs)];
}

/** The named families, or every family when none is named. */
export function namedOrAllFamilies(dataDir: string, slugs: string[]): string[] {
  return slugs.length > 0 ? existingFamilies(dataDir, slugs) : listFamilySlugs(dataDir);
}
