import type { FamilyDb } from '../tenants/family-database.js';
import type { StoredImage } from './tables.js';

/** What processImage hands back for an accepted upload. */
export interface ImageToStore {
  webp: Buffer;
  width: number;
  height: number;
  sha256: string;
}

/**
 * Stores a processed image and returns its id. The same picture uploaded
 * twice (same bytes after processing) is stored once and shared.
 */
export async function insertImage(db: FamilyDb, image: ImageToStore): Promise<number> {
  const existing = await db.selectFrom('images').select('id').where('sha256', '=', image.sha256).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto('images')
    .values({ sha256: image.sha256, webp: image.webp, width: image.width, height: image.height })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function getImage(db: FamilyDb, id: number): Promise<StoredImage | undefined> {
  return db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether a chore, a countdown or a member still shows this image. */
export async function imageInUse(db: FamilyDb, id: number): Promise<boolean> {
  const users = await Promise.all([
    db.selectFrom('chores').select('id').where('image_id', '=', id).executeTakeFirst(),
    db.selectFrom('countdowns').select('id').where('image_id', '=', id).executeTakeFirst(),
    db.selectFrom('members').select('id').where('image_id', '=', id).executeTakeFirst(),
  ]);
  return users.some((row) => row !== undefined);
}

/** Deletes an image nothing refers to any more; returns whether it was deleted. Run it in the transaction that dropped the last reference. */
export async function deleteImageIfUnused(db: FamilyDb, id: number | null | undefined): Promise<boolean> {
  if (id === null || id === undefined) return false;
  if (await imageInUse(db, id)) return false;
  const result = await db.deleteFrom('images').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
