import { Hono } from 'hono';
import type { FamilyEnv } from '../http/env.js';

/** Admin pages for dashboards, chores, countdowns and images (under /<slug>/manage). */
export const manageRoutes = new Hono<FamilyEnv>();
