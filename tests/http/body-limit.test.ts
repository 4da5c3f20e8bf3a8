import { Hono, type Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { BODY_LIMITS, bodyLimit, FORM_LIMIT } from '../../src/http/body-limit.js';
import { fileField, OversizeFile, readForm } from '../../src/http/form.js';
import { handleError } from '../../src/http/error-handler.js';

// The body limit middleware on its own: a tiny app with the form limit for
// everything and a larger one on one route, as the real app has.

const PICTURE = { maxBytes: 1024 * 1024, files: 1, maxFileBytes: 100 * 1024, tooLargeMessage: () => 'Picture too large.', linkBackToForm: true } as const;

function makeApp(atOnce?: number) {
  const app = new Hono();
  app.onError(handleError);
  app.use('*', bodyLimit(FORM_LIMIT));
  const echo = async (c: Context) => {
    const body = await readForm(c);
    const file = fileField(body, 'image');
    return c.json({ fields: Object.keys(body).length, name: body.name ?? null, file: file ? { size: file.size, oversize: file instanceof OversizeFile ? file.sentBytes : null } : null });
  };
  app.post('/form', echo);
  app.post('/parse-body', async (c) => c.json(Object.keys(await c.req.parseBody()).length));
  app.post('/picture', bodyLimit({ ...PICTURE, atOnce }), echo);
  return app;
}

/** A body that records how much of it was read, `chunks` of `chunkBytes` (never ending when chunks is Infinity). */
function countingBody(chunkBytes: number, chunks: number) {
  const state = { read: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) return controller.close();
      state.read += chunkBytes;
      controller.enqueue(new TextEncoder().encode(`${sent === 1 ? 'name=x&pad=' : ''}${'a'.repeat(chunkBytes)}`.slice(0, chunkBytes)));
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

const post = (app: Hono, path: string, body: RequestInit['body'], headers: Record<string, string> = {}) =>
  app.request(`http://localhost${path}`, {
    method: 'POST',
    body,
    headers: { ...(body instanceof FormData ? {} : { 'content-type': 'application/x-www-form-urlencoded' }), ...headers },
    duplex: 'half',
  } as RequestInit);

function multipart(fields: Record<string, string>, file?: { name: string; bytes: number }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('image', new Blob([new Uint8Array(file.bytes)], { type: 'image/jpeg' }), file.name);
  return form;
}

describe('bodyLimit', () => {
  it('reads a form within the limit', async () => {
    const res = await post(makeApp(), '/form', new URLSearchParams({ name: 'Walk the dog', note: 'x'.repeat(10_000) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ fields: 2, name: 'Walk the dog' });
  });

  it('refuses a declared Content-Length over the limit without reading a byte, with a readable 413 page', async () => {
    const { stream, state } = countingBody(16 * 1024, 1000);
    const res = await post(makeApp(), '/form', stream, { 'content-length': String(16 * 1024 * 1000) });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('That was far more than any form here sends, so it was not read. Nothing was saved.');
    expect(state.read).toBe(0);
  });

  it('cuts a body sent without a length off at the limit', async () => {
    const { stream, state } = countingBody(16 * 1024, Infinity);
    const res = await post(makeApp(), '/form', stream);
    expect(res.status).toBe(413);
    expect(state.read).toBeGreaterThan(BODY_LIMITS.formBytes);
    expect(state.read).toBeLessThanOrEqual(BODY_LIMITS.formBytes + 3 * 16 * 1024);
  });

  it('limits whatever reads the body, not only readForm', async () => {
    const { stream, state } = countingBody(16 * 1024, Infinity);
    const res = await post(makeApp(), '/parse-body', stream);
    expect(res.status).toBe(413);
    expect(state.read).toBeLessThanOrEqual(BODY_LIMITS.formBytes + 3 * 16 * 1024);
  });

  it('caps the number of parts and the size of each field', async () => {
    const many = new URLSearchParams();
    for (let i = 0; i < BODY_LIMITS.parts + 1; i++) many.append(`f${i}`, '1');
    expect((await post(makeApp(), '/form', many)).status).toBe(413);
    const manyParts = new FormData();
    for (let i = 0; i < BODY_LIMITS.parts + 1; i++) manyParts.append(`f${i}`, '1');
    expect((await post(makeApp(), '/picture', manyParts, {})).status).toBe(413);
    const long = new URLSearchParams({ name: 'x'.repeat(BODY_LIMITS.fieldBytes + 1) });
    expect((await post(makeApp(), '/form', long)).status).toBe(413);
    const longPart = multipart({ name: 'x'.repeat(BODY_LIMITS.fieldBytes + 1) });
    expect((await post(makeApp(), '/picture', longPart, {})).status).toBe(413);
  });

  it('lets a route raise the limit for itself only', async () => {
    const body = () => multipart({ name: 'Rake' }, { name: 'photo.jpg', bytes: 90 * 1024 });
    const picture = await post(makeApp(), '/picture', body(), {});
    expect(picture.status).toBe(200);
    expect(await picture.json()).toMatchObject({ name: 'Rake', file: { size: 90 * 1024, oversize: null } });
    expect((await post(makeApp(), '/form', body(), {})).status).toBe(413);
  });

  it('skips file parts on a route that takes no file', async () => {
    const res = await post(makeApp(), '/form', multipart({ name: 'Rake' }, { name: 'photo.jpg', bytes: 1000 }), {});
    expect(await res.json()).toMatchObject({ fields: 1, name: 'Rake', file: null });
  });

  it('counts but does not keep a file over its cap, keeping the other fields', async () => {
    const res = await post(makeApp(), '/picture', multipart({ name: 'Rake' }, { name: 'big.jpg', bytes: 300 * 1024 }), {});
    expect(await res.json()).toMatchObject({ name: 'Rake', file: { size: 0, oversize: 300 * 1024 } });
  });

  it('answers a route limit overrun with its own message and a way back to the form', async () => {
    const res = await post(makeApp(), '/picture', multipart({ name: 'Rake' }, { name: 'huge.jpg', bytes: 2 * 1024 * 1024 }), {});
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain('Picture too large.');
    expect(html).toContain('<a href="/picture">Back to the form</a>');
  });

  it('answers "busy" at once, unread, when as many large bodies as allowed are being received', async () => {
    const app = makeApp(1);
    let release!: () => void;
    const held = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('name=held&pad='));
        release = () => controller.close();
      },
    }, { highWaterMark: 0 });
    const first = post(app, '/picture', held);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { stream, state } = countingBody(16 * 1024, 10);
    const second = await post(app, '/picture', stream, { 'content-length': String(16 * 1024 * 10) });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('10');
    expect(await second.text()).toContain('please send the form again in a few seconds');
    expect(state.read).toBe(0);
    // A small form is never made to wait for the uploads.
    expect((await post(app, '/picture', 'name=small', { 'content-length': '10' })).status).toBe(200);
    release();
    expect((await first).status).toBe(200);
    // The place is free again.
    expect((await post(app, '/picture', multipart({ name: 'Rake' }, { name: 'photo.jpg', bytes: 90 * 1024 }), {})).status).toBe(200);
  });

  it('answers a body that cannot be parsed with 400, never a 500', async () => {
    const cut = '--xyz\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nabc';
    for (const [path, type, body] of [
      ['/picture', 'multipart/form-data; boundary=xyz', cut],
      ['/form', 'multipart/form-data; boundary=xyz', cut],
      ['/form', 'multipart/form-data', 'no boundary'],
      ['/form', 'text/plain', 'plain'],
    ] as const) {
      const res = await post(makeApp(), path, body, { 'content-type': type });
      expect(res.status, `${path} ${type}`).toBe(400);
    }
  });
});
