import { ADMIN, GRANDPA, KID, createTestFamily, type TestApp, type TestMember } from '../helpers/family-app.js';
import type { FamilyDb } from '../../src/tenants/family-database.js';
import { todayIn } from '../../src/calendar/family-time.js';
import type { CivilDate } from '../../src/calendar/civil-date.js';

/** Runs queries against a family's file, as the app would. */
export function inFamily<T>(t: TestApp, slug: string, fn: (db: FamilyDb) => Promise<T>): Promise<T> {
  return t.pool.withFamily(slug, ({ db }) => fn(db));
}

/** A page's HTML with the entities hono/jsx writes turned back into characters. */
export async function pageText(res: Response): Promise<string> {
  return decode(await res.text());
}

export function decode(html: string): string {
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The message shown at a form field, or null when the field has none. */
export function fieldError(html: string, name: string): string | null {
  const match = new RegExp(`id="f-${name}-error"[^>]*>([^<]*)<`).exec(html);
  return match ? decode(match[1]!) : null;
}

/** Every field message on the page, by field name. */
export function fieldErrors(html: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const match of html.matchAll(/id="f-([\w-]+)-error"[^>]*>([^<]*)</g)) errors[match[1]!] = decode(match[2]!);
  return errors;
}

/** The families in these tests live in Berlin. */
export function berlinToday(): CivilDate {
  return todayIn('Europe/Berlin');
}

export function multipart(fields: Record<string, string>, files: Record<string, { bytes: Uint8Array; name: string; type: string }> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const [key, file] of Object.entries(files)) form.append(key, new File([file.bytes], file.name, { type: file.type }));
  return form;
}

export async function count(t: TestApp, slug: string, table: 'chores' | 'countdowns' | 'dashboards' | 'images' | 'chore_entries'): Promise<number> {
  return inFamily(t, slug, async (db) => {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

/** The Smiths (an admin, a kid, a viewing grandpa and any others) and the Joneses, with a signed-in cookie for each role. */
export async function smithsAndJoneses(t: TestApp, smiths: TestMember[] = [ADMIN, KID, GRANDPA]) {
  await createTestFamily(t, 'smiths', smiths, { name: 'The Smiths' });
  await createTestFamily(t, 'jones', [{ ...ADMIN, username: 'dad' }], { name: 'The Joneses' });
  return {
    admin: await t.signIn('smiths', ADMIN.username, ADMIN.password),
    kid: await t.signIn('smiths', KID.username, KID.password),
    grandpa: await t.signIn('smiths', GRANDPA.username, GRANDPA.password),
    jonesAdmin: await t.signIn('jones', 'dad', ADMIN.password),
  };
}
