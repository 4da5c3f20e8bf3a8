import type { FamilyDb } from '../tenants/family-database.js';
import { checkbox, type FormBody } from '../http/form.js';
import { readImageUpload } from '../images/upload.js';
import { deleteImageIfUnused, insertImage } from '../images/queries.js';
import type { ProcessedImage } from '../images/process-image.js';
import type { Translate } from '../i18n/i18n.js';

// A chore's or countdown's picture as the form changes it: a new upload,
// "remove the picture", or left as it is.

export type PictureChange = { kind: 'keep' } | { kind: 'remove' } | { kind: 'new'; image: ProcessedImage };

export type PictureReading = { ok: true; change: PictureChange } | { ok: false; message: string };

/** Reads the `image` file field and the `remove_image` box. A refused file is a message for the field; nothing is stored. */
export async function readPictureChange(body: FormBody, t: Translate): Promise<PictureReading> {
  const upload = await readImageUpload(body, 'image', t);
  if (upload.kind === 'refused') return { ok: false, message: upload.message };
  if (upload.kind === 'ok') return { ok: true, change: { kind: 'new', image: upload.image } };
  return { ok: true, change: { kind: checkbox(body, 'remove_image') ? 'remove' : 'keep' } };
}

/** Whether the item will have a picture after the change. */
export function hasPictureAfter(change: PictureChange | null, currentId: number | null): boolean {
  if (!change) return currentId !== null;
  return change.kind === 'new' || (change.kind === 'keep' && currentId !== null);
}

/** The image id to store; a new picture is stored here. Run inside the item's transaction. */
export async function storePictureChange(db: FamilyDb, change: PictureChange, currentId: number | null): Promise<number | null> {
  if (change.kind === 'new') return insertImage(db, change.image);
  return change.kind === 'remove' ? null : currentId;
}

/** After the item row points at its new picture: drops the old one if nothing else shows it. */
export async function dropReplacedPicture(db: FamilyDb, oldId: number | null, newId: number | null): Promise<void> {
  if (oldId !== null && oldId !== newId) await deleteImageIfUnused(db, oldId);
}
