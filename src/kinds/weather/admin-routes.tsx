import { Hono } from 'hono';
import type { FamilyEnv } from '../../http/env.js';

/** The weather's place is a family setting: /manage/weather (and the hub's button) lead there. */
export const weatherAdminRoutes = new Hono<FamilyEnv>();

weatherAdminRoutes.get('/', (c) => c.redirect(`/${c.var.family.slug}/settings#weather`, 303));
weatherAdminRoutes.get('/new', (c) => c.redirect(`/${c.var.family.slug}/settings#weather`, 303));
