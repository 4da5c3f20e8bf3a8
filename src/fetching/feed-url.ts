// A feed's address is a secret: Google's "secret address in iCal format",
// iCloud's published calendars and Nextcloud's share links carry their only
// protection in the path, and some addresses carry a password. Nothing here
// ever puts the path, query or credentials into a message.

/** A feed address made ready to fetch, or why it cannot be. */
export type FeedRequestUrl = { ok: true; url: URL } | { ok: false; reason: string };

const FETCHABLE_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Parses the address an admin typed into the URL to fetch.
 *
 * webcal:// becomes https:// and never falls back to http://: webcal is only a
 * hint for calendar apps to subscribe, Apple's and Google's webcal links are
 * served over https, and a silent fall-back to plain http would send the secret
 * address unencrypted.
 *
 * The webcal scheme is swapped before parsing, so the host gets the same
 * normalisation as https (http://2130706433/ and http://0x7f.1/ become
 * 127.0.0.1) and the address check sees the real host.
 */
export function feedRequestUrl(address: string): FeedRequestUrl {
  const trimmed = address.trim();
  const https = trimmed.replace(/^webcal:/i, 'https:');
  let url: URL;
  try {
    url = new URL(https);
  } catch {
    return { ok: false, reason: 'The calendar address is not a web address (it should start with https://).' };
  }
  return fetchableUrl(url);
}

/** Whether a parsed URL (the first address or a redirect's target) uses a scheme DinkyDash fetches. */
export function fetchableUrl(url: URL): FeedRequestUrl {
  if (!FETCHABLE_PROTOCOLS.has(url.protocol)) {
    // The scheme alone is no secret, and it tells the admin what went wrong.
    const scheme = /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) ? url.protocol.slice(0, -1) : 'unknown';
    return {
      ok: false,
      reason: `DinkyDash fetches only https://, http:// and webcal:// addresses, not ${scheme}: addresses.`,
    };
  }
  if (url.hostname === '') return { ok: false, reason: 'The calendar address has no server name.' };
  return { ok: true, url };
}

// Path segments that are structure rather than a token: lowercase words, with at
// most an extension ("calendar", "ical", "remote.php", "public-calendars").
// Random tokens almost always hold digits or capitals, so they fail this test.
const WORD_SEGMENT = /^[a-z][a-z_-]{0,23}(\.[a-z]{2,4})?$/;
// The last segment is shown only when it is a file name such as basic.ics.
const FILE_NAME_SEGMENT = /^[a-z][a-z_-]{0,23}\.(ics|ical|ifb|vcs|json|xml|rss|atom)$/i;
const SHOWN_LEADING_SEGMENTS = 2;

/**
 * A feed address safe for messages and logs: scheme, host and a hint of the
 * path, e.g. https://calendar.google.com/calendar/ical/…/basic.ics. Never the
 * credentials, the token in the path, the query or the fragment.
 */
export function maskFeedUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url.trim()) : url;
  } catch {
    return '(not a web address)';
  }
  const segments = parsed.pathname.split('/').filter((segment) => segment !== '');
  const leading: string[] = [];
  for (const segment of segments.slice(0, SHOWN_LEADING_SEGMENTS)) {
    if (!WORD_SEGMENT.test(segment)) break;
    leading.push(segment);
  }
  const last = segments.length > leading.length ? segments[segments.length - 1] : undefined;
  const trailing = last !== undefined && FILE_NAME_SEGMENT.test(last) ? [last] : [];
  const pathHidden = segments.length - leading.length - trailing.length > 0;
  const shown = [...leading, ...(pathHidden ? ['…'] : []), ...trailing];
  // url.host never holds the credentials; "?…" says there was a query without showing it.
  return `${parsed.protocol}//${parsed.host}/${shown.join('/')}${parsed.search ? '?…' : ''}`;
}
