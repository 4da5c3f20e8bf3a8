import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

// What the family sees every day: dashboards, rotating chores with their
// history, countdowns, and the read-only display links for wall screens.
export const dashboards: Migration = {
  version: 3,
  name: 'dashboards, chores, countdowns, display links',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('dashboards')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('size', 'text', (c) => c.notNull().defaultTo('medium').check(sql`size in ('small', 'medium', 'large')`))
      .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();
    // At most one default dashboard.
    await sql`create unique index dashboards_one_default on dashboards (is_default) where is_default = 1`.execute(db);

    await db.schema
      .createTable('chores')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('dashboard_id', 'integer', (c) => c.notNull().references('dashboards.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('icon', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
      .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('daily', 'weekly', 'completion')`))
      .addColumn('anchor_day', 'integer', (c) => c.notNull())
      .addColumn('turn_offset', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('chores_dashboard').on('chores').column('dashboard_id').execute();

    await db.schema
      .createTable('chore_entries')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('chore_id', 'integer', (c) => c.notNull().references('chores.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('member_id', 'integer', (c) => c.references('members.id').onDelete('cascade'))
      .addColumn('name', 'text')
      .addCheckConstraint('chore_entry_is_member_or_name', sql`(member_id is null) <> (name is null)`)
      .execute();
    await db.schema.createIndex('chore_entries_chore').on('chore_entries').columns(['chore_id', 'position']).execute();

    await db.schema
      .createTable('chore_completions')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('chore_id', 'integer', (c) => c.notNull().references('chores.id').onDelete('cascade'))
      .addColumn('day', 'integer', (c) => c.notNull()) // day number in the family's time zone
      .addColumn('done_by_member_id', 'integer', (c) => c.references('members.id').onDelete('set null'))
      .addColumn('done_by_name', 'text', (c) => c.notNull())
      .addColumn('recorded_by_member_id', 'integer', (c) => c.references('members.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('chore_completions_chore_day').on('chore_completions').columns(['chore_id', 'day']).execute();

    await db.schema
      .createTable('countdowns')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('dashboard_id', 'integer', (c) => c.notNull().references('dashboards.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('icon', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('yearly', 'once')`))
      .addColumn('year', 'integer')
      .addColumn('month', 'integer', (c) => c.notNull().check(sql`month between 1 and 12`))
      .addColumn('day', 'integer', (c) => c.notNull().check(sql`day between 1 and 31`))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('countdowns_dashboard').on('countdowns').column('dashboard_id').execute();

    await db.schema
      .createTable('display_links')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('dashboard_id', 'integer', (c) => c.notNull().references('dashboards.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .addColumn('revoked_at', 'text')
      .execute();

  },
};
