import { formatMegabytes } from '../images/process-image.js';
import { plural } from '../views/plural.js';
import { ADDRESS_RANGE_WORDS, ALLOW_PRIVATE_FEEDS_VARIABLE, type AddressRange } from './address-policy.js';

// The reasons a feed could not be fetched, as sentences for the family's admin.
// They name the server's host at most: a feed's path and query are its secret
// (see feed-url.ts), so nothing here is ever given the whole address.

/** Why an HTTP status (not 2xx, 3xx or 304) means no calendar. */
export function statusFailureReason(status: number): string {
  if (status === 404) return 'The calendar address was not found (404).';
  if (status === 401 || status === 403) {
    return `The calendar server refused access (${status}): the address may have been reset.`;
  }
  if (status === 410) return 'The calendar address is gone (410): the calendar may have been deleted or its address reset.';
  if (status === 429) return 'The calendar server asked DinkyDash to slow down (429); DinkyDash will try again later.';
  if (status >= 500) return `The calendar server had a problem (${status}); DinkyDash will try again later.`;
  if (status >= 400) return `The calendar server did not accept DinkyDash's request (${status}).`;
  return `The calendar server gave an answer DinkyDash does not understand (${status}).`;
}

export function tooLargeReason(maxBytes: number): string {
  return `The calendar is larger than DinkyDash accepts (${formatMegabytes(maxBytes)}); DinkyDash stopped downloading it.`;
}

export function timeoutReason(host: string, timeoutMs: number): string {
  return `The server ${host} did not send the calendar within ${describeDuration(timeoutMs)}; DinkyDash will try again later.`;
}

export function tooManyRedirectsReason(maxRedirects: number): string {
  return `The calendar address redirected more than ${maxRedirects} times; DinkyDash stopped following it.`;
}

export function redirectWithoutLocationReason(status: number): string {
  return `The calendar server answered ${status} without saying where the calendar moved.`;
}

export function unsupportedEncodingReason(encoding: string): string {
  // The header is the server's text: keep a short, printable piece of it.
  const shown = encoding.replace(/[^\w ,.-]/g, '').slice(0, 40);
  return `The calendar server sent the calendar in a form DinkyDash cannot read (content encoding "${shown}").`;
}

/** Why an address may not be fetched from; `address` is the IP the host name led to, when it was a name. */
export function nonPublicAddressReason(
  host: string,
  address: string | null,
  range: Exclude<AddressRange, 'public'>,
  viaRedirect: boolean,
): string {
  const where = viaRedirect ? `The calendar server redirected to ${host}` : `The calendar address points to ${host}`;
  const resolved = address === null ? '' : ` (${address})`;
  return (
    `${where}${resolved}, which is ${ADDRESS_RANGE_WORDS[range]}. DinkyDash fetches calendars only from the internet ` +
    `unless the owner sets ${ALLOW_PRIVATE_FEEDS_VARIABLE}=1.`
  );
}

// Certificate problems, by the code Node gives them.
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Why a request failed below HTTP (DNS, TCP, TLS, a broken answer), from the
 * error's code only: Node's messages can hold more of the request than the host.
 */
export function networkFailureReason(error: unknown, host: string): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return `DinkyDash could not find the server ${host}: the name does not exist. Check the calendar address.`;
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return `DinkyDash could not look up the server ${host} just now (no answer from DNS); it will try again later.`;
    case 'ECONNREFUSED':
      return `The server ${host} refused the connection; it may be down. DinkyDash will try again later.`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return `The connection to ${host} was cut off before the calendar arrived; DinkyDash will try again later.`;
    case 'ETIMEDOUT':
      return `The server ${host} did not answer in time; DinkyDash will try again later.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return `DinkyDash could not reach ${host}: is the Pi connected to the internet?`;
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      // A Pi has no battery clock: before it syncs its time, every certificate looks expired or not yet valid.
      return `The secure connection to ${host} failed: its certificate is not valid today (${code}). If this happens for every calendar, check the Pi's clock.`;
  }
  if (code !== undefined && CERTIFICATE_CODES.has(code)) {
    return `The secure connection to ${host} failed: its certificate was not accepted (${code}).`;
  }
  if (code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) {
    return `The secure connection to ${host} failed (${code}).`;
  }
  if (code?.startsWith('HPE_')) return `The server ${host} sent an answer that is not valid HTTP (${code}).`;
  // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR for a cut-off stream) and brotli's (ERR__ERROR_…).
  if (code?.startsWith('Z_') || code?.startsWith('ERR__') || code?.startsWith('ERR_BROTLI')) {
    return `The server ${host} sent a damaged or incomplete compressed calendar; DinkyDash will try again later.`;
  }
  return `DinkyDash could not fetch the calendar from ${host} (${code ?? 'unknown error'}); it will try again later.`;
}

function describeDuration(ms: number): string {
  return ms >= 1000 ? plural(Math.round(ms / 100) / 10, 'second') : `${ms} ms`;
}
