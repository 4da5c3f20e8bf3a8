import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';

/** GET /healthz: for the kiosk, systemd and nginx to know the server is up. */
export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get('/', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ status: 'ok', version: c.var.config.version, openFamilies: c.var.pool.openCount });
});
