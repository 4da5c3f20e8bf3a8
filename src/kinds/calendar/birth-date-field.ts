import { type CivilDate, MONTH_NAMES, compareDates, daysInMonth, parseIsoDate } from '../../calendar/civil-date.js';
import type { I18n } from '../../i18n/i18n.js';

// A date of birth as a form gives it (members on their page and /me, named
// people on /manage/calendar/people): optional, YYYY-MM-DD, never in the
// future. Named people may leave the year out (--MM-DD).

export type BirthDateCheck = { ok: true; value: string | null } | { ok: false; message: string };

/**
 * Checks a date of birth against the family's today. `yearUnknown` keeps only
 * its month and day (stored as --MM-DD); a value typed as --MM-DD is read so too.
 * Problems are said in `i18n`'s language.
 */
export function checkBirthDate(text: string, today: CivilDate, i18n: I18n, options: { yearUnknown?: boolean; allowNoYear?: boolean } = {}): BirthDateCheck {
  const { t } = i18n;
  const value = text.trim();
  if (!value) return { ok: true, value: null };
  const noYear = /^--(\d{2})-(\d{2})$/.exec(value);
  if (noYear && options.allowNoYear) {
    const month = Number(noYear[1]);
    const day = Number(noYear[2]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return { ok: false, message: t('members.birthNoYearBad', { example: i18n.date({ year: 2000, month: 5, day: 12 }, 'dayMonth') }) };
    return { ok: true, value };
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { ok: false, message: t('members.birthShape') };
  const date = parseIsoDate(value);
  if (!date) {
    const month = Number(match[2]);
    // A year is written as typed ("2017", never "2.017").
    return { ok: false, message: month >= 1 && month <= 12 ? t('members.birthNoSuchDay', { day: Number(match[3]), month: i18n.monthName(month), year: match[1]! }) : t('members.birthShape') };
  }
  if (date.year < 1900) return { ok: false, message: t('members.birthBefore', { year: '1900' }) };
  if (options.yearUnknown && options.allowNoYear) return { ok: true, value: `--${match[2]}-${match[3]}` };
  if (compareDates(date, today) > 0) return { ok: false, message: t('members.birthFuture') };
  return { ok: true, value };
}

/** "12 May 2017", "12 May" (no year), or the stored text when it cannot be read. */
export function describeBirthDate(value: string, monthFirst = false): string {
  const match = /^(?:(\d{4})|-)-(\d{2})-(\d{2})$/.exec(value);
  const month = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  if (!match || !month) return value;
  const day = Number(match[3]);
  const dayMonth = monthFirst ? `${month} ${day}` : `${day} ${month}`;
  return match[1] ? (monthFirst ? `${dayMonth}, ${match[1]}` : `${dayMonth} ${match[1]}`) : dayMonth;
}
