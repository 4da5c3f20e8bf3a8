import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { BODY_LIMITS, BodyTooLargeError, bodyLimitOf } from './body-limit.js';

export type FormBody = Record<string, string | File | (string | File)[]>;

/** A file larger than its route keeps: its bytes were counted and dropped, so the form can say how large it was. */
export class OversizeFile extends File {
  constructor(
    name: string,
    /** How many bytes were sent. */
    readonly sentBytes: number,
    type: string,
  ) {
    super([], name, { type });
  }
}

/**
 * The request's form fields, parsed as the body streams in under the route's
 * body limit (src/http/body-limit.ts): at most so many parts, no text field
 * over its cap, files only where the route takes them, and a file over its
 * cap counted but not kept. A body over the limit throws `BodyTooLargeError`
 * (a 413 page); one that cannot be read (malformed multipart, wrong content
 * type) is a 400 with a readable page, never a 500.
 */
export async function readForm(c: Context): Promise<FormBody> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new HTTPException(400, { message: 'This address expects a form.' });
  }
  const limit = bodyLimitOf(c);
  const body: FormBody = {};
  const add = (name: string, value: string | File) => {
    const before = body[name];
    body[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  };
  let overLimit = false;
  let fail: (err: unknown) => void = () => {};
  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { 'content-type': type },
      limits: { parts: BODY_LIMITS.parts, fields: BODY_LIMITS.parts + 1, fieldSize: BODY_LIMITS.fieldBytes, files: limit.files },
    });
  } catch {
    throw unreadable();
  }
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('finish', resolve);
    parser.on('error', reject);
    fail = reject;
  });
  parsed.catch(() => {});
  // Counted here too: busboy notices a urlencoded body's extra field only at its next chunk.
  let fields = 0;
  parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated || ++fields > BODY_LIMITS.parts) overLimit = true;
    else add(name, value);
  });
  parser.on('file', (name, stream, filename, _encoding, mimeType) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit.maxFileBytes) chunks.push(chunk);
    });
    // A body cut short ends a file part with an error, not on the parser.
    stream.on('error', fail);
    stream.on('end', () => add(name, size > limit.maxFileBytes ? new OversizeFile(filename, size, mimeType) : new File(chunks, filename, { type: mimeType })));
  });
  parser.on('partsLimit', () => (overLimit = true));
  parser.on('fieldsLimit', () => (overLimit = true));
  try {
    const reader = c.req.raw.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) {
      if (!parser.write(chunk.value)) await Promise.race([new Promise((resolve) => parser.once('drain', resolve)), parsed]);
    }
    parser.end();
    await parsed;
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw err;
    throw unreadable();
  }
  if (overLimit) throw new BodyTooLargeError(limit);
  return body;
}

function unreadable(): HTTPException {
  return new HTTPException(400, { message: 'The form could not be read. Please try again.' });
}

/** One text field's value ('' when missing, a file, or sent twice). */
export function field(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** Every text value of a repeated field, in order. */
export function fields(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** An uploaded file, or null when none was chosen. */
export function fileField(body: FormBody, name: string): File | null {
  const value = body[name];
  // Browsers send an empty part with no file name when nothing was chosen; an empty file with a name is kept, to be refused.
  if (!(value instanceof File)) return null;
  if (value instanceof OversizeFile) return value;
  return value.size > 0 || value.name ? value : null;
}

/** A positive whole number from a path or form value, or null. Forged ids become 404s, not 500s. */
export function parseId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

export function checkbox(body: FormBody, name: string): boolean {
  const value = field(body, name);
  return value === 'on' || value === '1' || value === 'true' || value === 'yes';
}
