import { Hono } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { requireMember, requireRole } from '../accounts/auth.js';
import { CARD_KINDS } from '../kinds/index.js';
import { hubRoutes } from './hub.js';
import { dashboardAdminRoutes } from './dashboards-admin.js';
import { displayLinkRoutes } from './display-links-admin.js';

/**
 * Admin pages under /<slug>/manage: the hub, dashboards, display links, and
 * each kind of card's own pages at /<slug>/manage/<kind>.
 *
 * The guards are bound to these paths, not to '*': this router is mounted at
 * the family's root, and a '*' guard would also stop members on pages that
 * later routers serve.
 */
export const manageRoutes = new Hono<FamilyEnv>();

// '/manage/*' also matches '/manage' itself.
manageRoutes.use('/manage/*', requireMember, requireRole('admin'));

manageRoutes.route('/', hubRoutes);
manageRoutes.route('/', dashboardAdminRoutes);
manageRoutes.route('/', displayLinkRoutes);
for (const kind of CARD_KINDS) manageRoutes.route(`/manage/${kind.name}`, kind.adminRoutes);
