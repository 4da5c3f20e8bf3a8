import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';

// The family itself: one row of settings, and a revision counter that every
// change to the family's data bumps (dashboards use it for their ETag).
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

    await db.schema
      .createTable('family_revision')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`insert into family_revision (id, revision) values (1, 0)`.execute(db);
    await addRevisionTriggers(db, 'family_settings');
  },
};

/** Every insert, update or delete in `table` bumps family_revision, whoever writes it (server, CLI, import). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function addRevisionTriggers(db: Kysely<any>, table: string): Promise<void> {
  for (const event of ['insert', 'update', 'delete'] as const) {
    await sql
      .raw(
        `create trigger ${table}_${event}_revision after ${event} on ${table} ` +
          `begin update family_revision set revision = revision + 1 where id = 1; end`,
      )
      .execute(db);
  }
}
