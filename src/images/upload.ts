import { BODY_LIMITS, bodyLimit } from '../http/body-limit.js';
import { fileField, OversizeFile, type FormBody } from '../http/form.js';
import { imageMessages, MAX_UPLOAD_BYTES, processImage, tooLargeMessage, type ProcessedImage } from './process-image.js';
import type { Translate } from '../i18n/i18n.js';

/**
 * The body limit of a route whose form carries a picture (its file field
 * last). A photo over MAX_UPLOAD_BYTES in a body within the limit is
 * counted, not kept, and the form says so at the picture field with
 * everything else that was typed. A body over the limit is refused before it
 * is read, with a page leading back to the form.
 */
export const pictureBodyLimit = bodyLimit({
  maxBytes: BODY_LIMITS.pictureFormBytes,
  files: 1,
  maxFileBytes: MAX_UPLOAD_BYTES,
  atOnce: BODY_LIMITS.picturesAtOnce,
  tooLargeMessage: (t) => t('error.pictureTooLarge', { megabytes: MAX_UPLOAD_BYTES / (1024 * 1024) }),
  linkBackToForm: true,
});

export type ImageUpload =
  | { kind: 'none' }
  | { kind: 'ok'; image: ProcessedImage }
  | { kind: 'refused'; message: string };

/** The picture chosen in a form's file field, processed and checked; nothing is stored here. */
export async function readImageUpload(body: FormBody, name: string, t: Translate): Promise<ImageUpload> {
  const file = fileField(body, name);
  if (!file) return { kind: 'none' };
  if (file instanceof OversizeFile) return { kind: 'refused', message: tooLargeMessage(file.sentBytes, t) };
  const result = await processImage(new Uint8Array(await file.arrayBuffer()), t);
  if (result.ok) return { kind: 'ok', image: result };
  // A file the phone calls HEIC that is not readable as such (nor as anything else) gets the same advice.
  const saysHeic = /\.hei[cf]$/i.test(file.name) || /^image\/hei[cf]/i.test(file.type);
  const messages = imageMessages(t);
  return { kind: 'refused', message: saysHeic && result.message === messages.notAnImage ? messages.heic : result.message };
}
