// Reading a countdown's date from the form: a date that comes back every year
// (month and day) or a one-off date (year, month and day). Pure.

import { validateFullDate, validateMonthDay } from '../../calendar/validate-date.js';
import { compareDates, type CivilDate } from '../../calendar/civil-date.js';
import type { I18n } from '../../i18n/i18n.js';
import type { CountdownWhen } from './countdown.js';

export interface CountdownDateInput {
  kind: string;
  year: string;
  month: string;
  day: string;
}

export type CountdownDateErrors = Partial<Record<'kind' | 'year' | 'month' | 'day', string>>;

export type ParsedCountdownDate = { ok: true; when: CountdownWhen } | { ok: false; errors: CountdownDateErrors };

export const COUNTDOWN_KINDS = [
  { value: 'yearly', label: 'countdowns.kindYearly' },
  { value: 'once', label: 'countdowns.kindOnce' },
] as const;

/** A whole number as typed, or NaN (which the date checks turn into a range message). */
function whole(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : NaN;
}

export function parseCountdownDate(input: CountdownDateInput, i18n: I18n): ParsedCountdownDate {
  const month = whole(input.month);
  const day = whole(input.day);
  if (input.kind === 'yearly') {
    const problem = validateMonthDay(month, day, i18n);
    return problem ? { ok: false, errors: { [problem.field]: problem.message } } : { ok: true, when: { kind: 'yearly', month, day } };
  }
  if (input.kind === 'once') {
    const year = whole(input.year);
    if (input.year.trim() === '') return { ok: false, errors: { year: i18n.t('countdowns.needsYear') } };
    const problem = validateFullDate(year, month, day, i18n);
    return problem ? { ok: false, errors: { [problem.field]: problem.message } } : { ok: true, when: { kind: 'once', year, month, day } };
  }
  return { ok: false, errors: { kind: i18n.t('countdowns.needsKind') } };
}

/**
 * Whether to ask before saving this date (1 March 2020 is most likely a mistyped year): a one-off date before the family's
 * today, unless it is the date the countdown already had (a countdown whose
 * day has passed is edited without asking again).
 */
export function needsPastConfirmation(when: CountdownWhen, today: CivilDate, previous: CountdownWhen | null): boolean {
  if (when.kind !== 'once' || compareDates(when, today) >= 0) return false;
  return !(previous?.kind === 'once' && compareDates(previous, when) === 0);
}
