import type { Generated, Selectable } from 'kysely';

export type ChoreMode = 'daily' | 'weekly' | 'completion';

export interface ChoresTable {
  id: Generated<number>;
  dashboard_id: number;
  name: string;
  icon: Generated<string>;
  image_id: number | null;
  mode: ChoreMode;
  anchor_day: number;
  turn_offset: Generated<number>;
  position: Generated<number>;
  created_at: Generated<string>;
}

/** One place in a chore's rotation: a member of the family, or a free-text name. */
export interface ChoreEntriesTable {
  id: Generated<number>;
  chore_id: number;
  position: number;
  member_id: number | null;
  name: string | null;
}

export interface ChoreCompletionsTable {
  id: Generated<number>;
  chore_id: number;
  day: number;
  done_by_member_id: number | null;
  done_by_name: string;
  recorded_by_member_id: number | null;
  created_at: Generated<string>;
}

export type Chore = Selectable<ChoresTable>;
export type ChoreEntry = Selectable<ChoreEntriesTable>;
export type ChoreCompletion = Selectable<ChoreCompletionsTable>;
