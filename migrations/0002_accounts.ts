import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

// Members, their sessions and invitations live in the family's own file, so a
// copied file carries its members and a removed file takes them with it.
export const accounts: Migration = {
  version: 2,
  name: 'accounts',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('images')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('webp', 'blob', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();

    await db.schema
      .createTable('members')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      // Case-insensitive uniqueness: the app stores the NFKC-lower-cased name here.
      .addColumn('username_key', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member', 'viewer')`))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('color', 'text', (c) => c.notNull().defaultTo('#2563eb'))
      .addColumn('avatar', 'text', (c) => c.notNull().defaultTo('🙂'))
      .addColumn('image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey()) // hex SHA-256 of the cookie's token
      .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
      .addColumn('expires_at', 'integer', (c) => c.notNull()) // unix seconds
      .addColumn('remember', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('sessions_member').on('sessions').column('member_id').execute();

    await db.schema
      .createTable('invitations')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member', 'viewer')`))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_by', 'integer', (c) => c.references('members.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
      .addColumn('expires_at', 'integer', (c) => c.notNull()) // unix seconds
      .addColumn('used_at', 'text')
      .addColumn('used_by', 'integer', (c) => c.references('members.id').onDelete('set null'))
      .addColumn('revoked_at', 'text')
      .execute();

  },
};
