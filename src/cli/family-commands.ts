import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { newFamilyProblems, setUpNewFamily, type NewFamilyErrors, type NewFamilyInput } from '../family/new-family.js';
import { usernameProblem } from '../accounts/username.js';
import { defaultTimeZone } from '../calendar/family-time.js';
import { cleanText } from '../views/clean-text.js';
import { english } from '../i18n/i18n.js';
import { DEFAULT_LANGUAGE, LANGUAGES, languageProblem } from '../i18n/languages.js';
import { readPassword } from './read-password.js';
import { listFamilySlugs } from '../tenants/family-files.js';
import { CliError, EXIT_USAGE } from './cli-error.js';
import { formatTable, formatBytes, writeJson } from './format.js';
import { audited } from './audit.js';
import { summarizeFamily } from '../owner/family-summary.js';
import { purgeFamily, trashFamily } from '../owner/trash.js';
import { offsiteHealth } from '../offsite/health.js';

interface CreateOptions {
  name: string;
  timeZone: string;
  language: string;
  admin?: string;
}

export function registerFamily(program: Command): void {
  const family = program.command('family').description('Create, list and delete families.');

  family
    .command('create')
    .description('Create a family (its file is built under a temporary name and moved into place).')
    .argument('<slug>', 'the family\'s address: 2-40 of a-z, 0-9 and "-"')
    .requiredOption('--name <name>', 'the family\'s display name')
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Berlin', defaultTimeZone())
    .option('--language <code>', `the family's language: ${LANGUAGES.join(', ')} (its clock and first day of the week follow)`, DEFAULT_LANGUAGE)
    .option('--admin <username>', 'the first admin; the password is read from standard input')
    .action(async (slug: string, opts: CreateOptions, command: Command) => {
      const { data } = globalOptions(command);
      await audited(data, 'family create', slug, () => createFamilyFromOptions(data, slug, opts), () => ({ admin: opts.admin ?? null, timeZone: opts.timeZone, language: opts.language }));
    });

  family
    .command('list')
    .description(
      'List every family: slug, name, schema version, members, dashboards, last activity (newest sign-in or chore done), file size, last modified.',
    )
    .option('--json', 'one JSON document on stdout')
    .action((opts: { json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const families = listFamilySlugs(data).map((slug) => summarizeFamily(data, slug));
      const offsite = offsiteHealth(data);
      if (opts.json) {
        writeJson({ families, ...(offsite ? { offsite } : {}) });
        return;
      }
      // Said under the list, where the owner looks: every family depends on it.
      const offsiteLine = offsite && offsite.state !== 'ok' ? `Off-box copy ${offsite.state.toUpperCase()}: ${offsite.message} See: dinkydash offsite status\n` : '';
      if (families.length === 0) {
        process.stdout.write(`No families yet. Create one with: dinkydash family create SLUG --name "NAME"\n${offsiteLine}`);
        return;
      }
      const count = (n: number | null) => (n === null ? '?' : String(n));
      process.stdout.write(
        formatTable(
          ['SLUG', 'NAME', 'SCHEMA', 'MEMBERS', 'DASHBOARDS', 'LAST ACTIVITY', 'SIZE', 'MODIFIED'],
          families.map((f) => [
            f.slug,
            f.problem ? `(${f.problem})` : f.name ?? '',
            String(f.schemaVersion ?? '?'),
            count(f.members),
            count(f.dashboards),
            f.problem ? '?' : f.lastActivity ?? 'never',
            formatBytes(f.sizeBytes),
            f.modified,
          ]),
        ) + offsiteLine,
      );
    });

  family
    .command('delete')
    .description('Delete a family: its address stops working at once and its file moves to DATA/trash/ (bring it back with `restore`).')
    .argument('<slug>', 'the family to delete')
    .option('--purge', 'remove the file (and its -wal/-shm/-journal files) for good instead of moving it to the trash')
    .option('--json', 'one JSON document on stdout')
    .action(async (slug: string, opts: { purge?: boolean; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      if (opts.purge) {
        const result = await audited(data, 'family delete', slug, () => purgeFamily(data, slug), (r) => ({ purged: true, sizeBytes: r.sizeBytes }));
        if (opts.json) writeJson({ slug, purged: true, trashFile: null });
        else process.stdout.write(`Deleted the family "${slug}" for good: its file (${formatBytes(result.sizeBytes)}) was removed.\n`);
        return;
      }
      const result = await audited(data, 'family delete', slug, () => trashFamily(data, slug), (r) => ({ purged: false, trashFile: r.trashFile }));
      if (opts.json) {
        writeJson({ slug, purged: false, trashFile: result.trashFile });
        return;
      }
      process.stdout.write(
        `Deleted the family "${slug}": /${slug}/ no longer answers. Its file is in the trash:\n  ${result.trashFile}\n` +
          `Bring it back with:  dinkydash restore ${result.trashFile}\n`,
      );
    });
}

async function createFamilyFromOptions(data: string, slug: string, opts: CreateOptions): Promise<void> {
  const problem = languageProblem(opts.language);
  if (problem) throw new CliError(`--language: ${problem}`, EXIT_USAGE);
  const input: NewFamilyInput = { slug, name: opts.name, timeZone: opts.timeZone, language: opts.language };
  const early = newFamilyProblems(input, english.t);
  if (opts.admin) {
    const problem = usernameProblem(opts.admin, english.t);
    if (problem) early.username = problem;
  }
  throwFirstProblem(early);
  if (opts.admin) {
    input.admin = { username: opts.admin, password: await readPassword(`Password for ${opts.admin}`) };
    throwFirstProblem(newFamilyProblems(input, english.t));
  }
  const file = await setUpNewFamily(data, input);
  process.stdout.write(`Created family "${cleanText(opts.name)}" at ${file}\n`);
  if (opts.admin) process.stdout.write(`Its first admin, ${opts.admin}, can sign in at /${slug}/login\n`);
  else process.stdout.write(`It has no members yet: add an admin with  dinkydash user add ${slug} USERNAME --role admin\n`);
}

const CREATE_OPTION_NAMES: Record<string, string> = { slug: 'SLUG', name: '--name', timeZone: '--time-zone', language: '--language', username: '--admin', password: 'password' };

/** Field problems become one CLI error (exit 2): the first one, naming its option. */
export function throwFirstProblem(errors: NewFamilyErrors, options: Record<string, string> = CREATE_OPTION_NAMES): void {
  const first = Object.entries(errors)[0];
  if (first) throw new CliError(`${options[first[0]]}: ${first[1]}`, EXIT_USAGE);
}

