import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { hashToken } from '../accounts/session.js';
import type { FamilyDb } from '../tenants/family-database.js';
import { Layout } from '../views/layout.js';
import { english, type I18n, type Translate } from '../i18n/i18n.js';

// What a wall screen shows when there is no dashboard for it: the family's
// file was removed (or is being restored), or its link was turned off. Nobody
// stands at a kiosk to click a link, so the page says what is going on in
// plain words, offers nothing to click (certainly not "create a family"), and
// asks again every minute — a meta refresh without JavaScript, app.js with
// it — so the screen comes back by itself once the family does.

export type GoneReason = 'disconnected' | 'revoked';

function wordsOf(reason: GoneReason, t: Translate): { title: string; detail: string } {
  return reason === 'revoked'
    ? { title: t('display.revokedTitle'), detail: t('display.revoked') }
    : { title: t('display.disconnectedTitle'), detail: t('display.disconnected') };
}

/** The header a display's 404 carries, so the page is made once. */
const GONE_HEADER = 'X-Display-Gone';

/**
 * How often (seconds) the screen asks again: every minute, or as the page's
 * address says with ?retry=N (1-3600), so a test need not wait a minute.
 */
export function retrySeconds(c: Context): number | undefined {
  const text = c.req.query('retry');
  if (!text || !/^\d{1,4}$/.test(text)) return undefined;
  const seconds = Number(text);
  return seconds >= 1 && seconds <= 3600 ? seconds : undefined;
}

/**
 * In the family's language when its file is there (a revoked link), else the
 * browser's: a kiosk's is the Pi's own (Accept-Language).
 */
export function DisplayGonePage(props: { reason: GoneReason; retrySeconds?: number | undefined; i18n: I18n }) {
  const words = wordsOf(props.reason, props.i18n.t);
  return (
    <Layout lang={props.i18n.lang} title={words.title} bodyClass="display display-gone" refreshSeconds={60} head={<meta name="robots" content="noindex, nofollow" />}>
      <main class="display-gone-main" data-display-gone={props.reason} data-retry-seconds={props.retrySeconds === undefined ? undefined : String(props.retrySeconds)}>
        <h1>{words.title}</h1>
        <p>{words.detail}</p>
      </main>
    </Layout>
  );
}

/** The 404 of a display page or its refreshing content. */
export async function renderDisplayGone(c: Context, reason: GoneReason): Promise<Response> {
  const html = await (<DisplayGonePage reason={reason} retrySeconds={retrySeconds(c)} i18n={(c.var as { i18n?: I18n }).i18n ?? english} />).toString();
  return new Response(html, { status: 404, headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store', [GONE_HEADER]: reason } });
}

/** Whether this token names a link an admin turned off (its hash is still stored, with revoked_at). */
export async function isRevokedDisplayToken(db: FamilyDb, token: string): Promise<boolean> {
  const row = await db.selectFrom('display_links').select('id').where('token_hash', '=', hashToken(token)).where('revoked_at', 'is not', null).executeTakeFirst();
  return row !== undefined;
}

/**
 * Put before the family is bound, on a display's page and content: any 404
 * they end with — the family's file is missing (bindFamily's 404 comes before
 * the display's own routes run), the token is unknown — becomes the display's
 * own message instead of "Page not found" with a link to the start page.
 */
export const displayNotFound = createMiddleware(async (c, next) => {
  await next();
  if (c.req.method !== 'GET' || c.res.status !== 404 || c.res.headers.has(GONE_HEADER)) return;
  const gone = await renderDisplayGone(c, 'disconnected');
  c.res = undefined;
  c.res = gone;
});
