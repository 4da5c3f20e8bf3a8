import { type CivilDate, dayNumber } from '../../calendar/civil-date.js';
import type { FamilyDb } from '../../tenants/family-database.js';
import { type AgendaEntry, agendaBetween } from './agenda.js';
import { calendarSources, loadCalendarRows } from './calendar-queries.js';
import { type ViewEntry, viewEntries } from './calendar-view.js';

const DAY_MS = 86_400_000;

/** The span of stored rows to read for family-local days: two days' slack covers any zone's offset. */
export function rowRange(from: CivilDate, days: number): { fromMs: number; toMs: number } {
  const first = dayNumber(from);
  return { fromMs: (first - 2) * DAY_MS, toMs: (first + days + 2) * DAY_MS };
}

/** The family's agenda on the days [from, from + days), read from its file. */
export async function loadAgenda(db: FamilyDb, timeZone: string, from: CivilDate, days: number): Promise<AgendaEntry[]> {
  const { fromMs, toMs } = rowRange(from, days);
  const { sources, birthdays } = calendarSources(await loadCalendarRows(db, fromMs, toMs));
  return agendaBetween(sources, birthdays, timeZone, from, days);
}

/** The agenda of the days [from, from + days) for the calendar pages: loadAgenda's entries, each own event's knowing its occurrence. */
export async function loadCalendarView(db: FamilyDb, timeZone: string, from: CivilDate, days: number): Promise<ViewEntry[]> {
  const { fromMs, toMs } = rowRange(from, days);
  return viewEntries(await loadCalendarRows(db, fromMs, toMs), timeZone, from, days);
}
