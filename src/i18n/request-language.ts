import type { MiddlewareHandler } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import type { FamilySettings } from '../family/tables.js';
import { getSettingsWithRevision } from '../dashboards/dashboard-queries.js';
import { I18n } from './i18n.js';
import { DEFAULT_LANGUAGE, chooseLanguage, isLanguage, type Language } from './languages.js';

// Which language a request is answered in. Outside a family: the browser's
// (Accept-Language). A family's pages: the signed-in member's own choice, else
// the family's. A wall display: always the family's (familyI18n).

const byHeader = new Map<string, Language>();

/** The first language of the browser's Accept-Language that DinkyDash has, else English. */
export function browserLanguage(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  let language = byHeader.get(header);
  if (language === undefined) {
    language = chooseLanguage(header)?.language ?? DEFAULT_LANGUAGE;
    if (byHeader.size > 200) byHeader.clear();
    byHeader.set(header, language);
  }
  return language;
}

const families = new Map<string, I18n>();

/** The family's language, in its zone, with its clock: what its wall displays speak. */
export function familyI18n(settings: Pick<FamilySettings, 'language' | 'time_zone' | 'clock'> & { date_format?: string }, language: string | null = settings.language): I18n {
  const lang = isLanguage(language) ? language : isLanguage(settings.language) ? settings.language : DEFAULT_LANGUAGE;
  const monthFirst = settings.date_format === 'mdy';
  const key = `${lang}|${settings.time_zone}|${settings.clock}|${monthFirst}`;
  let i18n = families.get(key);
  if (!i18n) {
    i18n = new I18n(lang, { timeZone: settings.time_zone, clock: settings.clock, monthFirst });
    if (families.size > 500) families.clear();
    families.set(key, i18n);
  }
  return i18n;
}

/** After the session is read: `c.var.i18n` becomes the member's language, or the family's. */
export const memberI18n: MiddlewareHandler<FamilyEnv> = (c, next) =>
  getSettingsWithRevision(c.get('family')).then((settings) => {
    c.set('i18n', familyI18n(settings, c.get('member')?.language ?? null));
    return next();
  });
