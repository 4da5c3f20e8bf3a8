import fs from 'node:fs';
import type { AppConfig } from '../config.js';
import { listFamilySlugs } from '../tenants/family-files.js';
import { tenantsDir } from '../tenants/paths.js';
import type { Translate } from '../i18n/i18n.js';

// What stops an anonymous visitor from filling the Pi with families: the
// owner's sign-up mode and cap, free disk space, and (in home/routes.tsx) a
// throttle per client network. Each new family costs a password hash and a
// ~100 KB file, and a full SD card stops every family from saving anything.

export const SIGNUPS_PER_NETWORK_PER_HOUR = 3;
/** Below either, sign-up is refused: the families already there need the room. */
export const MIN_FREE_BYTES = 200 * 1024 * 1024;
export const MIN_FREE_FRACTION = 0.05;

/** Sign-ups under way, per data folder: counted with the families on disk, so a burst cannot pass the cap together. */
const creating = new Map<string, number>();

/** Why no family may be created from the start page now, or null. Synchronous, so the caller can reserve in the same turn. */
export function signupClosedReason(config: AppConfig, t: Translate): string | null {
  if (config.signup === 'closed') return t('home.signupClosed');
  const cap = config.signup === 'first' ? 1 : config.maxFamilies;
  if (cap === undefined) return null;
  const families = listFamilySlugs(config.dataDir).length + (creating.get(config.dataDir) ?? 0);
  if (families < cap) return null;
  if (config.signup === 'first') return t('home.signupClosed');
  return t('home.signupFull', { count: cap });
}

/** What statfs says about a file system. */
export interface DiskSpace {
  bavail: number;
  blocks: number;
  bsize: number;
}

/** Why a disk is too full for a new family (less than 5 % or 200 MB free), or null. */
export function lowDiskSpace(space: DiskSpace, t: Translate): string | null {
  const free = space.bavail * space.bsize;
  const total = space.blocks * space.bsize;
  if (free >= MIN_FREE_BYTES && free >= total * MIN_FREE_FRACTION) return null;
  const mb = Math.floor(free / (1024 * 1024));
  return t('home.diskFull', { megabytes: mb });
}

export function dataDiskProblem(dataDir: string, t: Translate): string | null {
  // The families' folder (the server makes it at start), else the data folder it lies in.
  for (const dir of [tenantsDir(dataDir), dataDir]) {
    try {
      return lowDiskSpace(fs.statfsSync(dir), t);
    } catch {
      continue;
    }
  }
  // No answer from statfs is no reason to refuse: creating the file will say if the disk is really full.
  return null;
}

/** Counts a sign-up as under way until `work` ends. */
export async function whileCreating<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  creating.set(dataDir, (creating.get(dataDir) ?? 0) + 1);
  try {
    return await work();
  } finally {
    const left = (creating.get(dataDir) ?? 1) - 1;
    if (left > 0) creating.set(dataDir, left);
    else creating.delete(dataDir);
  }
}
