// What a dashboard shows on a day: its date and its sections, each a kind of
// card with the rows it is built from (src/kinds/). Pure, so the signed-in
// page and the wall display render the same thing.

import type { CivilDate } from '../calendar/civil-date.js';
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
  sections: LoadedSection[];
}

export function familyDateFormat(value: string): DateFormat {
  return isDateFormat(value) ? value : 'long';
}

export function buildDashboardView(sections: LoadedSection[], day: { today: CivilDate; timeZone: string; now: number; clock: ClockFormat }, dateFormat: DateFormat): DashboardView {
  return { ...day, dateFormat, dateText: formatFamilyDate(day.today, dateFormat), sections };
}
