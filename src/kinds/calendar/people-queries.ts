import type { FamilyDb } from '../../tenants/family-database.js';
import { deleteImageIfUnused } from '../../images/queries.js';
import { type Who, whoOf } from './calendar-queries.js';
import type { NamedPerson } from './tables.js';

// Named people (Grandma, the dog): people who do not sign in, with a
// birthday for the calendar. Plain functions taking the db first.

export function listNamedPeople(db: FamilyDb): Promise<NamedPerson[]> {
  return db.selectFrom('named_people').selectAll().orderBy('name').orderBy('id').execute();
}

export function getNamedPerson(db: FamilyDb, id: number): Promise<NamedPerson | undefined> {
  return db.selectFrom('named_people').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NamedPersonColumns = Pick<NamedPerson, 'name' | 'kind' | 'birth_date' | 'color' | 'avatar'>;

export async function insertNamedPerson(db: FamilyDb, columns: NamedPersonColumns): Promise<number> {
  const row = await db.insertInto('named_people').values(columns).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateNamedPerson(db: FamilyDb, id: number, columns: NamedPersonColumns): Promise<void> {
  await db.updateTable('named_people').set(columns).where('id', '=', id).execute();
}

/**
 * Deletes a named person. Events that were for them keep their name as
 * written text, and their photo goes when nothing else shows it. Run in a
 * transaction.
 */
export async function deleteNamedPerson(db: FamilyDb, person: NamedPerson): Promise<boolean> {
  const events = await db.selectFrom('family_events').select(['id', 'who']).where('who', 'like', `%"person":${person.id}%`).execute();
  for (const event of events) {
    const who: Who[] = whoOf(event).map((w) => ('person' in w && w.person === person.id ? { name: person.name } : w));
    await db.updateTable('family_events').set({ who: JSON.stringify(who) }).where('id', '=', event.id).execute();
  }
  const result = await db.deleteFrom('named_people').where('id', '=', person.id).executeTakeFirst();
  await deleteImageIfUnused(db, person.image_id);
  return Number(result.numDeletedRows) > 0;
}
