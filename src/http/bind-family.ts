import { createMiddleware } from 'hono/factory';
import { runInFamilyScope } from '../tenants/scope.js';
import type { FamilyEnv } from './env.js';

/**
 * Binds the family named by the address's first segment to the request: its
 * leased handle in `c.var.family` and `c.var.db`, and its scope for the
 * query guard. A family whose file does not exist is a 404; none is created.
 */
export const bindFamily = createMiddleware<FamilyEnv>(async (c, next) => {
  const lease = await c.get('pool').lease(c.req.param('slug') ?? '');
  c.set('family', lease);
  c.set('db', lease.db);
  try {
    await runInFamilyScope(lease, next);
  } finally {
    lease.release();
  }
});
