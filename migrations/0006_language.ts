import type { Kysely } from 'kysely';
import type { Migration } from './migration.js';

// Every family in its own language: the family's (its pages, its wall
// displays) and, when a member chooses one, theirs for their own pages (null:
// the family's). No CHECK on the codes: adding a language must not need a
// migration, and a code this DinkyDash does not know reads as English.
export const language: Migration = {
  version: 6,
  name: 'the family language, a member language',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.alterTable('family_settings').addColumn('language', 'text', (c) => c.notNull().defaultTo('en')).execute();
    await db.schema.alterTable('members').addColumn('language', 'text').execute();
  },
};
