import type { FamilyDb } from '../tenants/family-database.js';
import type { StoredImage } from './tables.js';
import { CARD_KINDS } from '../kinds/index.js';

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

/** Whether a member, a named person or any kind of card (src/kinds/) still shows this image. */
export async function imageInUse(db: FamilyDb, id: number): Promise<boolean> {
  if (await db.selectFrom('members').select('id').where('image_id', '=', id).executeTakeFirst()) return true;
  if (await db.selectFrom('named_people').select('id').where('image_id', '=', id).executeTakeFirst()) return true;
  for (const kind of CARD_KINDS) {
    if (await kind.imageInUse(db, id)) return true;
  }
  return false;
}

/** Deletes an image nothing refers to any more; returns whether it was deleted. Run it in the transaction that dropped the last reference. */
export async function deleteImageIfUnused(db: FamilyDb, id: number | null | undefined): Promise<boolean> {
  if (id === null || id === undefined) return false;
  if (await imageInUse(db, id)) return false;
  const result = await db.deleteFrom('images').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
