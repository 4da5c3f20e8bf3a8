import type { Generated, Selectable } from 'kysely';

export type Theme = 'auto' | 'light' | 'dark';

/** How the wall display's clock reads: 12-hour (3:05 pm) or 24-hour (15:05). */
export type ClockFormat = '12' | '24';

/** The first day of the week in calendars. */
export type WeekStart = 'monday' | 'sunday';

export interface FamilySettingsTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  theme: Generated<Theme>;
  accent_color: Generated<string>;
  date_format: Generated<string>;
  night_mode: Generated<number>;
  night_start: Generated<string>;
  night_end: Generated<string>;
  display_can_complete: Generated<number>;
  clock: Generated<ClockFormat>;
  week_start: Generated<WeekStart>;
  /** The family's language (src/i18n/): its pages and wall displays. A code DinkyDash does not have reads as English. */
  language: Generated<string>;
  /** Where the weather is for: a place's name as the family chose it, and its coordinates. */
  weather_place: Generated<string>;
  weather_latitude: number | null;
  weather_longitude: number | null;
  weather_units: Generated<'metric' | 'imperial'>;
  created_at: Generated<string>;
}

export type FamilySettings = Selectable<FamilySettingsTable>;
