import { Hono } from 'hono';
import type { FamilyEnv } from '../../http/env.js';
import { requireMember, requireRole, signedIn } from '../../accounts/auth.js';
import { notFoundPage, renderError } from '../../http/error-handler.js';
import { applyChoreAction, choreFromPath, isChoreAction, isHtmx } from './chore-action.js';
import { getDashboardSummary, getSettingsWithRevision } from '../../dashboards/dashboard-queries.js';
import { familyDay } from '../../dashboards/family-day.js';
import { now } from '../../dashboards/clock.js';
import { dashboardPath, renderSignedInContent } from '../../dashboards/signed-in-dashboard.js';

/**
 * Members and admins mark today's turn of a chore done, or undo it the same
 * day. Without JavaScript: a POST and a 303 back to the dashboard, at the
 * chore. With htmx: the dashboard's refreshed content in place.
 */
export const completionRoutes = new Hono<FamilyEnv>();

completionRoutes.post('/chores/:id/:action', requireMember, requireRole('admin', 'member'), async (c) => {
  const action = c.req.param('action');
  if (!isChoreAction(action)) return renderError(c, notFoundPage(c.var.i18n.t));
  const chore = await choreFromPath(c);
  if (!chore) return renderError(c, notFoundPage(c.var.i18n.t));
  const member = signedIn(c);
  const settingsBefore = await getSettingsWithRevision(c.var.family);
  const at = now();
  const family = familyDay(settingsBefore.time_zone, at);
  const { t } = c.var.i18n;
  const result = await applyChoreAction(c, chore, action, family, member.id, t);
  if (!result.ok) return renderError(c, { status: result.status, title: t('chores.notMarkedDone'), message: result.message, action: { href: `/${c.var.family.slug}/d/${chore.dashboard_id}`, label: t('error.backToDashboard') } });
  const slug = c.var.family.slug;
  const dashboard = await getDashboardSummary(c.var.db, chore.dashboard_id);
  if (!dashboard) return renderError(c, notFoundPage(c.var.i18n.t));
  if (!isHtmx(c)) return c.redirect(`${dashboardPath(slug, dashboard)}#chore-${chore.id}`, 303);
  // The revision moved with the change: the new content carries the ETag the next poll sends.
  const settings = await getSettingsWithRevision(c.var.family);
  const content = await renderSignedInContent(c, { slug, version: c.var.config.version, member, settings, family, now: at, i18n: c.var.i18n }, dashboard, result.announce);
  c.header('Cache-Control', 'no-store');
  c.header('Vary', 'HX-Request, Cookie');
  return c.html(content);
});
