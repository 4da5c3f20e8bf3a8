import path from 'node:path';
import { parseV1Config, type V1ImportPlan, type V1ParseResult } from './v1-config.js';
import type { ProcessedImage } from '../images/process-image.js';
import { cleanText } from '../views/clean-text.js';
import {
  createImportedFamily, insertDailyChore, insertYearlyCountdown, isIconTitle, prepareImages, readConfigFile, storedImageCount,
  type ImageStatus, type ImportTarget,
} from './import-steps.js';

export { isIconTitle };

// Moves a family from DinkyDash v1 (a config.yaml and a folder of photos)
// into a new family file, in two steps so nothing is written unless all of
// it can be: prepareV1Import reads and checks everything (config, every
// image through the image pipeline); writeV1Import then creates the family
// in one transaction (createFamily: a failure leaves no file).

export type V1ImageStatus = ImageStatus;

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
  const text = readConfigFile(options.configFile);
  if (!text.ok) return { ok: false, errors: [text.error], warnings: [], imageStatus: [], found: null };
  return prepareV1Plan(parseV1Config(text.text), options);
}

/** The second half of prepareV1Import, for a config already read (and told apart from today's format). */
export async function prepareV1Plan(parsed: V1ParseResult, options: PrepareV1Options): Promise<PreparedV1Import> {
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [], imageStatus: [], found: null };
  const { plan } = parsed;
  const found = countPlan(plan);
  const imagesDir = options.imagesDir ?? path.dirname(path.resolve(options.configFile));
  const { images, imageStatus, errors, warnings } = await prepareImages(plan.imageFiles, imagesDir, options.skipMissingImages);
  const allWarnings = [...parsed.warnings, ...warnings];
  if (errors.length > 0) return { ok: false, errors, warnings: allWarnings, imageStatus, found };
  return { ok: true, plan, images, imageStatus, warnings: allWarnings, found };
}

export type V1ImportTarget = ImportTarget;

/** Creates the family with everything the prepared import holds, all or nothing. Returns the new file and what went in. */
export async function writeV1Import(dataDir: string, target: V1ImportTarget, prepared: Extract<PreparedV1Import, { ok: true }>): Promise<{ file: string; imported: V1ImportCounts }> {
  const imported: V1ImportCounts = { chores: 0, entries: 0, countdowns: 0, images: 0 };
  const file = await createImportedFamily(dataDir, target, prepared.images, async (family) => {
    const { imageIds } = family;
    imported.images = storedImageCount(imageIds);

    for (const [position, chore] of prepared.plan.chores.entries()) {
      const title = cleanText(chore.title);
      const icon = isIconTitle(title);
      // Entries have no picture of their own; a chore without an emoji shows its first person's photo.
      const firstImage = chore.entries.find((e) => e.kind === 'image' && imageIds.has(e.file));
      await insertDailyChore(family, target.today, {
        name: title,
        icon: icon ? title : '',
        imageId: !icon && firstImage?.kind === 'image' ? imageIds.get(firstImage.file)! : null,
        names: chore.entries.map((entry) => cleanText(entry.kind === 'image' ? entry.label : entry.name)),
        position,
      });
      imported.chores++;
      imported.entries += chore.entries.length;
    }

    for (const countdown of prepared.plan.countdowns) {
      const title = cleanText(countdown.title);
      await insertYearlyCountdown(family, {
        name: title,
        icon: isIconTitle(title) ? title : '',
        imageId: countdown.image ? imageIds.get(countdown.image) ?? null : null,
        month: countdown.month,
        day: countdown.day,
      });
      imported.countdowns++;
    }
  });
  return { file, imported };
}

function countPlan(plan: V1ImportPlan): V1ImportCounts {
  return {
    chores: plan.chores.length,
    entries: plan.chores.reduce((sum, chore) => sum + chore.entries.length, 0),
    countdowns: plan.countdowns.length,
    images: plan.imageFiles.length,
  };
}
