// What a dashboard shows on a day: its date and its sections, each a kind of
// card with the rows it is built from (src/kinds/). Pure, so the signed-in
// page and the wall display render the same thing.

import { type CivilDate, addDays } from '../calendar/civil-date.js';
import type { I18n } from '../i18n/i18n.js';
import { type DateFormat, formatFamilyDate, isDateFormat } from '../calendar/family-time.js';
import type { LoadedSection } from './dashboard-queries.js';
import type { ClockFormat } from '../family/tables.js';

export interface DashboardView {
  today: CivilDate;
  timeZone: string;
  /** The instant it is drawn (ms). */
  now: number;
  clock: ClockFormat;
  dateFormat: DateFormat;
  dateText: string;
  /** Tomorrow's date as the header writes it: app.js turns the header over at the family's midnight. */
  nextDateText: string;
  sections: LoadedSection[];
  /** The reader's language (a wall display: the family's), in the family's zone and clock. */
  i18n: I18n;
}

export function familyDateFormat(value: string): DateFormat {
  return isDateFormat(value) ? value : 'long';
}

export function buildDashboardView(sections: LoadedSection[], day: { today: CivilDate; timeZone: string; now: number; clock: ClockFormat }, dateFormat: DateFormat, i18n: I18n): DashboardView {
  return { ...day, dateFormat, dateText: formatFamilyDate(day.today, dateFormat, i18n), nextDateText: formatFamilyDate(addDays(day.today, 1), dateFormat, i18n), sections, i18n };
}
