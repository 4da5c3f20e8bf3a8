import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';

// The family itself: one row of settings.
export const familySettings: Migration = {
  version: 1,
  name: 'family settings',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('family_settings')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('theme', 'text', (c) => c.notNull().defaultTo('auto').check(sql`theme in ('auto', 'light', 'dark')`))
      .addColumn('accent_color', 'text', (c) => c.notNull().defaultTo('#2563eb'))
      .addColumn('date_format', 'text', (c) => c.notNull().defaultTo('long'))
      .addColumn('night_mode', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('night_start', 'text', (c) => c.notNull().defaultTo('22:00'))
      .addColumn('night_end', 'text', (c) => c.notNull().defaultTo('07:00'))
      .addColumn('display_can_complete', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
      .execute();
  },
};
