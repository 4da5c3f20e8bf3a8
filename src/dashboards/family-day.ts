import { type CivilDate, dayNumber } from '../calendar/civil-date.js';
import { isWithinHours, msUntilNextMidnight, todayIn } from '../calendar/family-time.js';
import type { FamilySettings } from '../family/tables.js';

// The family's "now": its date, its day number (the ETag's day, the key of
// today's completions), whether its night hours are on, and when its day ends.

export interface FamilyDay {
  today: CivilDate;
  day: number;
  timeZone: string;
  /** The instant (ms) the family's next day begins. */
  endsAt: number;
}

// Asking Intl for a zone's date costs more than the rest of a refresh poll,
// and the answer holds until the zone's next midnight: so each zone's day is
// kept from the instant it was found until it ends.
const days = new Map<string, FamilyDay & { since: number }>();

function findDay(timeZone: string, now: Date): FamilyDay {
  const today = todayIn(timeZone, now);
  return { today, day: dayNumber(today), timeZone, endsAt: now.getTime() + msUntilNextMidnight(timeZone, now) };
}

export function familyDay(timeZone: string, now: Date): FamilyDay {
  const at = now.getTime();
  const known = days.get(timeZone);
  if (known && known.since <= at && at < known.endsAt) return known;
  let found: FamilyDay;
  try {
    found = findDay(timeZone, now);
  } catch {
    // A zone the settings form let through is always usable; should one ever not be, the dashboard shows UTC rather than failing.
    found = findDay('UTC', now);
  }
  if (days.size > 500) days.clear();
  days.set(timeZone, { ...found, since: at });
  return found;
}

export function isNight(settings: Pick<FamilySettings, 'night_mode' | 'night_start' | 'night_end'>, timeZone: string, now: Date): boolean {
  return settings.night_mode === 1 && isWithinHours(timeZone, now, settings.night_start, settings.night_end);
}

/** Milliseconds until the family's next midnight. */
export function untilMidnight(family: FamilyDay, now: Date): number {
  return Math.max(0, family.endsAt - now.getTime());
}
