import crypto from 'node:crypto';
import type { Context } from 'hono';
import { HtmlEscapedCallbackPhase, resolveCallback, type HtmlEscapedString } from 'hono/utils/html';
import { assetUrl } from '../http/static-assets.js';
import { requestHeader } from '../http/client.js';
import { completeResponse, NOT_STORED, respond } from '../http/security-headers.js';

// A dashboard's ETag names everything its HTML depends on: the family's data
// (the family handle's revision: writes through it, or the file changed on disk), the family's day, who
// looks at it (buttons differ by role), and the app's own version and assets.
// A refresh poll that sends it back gets a 304 before anything is loaded or
// rendered.

let assetTag: string | undefined;

/** Changes whenever the page's stylesheet or scripts change (their addresses carry content hashes). */
function assetsTag(): string {
  assetTag ??= crypto
    .createHash('sha256')
    .update(['app.css', 'manage.css', 'app.js', 'forms.js', 'htmx.min.js'].map(assetUrl).join(' '))
    .digest('hex')
    .slice(0, 8);
  return assetTag;
}

export interface EtagParts {
  /** Which representation: a full page or the refreshed fragment, signed-in or the wall display. */
  kind: 'page' | 'content' | 'display-page' | 'display-content';
  version: string;
  slug: string;
  /** The dashboard (or the display link) shown. */
  id: number;
  revision: string;
  /** The family's day, as a day number. */
  day: number;
  /** Who looks: e.g. "m3-admin", or "d0"/"d1" for a display that may not/may mark chores done. */
  viewer: string;
  /** Night mode is part of the first render of a display page. */
  night?: boolean;
  /** For kinds whose cards change with the clock (src/kinds/index.ts, clockTick): which step of time it is. */
  tick?: number | null;
}

/**
 * The page's build: the app's version and its assets. A page carries it and
 * so does every refreshed fragment; when a fragment's differs, DinkyDash was
 * upgraded under the screen and app.js loads the whole page anew.
 */
export function buildTag(version: string): string {
  // The version is free text from package.json: keep only characters an ETag (and an attribute) may hold.
  return `${version.replace(/[^\w.+-]/g, '_')}.${assetsTag()}`;
}

export function dashboardEtag(p: EtagParts): string {
  const night = p.night === undefined ? '' : p.night ? '.n1' : '.n0';
  const tick = p.tick === undefined || p.tick === null ? '' : `.k${p.tick}`;
  return `W/"${p.kind}.${buildTag(p.version)}.${p.slug}.${p.id}.r${p.revision}.t${p.day}.${p.viewer}${night}${tick}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, '');
  // What a poller sends: the one tag it was given.
  if (ifNoneMatch === etag || ifNoneMatch === opaque) return true;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === opaque;
  });
}

/**
 * Headers of every dashboard response: never stored (a kitchen screen must
 * not show yesterday from a cache, and a signed-in dashboard must not come
 * back with the Back button after signing out), and different for htmx's
 * fragment requests and for each cookie. Polls stay cheap all the same: the
 * page's script sends the ETag it was given (app.js), and a 304 comes back.
 */
function freshnessHeaders(etag: string): Record<string, string> {
  return { etag, 'cache-control': NOT_STORED, vary: 'HX-Request, Cookie' };
}

/** notModified()'s 304, for a request answered before the app's layers (src/display/unchanged-polls.ts). */
export function notModifiedResponse(etag: string): Response {
  return completeResponse(null, freshnessHeaders(etag));
}

/** A 304 with no body when the client already has this version; null when it must be rendered (then answer with freshHtml()). */
export function notModified(c: Context, etag: string): Response | null {
  if (!etagMatches(requestHeader(c, 'if-none-match'), etag)) return null;
  return respond(c, null, freshnessHeaders(etag));
}

/** A page's JSX, or a fragment's HTML, as the text sent (rendered as c.html() renders it). */
export async function htmlText(html: string | HtmlEscapedString | Promise<HtmlEscapedString>): Promise<string> {
  return `${await resolveCallback(html, HtmlEscapedCallbackPhase.Stringify, false, {})}`;
}

/**
 * A dashboard's HTML (a page's JSX, the fragment htmx swaps in, or its bytes
 * kept by rendered-once.ts) with its ETag and the freshness headers. Sent as
 * a string primitive or bytes: the Node adapter writes either straight out,
 * where an escaped-string object goes through a fetch Response and a stream.
 */
export async function freshHtml(c: Context, etag: string, html: string | HtmlEscapedString | Promise<HtmlEscapedString> | Uint8Array<ArrayBuffer>): Promise<Response> {
  const body = html instanceof Uint8Array ? html : await htmlText(html);
  return respond(c, body, Object.assign({ 'content-type': 'text/html; charset=UTF-8' }, freshnessHeaders(etag)));
}
