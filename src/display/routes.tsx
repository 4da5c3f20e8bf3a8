import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { parseId } from '../http/form.js';
import { notFoundPage, renderError } from '../http/error-handler.js';
import { IMAGE_CONTENT_TYPE, etagMatches as imageEtagMatches, imageEtag } from '../images/image-etag.js';
import { rememberDashboardSections } from '../dashboards/dashboard-queries.js';
import { buildDashboardView, familyDateFormat } from '../dashboards/dashboard-view.js';
import { renderDashboardContent, type ContentLinks } from '../dashboards/dashboard-content.js';
import { buildTag, freshHtml, htmlText, notModified } from '../dashboards/freshness.js';
import { renderedOnce } from '../dashboards/rendered-once.js';
import { familyDay, untilMidnight, type FamilyDay } from '../dashboards/family-day.js';
import { applyChoreAction, choreFromPath, isChoreAction, isHtmx } from '../kinds/chores/chore-action.js';
import { now } from '../dashboards/clock.js';
import { clockHtml, isClockFormat } from '../dashboards/wall-clock.js';
import { findWorkingDisplayLink, getDisplayImage, isDisplayToken, type DisplayContext } from './display-link-queries.js';
import { displayFrame, displayPage } from './display-page.js';
import { displayEtag, displayNow, type DisplayKind } from './display-state.js';
import { familyI18n } from '../i18n/request-language.js';
import type { I18n } from '../i18n/i18n.js';
import { getSettingsWithRevision } from '../dashboards/dashboard-queries.js';
import { isRevokedDisplayToken, renderDisplayGone, retrySeconds } from './display-gone.js';

/**
 * The wall display: /<slug>/display/<token> shows one dashboard read-only,
 * with no sign-in, for the Pi's kiosk browser or a tablet. The token is the
 * key: unknown or revoked tokens are a 404, like any address that is not
 * there (the page then says which, display-gone.tsx). If the family allows
 * it, the display may mark chores done.
 */
export const displayRoutes = new Hono<FamilyEnv>();

function displayBase(slug: string, token: string): string {
  return `/${slug}/display/${token}`;
}

function displayLinks(slug: string, token: string): ContentLinks {
  const base = displayBase(slug, token);
  return {
    content: `${base}/content`,
    choreAction: (choreId, action) => `${base}/chores/${choreId}/${action}`,
    image: (imageId) => `${base}/images/${imageId}`,
  };
}

/** The display link named by the path, with everything a poll needs, in one query; null for a 404. */
async function displayFromPath(c: Context<FamilyEnv>): Promise<{ token: string; display: DisplayContext } | null> {
  const token = c.req.param('token');
  if (!isDisplayToken(token)) return null;
  const display = await findWorkingDisplayLink(c.get('family'), token);
  return display ? { token, display } : null;
}

/**
 * The family's words, for a display's own error pages: its routes come before
 * the layer that sets the member's or family's language (family/routes.tsx).
 */
async function familyI18nOf(c: Context<FamilyEnv>): Promise<I18n> {
  const i18n = familyI18n(await getSettingsWithRevision(c.get('family')));
  c.set('i18n', i18n);
  return i18n;
}

async function renderDisplayContent(c: Context<FamilyEnv>, token: string, display: DisplayContext, family: FamilyDay, at: Date, announce?: string) {
  // c.get(), not c.var: c.var copies every variable of the request into a new object at each use.
  const lease = c.get('family');
  const version = c.get('config').version;
  const slug = lease.slug;
  const sections = await rememberDashboardSections(lease, { id: display.dashboard_id, sections: display.dashboard_sections }, family.day);
  // A wall display speaks the family's language, whoever's browser shows it.
  const i18n = familyI18n(display);
  const view = buildDashboardView(sections, { today: family.today, timeZone: family.timeZone, now: at.getTime(), clock: isClockFormat(display.clock) ? display.clock : '24' }, familyDateFormat(display.date_format), i18n);
  const etag = displayEtag('display-content', version, slug, display, family, at);
  return renderDashboardContent({
    view,
    size: display.dashboard_size,
    links: displayLinks(slug, token),
    canComplete: display.display_can_complete === 1,
    empty: { kind: 'display', manageUrl: `/${slug}/manage` },
    etag,
    msUntilMidnight: untilMidnight(family, at),
    caption: display.name,
    clock: clockHtml(family.timeZone, at, display.clock, i18n),
    build: buildTag(version),
    announce,
  });
}

async function showDisplay(c: Context<FamilyEnv>, kind: DisplayKind) {
  const token = c.req.param('token') ?? '';
  const state = await displayNow(c.get('pool'), c.get('family'), c.get('config').version, token, kind);
  if (!state) {
    const revoked = isDisplayToken(token) && (await isRevokedDisplayToken(c.var.db, token));
    await familyI18nOf(c);
    return renderDisplayGone(c, revoked ? 'revoked' : 'disconnected');
  }
  const { display, at, family, night, etag } = state;
  const unchanged = notModified(c, etag);
  if (unchanged) return unchanged;
  const retry = kind === 'display-page' ? retrySeconds(c) : undefined;
  const language = familyI18n(display).lang;
  const key = { slot: `${kind}:${display.link_id}`, etag, at: at.getTime(), language, also: retry };
  // The refreshed content, what every display asks for again and again, is kept beyond the family's handle.
  const html = await renderedOnce(c.get('family'), key, async () => {
    const content = await renderDisplayContent(c, token, display, family, at);
    if (kind === 'display-content') return htmlText(content);
    return displayPage(displayFrame(display, family.timeZone, night ?? false, retry, language), content);
  }, kind === 'display-content' ? 'family' : 'handle');
  return freshHtml(c, etag, html);
}

displayRoutes.get('/display/:token', (c) => showDisplay(c, 'display-page'));
displayRoutes.get('/display/:token/content', (c) => showDisplay(c, 'display-content'));

displayRoutes.get('/display/:token/images/:id', async (c) => {
  const found = await displayFromPath(c);
  const id = parseId(c.req.param('id'));
  const image = found && id ? await getDisplayImage(c.var.db, { id: found.display.dashboard_id, sections: found.display.dashboard_sections }, id) : undefined;
  if (!image) return renderError(c, notFoundPage((await familyI18nOf(c)).t));
  c.header('ETag', imageEtag(image.sha256));
  // The bytes under an id never change; private: no shared cache keeps a family's pictures.
  c.header('Cache-Control', 'private, max-age=31536000, immutable');
  if (imageEtagMatches(c.req.header('if-none-match'), image.sha256)) return c.body(null, 304);
  c.header('Content-Type', IMAGE_CONTENT_TYPE);
  return c.body(new Uint8Array(image.webp));
});

displayRoutes.post('/display/:token/chores/:id/:action', async (c) => {
  const found = await displayFromPath(c);
  const action = c.req.param('action');
  if (!found || !isChoreAction(action)) return renderError(c, notFoundPage((await familyI18nOf(c)).t));
  const { token, display } = found;
  const slug = c.var.family.slug;
  const i18n = familyI18n(display);
  c.set('i18n', i18n);
  const { t } = i18n;
  const back = { href: displayBase(slug, token), label: t('error.backToDashboard') };
  if (display.display_can_complete !== 1) {
    return renderError(c, { status: 403, title: t('error.forbiddenTitle'), message: t('display.cannotComplete'), action: back });
  }
  const chore = await choreFromPath(c, display.dashboard_id);
  if (!chore) return renderError(c, notFoundPage(t));
  const at = now();
  const family = familyDay(display.time_zone, at);
  const result = await applyChoreAction(c, chore, action, family, null, t);
  if (!result.ok) return renderError(c, { status: result.status, title: t('chores.notMarkedDone'), message: result.message, action: back });
  if (!isHtmx(c)) return c.redirect(`${displayBase(slug, token)}#chore-${chore.id}`, 303);
  // Read again: the change moved the revision, and the new content's ETag must say so.
  const fresh = await findWorkingDisplayLink(c.var.family, token);
  if (!fresh) return renderError(c, notFoundPage(t));
  c.header('Cache-Control', 'no-store');
  c.header('Vary', 'HX-Request, Cookie');
  return c.html(await renderDisplayContent(c, token, fresh, family, at, result.announce));
});
