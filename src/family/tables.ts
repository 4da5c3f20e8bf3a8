import type { Generated, Selectable } from 'kysely';

export type Theme = 'auto' | 'light' | 'dark';

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
  created_at: Generated<string>;
}

export type FamilySettings = Selectable<FamilySettingsTable>;
