import { FamilyPool, type FamilyLease } from '../tenants/pool.js';
import { OWNER_BUSY_TIMEOUT_MS } from '../tenants/family-file.js';

/**
 * Leases one family for an owner command, as the server would: the file is
 * checked, an older schema migrated, and queries run in the family's scope.
 * The handle is closed when `fn` is done.
 */
export async function withOwnerFamily<T>(dataDir: string, slug: string, fn: (family: FamilyLease) => Promise<T>): Promise<T> {
  const pool = new FamilyPool({ dataDir, maxOpen: 1, busyTimeoutMs: OWNER_BUSY_TIMEOUT_MS });
  try {
    return await pool.withFamily(slug, fn);
  } finally {
    await pool.close(0);
  }
}
