import fs from 'node:fs';
import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { readPassword } from './read-password.js';
import { audited } from './audit.js';
import { throwFirstProblem } from './family-commands.js';
import { plural, writeJson } from './format.js';
import { english } from '../i18n/i18n.js';
import { newFamilyProblems, type NewFamilyInput } from '../family/new-family.js';
import { usernameProblem } from '../accounts/username.js';
import { defaultTimeZone, todayIn } from '../calendar/family-time.js';
import { familyFilePath } from '../tenants/paths.js';
import { FamilyExistsError } from '../tenants/errors.js';
import { OwnerError } from '../owner/errors.js';
import { cleanText } from '../views/clean-text.js';
import type { PreparedV1Import, V1ImportCounts } from '../importer/import-v1.js';
import type { Prepared2026Import, V2026ImportCounts } from '../importer/import-2026.js';
import type { UnreadableConfig } from '../importer/prepare-import.js';
import type { ImageStatus } from '../importer/import-steps.js';
import type { NotImportedKey } from '../importer/v2026-config.js';

interface ImportOptions {
  family: string;
  admin: string;
  images?: string;
  name?: string;
  timeZone: string;
  skipMissingImages?: boolean;
  json?: boolean;
}

/** A failed import's report: exit 1, every problem listed, and nothing written. */
export class ImportRefusedError extends OwnerError {
  constructor(readonly report: ReturnType<typeof failureReport> | ReturnType<typeof failureReport2026>) {
    super(report.message, 'failed');
  }
}

export function registerImportV1(program: Command): void {
  program
    .command('import-v1')
    .summary('create a family from an old DinkyDash config.yaml (v1 or today\'s) and its photos')
    .description(
      'Create a new family from the config.yaml of the original DinkyDash and its photos; the format (v1, or today\'s with ' +
        '"people" and "special_dates") is told from its keys. v1: recurring items become daily chores (today shows the same person ' +
        'as v1), countdowns become yearly countdowns. Today\'s format: people and pets become named people with their birthdays ' +
        '(counted down to on every dashboard and shown in the calendar), recurring items daily chores showing today\'s person, special dates yearly countdowns, ' +
        'calendar_url a calendar the server fetches later; keys it cannot use are listed. The first admin\'s password is read from ' +
        'standard input. Nothing is created unless everything can be imported.',
    )
    .argument('<config>', 'the old DinkyDash\'s config.yaml')
    .requiredOption('--family <slug>', 'the new family\'s address')
    .requiredOption('--admin <username>', 'the first admin')
    .option('--images <dir>', 'the folder with the photos (default: the config file\'s folder)')
    .option('--name <name>', 'the family\'s display name (default: from the address, "the-smiths" -> "The Smiths")')
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Berlin', defaultTimeZone())
    .option('--skip-missing-images', 'import even when some photos are missing (turns keep the name; people and pets come without a photo)')
    .option('--json', 'one JSON document on stdout')
    .action(async (config: string, opts: ImportOptions, command: Command) => {
      const { data } = globalOptions(command);
      const name = opts.name ?? nameFromSlug(opts.family);
      const report = await audited(
        data,
        'import-v1',
        opts.family,
        () => importConfig(data, config, { ...opts, name }),
        (r) => ({ config, ...(r.format === '2026' ? { format: r.format } : {}), imported: r.imported, warnings: r.warnings.length }),
      ).catch((err: unknown) => {
        if (err instanceof ImportRefusedError && opts.json) writeJson(err.report);
        throw err;
      });
      if (opts.json) {
        writeJson(report);
        return;
      }
      const lines = report.format === '2026' ? imported2026Lines(config, name, opts, report) : importedV1Lines(config, name, opts, report);
      if (report.warnings.length) lines.push('Warnings:', ...report.warnings.map((w) => `  - ${w}`));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

type ImportReport = Awaited<ReturnType<typeof importConfig>>;

function importedV1Lines(config: string, name: string, opts: ImportOptions, report: Extract<ImportReport, { format?: undefined }>): string[] {
  const { imported } = report;
  return [
    `Imported ${config} into the new family "${cleanText(name)}" (${report.file}):`,
    `  ${plural(imported.chores, 'chore')} (${plural(imported.entries, 'turn')}), ${plural(imported.countdowns, 'countdown')}, ${plural(imported.images, 'image')}.`,
    `  Each chore shows today the same person as DinkyDash v1 does, then moves on one a day.`,
    `  The first admin, ${opts.admin}, can sign in at /${opts.family}/login`,
  ];
}

function imported2026Lines(config: string, name: string, opts: ImportOptions, report: Extract<ImportReport, { format: '2026' }>): string[] {
  const { imported } = report;
  const lines = [
    `Imported ${config} (today's DinkyDash format) into the new family "${cleanText(name)}" (${report.file}):`,
    `  ${counts2026(imported)}.`,
    `  People and pets are named people: in rotations by name, with their birthdays and photos. Only the admin signs in.`,
    `  Each chore shows today the same person as DinkyDash does today, then moves on one a day.`,
  ];
  if (report.calendar) {
    lines.push(
      `  The calendar ${report.calendar.url} is added as "${report.calendar.name}"; nothing was fetched now: the server fetches it, ` +
        `or run dinkydash calendar refresh ${opts.family}`,
    );
  }
  lines.push(`  The first admin, ${opts.admin}, can sign in at /${opts.family}/login`);
  lines.push(...notImportedLines(report.notImported));
  return lines;
}

/** "3 people, 1 pet, 4 chores (10 turns), 3 birthdays, 2 countdowns, 1 calendar, 4 images". */
function counts2026(c: V2026ImportCounts): string {
  return [
    plural(c.people, 'person', 'people'),
    plural(c.pets, 'pet'),
    `${plural(c.chores, 'chore')} (${plural(c.entries, 'turn')})`,
    plural(c.birthdays, 'birthday'),
    plural(c.countdowns, 'countdown'),
    plural(c.calendars, 'calendar'),
    plural(c.images, 'image'),
  ].join(', ');
}

/** Keys of the file that were not imported, those with the same reason on one line. */
function notImportedLines(keys: NotImportedKey[]): string[] {
  if (keys.length === 0) return [];
  const byReason = new Map<string, string[]>();
  for (const { key, reason } of keys) byReason.set(reason, [...(byReason.get(reason) ?? []), key]);
  return ['Keys left out:', ...[...byReason].map(([reason, names]) => `  - ${names.join(', ')}: not imported: ${reason}`)];
}

async function importConfig(data: string, config: string, opts: ImportOptions & { name: string }) {
  const input: NewFamilyInput = { slug: opts.family, name: opts.name, timeZone: opts.timeZone };
  const optionNames = { slug: '--family', name: '--name', timeZone: '--time-zone', username: '--admin', password: 'password' };
  const early = newFamilyProblems(input, english.t);
  const username = usernameProblem(opts.admin, english.t);
  if (username) early.username = username;
  throwFirstProblem(early, optionNames);
  if (!fs.statSync(config, { throwIfNoEntry: false })) throw new OwnerError(`There is no file "${config}".`, 'not-found');
  if (fs.existsSync(familyFilePath(data, opts.family))) throw new FamilyExistsError(opts.family);

  // The image pipeline (sharp) loads only for this command.
  const { prepareImport } = await import('../importer/prepare-import.js');
  const { writeV1Import } = await import('../importer/import-v1.js');
  const { write2026Import, maskedCalendarUrl, IMPORTED_FEED_NAME } = await import('../importer/import-2026.js');
  const { format, prepared } = await prepareImport({ configFile: config, imagesDir: opts.images, skipMissingImages: opts.skipMissingImages });
  if (!prepared.ok) throw new ImportRefusedError(format === '2026' ? failureReport2026(config, opts.family, prepared) : failureReport(config, opts.family, prepared, format));

  const password = await readPassword(`Password for ${opts.admin}`);
  input.admin = { username: opts.admin, password };
  throwFirstProblem(newFamilyProblems(input, english.t), optionNames);
  const target = { slug: opts.family, name: opts.name, timeZone: opts.timeZone, admin: { username: opts.admin, password }, today: todayIn(opts.timeZone) };
  if (format === 'v1') {
    const { file, imported } = await writeV1Import(data, target, prepared);
    // v1's report is as it always was: `format: undefined` only tells the two apart here and is left out of the JSON.
    return { ok: true as const, format: undefined, family: opts.family, file, imported, found: prepared.found, images: prepared.imageStatus, warnings: prepared.warnings };
  }
  const { file, imported } = await write2026Import(data, target, prepared);
  const url = maskedCalendarUrl(prepared.plan);
  return {
    ok: true as const,
    format: '2026' as const,
    family: opts.family,
    file,
    imported,
    found: prepared.found,
    images: prepared.imageStatus,
    calendar: url === null ? null : { name: IMPORTED_FEED_NAME, url },
    notImported: prepared.notImported,
    warnings: prepared.warnings,
  };
}

function failureReport(config: string, slug: string, prepared: Extract<PreparedV1Import, { ok: false }> | UnreadableConfig, format: 'v1' | null) {
  const nothing: V1ImportCounts = { chores: 0, entries: 0, countdowns: 0, images: 0 };
  const found = prepared.found;
  const holds = found
    ? `${config} holds ${plural(found.chores, 'chore')} (${plural(found.entries, 'turn')}), ${plural(found.countdowns, 'countdown')} and ${plural(found.images, 'image')}`
    : `${config} could not be read as a DinkyDash ${format === 'v1' ? 'v1 config' : 'config.yaml'}`;
  return { ok: false as const, family: slug, file: null, imported: nothing, found, images: prepared.imageStatus, errors: prepared.errors, warnings: prepared.warnings, message: failureMessage(slug, holds, prepared) };
}

function failureReport2026(config: string, slug: string, prepared: Extract<Prepared2026Import, { ok: false }>) {
  const nothing: V2026ImportCounts = { people: 0, pets: 0, birthdays: 0, chores: 0, entries: 0, countdowns: 0, calendars: 0, images: 0 };
  const found = prepared.found;
  const holds = found
    ? `${config} (today's DinkyDash format) holds ${counts2026(found)}`
    : `${config} is in today's DinkyDash format`;
  return {
    ok: false as const,
    format: '2026' as const,
    family: slug,
    file: null,
    imported: nothing,
    found,
    images: prepared.imageStatus,
    notImported: prepared.notImported,
    errors: prepared.errors,
    warnings: prepared.warnings,
    message: failureMessage(slug, holds, prepared),
  };
}

function failureMessage(slug: string, holds: string, prepared: { errors: string[]; warnings: string[]; imageStatus: ImageStatus[] }): string {
  const okImages = prepared.imageStatus.filter((i) => i.status === 'ok').map((i) => i.file);
  return [
    `Nothing was imported and no family "${slug}" was created. ${holds}, but:`,
    ...prepared.errors.map((e) => `  - ${e}`),
    ...(okImages.length ? [`Images that are fine: ${okImages.join(', ')}.`] : []),
    ...(prepared.warnings.length ? ['Warnings:', ...prepared.warnings.map((w) => `  - ${w}`)] : []),
    'Fix these and run the command again.',
  ].join('\n');
}

/** "the-smiths" -> "The Smiths". */
export function nameFromSlug(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
