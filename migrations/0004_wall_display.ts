import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';

// The wall display a family reads from across the room: the clock's form
// (12- or 24-hour) as a family setting, and which kinds of card each
// dashboard shows, in its order (a comma-separated list of kind names, see
// src/kinds/index.ts).
export const wallDisplay: Migration = {
  version: 4,
  name: 'clock format, the card kinds each dashboard shows',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('family_settings')
      .addColumn('clock', 'text', (c) => c.notNull().defaultTo('24').check(sql`clock in ('12', '24')`))
      .execute();
    await db.schema
      .alterTable('dashboards')
      .addColumn('sections', 'text', (c) => c.notNull().defaultTo('chores,countdowns'))
      .execute();
  },
};
