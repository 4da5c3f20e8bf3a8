import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, formatMegabytes, imageMessages, isHeic, processImage } from '../../../src/images/process-image.js';
import { firstPixel, heicPhoto, noisy, sidewaysPhoneJpeg, solid, trafficLightGif } from '../../fixtures/make-images.js';
import { english } from '../../../src/i18n/i18n.js';

const IMAGE_MESSAGES = imageMessages(english.t);

function isWebp(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).toString('ascii') === 'RIFF' && bytes.subarray(8, 12).toString('ascii') === 'WEBP';
}

async function processOk(bytes: Uint8Array) {
  const result = await processImage(bytes, english.t);
  if (!result.ok) throw new Error(`expected the image to be accepted, got: ${result.message}`);
  return result;
}

async function refusal(bytes: Uint8Array): Promise<string> {
  const result = await processImage(bytes, english.t);
  if (result.ok) throw new Error('expected the image to be refused');
  return result.message;
}

describe('processImage accepts photos', () => {
  it('stands a sideways phone JPEG upright and drops its EXIF', async () => {
    const jpeg = await sidewaysPhoneJpeg(1024, 512);
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);

    const result = await processOk(jpeg);

    expect(isWebp(result.webp)).toBe(true);
    expect([result.width, result.height]).toEqual([256, 512]);
    const stored = await sharp(result.webp).metadata();
    expect(stored.format).toBe('webp');
    expect([stored.width, stored.height]).toEqual([256, 512]);
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    // Rotating 90° clockwise puts the red left half on top, the blue right half at the bottom.
    const raw = await sharp(result.webp).removeAlpha().raw().toBuffer();
    const top = raw.subarray(0, 3);
    const bottomRow = (512 - 1) * 256 * 3;
    const bottom = raw.subarray(bottomRow, bottomRow + 3);
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it('keeps a small PNG at its own size and returns a sha256 of the stored bytes', async () => {
    const png = await solid(120, 80, { r: 10, g: 200, b: 30 }).png().toBuffer();

    const result = await processOk(png);

    expect(isWebp(result.webp)).toBe(true);
    expect([result.width, result.height]).toEqual([120, 80]);
    const { createHash } = await import('node:crypto');
    expect(result.sha256).toBe(createHash('sha256').update(result.webp).digest('hex'));
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shrinks a large PNG to fit inside 512x512, keeping its shape', async () => {
    const stripe = await solid(200, 1500, { r: 0, g: 0, b: 255 }).png().toBuffer();
    const png = await solid(2000, 1500, { r: 250, g: 250, b: 0 })
      .composite([{ input: stripe, left: 900, top: 0 }])
      .png()
      .toBuffer();

    const result = await processOk(png);

    expect([result.width, result.height]).toEqual([512, 384]);
    const stored = await sharp(result.webp).metadata();
    expect([stored.width, stored.height]).toEqual([512, 384]);
  });

  it('stores the first frame of an animated GIF as a still WebP', async () => {
    const gif = await trafficLightGif(64);
    expect((await sharp(gif).metadata()).pages).toBe(3);

    const result = await processOk(gif);

    const stored = await sharp(result.webp).metadata();
    expect(stored.format).toBe('webp');
    expect(stored.pages ?? 1).toBe(1);
    expect([result.width, result.height]).toEqual([64, 64]);
    const [r, g, b] = await firstPixel(result.webp);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
  });

  it('accepts WebP input and a Uint8Array view into a larger buffer', async () => {
    const webp = await solid(300, 600, { r: 0, g: 0, b: 0 }).webp().toBuffer();
    const padded = new Uint8Array(webp.byteLength + 20);
    padded.set(webp, 10);

    const result = await processOk(padded.subarray(10, 10 + webp.byteLength));

    expect([result.width, result.height]).toEqual([256, 512]);
  });
});

describe('processImage refuses bad uploads with a message a family understands', () => {
  let hundredMegapixelPng: Buffer;
  beforeAll(async () => {
    // One colour compresses to a few hundred KB: the classic decompression bomb.
    hundredMegapixelPng = await solid(10_000, 10_000, { r: 255, g: 255, b: 255 }).png().toBuffer();
  });

  it('refuses an empty file', async () => {
    expect(await refusal(new Uint8Array(0))).toBe('The file is empty.');
  });

  it('refuses a file over 5 MB before looking at it, naming its size', async () => {
    const jpegStart = await noisy(64, 64).jpeg().toBuffer();
    const big = Buffer.alloc(Math.round(6.2 * 1024 * 1024));
    jpegStart.copy(big);
    expect(await refusal(big)).toBe('That photo is 6.2 MB; the limit is 5 MB. Choose a smaller copy, or send a screenshot of it.');
  });

  it('accepts exactly 5 MB but refuses one byte more', async () => {
    expect(MAX_UPLOAD_BYTES).toBe(5 * 1024 * 1024);
    expect(await refusal(new Uint8Array(MAX_UPLOAD_BYTES + 1))).toBe('That photo is 5.1 MB; the limit is 5 MB. Choose a smaller copy, or send a screenshot of it.');
    // Exactly at the limit it gets past the size check (and is then judged by content).
    expect(await refusal(new Uint8Array(MAX_UPLOAD_BYTES))).toBe('That file is not a JPEG, PNG, GIF or WebP image.');
  });

  it('refuses a PDF renamed to .jpg, whatever its name says', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    expect(await refusal(pdf)).toBe('That file is not a JPEG, PNG, GIF or WebP image.');
  });

  it('tells an iPhone HEIC photo apart and says what to do about it, but not an AVIF in the same kind of box', async () => {
    const heic = heicPhoto();
    expect(isHeic(heic)).toBe(true);
    const message = await refusal(heic);
    expect(message).toBe(IMAGE_MESSAGES.heic);
    expect(message).toContain("choose 'Most Compatible'");
    expect(message).toContain('screenshot');
    const avif = await solid(20, 20, { r: 1, g: 2, b: 3 }).avif().toBuffer();
    expect(isHeic(avif)).toBe(false);
    expect(await refusal(avif)).toBe(IMAGE_MESSAGES.notAnImage);
    expect(isHeic(Buffer.from('ftyp'))).toBe(false);
  });

  it('refuses image formats other than the four accepted ones', async () => {
    const tiff = await solid(20, 20, { r: 1, g: 2, b: 3 }).tiff().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(await refusal(tiff)).toBe('That file is not a JPEG, PNG, GIF or WebP image.');
    expect(await refusal(svg)).toBe('That file is not a JPEG, PNG, GIF or WebP image.');
  });

  it('refuses a JPEG cut off half way through the upload', async () => {
    const jpeg = await noisy(800, 600).jpeg().toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.byteLength / 2));
    expect(await refusal(truncated)).toBe('That image is damaged or incomplete.');
  });

  it('refuses a PNG whose header is cut off', async () => {
    const png = await solid(50, 50, { r: 9, g: 9, b: 9 }).png().toBuffer();
    expect(await refusal(png.subarray(0, 30))).toBe('That image is damaged or incomplete.');
  });

  it('refuses a 100-megapixel PNG that is small on disk', async () => {
    expect(hundredMegapixelPng.byteLength).toBeLessThan(MAX_UPLOAD_BYTES);
    expect(await refusal(hundredMegapixelPng)).toBe(
      'That image is too large (100 megapixels); the limit is 40 megapixels.',
    );
  });

  it('judges the pixel count from the header, before decoding any pixels', async () => {
    // Only the header survives, so a full decode would call it damaged.
    const headerOnly = hundredMegapixelPng.subarray(0, 200);
    expect(await refusal(headerOnly)).toBe('That image is too large (100 megapixels); the limit is 40 megapixels.');
  });

  it('never throws, even for many bad uploads at once', async () => {
    const inputs = [new Uint8Array(0), Buffer.from('GIF89a'), Buffer.from('RIFF\0\0\0\0WEBP'), new Uint8Array([0xff, 0xd8, 0xff])];
    const results = await Promise.all(inputs.map((bytes) => processImage(bytes, english.t)));
    for (const result of results) expect(result.ok).toBe(false);
  });
});

describe('formatMegabytes', () => {
  it('rounds up to one decimal and drops a trailing .0', () => {
    expect(formatMegabytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatMegabytes(6 * 1024 * 1024)).toBe('6 MB');
    expect(formatMegabytes(6 * 1024 * 1024 + 1)).toBe('6.1 MB');
  });
});
