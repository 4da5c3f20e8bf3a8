import { createFamily } from '../tenants/create-family.js';
import { defaultSections } from '../kinds/index.js';
import { slugProblem } from '../tenants/slug.js';
import { validateTimeZone } from '../calendar/family-time.js';
import { hashPassword, passwordProblem } from '../accounts/password.js';
import { usernameProblem } from '../accounts/username.js';
import { insertMember } from '../accounts/member-queries.js';
import { cleanText } from '../views/clean-text.js';

export const DEFAULT_DASHBOARD_NAME = 'Family Dashboard';
export const FAMILY_NAME_MAX = 80;

export interface NewFamilyInput {
  slug: string;
  name: string;
  timeZone: string;
  admin?: { username: string; password: string; displayName?: string };
}

export type NewFamilyErrors = Partial<Record<'slug' | 'name' | 'timeZone' | 'username' | 'password', string>>;

/** Every problem with a new family's fields, by field; empty when it can be created. */
export function newFamilyProblems(input: NewFamilyInput): NewFamilyErrors {
  const errors: NewFamilyErrors = {};
  const slug = slugProblem(input.slug);
  if (slug) errors.slug = slug;
  const name = familyNameProblem(input.name);
  if (name) errors.name = name;
  const zone = validateTimeZone(input.timeZone);
  if (zone) errors.timeZone = zone;
  if (input.admin) {
    const username = usernameProblem(input.admin.username);
    if (username) errors.username = username;
    const password = passwordProblem(input.admin.password);
    if (password) errors.password = password;
  }
  return errors;
}

export function familyNameProblem(name: string): string | null {
  const clean = cleanText(name);
  if (!clean) return 'Type your family’s name, e.g. The Smiths.';
  if ([...clean].length > FAMILY_NAME_MAX) return `A family name can have at most ${FAMILY_NAME_MAX} characters.`;
  return null;
}

/**
 * Creates a family file with its first admin and its default dashboard, all
 * or nothing. Callers check `newFamilyProblems` first.
 */
export async function setUpNewFamily(dataDir: string, input: NewFamilyInput): Promise<string> {
  const passwordHash = input.admin ? await hashPassword(input.admin.password) : undefined;
  return createFamily(dataDir, { slug: input.slug, name: cleanText(input.name), timeZone: input.timeZone }, async (db) => {
    await db.insertInto('dashboards').values({ name: DEFAULT_DASHBOARD_NAME, is_default: 1, sections: defaultSections() }).execute();
    if (input.admin && passwordHash) {
      await insertMember(db, {
        username: input.admin.username,
        displayName: cleanText(input.admin.displayName ?? '') || input.admin.username,
        role: 'admin',
        passwordHash,
      });
    }
  });
}
