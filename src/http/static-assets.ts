import { readFileSync } from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { PROJECT_ROOT } from '../config.js';

// The few files the pages need, served from memory with a content hash in
// their address, so browsers cache them for a year and the appliance needs
// no internet (htmx comes from the app itself).

interface Asset {
  body: Uint8Array;
  type: string;
  hash: string;
}

const require = createRequire(import.meta.url);
const STATIC_DIR = path.join(PROJECT_ROOT, 'src', 'views', 'static');

function load(file: string, type: string): Asset {
  const body = readFileSync(file);
  return { body, type, hash: crypto.createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

const assets = new Map<string, Asset>([
  ['app.css', load(path.join(STATIC_DIR, 'app.css'), 'text/css; charset=utf-8')],
  ['manage.css', load(path.join(STATIC_DIR, 'manage.css'), 'text/css; charset=utf-8')],
  ['app.js', load(path.join(STATIC_DIR, 'app.js'), 'text/javascript; charset=utf-8')],
  ['forms.js', load(path.join(STATIC_DIR, 'forms.js'), 'text/javascript; charset=utf-8')],
  ['htmx.min.js', load(require.resolve('htmx.org/dist/htmx.min.js'), 'text/javascript; charset=utf-8')],
  ['icon.svg', load(path.join(STATIC_DIR, 'icon.svg'), 'image/svg+xml')],
]);

/** The address of a static asset, with its content hash for cache busting. */
export function assetUrl(name: string): string {
  const asset = assets.get(name);
  if (!asset) throw new Error(`Unknown static asset ${name}`);
  return `/static/${name}?v=${asset.hash}`;
}

export const staticRoutes = new Hono();

staticRoutes.get('/:name', (c) => {
  const asset = assets.get(c.req.param('name'));
  if (!asset) return c.text('Not found', 404);
  const etag = `"${asset.hash}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  c.header('Content-Type', asset.type);
  return c.body(asset.body as unknown as ArrayBuffer);
});
