import type { Generated, Selectable } from 'kysely';

export interface CountdownsTable {
  id: Generated<number>;
  dashboard_id: number;
  name: string;
  icon: Generated<string>;
  image_id: number | null;
  kind: 'yearly' | 'once';
  year: number | null;
  month: number;
  day: number;
  created_at: Generated<string>;
}

export type Countdown = Selectable<CountdownsTable>;
