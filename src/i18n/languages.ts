import * as catalogs from './catalogs/index.js';
import type { AnyCatalog } from './catalog.js';
import type { ClockFormat, WeekStart } from '../family/tables.js';

/** A language DinkyDash speaks: the name of its catalog file (an ISO 639-1 code). */
export type Language = keyof typeof catalogs;

export const DEFAULT_LANGUAGE: Language = 'en';

/** Every language, by its code (de, en, es, fr: so also by its own name). */
export const LANGUAGES = Object.keys(catalogs).sort() as readonly Language[];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(catalogs, value);
}

export function catalogOf(language: Language): AnyCatalog {
  return catalogs[language];
}

/** The language's name in itself ("Deutsch"), as a settings form offers it. */
export function languageName(language: Language): string {
  return catalogs[language]['language.name'];
}

/** The tag whose conventions (dates, numbers) the language follows in Intl: en-GB, de-DE. */
export function languageLocale(language: Language): string {
  return catalogs[language]['language.locale'];
}

/** The choices of a language field, each named in its own language. */
export function languageOptions(): { value: Language; label: string }[] {
  return LANGUAGES.map((value) => ({ value, label: languageName(value) }));
}

/** A clear message for a language code DinkyDash does not have (CLI, forms). */
export function languageProblem(value: string): string | null {
  return isLanguage(value) ? null : `"${value}" is not a language DinkyDash has; choose one of ${LANGUAGES.join(', ')}`;
}

/** A browser's choice: the language DinkyDash has, and the tag it came from (with its region: en-GB). */
export interface LanguageChoice {
  language: Language;
  locale: string;
}

/**
 * The first language of an Accept-Language header that DinkyDash has, by the
 * header's q-values (ties keep the browser's order), or null when none is.
 */
export function chooseLanguage(header: string | null | undefined): LanguageChoice | null {
  if (!header) return null;
  const ranges = header
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && r.tag !== '*' && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    let locale: Intl.Locale;
    try {
      locale = new Intl.Locale(range.tag);
    } catch {
      continue;
    }
    const language = locale.language.toLowerCase();
    if (isLanguage(language)) return { language, locale: locale.toString() };
  }
  return null;
}

type WeekInfo = { firstDay: number };
type LocaleInfo = Intl.Locale & { weekInfo?: WeekInfo; getWeekInfo?: () => WeekInfo; hourCycles?: string[]; getHourCycles?: () => string[] };

/**
 * The clock and the first day of the week where a language is spoken: from
 * its region when the tag has one (en-GB: 24-hour, Monday), else from the
 * language's likeliest region (en: the United States; de: Germany).
 */
export function regionDefaults(locale: string): { clock: ClockFormat; week_start: WeekStart } {
  let full: Intl.Locale;
  try {
    full = new Intl.Locale(locale).maximize();
  } catch {
    full = new Intl.Locale(languageLocale(DEFAULT_LANGUAGE)).maximize();
  }
  const info = full as LocaleInfo;
  const week = info.getWeekInfo?.() ?? info.weekInfo;
  // The locale's own list (en-GB: h23); a formatter given the maximized tag answers h12 for en-Latn-GB.
  const cycle = (info.getHourCycles?.() ?? info.hourCycles)?.[0] ?? new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return {
    clock: cycle === 'h11' || cycle === 'h12' ? '12' : '24',
    week_start: week?.firstDay === 7 ? 'sunday' : 'monday',
  };
}
