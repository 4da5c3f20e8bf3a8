import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { requireMember, signedIn } from '../accounts/auth.js';
import { parseId } from '../http/form.js';
import { notFoundPage, renderError } from '../http/error-handler.js';
import { getSettingsWithRevision, listDashboardTabs, pickDefaultDashboard } from './dashboard-queries.js';
import { dashboardEtag, freshHtml, htmlText, notModified } from './freshness.js';
import { renderedOnce } from './rendered-once.js';
import { familyDay } from './family-day.js';
import { now } from './clock.js';
import { renderSignedInContent, SignedInDashboardPage, signedInDashboardPage, signedInFrame, viewerTag, type SignedInContext } from './signed-in-dashboard.js';
import { CARD_KINDS, clockTick, lookAt } from '../kinds/index.js';

/**
 * The family's dashboards: the default one at /<slug>/, each at
 * /<slug>/d/<id>, and their refreshing content at /<slug>/d/<id>/content.
 * Also mounted here: what members do on each kind of card (marking chores
 * done). The wall display's routes are mounted beside these (family/routes.tsx).
 */
export const dashboardRoutes = new Hono<FamilyEnv>();

type Kind = 'page' | 'content';

async function showDashboard(c: Context<FamilyEnv>, kind: Kind, dashboardId: number | null) {
  const member = signedIn(c);
  // c.get(), not c.var: c.var copies every variable of the request into a new object at each use.
  const lease = c.get('family');
  const slug = lease.slug;
  const version = c.get('config').version;
  // One small query decides whether the browser's copy is still right.
  const settings = await getSettingsWithRevision(lease);
  const at = now();
  const family = familyDay(settings.time_zone, at);
  // The tabs, read again only when the family's data changed (like the settings): they say which kinds the dashboard shows.
  const dashboards = await lease.remember('dashboard-tabs', () => listDashboardTabs(lease.db));
  const current = dashboardId === null ? pickDefaultDashboard(dashboards) : dashboards.find((d) => d.id === dashboardId) ?? null;
  // The default dashboard's address carries id 0: which one is the default is family data, so the revision covers it.
  lookAt({ pool: c.get('pool'), slug, settings, at: at.getTime() }, current?.sections ?? '');
  const tick = current ? clockTick(current.sections, at.getTime()) : null;
  const etag = dashboardEtag({ kind, version, slug, id: dashboardId ?? 0, revision: settings.revision, day: family.day, viewer: viewerTag(member), tick });
  const unchanged = notModified(c, etag);
  if (unchanged) return unchanged;
  const i18n = c.get('i18n');
  const ctx: SignedInContext = { slug, version, member, settings, family, now: at, readOnly: lease.readOnly !== null, i18n };
  // This member's page or fragment of this dashboard, kept by rendered-once.ts.
  const keptAs = (slot: string) => ({ slot: `${slot}:${viewerTag(member)}:${dashboardId ?? 0}`, etag, at: at.getTime(), language: i18n.lang });
  if (kind === 'content') {
    if (!current) return renderError(c, notFoundPage(i18n.t));
    return freshHtml(c, etag, await renderedOnce(lease, keptAs('content'), async () => htmlText(await renderSignedInContent(c, ctx, current))));
  }
  // Only a family with no dashboard at all has none at /<slug>/; the page then says how to make one.
  if (!current && dashboardId !== null) return renderError(c, notFoundPage(i18n.t));
  const frame = signedInFrame(ctx, dashboards, current);
  if (!current) return freshHtml(c, etag, <SignedInDashboardPage frame={frame} content={null} />);
  return freshHtml(c, etag, await renderedOnce(lease, keptAs('page'), async () => signedInDashboardPage(frame, await renderSignedInContent(c, ctx, current))));
}

function idParam(c: Context<FamilyEnv>): number | null {
  return parseId(c.req.param('id'));
}

dashboardRoutes.get('/', requireMember, (c) => showDashboard(c, 'page', null));

dashboardRoutes.get('/d/:id', requireMember, (c) => {
  const id = idParam(c);
  return id ? showDashboard(c, 'page', id) : renderError(c, notFoundPage(c.var.i18n.t));
});

dashboardRoutes.get('/d/:id/content', requireMember, (c) => {
  const id = idParam(c);
  return id ? showDashboard(c, 'content', id) : renderError(c, notFoundPage(c.var.i18n.t));
});

// What signed-in members do on a kind of card (say, mark a chore done).
for (const kind of CARD_KINDS) if (kind.memberRoutes) dashboardRoutes.route('/', kind.memberRoutes);
