import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, KID, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { firstPixel, heicPhoto, noisy, sidewaysPhoneJpeg, solid, trafficLightGif } from '../fixtures/make-images.js';
import { imageMessages } from '../../src/images/process-image.js';
import { english } from '../../src/i18n/i18n.js';
import { count, fieldError, inFamily, multipart, pageText } from '../manage/manage-helpers.js';

const IMAGE_MESSAGES = imageMessages(english.t);

// Pictures for chores and countdowns, uploaded through the admin forms as a
// phone would send them, and served back only to the family's members.

const t = makeTestApp();
let admin: string;
let kid: string;
let jonesAdmin: string;
const files = {} as Record<'jpeg' | 'png' | 'png2' | 'gif' | 'truncated' | 'bomb' | 'pdf' | 'sixMb' | 'heic', Buffer>;

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN, KID], { name: 'The Smiths' });
  await createTestFamily(t, 'jones', [{ ...ADMIN, username: 'dad' }], { name: 'The Joneses' });
  admin = await t.signIn('smiths', ADMIN.username, ADMIN.password);
  kid = await t.signIn('smiths', KID.username, KID.password);
  jonesAdmin = await t.signIn('jones', 'dad', ADMIN.password);
  const photo = await noisy(800, 600).jpeg().toBuffer();
  const sixMb = Buffer.alloc(6 * 1024 * 1024);
  photo.copy(sixMb);
  Object.assign(files, {
    jpeg: await sidewaysPhoneJpeg(1024, 512),
    png: await solid(120, 80, { r: 10, g: 200, b: 30 }).png().toBuffer(),
    png2: await solid(60, 60, { r: 200, g: 10, b: 30 }).png().toBuffer(),
    gif: await trafficLightGif(64),
    truncated: photo.subarray(0, Math.floor(photo.byteLength / 2)),
    // One colour compresses 100 megapixels into a few hundred KB.
    bomb: await solid(10_000, 10_000, { r: 255, g: 255, b: 255 }).png({ compressionLevel: 1 }).toBuffer(),
    pdf: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
    sixMb,
    heic: heicPhoto(),
  });
});

const CHORE = { name: 'Walk the dog', icon: '', dashboard_id: '1', mode: 'daily', rotation: 'Estelle\nMum', start_date: '' };
const COUNTDOWN = { name: 'Summer holiday', icon: '', dashboard_id: '1', kind: 'yearly', year: '', month: '7', day: '20' };

function upload(bytes: Uint8Array, name: string, type = 'image/jpeg') {
  return { image: { bytes, name, type } };
}

async function addChore(fields: Record<string, string>, image?: { bytes: Uint8Array; name: string; type: string }): Promise<number> {
  const res = await t.post('/smiths/manage/chores/new', multipart(fields, image ? { image } : {}), admin);
  expect(res.status, fieldError(await res.clone().text(), 'image') ?? '').toBe(303);
  return Number(/chores\/(\d+)/.exec(res.headers.get('location')!)![1]);
}

const choreImageId = (id: number) => inFamily(t, 'smiths', async (db) => (await db.selectFrom('chores').select('image_id').where('id', '=', id).executeTakeFirstOrThrow()).image_id);
const storedImage = (id: number) => inFamily(t, 'smiths', (db) => db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst());

describe('uploading a picture for a chore or countdown', () => {
  it('stands a sideways phone photo upright, stores it as WebP and serves it with a long-lived ETag', async () => {
    const id = await addChore(CHORE, upload(files.jpeg, 'IMG_0001.JPG').image);
    const imageId = (await choreImageId(id))!;
    const stored = (await storedImage(imageId))!;
    expect([stored.width, stored.height]).toEqual([256, 512]);

    const res = await t.get(`/smiths/images/${imageId}`, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('etag')).toBe(`"${stored.sha256}"`);
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const body = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(body).metadata();
    expect([meta.format, meta.width, meta.height, meta.orientation]).toEqual(['webp', 256, 512, undefined]);
    // Red (the photo's left half) is on top once it stands upright.
    const [r, , b] = await firstPixel(body);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);

    const again = await t.get(`/smiths/images/${imageId}`, admin, { 'if-none-match': `"${stored.sha256}"` });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    const page = await pageText(await t.get(`/smiths/manage/chores/${id}`, admin));
    expect(page).toContain(`src="/smiths/images/${imageId}"`);
  });

  it('stores a PNG for a countdown and shows it in the overview', async () => {
    const res = await t.post('/smiths/manage/countdowns/new', multipart(COUNTDOWN, upload(files.png, 'beach.png', 'image/png')), admin);
    expect(res.status).toBe(303);
    const row = (await inFamily(t, 'smiths', (db) => db.selectFrom('countdowns').select(['image_id', 'icon']).where('name', '=', 'Summer holiday').executeTakeFirst()))!;
    expect(row.icon).toBe('');
    expect(await storedImage(row.image_id!)).toMatchObject({ width: 120, height: 80 });
    expect(await pageText(await t.get('/smiths/manage', admin))).toContain(`src="/smiths/images/${row.image_id}"`);
  });

  it('keeps the first frame of an animated GIF as a still picture', async () => {
    const id = await addChore({ ...CHORE, name: 'Traffic duty' }, upload(files.gif, 'lights.gif', 'image/gif').image);
    const stored = (await storedImage((await choreImageId(id))!))!;
    const meta = await sharp(stored.webp).metadata();
    expect([meta.width, meta.height, meta.pages ?? 1]).toEqual([64, 64, 1]);
    const [r, g] = await firstPixel(stored.webp);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(60);
  });
});

describe('refusing files that are not usable pictures', () => {
  it('says what is wrong at the picture field, keeps the other values, and stores nothing', async () => {
    const cases: [keyof typeof files | 'empty', string, string, string][] = [
      ['truncated', 'photo.jpg', 'image/jpeg', 'That image is damaged or incomplete.'],
      ['bomb', 'huge.png', 'image/png', 'That image is too large (100 megapixels); the limit is 40 megapixels.'],
      ['pdf', 'scan.jpg', 'image/jpeg', 'That file is not a JPEG, PNG, GIF or WebP image.'],
      ['sixMb', 'big.jpg', 'image/jpeg', 'That photo is 6 MB; the limit is 5 MB. Choose a smaller copy, or send a screenshot of it.'],
      ['empty', 'nothing.jpg', 'image/jpeg', 'The file is empty.'],
      ['heic', 'IMG_0001.HEIC', 'image/heic', IMAGE_MESSAGES.heic],
      // Named HEIC but unreadable as anything: the same advice.
      ['pdf', 'IMG_0002.heic', 'application/octet-stream', IMAGE_MESSAGES.heic],
    ];
    const chores = await count(t, 'smiths', 'chores');
    const images = await count(t, 'smiths', 'images');
    for (const [key, name, type, message] of cases) {
      const bytes = key === 'empty' ? new Uint8Array(0) : files[key];
      const res = await t.post('/smiths/manage/chores/new', multipart({ ...CHORE, name: 'Rake the leaves', icon: '🍂' }, upload(bytes, name, type)), admin);
      expect(res.status, message).toBe(400);
      const html = await pageText(res);
      expect(fieldError(html, 'image'), message).toBe(message);
      expect(html).toContain('value="Rake the leaves"');
      expect(html).toContain('value="🍂"');
      expect(html).toMatch(/<textarea[^>]*>Estelle\nMum<\/textarea>/);
    }
    const countdown = await t.post('/smiths/manage/countdowns/new', multipart({ ...COUNTDOWN, name: 'Bad scan' }, upload(files.pdf, 'ticket.jpg')), admin);
    expect(countdown.status).toBe(400);
    expect(fieldError(await pageText(countdown), 'image')).toBe('That file is not a JPEG, PNG, GIF or WebP image.');
    expect(await count(t, 'smiths', 'chores')).toBe(chores);
    expect(await count(t, 'smiths', 'images')).toBe(images);
  });

  it('refuses a body far over the limit before reading it, with a readable page', async () => {
    const images = await count(t, 'smiths', 'images');
    const res = await t.post('/smiths/manage/chores/new', multipart({ ...CHORE, name: 'Huge' }, upload(Buffer.alloc(10 * 1024 * 1024), 'huge.jpg')), admin);
    expect(res.status).toBe(413);
    const html = await pageText(res);
    expect(html).toContain('That photo is far over the 5 MB limit, so it was not sent and nothing was saved.');
    expect(html).toContain('href="/smiths/manage/chores/new"');
    expect(await count(t, 'smiths', 'images')).toBe(images);
  });

  it('stores no picture when another field is wrong, and asks for the picture again', async () => {
    const images = await count(t, 'smiths', 'images');
    const res = await t.post('/smiths/manage/chores/new', multipart({ ...CHORE, name: '' }, upload(files.png2, 'ok.png', 'image/png')), admin);
    expect(res.status).toBe(400);
    const html = await pageText(res);
    expect(fieldError(html, 'name')).toBe('Please give the chore a name.');
    expect(html).toContain('Your picture was fine, but the form had other problems: please choose it again.');
    expect(await count(t, 'smiths', 'images')).toBe(images);
  });
});

describe('changing and deleting pictures', () => {
  it('replaces a picture, then removes it, deleting each unused image', async () => {
    const id = await addChore({ ...CHORE, name: 'Tidy up' }, upload(files.png2, 'a.png', 'image/png').image);
    const first = (await choreImageId(id))!;
    const other = await solid(70, 50, { r: 90, g: 90, b: 0 }).gif().toBuffer();
    const replaced = await t.post(`/smiths/manage/chores/${id}`, multipart({ ...CHORE, name: 'Tidy up' }, upload(other, 'b.gif', 'image/gif')), admin);
    expect(replaced.status).toBe(200);
    const second = (await choreImageId(id))!;
    expect(second).not.toBe(first);
    expect(await storedImage(first)).toBeUndefined();

    const noIcon = await t.post(`/smiths/manage/chores/${id}`, multipart({ ...CHORE, name: 'Tidy up', remove_image: 'on' }), admin);
    expect(noIcon.status).toBe(400);
    expect(fieldError(await pageText(noIcon), 'icon')).toBe('Please choose an emoji, or upload a picture.');
    expect(await choreImageId(id)).toBe(second);

    const removed = await t.post(`/smiths/manage/chores/${id}`, multipart({ ...CHORE, name: 'Tidy up', icon: '🧸', remove_image: 'on' }), admin);
    expect(removed.status).toBe(200);
    expect(await choreImageId(id)).toBeNull();
    expect(await storedImage(second)).toBeUndefined();
  });

  it('stores the same picture once, and deletes it with the last chore or countdown that shows it', async () => {
    const bytes = await solid(33, 33, { r: 1, g: 2, b: 250 }).png().toBuffer();
    const a = await addChore({ ...CHORE, name: 'Shared A' }, upload(bytes, 'same.png', 'image/png').image);
    const b = await addChore({ ...CHORE, name: 'Shared B' }, upload(bytes, 'same.png', 'image/png').image);
    const imageId = (await choreImageId(a))!;
    expect(await choreImageId(b)).toBe(imageId);
    await t.post('/smiths/manage/countdowns/new', multipart({ ...COUNTDOWN, name: 'Shared C' }, upload(bytes, 'same.png', 'image/png')), admin);
    const countdownId = (await inFamily(t, 'smiths', (db) => db.selectFrom('countdowns').select(['id', 'image_id']).where('name', '=', 'Shared C').executeTakeFirstOrThrow()));
    expect(countdownId.image_id).toBe(imageId);

    expect((await t.post(`/smiths/manage/chores/${a}/delete`, {}, admin)).status).toBe(303);
    expect(await storedImage(imageId)).toBeDefined();
    expect((await t.post(`/smiths/manage/chores/${b}/delete`, {}, admin)).status).toBe(303);
    expect(await storedImage(imageId)).toBeDefined();
    expect((await t.post(`/smiths/manage/countdowns/${countdownId.id}/delete`, {}, admin)).status).toBe(303);
    expect(await storedImage(imageId)).toBeUndefined();
  });
});

describe('who may see a family\'s pictures', () => {
  it('serves them to every signed-in member, sends anonymous visitors to sign in, and hides them from other families', async () => {
    const id = await addChore({ ...CHORE, name: 'Private chore' }, upload(files.png, 'x.png', 'image/png').image);
    const imageId = (await choreImageId(id))!;
    expect((await t.get(`/smiths/images/${imageId}`, kid)).status).toBe(200);

    const anonymous = await t.get(`/smiths/images/${imageId}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/smiths/login?next=%2Fsmiths%2Fimages%2F${imageId}`);

    const otherFamily = await t.get(`/jones/images/${imageId}`, jonesAdmin);
    expect(otherFamily.status).toBe(404);
    expect(otherFamily.headers.get('content-type')).toContain('text/html');
    // A Smiths session means nothing to the Joneses.
    expect((await t.get(`/jones/images/${imageId}`, admin)).status).toBe(303);
    for (const bad of ['0', 'abc', '99999']) expect((await t.get(`/smiths/images/${bad}`, admin)).status, bad).toBe(404);
  });
});
