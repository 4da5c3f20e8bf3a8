import { Hono } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { requireMember, requireRole } from '../accounts/auth.js';
import { uploadBodyLimit } from '../images/upload.js';
import { imageRoutes } from '../images/routes.js';
import { hubRoutes } from './hub.js';
import { dashboardAdminRoutes } from './dashboards-admin.js';
import { choreAdminRoutes } from '../kinds/chores/admin-routes.js';
import { countdownAdminRoutes } from '../kinds/countdowns/admin-routes.js';

/**
 * Admin pages for dashboards, chores, countdowns (under /<slug>/manage), and
 * the family's pictures (/<slug>/images/<id>, for every signed-in member).
 *
 * The guards are bound to these paths, not to '*': this router is mounted at
 * the family's root, and a '*' guard would also stop members on pages that
 * later routers serve.
 */
export const manageRoutes = new Hono<FamilyEnv>();

// '/manage/*' also matches '/manage' itself.
manageRoutes.use('/manage/*', requireMember, requireRole('admin'), uploadBodyLimit);

manageRoutes.route('/', hubRoutes);
manageRoutes.route('/', dashboardAdminRoutes);
manageRoutes.route('/', choreAdminRoutes);
manageRoutes.route('/', countdownAdminRoutes);
manageRoutes.route('/', imageRoutes);
