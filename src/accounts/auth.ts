import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { FamilyEnv } from '../http/env.js';
import type { Role } from './tables.js';
import type { SessionMember } from './session.js';
import { findSession, sessionFromCookie } from './session.js';
import { renderError } from '../http/error-handler.js';

/** Reads the session cookie against the family's own file: a token from another family is simply not there. */
export const loadSession = createMiddleware<FamilyEnv>(async (c, next) => {
  // c.get(), not c.var: c.var copies every variable of the request into a new object at each use.
  const family = c.get('family');
  const found = await sessionFromCookie(c, family, (db, id) => family.remember(`session:${id}`, () => findSession(db, id)));
  c.set('member', found?.member ?? null);
  c.set('session', found?.session ?? null);
  await next();
});

/** Where sign-in sends the visitor back to: only a path inside this family. */
export function safeReturnPath(slug: string, path: string | undefined): string {
  const home = `/${slug}/`;
  if (!path || !path.startsWith(home) || path.includes('//') || path.includes('\\') || /[\u0000-\u001f]/.test(path)) return home;
  // Resolve "..", "%2e%2e" and the like the way a browser would, then look again.
  let resolved: URL;
  try {
    resolved = new URL(path, 'http://family.invalid');
  } catch {
    return home;
  }
  if (resolved.host !== 'family.invalid' || !resolved.pathname.startsWith(home) || /%2e/i.test(path)) return home;
  if (path.startsWith(`/${slug}/login`) || path.startsWith(`/${slug}/logout`)) return home;
  return path;
}

export function loginUrl(slug: string, returnTo?: string): string {
  const back = returnTo && returnTo !== `/${slug}/` ? `?next=${encodeURIComponent(returnTo)}` : '';
  return `/${slug}/login${back}`;
}

/** Anonymous visitors go to the family's sign-in page, and come back after. */
export const requireMember = createMiddleware<FamilyEnv>(async (c, next) => {
  if (!c.get('member')) {
    const url = new URL(c.req.url);
    const back = c.req.method === 'GET' ? `${url.pathname}${url.search}` : undefined;
    return c.redirect(loginUrl(c.var.family.slug, back), 303);
  }
  await next();
});

/** Only these roles may go on; others get a 403 page and nothing changes. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<FamilyEnv>(async (c, next) => {
    const member = c.var.member;
    if (!member) {
      return c.redirect(loginUrl(c.var.family.slug), 303);
    }
    if (!roles.includes(member.role)) {
      const { t } = c.var.i18n;
      // Viewers are the only role left out of anything but admin pages.
      const message = roles.includes('member') ? t('accounts.onlyAdminsAndMembers') : t('accounts.onlyAdmins');
      return renderError(c, { status: 403, title: t('error.forbiddenTitle'), message, action: { href: `/${c.var.family.slug}/`, label: t('error.backToDashboard') } });
    }
    await next();
  });
}

/** The signed-in member, for handlers behind requireMember. */
export function signedIn(c: Context<FamilyEnv>): SessionMember {
  const member = c.get('member');
  if (!member) throw new Error('signedIn() used on a route without requireMember');
  return member;
}
