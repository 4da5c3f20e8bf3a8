import fs from 'node:fs';
import { defaultSections } from '../kinds/index.js';
import path from 'node:path';
import { parseV1Config, MAX_V1_CONFIG_CHARS, type V1ImportPlan } from './v1-config.js';
import { resolveV1Images } from './v1-images.js';
import { MAX_UPLOAD_BYTES, formatMegabytes, processImage, type ProcessedImage } from '../images/process-image.js';
import { createFamily } from '../tenants/create-family.js';
import type { FamilyDb } from '../tenants/family-database.js';
import { DEFAULT_DASHBOARD_NAME } from '../family/new-family.js';
import { hashPassword } from '../accounts/password.js';
import { insertMember } from '../accounts/member-queries.js';
import { stateMatchingV1 } from '../kinds/chores/rotation.js';
import type { CivilDate } from '../calendar/civil-date.js';
import { cleanText } from '../views/clean-text.js';

// Moves a family from DinkyDash v1 (a config.yaml and a folder of photos)
// into a new family file, in two steps so nothing is written unless all of
// it can be: prepareV1Import reads and checks everything (config, every
// image through the image pipeline); writeV1Import then creates the family
// in one transaction (createFamily: a failure leaves no file).

export type V1ImageStatus = { file: string; status: 'ok' | 'missing' | 'refused'; message?: string };

export interface V1ImportCounts {
  chores: number;
  entries: number;
  countdowns: number;
  images: number;
}

export type PreparedV1Import =
  | { ok: true; plan: V1ImportPlan; images: Map<string, ProcessedImage>; imageStatus: V1ImageStatus[]; warnings: string[]; found: V1ImportCounts }
  | { ok: false; errors: string[]; warnings: string[]; imageStatus: V1ImageStatus[]; found: V1ImportCounts | null };

export interface PrepareV1Options {
  configFile: string;
  /** The folder v1 kept its photos in; the config file's folder by default. */
  imagesDir?: string;
  /** Import without images that are not found (their entries keep the name). */
  skipMissingImages?: boolean;
}

/** Reads the config and every image it names; reports every problem at once. Writes nothing. */
export async function prepareV1Import(options: PrepareV1Options): Promise<PreparedV1Import> {
  const text = readConfig(options.configFile);
  if (!text.ok) return { ok: false, errors: [text.error], warnings: [], imageStatus: [], found: null };
  const parsed = parseV1Config(text.text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [], imageStatus: [], found: null };
  const { plan } = parsed;
  const warnings = [...parsed.warnings];
  const found = countPlan(plan);

  const imagesDir = options.imagesDir ?? path.dirname(path.resolve(options.configFile));
  const { found: files } = resolveV1Images(plan, imagesDir);
  const errors: string[] = [];
  const imageStatus: V1ImageStatus[] = [];
  const images = new Map<string, ProcessedImage>();
  for (const file of plan.imageFiles) {
    const absolute = files.get(file);
    if (!absolute) {
      const message = `not found in ${imagesDir}`;
      imageStatus.push({ file, status: 'missing', message });
      if (options.skipMissingImages) warnings.push(`Image "${file}" was ${message}; imported without it.`);
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
  if (errors.length > 0) return { ok: false, errors, warnings, imageStatus, found };
  return { ok: true, plan, images, imageStatus, warnings, found };
}

export interface V1ImportTarget {
  slug: string;
  name: string;
  timeZone: string;
  admin: { username: string; password: string };
  /** The family's today, for the rotation to match v1; from the time zone by default. */
  today: CivilDate;
}

/** Creates the family with everything the prepared import holds, all or nothing. Returns the new file and what went in. */
export async function writeV1Import(dataDir: string, target: V1ImportTarget, prepared: Extract<PreparedV1Import, { ok: true }>): Promise<{ file: string; imported: V1ImportCounts }> {
  const passwordHash = await hashPassword(target.admin.password);
  const imported: V1ImportCounts = { chores: 0, entries: 0, countdowns: 0, images: 0 };
  const file = await createFamily(dataDir, { slug: target.slug, name: cleanText(target.name), timeZone: target.timeZone }, async (db) => {
    const dashboard = await db.insertInto('dashboards').values({ name: DEFAULT_DASHBOARD_NAME, is_default: 1, sections: defaultSections() }).returning('id').executeTakeFirstOrThrow();
    await insertMember(db, { username: target.admin.username, displayName: target.admin.username, role: 'admin', passwordHash });
    const imageIds = await insertImages(db, prepared.images);
    imported.images = new Set(imageIds.values()).size;

    for (const [position, chore] of prepared.plan.chores.entries()) {
      const title = cleanText(chore.title);
      const icon = isIconTitle(title);
      const state = stateMatchingV1(target.today, chore.entries.length);
      // Entries have no picture of their own; a chore without an emoji shows its first person's photo.
      const firstImage = chore.entries.find((e) => e.kind === 'image' && imageIds.has(e.file));
      const row = await db
        .insertInto('chores')
        .values({
          dashboard_id: dashboard.id,
          name: title,
          icon: icon ? title : '',
          image_id: !icon && firstImage?.kind === 'image' ? imageIds.get(firstImage.file)! : null,
          mode: 'daily',
          anchor_day: state.anchorDay,
          turn_offset: state.offset,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('chore_entries')
        .values(chore.entries.map((entry, i) => ({ chore_id: row.id, position: i, member_id: null, name: cleanText(entry.kind === 'image' ? entry.label : entry.name) })))
        .execute();
      imported.chores++;
      imported.entries += chore.entries.length;
    }

    for (const countdown of prepared.plan.countdowns) {
      const title = cleanText(countdown.title);
      await db
        .insertInto('countdowns')
        .values({
          dashboard_id: dashboard.id,
          name: title,
          icon: isIconTitle(title) ? title : '',
          image_id: countdown.image ? imageIds.get(countdown.image) ?? null : null,
          kind: 'yearly',
          year: null,
          month: countdown.month,
          day: countdown.day,
        })
        .execute();
      imported.countdowns++;
    }
  });
  return { file, imported };
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

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** v1 titles are mostly emoji ("👑", "🍾🎩"): those become the icon. Titles with letters or digits are names only. */
export function isIconTitle(title: string): boolean {
  if (!title || /[\p{L}\p{N}]/u.test(title)) return false;
  return [...graphemes.segment(title)].length <= 4;
}

function countPlan(plan: V1ImportPlan): V1ImportCounts {
  return {
    chores: plan.chores.length,
    entries: plan.chores.reduce((sum, chore) => sum + chore.entries.length, 0),
    countdowns: plan.countdowns.length,
    images: plan.imageFiles.length,
  };
}

function readConfig(configFile: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    const stat = fs.statSync(configFile);
    if (!stat.isFile()) return { ok: false, error: `"${configFile}" is not a file.` };
    if (stat.size > MAX_V1_CONFIG_CHARS * 4) return { ok: false, error: 'The file is too large to be a DinkyDash config.yaml.' };
    return { ok: true, text: fs.readFileSync(configFile, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: `There is no file "${configFile}".` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, error: `"${configFile}" cannot be read (permission denied).` };
    return { ok: false, error: `"${configFile}" cannot be read: ${(err as Error).message}` };
  }
}

async function readImage(file: string): Promise<ProcessedImage | { ok: false; message: string }> {
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_UPLOAD_BYTES) return { ok: false, message: `That photo is ${formatMegabytes(size)}; the limit is ${formatMegabytes(MAX_UPLOAD_BYTES)}.` };
    return await processImage(fs.readFileSync(file));
  } catch (err) {
    return { ok: false, message: `cannot be read: ${(err as Error).message}` };
  }
}
