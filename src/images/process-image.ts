import { createHash } from 'node:crypto';
import type Sharp from 'sharp';
import { createConcurrencyLimit } from './limit-concurrency.js';
import type { Translate } from '../i18n/i18n.js';

/**
 * Turns a photo uploaded from a phone (avatar, chore icon, countdown picture)
 * into a small, metadata-free WebP that the wall display can show cheaply.
 */

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** 40 MP covers ordinary 12 MP phone photos with room to spare. */
export const MAX_INPUT_PIXELS = 40_000_000;
export const MAX_OUTPUT_SIDE = 512;
const WEBP_QUALITY = 80;
/** Image jobs allowed at once in this process. */
const MAX_PARALLEL_JOBS = 2;

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'gif', 'webp']);

/** The messages of a refused picture, in `t`'s language (the CLI's: English). */
export function imageMessages(t: Translate) {
  return {
    empty: t('images.empty'),
    notAnImage: t('images.notAnImage'),
    heic: t('images.heic', { advice: t('images.phoneAdvice') }),
    damaged: t('images.damaged'),
  };
}

/** The message for a file over MAX_UPLOAD_BYTES ("6.2 MB"; "6,2 MB" in German). */
export function tooLargeMessage(bytes: number, t: Translate): string {
  return t('images.tooLarge', { size: megabytesUp(bytes), limit: megabytesUp(MAX_UPLOAD_BYTES) });
}

// Settings for a Raspberry Pi, made once for the whole process:
// - concurrency(1): libvips would otherwise give each image one thread per
//   core; with one thread per image, the two jobs allowed below use at most
//   two of the Pi's cores and the web server keeps the rest.
// - a small cache: libvips keeps recent operations for reuse, which helps
//   pipelines that reprocess the same input; uploads are processed once, so a
//   big cache would only hold on to memory a 1-2 GB Pi needs elsewhere.
// sharp (libvips) is loaded on the first upload, not at start: it adds tens of
// MB of RSS and a noticeable start-up time to a server that mostly never sees one.
let sharpLoaded: Promise<typeof Sharp> | undefined;
function loadSharp(): Promise<typeof Sharp> {
  return (sharpLoaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1);
    sharp.cache({ memory: 16, files: 0, items: 20 });
    return sharp;
  }));
}

// sharp runs on libuv's thread pool (4 threads by default), which file reads
// and password hashing share. Two image jobs at most keep the pool free for
// other families' requests, and queue the rest instead of thrashing memory.
const limitImageJobs = createConcurrencyLimit(MAX_PARALLEL_JOBS);

export type ProcessedImage = { ok: true; webp: Buffer; width: number; height: number; sha256: string };
export type RefusedImage = { ok: false; message: string };

/** Never throws for bad input: every refusal is a message a family can read, in `t`'s language (the CLI's: English). */
export async function processImage(bytes: Uint8Array, t: Translate): Promise<ProcessedImage | RefusedImage> {
  const messages = imageMessages(t);
  if (bytes.byteLength === 0) return refuse(messages.empty);
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return refuse(tooLargeMessage(bytes.byteLength, t));
  if (isHeic(bytes)) return refuse(messages.heic);
  // A view, not a copy: uploads may be several MB.
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return await limitImageJobs(() => convertToWebp(input, t));
  } catch {
    // libvips reports decoding problems with technical messages; anything
    // that gets past the checks in convertToWebp is a broken file.
    return refuse(messages.damaged);
  }
}

async function convertToWebp(input: Buffer, t: Translate): Promise<ProcessedImage | RefusedImage> {
  const messages = imageMessages(t);
  const sharp = await loadSharp();
  const options: Sharp.SharpOptions = {
    // 'error' (rather than the default 'warning') refuses truncated or corrupt
    // pixel data but tolerates the harmless warnings some phone JPEGs carry.
    failOn: 'error',
    // Stream through the image top to bottom instead of holding it all in memory.
    sequentialRead: true,
    // Animated GIF/WebP: only the first frame is read and stored. Kept
    // animations would cost CPU on every wall display and make the work per
    // upload depend on the frame count rather than on one picture.
    pages: 1,
  };

  // Reading the header is cheap and decodes no pixels, so format and size are
  // checked before the expensive decode. (It runs without the pixel limit,
  // which would otherwise reject a bomb before we could say how big it is.)
  let header: Sharp.Metadata;
  try {
    header = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    return refuse(isUnsupportedFormat(error) ? messages.notAnImage : messages.damaged);
  }
  if (!ACCEPTED_FORMATS.has(header.format)) return refuse(messages.notAnImage);
  const pixels = header.width * header.height;
  if (pixels > MAX_INPUT_PIXELS) {
    return refuse(t('images.tooManyPixels', { megapixels: Math.ceil(pixels / 1_000_000), limit: MAX_INPUT_PIXELS / 1_000_000 }));
  }

  // The pixel limit stays on for the decode in case the header lied.
  const { data, info } = await sharp(input, { ...options, limitInputPixels: MAX_INPUT_PIXELS })
    .rotate() // apply the EXIF orientation so phone photos stand upright
    .resize(MAX_OUTPUT_SIDE, MAX_OUTPUT_SIDE, { fit: 'inside', withoutEnlargement: true })
    // sharp writes no metadata (EXIF, GPS position, ICC) unless asked to.
    .webp({ quality: WEBP_QUALITY })
    .toBuffer({ resolveWithObject: true });

  return {
    ok: true,
    webp: data,
    width: info.width,
    height: info.height,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

// HEIC (iPhones' default) is HEVC inside an ISO-BMFF box: sharp's libvips is
// built without an HEVC decoder. Told apart from AVIF (which the same box
// carries) by its brands.
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);
const latin1 = new TextDecoder('latin1');

/** Whether the bytes start like a HEIC/HEIF photo (an `ftyp` box naming a HEIF brand and not AVIF). */
export function isHeic(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 12 || latin1.decode(bytes.subarray(4, 8)) !== 'ftyp') return false;
  const boxSize = Math.min(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0), bytes.byteLength, 256);
  const brands: string[] = [];
  for (let at = 8; at + 4 <= boxSize; at += 4) if (at !== 12) brands.push(latin1.decode(bytes.subarray(at, at + 4)));
  return brands.some((b) => HEIC_BRANDS.has(b)) && !brands.some((b) => b === 'avif' || b === 'avis');
}

function refuse(message: string): RefusedImage {
  return { ok: false, message };
}

function isUnsupportedFormat(error: unknown): boolean {
  return error instanceof Error && /unsupported image format/i.test(error.message);
}

/** Megabytes to a tenth, rounded up, so a file just over the limit never reads as "5 MB". */
export function megabytesUp(bytes: number): number {
  return Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
}

/** "6.2 MB", "5 MB" (English: the CLI's and the logs'). */
export function formatMegabytes(bytes: number): string {
  const tenths = megabytesUp(bytes);
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)} MB`;
}
