import type { Context, MiddlewareHandler } from 'hono';
import type { Translate } from '../i18n/i18n.js';

/**
 * Every limit on what a request may send, in one place. Anyone on the home
 * network can post to a family's pages without an account, so no body is read
 * beyond its route's limit, and none is held whole in memory before a check.
 */
export const BODY_LIMITS = {
  /** Any form. The longest thing a family types is a 2,000-character note. */
  formBytes: 64 * 1024,
  /**
   * A form that carries a picture: the picture itself may be 5 MB
   * (MAX_UPLOAD_BYTES); the room above it lets a photo a little too large
   * reach the form, which then says so at the picture field.
   */
  pictureFormBytes: 8 * 1024 * 1024,
  /** Fields and files in one form: the largest form has a few dozen. */
  parts: 200,
  /** One text field, decoded: no form has a field near this. */
  fieldBytes: 16 * 1024,
  /**
   * Picture uploads received or converted at once: the image pipeline's two
   * jobs and two more on their way. More are answered "busy" at once rather
   * than held in memory.
   */
  picturesAtOnce: 4,
} as const;

export interface BodyLimitOptions {
  /** The most bytes a request body may have. */
  maxBytes: number;
  /** Files a multipart body may carry; further file parts are skipped unread. Default 0. */
  files?: number;
  /** The largest file kept; a larger one is counted but not kept, so the form can say how large it was. */
  maxFileBytes?: number;
  /** Bodies larger than a plain form that may be received at once; more are answered "busy" without being read. */
  atOnce?: number;
  /** What the person is told, in their language, when the body is over `maxBytes`. */
  tooLargeMessage: (t: Translate) => string;
  /** Whether the "too large" and "busy" pages lead back to this address (a form that is also served by GET). */
  linkBackToForm?: boolean;
}

/** The limit a request's body is read under: the innermost `bodyLimit` on its route. */
export type BodyLimit = Required<Omit<BodyLimitOptions, 'atOnce'>>;

/** Thrown by the body stream when a body is over its route's limit, before or while it is read. The error handler answers 413 with a readable page. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: BodyLimit) {
    super(`request body over ${limit.maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Thrown, before the body is read, when as many large bodies as a route allows are being received. Answered 503 "busy, try again". */
export class TooManyUploadsError extends Error {
  constructor(readonly limit: BodyLimit) {
    super('too many uploads at once');
    this.name = 'TooManyUploadsError';
  }
}

/** The limit of every form that carries no picture (the app's own `bodyLimit`). */
export const FORM_LIMIT: BodyLimit = {
  maxBytes: BODY_LIMITS.formBytes,
  files: 0,
  maxFileBytes: 0,
  linkBackToForm: false,
  tooLargeMessage: (t) => t('error.formTooLarge'),
};

/** The body limit in force for this request (the form limit where no middleware set one). */
export function bodyLimitOf(c: Context): BodyLimit {
  return (c.get('bodyLimit') as BodyLimit | undefined) ?? FORM_LIMIT;
}

/** The Content-Length a client declared, or null for a body sent without one (chunked). */
function declaredLength(c: Context): number | null {
  const header = c.req.header('content-length')?.trim();
  return header && /^\d+$/.test(header) ? Number(header) : null;
}

/**
 * Limits the request body of every route it is used on. The app uses it once
 * with the form limit for everything; a route that takes a picture uses it
 * again with its larger limit, which then holds for that route (the innermost
 * one wins).
 *
 * The body is not read here. The request's body stream is replaced by one
 * that refuses a declared Content-Length over the limit before reading a
 * byte and cuts a body sent without one (chunked) off at the limit, so
 * whatever reads the body (`readForm`, or `c.req.parseBody()`) never holds
 * more than the limit; reading past it throws `BodyTooLargeError`. With
 * `atOnce`, a body larger than a plain form that arrives while that many are
 * being received throws `TooManyUploadsError` at once, unread.
 */
export function bodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const { atOnce, ...rest } = options;
  const limit: BodyLimit = { files: 0, maxFileBytes: 0, linkBackToForm: false, ...rest };
  let receiving = 0;
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (c.get('bodyLimit') === undefined) capBodyStream(c);
    c.set('bodyLimit', limit);
    if (atOnce === undefined) return next();
    const length = declaredLength(c);
    // Refused before it takes a place among the uploads.
    if (length !== null && length > limit.maxBytes) throw new BodyTooLargeError(limit);
    if (length !== null && length <= BODY_LIMITS.formBytes) return next();
    if (receiving >= atOnce) throw new TooManyUploadsError(limit);
    receiving += 1;
    try {
      await next();
    } finally {
      receiving -= 1;
    }
  };
}

/**
 * Replaces the request's body with one read under the limit in force when it
 * is read, so a picture route's limit, set after the app's, applies. The
 * bytes beyond the limit are never read; the server discards them after the
 * answer.
 */
function capBodyStream(c: Context): void {
  const raw = c.req.raw;
  if (!raw.body) return;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let received = 0;
  const limited = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const limit = bodyLimitOf(c);
      if (!reader) {
        const length = declaredLength(c);
        if (length !== null && length > limit.maxBytes) return controller.error(new BodyTooLargeError(limit));
        reader = raw.body!.getReader();
      }
      const { done, value } = await reader.read();
      if (done) return controller.close();
      received += value.byteLength;
      // Not cancelled: that would close the connection before the 413 page is sent.
      if (received > limit.maxBytes) return controller.error(new BodyTooLargeError(limit));
      controller.enqueue(value);
    },
  }, { highWaterMark: 0 }); // nothing is read before someone asks
  c.req.raw = new Request(raw, { body: limited, duplex: 'half' } as RequestInit);
}
