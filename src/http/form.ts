import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

export type FormBody = Record<string, string | File | (string | File)[]>;

/**
 * The request's form fields. A body that cannot be read (malformed multipart,
 * wrong content type) is a 400 with a readable page, never a 500.
 */
export async function readForm(c: Context): Promise<FormBody> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new HTTPException(400, { message: 'This address expects a form.' });
  }
  try {
    return (await c.req.parseBody({ all: true })) as FormBody;
  } catch {
    throw new HTTPException(400, { message: 'The form could not be read. Please try again.' });
  }
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
