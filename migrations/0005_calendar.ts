import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

// The family calendar: calendars the family already keeps (ICS subscriptions,
// with the last good copy of their events kept here, so the display works
// offline and the file stays the whole family), the family's own events,
// birthdays of members and named people, the private address that serves
// them as iCalendar, and the weather for the family's place.
export const calendar: Migration = {
  version: 5,
  name: 'calendar feeds and events, birthdays, week start, weather',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('calendar_feeds')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('color', 'text', (c) => c.notNull().defaultTo('#0e7490'))
      .addColumn('member_id', 'integer', (c) => c.references('members.id').onDelete('set null'))
      .addColumn('url', 'text', (c) => c.notNull()) // a secret: shown masked, never logged
      .addColumn('etag', 'text')
      .addColumn('last_modified', 'text')
      .addColumn('fetched_at', 'integer') // ms: when the copy below was fetched
      .addColumn('checked_at', 'integer') // ms: the last attempt, good or not
      .addColumn('error', 'text') // why the last attempt failed, for admins
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();
    await sql`create unique index calendar_feeds_name on calendar_feeds (name collate nocase)`.execute(db);

    // One row per event series of a feed (see src/kinds/calendar/): its JSON,
    // and the span it can occur in (UTC ms; last_end null when it repeats
    // forever), so a dashboard reads only the rows near today.
    await db.schema
      .createTable('calendar_feed_events')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('feed_id', 'integer', (c) => c.notNull().references('calendar_feeds.id').onDelete('cascade'))
      .addColumn('first_start', 'integer', (c) => c.notNull())
      .addColumn('last_end', 'integer')
      .addColumn('event', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('calendar_feed_events_span').on('calendar_feed_events').columns(['first_start', 'last_end']).execute();
    await db.schema.createIndex('calendar_feed_events_feed').on('calendar_feed_events').column('feed_id').execute();

    // The family's own events, in the family's wall-clock time.
    await db.schema
      .createTable('family_events')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('all_day', 'integer', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull()) // YYYY-MM-DD
      .addColumn('start_time', 'text') // HH:MM; null when all-day
      .addColumn('end_date', 'text', (c) => c.notNull()) // the last day, included
      .addColumn('end_time', 'text')
      .addColumn('repeat', 'text', (c) => c.notNull().defaultTo('none').check(sql`repeat in ('none', 'daily', 'weekly', 'monthly', 'yearly')`))
      .addColumn('repeat_days', 'text', (c) => c.notNull().defaultTo('')) // weekly: MO,WE,FR
      .addColumn('repeat_until', 'text') // YYYY-MM-DD, included
      .addColumn('repeat_count', 'integer')
      .addColumn('who', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: [{"member": id} | {"person": id} | {"name": text}]
      .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('uid', 'text', (c) => c.notNull().unique()) // stable, for the iCalendar address
      .addColumn('created_by', 'integer', (c) => c.references('members.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();

    // One occurrence of a repeating event moved, changed or cancelled.
    await db.schema
      .createTable('family_event_changes')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('event_id', 'integer', (c) => c.notNull().references('family_events.id').onDelete('cascade'))
      .addColumn('occurrence_date', 'text', (c) => c.notNull()) // the date it would have had
      .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('title', 'text')
      .addColumn('all_day', 'integer')
      .addColumn('start_date', 'text')
      .addColumn('start_time', 'text')
      .addColumn('end_date', 'text')
      .addColumn('end_time', 'text')
      .addColumn('location', 'text')
      .addColumn('note', 'text')
      .addUniqueConstraint('family_event_change_once', ['event_id', 'occurrence_date'])
      .execute();

    // People who are not members (Grandma, a pet): in rotations by name, with a birthday.
    await db.schema
      .createTable('named_people')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person').check(sql`kind in ('person', 'pet')`))
      .addColumn('birth_date', 'text') // YYYY-MM-DD, or --MM-DD when the year is not known
      .addColumn('color', 'text', (c) => c.notNull().defaultTo('#7c3aed'))
      .addColumn('avatar', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.alterTable('members').addColumn('birth_date', 'text').execute();

    // The private iCalendar address of the family's own events and birthdays (only the token's hash is kept).
    await db.schema
      .createTable('calendar_links')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .alterTable('family_settings')
      .addColumn('week_start', 'text', (c) => c.notNull().defaultTo('monday').check(sql`week_start in ('monday', 'sunday')`))
      .execute();
    await db.schema.alterTable('family_settings').addColumn('weather_place', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('family_settings').addColumn('weather_latitude', 'real').execute();
    await db.schema.alterTable('family_settings').addColumn('weather_longitude', 'real').execute();
    await db.schema
      .alterTable('family_settings')
      .addColumn('weather_units', 'text', (c) => c.notNull().defaultTo('metric').check(sql`weather_units in ('metric', 'imperial')`))
      .execute();

    // The last good forecast for the family's place, and how the last attempt went.
    await db.schema
      .createTable('weather_forecast')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('latitude', 'real')
      .addColumn('longitude', 'real')
      .addColumn('forecast', 'text') // JSON as Open-Meteo answered, trimmed to what the card shows
      .addColumn('fetched_at', 'integer')
      .addColumn('checked_at', 'integer')
      .addColumn('error', 'text')
      .execute();
  },
};
