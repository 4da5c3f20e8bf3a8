import fs from 'node:fs';
import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { readPassword } from './read-password.js';
import { audited } from './audit.js';
import { throwFirstProblem } from './family-commands.js';
import { plural, writeJson } from './format.js';
import { newFamilyProblems, type NewFamilyInput } from '../family/new-family.js';
import { usernameProblem } from '../accounts/username.js';
import { defaultTimeZone, todayIn } from '../calendar/family-time.js';
import { familyFilePath } from '../tenants/paths.js';
import { FamilyExistsError } from '../tenants/errors.js';
import { OwnerError } from '../owner/errors.js';
import { cleanText } from '../views/clean-text.js';
import type { PreparedV1Import, V1ImportCounts } from '../importer/import-v1.js';

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
  constructor(readonly report: ReturnType<typeof failureReport>) {
    super(report.message, 'failed');
  }
}

export function registerImportV1(program: Command): void {
  program
    .command('import-v1')
    .summary('create a family from a DinkyDash v1 config.yaml and its photos')
    .description(
      'Create a new family from a DinkyDash v1 config.yaml and its photos: recurring items become daily chores (today shows the ' +
        'same person as v1), countdowns become yearly countdowns. The first admin\'s password is read from standard input. ' +
        'Nothing is created unless everything can be imported.',
    )
    .argument('<config>', 'the v1 config.yaml')
    .requiredOption('--family <slug>', 'the new family\'s address')
    .requiredOption('--admin <username>', 'the first admin')
    .option('--images <dir>', 'the folder with v1\'s photos (default: the config file\'s folder)')
    .option('--name <name>', 'the family\'s display name (default: from the address, "the-smiths" -> "The Smiths")')
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Berlin', defaultTimeZone())
    .option('--skip-missing-images', 'import even when some photos are missing (their turns keep the name)')
    .option('--json', 'one JSON document on stdout')
    .action(async (config: string, opts: ImportOptions, command: Command) => {
      const { data } = globalOptions(command);
      const name = opts.name ?? nameFromSlug(opts.family);
      const report = await audited(
        data,
        'import-v1',
        opts.family,
        () => importV1(data, config, { ...opts, name }),
        (r) => ({ config, imported: r.imported, warnings: r.warnings.length }),
      ).catch((err: unknown) => {
        if (err instanceof ImportRefusedError && opts.json) writeJson(err.report);
        throw err;
      });
      if (opts.json) {
        writeJson(report);
        return;
      }
      const { imported } = report;
      const lines = [
        `Imported ${config} into the new family "${cleanText(name)}" (${report.file}):`,
        `  ${plural(imported.chores, 'chore')} (${plural(imported.entries, 'turn')}), ${plural(imported.countdowns, 'countdown')}, ${plural(imported.images, 'image')}.`,
        `  Each chore shows today the same person as DinkyDash v1 does, then moves on one a day.`,
        `  The first admin, ${opts.admin}, can sign in at /${opts.family}/login`,
      ];
      if (report.warnings.length) lines.push('Warnings:', ...report.warnings.map((w) => `  - ${w}`));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

async function importV1(data: string, config: string, opts: ImportOptions & { name: string }) {
  const input: NewFamilyInput = { slug: opts.family, name: opts.name, timeZone: opts.timeZone };
  const optionNames = { slug: '--family', name: '--name', timeZone: '--time-zone', username: '--admin', password: 'password' };
  const early = newFamilyProblems(input);
  const username = usernameProblem(opts.admin);
  if (username) early.username = username;
  throwFirstProblem(early, optionNames);
  if (!fs.statSync(config, { throwIfNoEntry: false })) throw new OwnerError(`There is no file "${config}".`, 'not-found');
  if (fs.existsSync(familyFilePath(data, opts.family))) throw new FamilyExistsError(opts.family);

  // The image pipeline (sharp) loads only for this command.
  const { prepareV1Import, writeV1Import } = await import('../importer/import-v1.js');
  const prepared = await prepareV1Import({ configFile: config, imagesDir: opts.images, skipMissingImages: opts.skipMissingImages });
  if (!prepared.ok) throw new ImportRefusedError(failureReport(config, opts.family, prepared));

  const password = await readPassword(`Password for ${opts.admin}`);
  input.admin = { username: opts.admin, password };
  throwFirstProblem(newFamilyProblems(input), optionNames);
  const { file, imported } = await writeV1Import(
    data,
    { slug: opts.family, name: opts.name, timeZone: opts.timeZone, admin: { username: opts.admin, password }, today: todayIn(opts.timeZone) },
    prepared,
  );
  return { ok: true as const, family: opts.family, file, imported, found: prepared.found, images: prepared.imageStatus, warnings: prepared.warnings };
}

function failureReport(config: string, slug: string, prepared: Extract<PreparedV1Import, { ok: false }>) {
  const nothing: V1ImportCounts = { chores: 0, entries: 0, countdowns: 0, images: 0 };
  const found = prepared.found;
  const holds = found
    ? `${config} holds ${plural(found.chores, 'chore')} (${plural(found.entries, 'turn')}), ${plural(found.countdowns, 'countdown')} and ${plural(found.images, 'image')}`
    : `${config} could not be read as a DinkyDash v1 config`;
  const okImages = prepared.imageStatus.filter((i) => i.status === 'ok').map((i) => i.file);
  const message = [
    `Nothing was imported and no family "${slug}" was created. ${holds}, but:`,
    ...prepared.errors.map((e) => `  - ${e}`),
    ...(okImages.length ? [`Images that are fine: ${okImages.join(', ')}.`] : []),
    ...(prepared.warnings.length ? ['Warnings:', ...prepared.warnings.map((w) => `  - ${w}`)] : []),
    'Fix these and run the command again.',
  ].join('\n');
  return { ok: false as const, family: slug, file: null, imported: nothing, found, images: prepared.imageStatus, errors: prepared.errors, warnings: prepared.warnings, message };
}

/** "the-smiths" -> "The Smiths". */
export function nameFromSlug(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
