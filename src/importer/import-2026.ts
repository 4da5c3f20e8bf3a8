import path from 'node:path';
import type { V2026ImportPlan, V2026ParseResult, NotImportedKey } from './v2026-config.js';
import type { ProcessedImage } from '../images/process-image.js';
import { formatIsoDate } from '../calendar/civil-date.js';
import { maskFeedUrl } from '../fetching/feed-url.js';
import { createImportedFamily, insertDailyChore, insertYearlyCountdown, prepareImages, storedImageCount, type ImageStatus, type ImportTarget } from './import-steps.js';

// Moves a family from today's DinkyDash (the 2026 config.yaml and the photos
// beside it) into a new family file, in the same two steps as v1
// (import-v1.ts): prepare2026Plan reads and checks everything, photos
// included, and writes nothing; write2026Import creates the family in one
// transaction (a failure leaves no file).
//
// People and pets become named people (table named_people), not members: a
// member is someone who signs in, and needs a username and a password nobody
// here can choose for them. The admin the command creates is the family's one
// sign-in; the admin can invite the others later. A named person carries what
// the old app knew (name, birthday, photo), appears in rotations by name (as
// the old app's choices did) and in the calendar's birthdays.

/** The calendar feed the old app's calendar_url becomes. */
export const IMPORTED_FEED_NAME = 'Family calendar';

export interface V2026ImportCounts {
  people: number;
  pets: number;
  /** Birthday countdowns, one per person with a date of birth. */
  birthdays: number;
  chores: number;
  entries: number;
  /** Countdowns from special_dates. */
  countdowns: number;
  calendars: number;
  images: number;
}

export type Prepared2026Import =
  | {
      ok: true;
      plan: V2026ImportPlan;
      images: Map<string, ProcessedImage>;
      imageStatus: ImageStatus[];
      notImported: NotImportedKey[];
      warnings: string[];
      found: V2026ImportCounts;
    }
  | { ok: false; errors: string[]; warnings: string[]; imageStatus: ImageStatus[]; notImported: NotImportedKey[]; found: V2026ImportCounts | null };

export interface Prepare2026Options {
  configFile: string;
  /** Where the photos are; the config file's folder by default. */
  imagesDir?: string;
  /** Import without photos that are not found (the person or pet is imported without one). */
  skipMissingImages?: boolean;
}

/** Checks every photo a parsed 2026 config names; reports every problem at once. Writes nothing. */
export async function prepare2026Plan(parsed: V2026ParseResult, options: Prepare2026Options): Promise<Prepared2026Import> {
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [], imageStatus: [], notImported: [], found: null };
  const { plan } = parsed;
  const found = countPlan(plan);
  const imagesDir = options.imagesDir ?? path.dirname(path.resolve(options.configFile));
  const { images, imageStatus, errors, warnings } = await prepareImages(plan.imageFiles, imagesDir, options.skipMissingImages);
  const allWarnings = [...parsed.warnings, ...warnings];
  if (errors.length > 0) return { ok: false, errors, warnings: allWarnings, imageStatus, notImported: plan.notImported, found };
  return { ok: true, plan, images, imageStatus, notImported: plan.notImported, warnings: allWarnings, found };
}

/** Creates the family with everything the prepared import holds, all or nothing. Returns the new file and what went in. */
export async function write2026Import(
  dataDir: string,
  target: ImportTarget,
  prepared: Extract<Prepared2026Import, { ok: true }>,
): Promise<{ file: string; imported: V2026ImportCounts }> {
  const imported: V2026ImportCounts = { people: 0, pets: 0, birthdays: 0, chores: 0, entries: 0, countdowns: 0, calendars: 0, images: 0 };
  const { plan } = prepared;
  const file = await createImportedFamily(dataDir, target, prepared.images, async (family) => {
    const { db, imageIds } = family;
    imported.images = storedImageCount(imageIds);
    const imageOf = (file: string | null) => (file === null ? null : imageIds.get(file) ?? null);

    for (const person of plan.people) {
      await db
        .insertInto('named_people')
        .values({ name: person.name, kind: person.kind, birth_date: person.birthDate ? formatIsoDate(person.birthDate) : null, image_id: imageOf(person.image) })
        .execute();
      if (person.kind === 'pet') imported.pets++;
      else imported.people++;
      // The birth date is the one fact: every dashboard's countdowns count down to it ("Lily turns 9"), and the calendar shows it.
      if (person.birthDate) imported.birthdays++;
    }

    for (const [position, chore] of plan.chores.entries()) {
      await insertDailyChore(family, target.today, { name: chore.title, icon: chore.icon, imageId: null, names: chore.names, position });
      imported.chores++;
      imported.entries += chore.names.length;
    }

    for (const date of plan.specialDates) {
      await insertYearlyCountdown(family, { name: date.title, icon: date.icon, imageId: null, month: date.month, day: date.day });
      imported.countdowns++;
    }

    if (plan.calendarUrl !== null) {
      // Stored as written; nothing is fetched now. The server (or `dinkydash calendar refresh <slug>`) fetches it later.
      await db.insertInto('calendar_feeds').values({ name: IMPORTED_FEED_NAME, url: plan.calendarUrl }).execute();
      imported.calendars++;
    }
  });
  return { file, imported };
}

/** The calendar's address as it may be shown: scheme, host and no secret (fetching/feed-url.ts). */
export function maskedCalendarUrl(plan: Pick<V2026ImportPlan, 'calendarUrl'>): string | null {
  return plan.calendarUrl === null ? null : maskFeedUrl(plan.calendarUrl);
}

function countPlan(plan: V2026ImportPlan): V2026ImportCounts {
  return {
    people: plan.people.filter((p) => p.kind === 'person').length,
    pets: plan.people.filter((p) => p.kind === 'pet').length,
    birthdays: plan.people.filter((p) => p.birthDate !== null).length,
    chores: plan.chores.length,
    entries: plan.chores.reduce((sum, chore) => sum + chore.names.length, 0),
    countdowns: plan.specialDates.length,
    calendars: plan.calendarUrl === null ? 0 : 1,
    images: plan.imageFiles.length,
  };
}
