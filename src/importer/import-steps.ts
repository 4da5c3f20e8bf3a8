import fs from 'node:fs';
import { defaultSections } from '../kinds/index.js';
import { resolveV1Images } from './v1-images.js';
import { MAX_CONFIG_CHARS } from './yaml-read.js';
import { MAX_UPLOAD_BYTES, processImage, tooLargeMessage, type ProcessedImage } from '../images/process-image.js';
import { english } from '../i18n/i18n.js';
import { createFamily } from '../tenants/create-family.js';
import type { FamilyDb } from '../tenants/family-database.js';
import { defaultDashboardName } from '../family/new-family.js';
import { DEFAULT_LANGUAGE } from '../i18n/languages.js';
import { hashPassword } from '../accounts/password.js';
import { insertMember } from '../accounts/member-queries.js';
import { stateMatchingV1 } from '../kinds/chores/rotation.js';
import type { CivilDate } from '../calendar/civil-date.js';
import { cleanText } from '../views/clean-text.js';

// The steps every config format's import shares: reading the file, finding
// and processing its photos (prepare: nothing written), and creating the
// family with its dashboard, first admin, photos, chores and countdowns in
// one transaction (write: createFamily leaves no file on any failure).

export type ImageStatus = { file: string; status: 'ok' | 'missing' | 'refused'; message?: string };

export interface ImportTarget {
  slug: string;
  name: string;
  timeZone: string;
  admin: { username: string; password: string };
  /** The family's today, for each chore to show today's person as the old DinkyDash does; from the time zone by default. */
  today: CivilDate;
}

export function readConfigFile(configFile: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    const stat = fs.statSync(configFile);
    if (!stat.isFile()) return { ok: false, error: `"${configFile}" is not a file.` };
    if (stat.size > MAX_CONFIG_CHARS * 4) return { ok: false, error: 'The file is too large to be a DinkyDash config.yaml.' };
    return { ok: true, text: fs.readFileSync(configFile, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `There is no file "${configFile}".` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, error: `"${configFile}" cannot be read (permission denied).` };
    return { ok: false, error: `"${configFile}" cannot be read: ${(err as Error).message}` };
  }
}

/** Finds every photo the config names and runs it through the image pipeline; a missing one is an error unless skipped. */
export async function prepareImages(
  imageFiles: string[],
  imagesDir: string,
  skipMissingImages: boolean | undefined,
): Promise<{ images: Map<string, ProcessedImage>; imageStatus: ImageStatus[]; errors: string[]; warnings: string[] }> {
  const { found: files } = resolveV1Images({ imageFiles }, imagesDir);
  const errors: string[] = [];
  const warnings: string[] = [];
  const imageStatus: ImageStatus[] = [];
  const images = new Map<string, ProcessedImage>();
  for (const file of imageFiles) {
    const absolute = files.get(file);
    if (!absolute) {
      const message = `not found in ${imagesDir}`;
      imageStatus.push({ file, status: 'missing', message });
      if (skipMissingImages) warnings.push(`Image "${file}" was ${message}; imported without it.`);
      else errors.push(`Image "${file}" was ${message} (use --images DIR for another folder, or --skip-missing-images to import without it).`);
      continue;
    }
    const result = await readImage(absolute);
    if (result.ok) {
      images.set(file, result);
      imageStatus.push({ file, status: 'ok' });
    } else {
      imageStatus.push({ file, status: 'refused', message: result.message });
      errors.push(`Image "${file}": ${result.message}`);
    }
  }
  return { images, imageStatus, errors, warnings };
}

async function readImage(file: string): Promise<ProcessedImage | { ok: false; message: string }> {
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_UPLOAD_BYTES) return { ok: false, message: tooLargeMessage(size, english.t) };
    return await processImage(fs.readFileSync(file), english.t);
  } catch (err) {
    return { ok: false, message: `cannot be read: ${(err as Error).message}` };
  }
}

export interface ImportedFamily {
  db: FamilyDb;
  dashboardId: number;
  /** Photo file name -> image id. */
  imageIds: Map<string, number>;
}

/**
 * Creates the family with its default dashboard, its first admin (the only
 * one who can sign in) and its photos, then lets `fill` add the rest, all in
 * one transaction. Returns the new file.
 */
export async function createImportedFamily(
  dataDir: string,
  target: ImportTarget,
  images: Map<string, ProcessedImage>,
  fill: (family: ImportedFamily) => Promise<void>,
): Promise<string> {
  const passwordHash = await hashPassword(target.admin.password);
  return createFamily(dataDir, { slug: target.slug, name: cleanText(target.name), timeZone: target.timeZone }, async (db) => {
    const dashboard = await db.insertInto('dashboards').values({ name: defaultDashboardName(DEFAULT_LANGUAGE), is_default: 1, sections: defaultSections() }).returning('id').executeTakeFirstOrThrow();
    await insertMember(db, { username: target.admin.username, displayName: target.admin.username, role: 'admin', passwordHash });
    await fill({ db, dashboardId: dashboard.id, imageIds: await insertImages(db, images) });
  });
}

/** Each distinct picture once (two files with the same pixels share a row); returns file name -> image id. */
async function insertImages(db: FamilyDb, images: Map<string, ProcessedImage>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const bySha = new Map<string, number>();
  for (const [file, image] of images) {
    let id = bySha.get(image.sha256);
    if (id === undefined) {
      const row = await db
        .insertInto('images')
        .values({ sha256: image.sha256, webp: image.webp, width: image.width, height: image.height })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
      bySha.set(image.sha256, id);
    }
    ids.set(file, id);
  }
  return ids;
}

/** Distinct images actually stored. */
export function storedImageCount(imageIds: Map<string, number>): number {
  return new Set(imageIds.values()).size;
}

export interface DailyChore {
  name: string;
  icon: string;
  imageId: number | null;
  /** The turns in order, as free-text names. */
  names: string[];
  position: number;
}

/**
 * A daily chore set up to show today the entry the old DinkyDash shows today,
 * choices[dayOfYear % length] (rotation.ts: stateMatchingV1, the rule of both
 * v1 and today's format), then to move on one a day.
 */
export async function insertDailyChore(family: ImportedFamily, today: CivilDate, chore: DailyChore): Promise<void> {
  const state = stateMatchingV1(today, chore.names.length);
  const row = await family.db
    .insertInto('chores')
    .values({
      dashboard_id: family.dashboardId,
      name: chore.name,
      icon: chore.icon,
      image_id: chore.imageId,
      mode: 'daily',
      anchor_day: state.anchorDay,
      turn_offset: state.offset,
      position: chore.position,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await family.db
    .insertInto('chore_entries')
    .values(chore.names.map((name, i) => ({ chore_id: row.id, position: i, member_id: null, name })))
    .execute();
}

/** A countdown that comes back every year (29 February falls on 28 February in common years: countdown.ts). */
export async function insertYearlyCountdown(
  family: ImportedFamily,
  countdown: { name: string; icon: string; imageId: number | null; month: number; day: number },
): Promise<void> {
  await family.db
    .insertInto('countdowns')
    .values({
      dashboard_id: family.dashboardId,
      name: countdown.name,
      icon: countdown.icon,
      image_id: countdown.imageId,
      kind: 'yearly',
      year: null,
      month: countdown.month,
      day: countdown.day,
    })
    .execute();
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Old DinkyDash titles are mostly emoji ("👑", "🍾🎩"): those become the icon. Titles with letters or digits are names only. */
export function isIconTitle(title: string): boolean {
  if (!title || /[\p{L}\p{N}]/u.test(title)) return false;
  return [...graphemes.segment(title)].length <= 4;
}

/** How many user-perceived characters (an emoji with its modifiers is one). */
export function graphemeCount(text: string): number {
  return [...graphemes.segment(text)].length;
}
