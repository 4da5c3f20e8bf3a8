import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { offsiteHealth } from '../offsite/health.js';

/** GET /healthz: for the kiosk, systemd and nginx to know the server is up; `offsite` only when off-box copies are set up. */
export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get('/', (c) => {
  c.header('Cache-Control', 'no-store');
  const offsite = offsiteHealth(c.var.config.dataDir);
  return c.json({ status: 'ok', version: c.var.config.version, openFamilies: c.var.pool.openCount, ...(offsite ? { offsite } : {}) });
});
