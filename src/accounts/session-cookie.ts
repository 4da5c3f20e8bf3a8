import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';
import { isHttps, requestHeader } from '../http/client.js';

export const SESSION_COOKIE = 'dinkydash_session';

/** Path=/<slug>/: families on one Pi never share or overwrite each other's cookies. */
function cookiePath(slug: string): string {
  return `/${slug}/`;
}

/** The session cookie's value, parsed as hono's getCookie() parses it (read on every request under /<slug>/). */
export function readSessionCookie(c: Context): string | undefined {
  const cookie = requestHeader(c, 'cookie');
  return cookie ? parse(cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
}

export function setSessionCookie(c: Context, slug: string, token: string, expiresAtSeconds: number, remember: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: cookiePath(slug),
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    // Without "keep me signed in" the cookie ends with the browser; the server ends it after 12 idle hours anyway.
    ...(remember ? { expires: new Date(expiresAtSeconds * 1000) } : {}),
  });
}

export function clearSessionCookie(c: Context, slug: string): void {
  deleteCookie(c, SESSION_COOKIE, { path: cookiePath(slug), httpOnly: true, sameSite: 'Lax', secure: isHttps(c) });
}
