import { bodyLimit } from 'hono/body-limit';
import { fileField, type FormBody } from '../http/form.js';
import { IMAGE_MESSAGES, MAX_UPLOAD_BYTES, processImage, type ProcessedImage } from './process-image.js';

/**
 * The largest form body read at all. Hono reads a whole body into memory
 * before a handler sees it, so anything larger is refused with the 413 page
 * before it is read. It is above the 5 MB picture limit on purpose: a photo
 * a little too large (6 MB, say) still reaches the form, which then says so
 * at the picture field and keeps everything else that was typed.
 */
export const MAX_FORM_BYTES = MAX_UPLOAD_BYTES + 3 * 1024 * 1024;

/** Refuses oversized request bodies early (by Content-Length, or while reading a body sent without one). */
export const uploadBodyLimit = bodyLimit({ maxSize: MAX_FORM_BYTES });

export type ImageUpload =
  | { kind: 'none' }
  | { kind: 'ok'; image: ProcessedImage }
  | { kind: 'refused'; message: string };

/** The picture chosen in a form's file field, processed and checked; nothing is stored here. */
export async function readImageUpload(body: FormBody, name: string): Promise<ImageUpload> {
  const file = fileField(body, name);
  if (!file) return { kind: 'none' };
  const result = await processImage(new Uint8Array(await file.arrayBuffer()));
  if (result.ok) return { kind: 'ok', image: result };
  // A file the phone calls HEIC that is not readable as such (nor as anything else) gets the same advice.
  const saysHeic = /\.hei[cf]$/i.test(file.name) || /^image\/hei[cf]/i.test(file.type);
  return { kind: 'refused', message: saysHeic && result.message === IMAGE_MESSAGES.notAnImage ? IMAGE_MESSAGES.heic : result.message };
}
