import { Hono } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { bindFamily } from '../http/bind-family.js';
import { loadSession, requireMember } from '../accounts/auth.js';
import { memberI18n } from '../i18n/request-language.js';
import { familyPageRenderer } from '../views/family-page.js';
import { sessionRoutes } from '../accounts/session-routes.js';
import { memberRoutes } from '../accounts/member-routes.js';
import { profileRoutes } from '../accounts/profile-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { dashboardRoutes } from '../dashboards/routes.js';
import { manageRoutes } from '../manage/routes.js';
import { imageRoutes } from '../images/routes.js';
import { notFoundPage, renderError } from '../http/error-handler.js';
import { displayNotFound } from '../display/display-gone.js';
import { displayRoutes } from '../display/routes.js';

/**
 * Everything under /<slug>/. The family is bound first (a missing family is a
 * 404, and nothing is created), then the session is read from that family's
 * own file. Each feature's routes say who may use them.
 */
export const familyRoutes = new Hono<FamilyEnv>();

// A wall display's page and content say why there is nothing to show, even when the family's file is missing.
familyRoutes.use('/display/:token', displayNotFound);
familyRoutes.use('/display/:token/content', displayNotFound);
familyRoutes.use('*', bindFamily);
// A wall display has no session, speaks the family's language and draws its own page: its routes
// come before the layers that read the session and set the page frame, which its polls then skip.
familyRoutes.route('/', displayRoutes);
familyRoutes.use('*', loadSession, memberI18n, familyPageRenderer);
familyRoutes.route('/', sessionRoutes);
familyRoutes.route('/', dashboardRoutes);
familyRoutes.route('/', manageRoutes);
familyRoutes.route('/', imageRoutes);
familyRoutes.route('/', memberRoutes);
familyRoutes.route('/', profileRoutes);
familyRoutes.route('/', settingsRoutes);
// Anything else: anonymous visitors sign in first; members get a 404.
familyRoutes.all('*', requireMember, (c) => renderError(c, notFoundPage(c.var.i18n.t)));
