import type { Generated, Selectable } from 'kysely';

export type DashboardSize = 'small' | 'medium' | 'large';

export interface DashboardsTable {
  id: Generated<number>;
  name: string;
  size: Generated<DashboardSize>;
  is_default: Generated<number>;
  position: Generated<number>;
  /** The kinds of card it shows, in order: kind names joined by commas (src/kinds/index.ts). */
  sections: Generated<string>;
  created_at: Generated<string>;
}

export interface DisplayLinksTable {
  id: Generated<number>;
  dashboard_id: number;
  token_hash: string;
  label: Generated<string>;
  created_at: Generated<string>;
  revoked_at: string | null;
}

export type Dashboard = Selectable<DashboardsTable>;
export type DisplayLink = Selectable<DisplayLinksTable>;
