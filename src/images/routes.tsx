import { Hono } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { requireMember } from '../accounts/auth.js';
import { parseId } from '../http/form.js';
import { notFoundPage, renderError } from '../http/error-handler.js';
import { getImage } from './queries.js';
import { IMAGE_CONTENT_TYPE, etagMatches, imageEtag } from './image-etag.js';

/**
 * A family's stored pictures, for its signed-in members. The bytes under an
 * id never change (a new upload gets a new id), so browsers may keep them.
 */
export const imageRoutes = new Hono<FamilyEnv>();

imageRoutes.get('/images/:id', requireMember, async (c) => {
  const id = parseId(c.req.param('id'));
  const image = id ? await getImage(c.var.db, id) : undefined;
  if (!image) return renderError(c, notFoundPage(c.var.i18n.t));
  c.header('ETag', imageEtag(image.sha256));
  // private: a shared cache must not hand one family's pictures to someone else.
  c.header('Cache-Control', 'private, max-age=31536000, immutable');
  if (etagMatches(c.req.header('if-none-match'), image.sha256)) return c.body(null, 304);
  c.header('Content-Type', IMAGE_CONTENT_TYPE);
  c.header('Content-Length', String(image.webp.byteLength));
  return c.body(new Uint8Array(image.webp));
});
