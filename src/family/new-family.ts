import { createFamily } from '../tenants/create-family.js';
import { defaultSections } from '../kinds/index.js';
import { slugProblem } from '../tenants/slug.js';
import { validateTimeZone } from '../calendar/family-time.js';
import { hashPassword, passwordProblem } from '../accounts/password.js';
import { usernameProblem } from '../accounts/username.js';
import { insertMember } from '../accounts/member-queries.js';
import { cleanText } from '../views/clean-text.js';
import { i18nFor, type Translate } from '../i18n/i18n.js';
import { DEFAULT_LANGUAGE, chooseLanguage, isLanguage, languageLocale, regionDefaults, type Language } from '../i18n/languages.js';

/** The first dashboard's name, in the family's language (afterwards it is the family's own name: renamed, never translated). */
export function defaultDashboardName(language: Language): string {
  return i18nFor(language).t('home.defaultDashboard');
}
export const FAMILY_NAME_MAX = 80;

export interface NewFamilyInput {
  slug: string;
  name: string;
  timeZone: string;
  /** A language DinkyDash has (src/i18n/); English when not given. */
  language?: string;
  /**
   * Where the family's clock and first day of the week come from: the
   * browser's tag (en-GB: 24-hour, Monday), else the language's likeliest region.
   */
  locale?: string;
  admin?: { username: string; password: string; displayName?: string };
}

export type NewFamilyErrors = Partial<Record<'slug' | 'name' | 'timeZone' | 'language' | 'username' | 'password', string>>;

/** Every problem with a new family's fields, by field; empty when it can be created. */
export function newFamilyProblems(input: NewFamilyInput, t: Translate): NewFamilyErrors {
  const errors: NewFamilyErrors = {};
  const slug = slugProblem(input.slug, t);
  if (slug) errors.slug = slug;
  const name = familyNameProblem(input.name, t);
  if (name) errors.name = name;
  const zone = validateTimeZone(input.timeZone, t);
  if (zone) errors.timeZone = zone;
  if (input.language !== undefined && !isLanguage(input.language)) errors.language = t('settings.problemLanguage');
  if (input.admin) {
    const username = usernameProblem(input.admin.username, t);
    if (username) errors.username = username;
    const password = passwordProblem(input.admin.password, t);
    if (password) errors.password = password;
  }
  return errors;
}

export function familyNameProblem(name: string, t: Translate): string | null {
  const clean = cleanText(name);
  if (!clean) return t('settings.problemFamilyNameMissing');
  if ([...clean].length > FAMILY_NAME_MAX) return t('settings.problemFamilyNameLong', { count: FAMILY_NAME_MAX });
  return null;
}

/**
 * Creates a family file with its first admin and its default dashboard, all
 * or nothing. Callers check `newFamilyProblems` first.
 */
export async function setUpNewFamily(dataDir: string, input: NewFamilyInput): Promise<string> {
  const passwordHash = input.admin ? await hashPassword(input.admin.password) : undefined;
  const language = isLanguage(input.language) ? input.language : DEFAULT_LANGUAGE;
  const conventions = regionDefaults(input.locale && chooseLanguage(input.locale)?.language === language ? input.locale : languageLocale(language));
  const settings = { language, clock: conventions.clock, week_start: conventions.week_start };
  return createFamily(dataDir, { slug: input.slug, name: cleanText(input.name), timeZone: input.timeZone, settings }, async (db) => {
    await db.insertInto('dashboards').values({ name: defaultDashboardName(language), is_default: 1, sections: defaultSections() }).execute();
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
