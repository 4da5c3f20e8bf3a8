import type { CivilDate } from '../calendar/civil-date.js';
import type { ClockFormat } from '../family/tables.js';
import type { AnyCatalog, MessageKey, ParamsArg } from './catalog.js';
import type { PluralMessage, ParamValue } from './message.js';
import { DEFAULT_LANGUAGE, catalogOf, type Language } from './languages.js';

// One language's words and conventions for one request: t() for the catalog's
// messages, and Intl for numbers, dates, times and sorting. Intl objects cost
// far more to build than to use, so each is built once per language (and
// zone, and clock) and kept.

/** How a date is written: each a set of Intl.DateTimeFormat fields. */
export const DATE_STYLES = {
  /** "Sunday, 22 November 2026" / "Sonntag, 22. November 2026". */
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  /** "22 November 2026". */
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  /** "Sunday 22 November". */
  weekdayDayMonth: { weekday: 'long', day: 'numeric', month: 'long' },
  /** "Sun 22 Nov". */
  shortWeekdayDayMonth: { weekday: 'short', day: 'numeric', month: 'short' },
  /** "Sun 22 November": a countdown's date. */
  cardDate: { weekday: 'short', day: 'numeric', month: 'long' },
  /** "Sun, 22 November 2027": a countdown's date in another year. */
  cardDateYear: { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' },
  /** "Tue 8": a day in the calendar card. */
  shortWeekdayDay: { weekday: 'short', day: 'numeric' },
  /** "22 November". */
  dayMonth: { day: 'numeric', month: 'long' },
  /** "22 Nov". */
  shortDayMonth: { day: 'numeric', month: 'short' },
  /** "November 2026". */
  monthYear: { month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof DATE_STYLES;

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.Collator | Intl.ListFormat>();

function kept<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.Collator | Intl.ListFormat>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    if (cache.size > 2000) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/**
 * Formatted dates and times by formatter and input: Intl's format() costs some
 * microseconds a call, and a wall display's calendar card formats the same few
 * days and times for every entry of every render (it was half of the card's
 * time, docs/benchmarks.md). Bounded like the formatters.
 */
const formatted = new Map<string, string>();

function formattedOnce(key: string, format: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    text = format();
    if (formatted.size > 4000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

const PLACEHOLDER = /\{(\w+)\}/g;

// French writes "de" as "d’" before a vowel or a mute h: "l’anniversaire d’Estelle", not "de Estelle".
// Only before a name or word the family typed: the catalog's own words are written as they should be.
const FRENCH_DE_BEFORE_PLACEHOLDER = /(^|[\s(])([Dd])e \{(\w+)\}/g;
const FRENCH_ELIDING = /^[aeiouyhàâäæéèêëîïôöœùûü]/i;

function elideDe(text: string, params: Readonly<Record<string, ParamValue>>): string {
  return text.replace(FRENCH_DE_BEFORE_PLACEHOLDER, (whole, before: string, d: string, name: string) => {
    const value = params[name];
    return typeof value === 'string' && FRENCH_ELIDING.test(value) ? `${before}${d}’{${name}}` : whole;
  });
}

/** A civil date as an instant whose UTC fields are that date (formatted in UTC, so no zone shifts it). */
function utcNoon(d: CivilDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day, 12));
}

export interface I18nOptions {
  /** The family's zone: instants are shown on its wall clock. */
  timeZone?: string;
  /** The family's clock: 12- or 24-hour. When not given, the language's region decides. */
  clock?: ClockFormat;
  /** The family writes dates month first (date format mdy): English dates then read "Tuesday, March 10". */
  monthFirst?: boolean;
}

export class I18n {
  readonly lang: Language;
  /** The tag whose conventions Intl follows (the catalog's 'language.locale': en-GB, de-DE). */
  readonly locale: string;
  /** The tag dates are written by: the locale, or US English for an English family that writes month first. */
  readonly dateLocale: string;
  readonly timeZone: string;
  readonly clock: ClockFormat | undefined;
  private readonly catalog: AnyCatalog;
  private readonly numbers: Intl.NumberFormat;
  private readonly plurals: Intl.PluralRules;

  constructor(lang: Language = DEFAULT_LANGUAGE, options: I18nOptions = {}) {
    this.lang = lang;
    this.timeZone = options.timeZone ?? 'UTC';
    this.clock = options.clock;
    this.catalog = catalogOf(lang);
    this.locale = this.catalog['language.locale'] as string;
    this.dateLocale = options.monthFirst && lang === 'en' ? 'en-US' : this.locale;
    this.numbers = kept(`n:${lang}`, () => new Intl.NumberFormat(this.locale, { useGrouping: 'min2' } as Intl.NumberFormatOptions));
    this.plurals = kept(`p:${lang}`, () => new Intl.PluralRules(this.locale));
  }

  /**
   * The message for `key` in this language, its `{placeholders}` filled:
   * numbers formatted for the language, text as given (names the family typed
   * are never translated). A plural message picks its form by `count`.
   * Plain text: escape it where it goes into HTML (JSX does).
   */
  readonly t = <K extends MessageKey>(key: K, ...args: ParamsArg<K>): string => {
    const message = this.catalog[key];
    const params = (args[0] ?? {}) as Readonly<Record<string, ParamValue>>;
    const text = typeof message === 'string' ? message : this.pluralForm(message, Number(params.count));
    if (!text.includes('{')) return text;
    return (this.lang === 'fr' ? elideDe(text, params) : text).replace(PLACEHOLDER, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.wholeNumber(value) : value;
    });
  };

  // Counts on a page are small whole numbers, asked for on every render (a
  // dashboard's days, turns and cards): their plural category and written form
  // are kept per instance, since Intl's select() and format() cost microseconds
  // a call (16% of the dashboard page in its profile, docs/benchmarks.md).
  private readonly categories: Intl.LDMLPluralRule[] = [];
  private readonly written: string[] = [];

  private wholeNumber(n: number): string {
    if (!(Number.isInteger(n) && n >= 0 && n < 10_000)) return this.numbers.format(n);
    return (this.written[n] ??= this.numbers.format(n));
  }

  private pluralForm(message: PluralMessage, count: number): string {
    if (count === 0 && message['=0'] !== undefined) return message['=0'];
    if (count === 1 && message['=1'] !== undefined) return message['=1'];
    const category = Number.isInteger(count) && count >= 0 && count < 10_000 ? (this.categories[count] ??= this.plurals.select(count)) : this.plurals.select(count);
    return message[category] ?? message.other;
  }

  /** A number as the language writes it ("1.234,5" in German). */
  number(n: number, options?: Intl.NumberFormatOptions): string {
    if (!options) return this.numbers.format(n);
    return kept(`n:${this.lang}:${JSON.stringify(options)}`, () => new Intl.NumberFormat(this.locale, options)).format(n);
  }

  /** A calendar date (no zone involved) in one of DATE_STYLES. */
  date(d: CivilDate, style: DateStyle = 'full'): string {
    return formattedOnce(`d:${this.dateLocale}:${style}:${d.year}-${d.month}-${d.day}`, () => this.dateFormat(style).format(utcNoon(d)));
  }

  private dateFormat(style: DateStyle): Intl.DateTimeFormat {
    return kept(`d:${this.dateLocale}:${style}`, () => new Intl.DateTimeFormat(this.dateLocale, { ...DATE_STYLES[style], timeZone: 'UTC' }));
  }

  /** Two calendar dates as one span, as the language writes it ("10 – 23 March 2026", "10.–23. März 2026"). */
  dateRange(from: CivilDate, to: CivilDate, style: DateStyle = 'long'): string {
    return this.dateFormat(style).formatRange(utcNoon(from), utcNoon(to));
  }

  /** A weekday's name: 1 = Monday … 7 = Sunday (ISO), as DinkyDash counts. */
  weekdayName(isoWeekday: number, width: 'long' | 'short' | 'narrow' = 'long'): string {
    // 2024-01-01 was a Monday.
    return kept(`w:${this.lang}:${width}`, () => new Intl.DateTimeFormat(this.locale, { weekday: width, timeZone: 'UTC' })).format(
      utcNoon({ year: 2024, month: 1, day: isoWeekday }),
    );
  }

  /** A month's name, 1 = January, standing alone ("November", "novembre"). */
  monthName(month: number, width: 'long' | 'short' = 'long'): string {
    return kept(`m:${this.lang}:${width}`, () => new Intl.DateTimeFormat(this.locale, { month: width, timeZone: 'UTC' })).format(
      utcNoon({ year: 2024, month, day: 1 }),
    );
  }

  /** Intl's fields for a time: a 24-hour clock always has two digits for the hour ("07:05"). */
  private timeFields(): Intl.DateTimeFormatOptions {
    if (this.clock === '12') return { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' };
    if (this.clock === '24') return { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    return { hour: 'numeric', minute: '2-digit' };
  }

  /** A wall-clock time ("15:05", "3:05 PM"), by the family's clock. */
  time(hour: number, minute: number): string {
    return formattedOnce(`t:${this.lang}:${this.clock}:${hour}:${minute}`, () =>
      kept(`t:${this.lang}:${this.clock}`, () => new Intl.DateTimeFormat(this.locale, { ...this.timeFields(), timeZone: 'UTC' })).format(new Date(Date.UTC(2024, 0, 1, hour, minute))),
    );
  }

  /** The language's words for before and after noon on a 12-hour clock ("am"/"pm", "a. m."/"p. m."). */
  dayPeriods(): { am: string; pm: string } {
    const format = kept(`dp:${this.lang}`, () => new Intl.DateTimeFormat(this.locale, { hour: 'numeric', hourCycle: 'h12', timeZone: 'UTC' }));
    const period = (hour: number) => format.formatToParts(new Date(Date.UTC(2024, 0, 1, hour))).find((part) => part.type === 'dayPeriod')?.value ?? '';
    return { am: period(3), pm: period(15) };
  }

  /** The time of an instant on the family's wall clock. */
  timeAt(instant: number | Date): string {
    return kept(`ti:${this.lang}:${this.clock}:${this.timeZone}`, () =>
      new Intl.DateTimeFormat(this.locale, { ...this.timeFields(), timeZone: this.timeZone }),
    ).format(instant);
  }

  /** The date of an instant in the family's zone, in one of DATE_STYLES. */
  dateAt(instant: number | Date, style: DateStyle = 'full'): string {
    return kept(`di:${this.dateLocale}:${style}:${this.timeZone}`, () => new Intl.DateTimeFormat(this.dateLocale, { ...DATE_STYLES[style], timeZone: this.timeZone })).format(instant);
  }

  /** Compares names the family typed as the language sorts them (ä with a in German, case and accents second). */
  compare = (a: string, b: string): number =>
    kept(`c:${this.lang}`, () => new Intl.Collator(this.locale, { sensitivity: 'variant', numeric: true })).compare(a, b);

  /** A copy of `items` sorted by the language, by the text `nameOf` gives. */
  sortBy<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
    return [...items].sort((a, b) => this.compare(nameOf(a), nameOf(b)));
  }

  /** "Anna, Ben and Carla" / "Anna, Ben und Carla". */
  list(items: readonly string[]): string {
    return kept(`l:${this.lang}`, () => new Intl.ListFormat(this.locale, { type: 'conjunction' })).format(items);
  }
}

const plain = new Map<Language, I18n>();

/** A language's words with no family's zone or clock (pages outside a family, tests). */
export function i18nFor(lang: Language, options?: I18nOptions): I18n {
  if (options) return new I18n(lang, options);
  let i18n = plain.get(lang);
  if (!i18n) plain.set(lang, (i18n = new I18n(lang)));
  return i18n;
}

/** t() of one language: what a function that words a message takes. */
export type Translate = I18n['t'];

/** English: the CLI's and the logs' language, and the language of a family with none. */
export const english = i18nFor('en');
