import { describe, expect, it } from 'vitest';
import { networkFailureReason, statusFailureReason } from '../../src/fetching/fetch-failures.js';

function errorWithCode(code: string, message = `${code} https://calendar.example/private-abc123/basic.ics`): Error {
  return Object.assign(new Error(message), { code });
}

describe('networkFailureReason', () => {
  it.each([
    ['ENOTFOUND', 'DinkyDash could not find the server calendar.example: the name does not exist. Check the calendar address.'],
    ['EAI_AGAIN', 'DinkyDash could not look up the server calendar.example just now (no answer from DNS); it will try again later.'],
    ['ECONNREFUSED', 'The server calendar.example refused the connection; it may be down. DinkyDash will try again later.'],
    ['ECONNRESET', 'The connection to calendar.example was cut off before the calendar arrived; DinkyDash will try again later.'],
    ['ETIMEDOUT', 'The server calendar.example did not answer in time; DinkyDash will try again later.'],
    ['ENETUNREACH', 'DinkyDash could not reach calendar.example: is the Pi connected to the internet?'],
    [
      'CERT_HAS_EXPIRED',
      "The secure connection to calendar.example failed: its certificate is not valid today (CERT_HAS_EXPIRED). If this happens for every calendar, check the Pi's clock.",
    ],
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'The secure connection to calendar.example failed: its certificate was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT).',
    ],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'The secure connection to calendar.example failed: its certificate was not accepted (ERR_TLS_CERT_ALTNAME_INVALID).',
    ],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'The secure connection to calendar.example failed (ERR_SSL_WRONG_VERSION_NUMBER).'],
    ['HPE_INVALID_CONSTANT', 'The server calendar.example sent an answer that is not valid HTTP (HPE_INVALID_CONSTANT).'],
    ['Z_DATA_ERROR', 'The server calendar.example sent a damaged or incomplete compressed calendar; DinkyDash will try again later.'],
    ['ERR__ERROR_FORMAT_PADDING_1', 'The server calendar.example sent a damaged or incomplete compressed calendar; DinkyDash will try again later.'],
    ['EWHATEVER', 'DinkyDash could not fetch the calendar from calendar.example (EWHATEVER); it will try again later.'],
  ])('%s', (code, reason) => {
    expect(networkFailureReason(errorWithCode(code), 'calendar.example')).toBe(reason);
  });

  it("never repeats the error's message, which may hold the address", () => {
    for (const error of [errorWithCode('EWHATEVER'), new Error('GET https://calendar.example/private-abc123'), 'private-abc123', null]) {
      expect(networkFailureReason(error, 'calendar.example')).not.toContain('private-abc123');
    }
  });
});

describe('statusFailureReason', () => {
  it.each([
    [404, 'The calendar address was not found (404).'],
    [403, 'The calendar server refused access (403): the address may have been reset.'],
    [429, 'The calendar server asked DinkyDash to slow down (429); DinkyDash will try again later.'],
    [502, 'The calendar server had a problem (502); DinkyDash will try again later.'],
    [400, "The calendar server did not accept DinkyDash's request (400)."],
    [300, 'The calendar server gave an answer DinkyDash does not understand (300).'],
  ])('%i', (status, reason) => {
    expect(statusFailureReason(status)).toBe(reason);
  });
});
