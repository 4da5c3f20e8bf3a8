// What a dashboard shows on a day: its date and its sections, each a kind of
// card with the rows it is built from (src/kinds/). Pure, so the signed-in
// page and the wall display render the same thing.

import type { CivilDate } from '../calendar/civil-date.js';
import { type DateFormat, formatFamilyDate, isDateFormat } from '../calendar/family-time.js';
import type { LoadedSection } from './dashboard-queries.js';

export interface DashboardView {
  today: CivilDate;
  dateFormat: DateFormat;
  dateText: string;
  sections: LoadedSection[];
}

export function familyDateFormat(value: string): DateFormat {
  return isDateFormat(value) ? value : 'long';
}

export function buildDashboardView(sections: LoadedSection[], today: CivilDate, dateFormat: DateFormat): DashboardView {
  return { today, dateFormat, dateText: formatFamilyDate(today, dateFormat), sections };
}
