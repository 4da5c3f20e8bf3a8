import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { newFamilyProblems, setUpNewFamily, type NewFamilyErrors, type NewFamilyInput } from '../family/new-family.js';
import { usernameProblem } from '../accounts/username.js';
import { defaultTimeZone } from '../calendar/family-time.js';
import { cleanText } from '../views/clean-text.js';
import { readPassword } from './read-password.js';
import { inspectFamilyFile, listFamilySlugs } from '../tenants/family-files.js';
import { CliError, EXIT_USAGE } from './cli-error.js';
import { formatTable, formatBytes } from './format.js';

export function registerFamily(program: Command): void {
  const family = program.command('family').description('Create and list families.');

  family
    .command('create')
    .description('Create a family (its file is built under a temporary name and moved into place).')
    .argument('<slug>', 'the family\'s address: 2-40 of a-z, 0-9 and "-"')
    .requiredOption('--name <name>', 'the family\'s display name')
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Berlin', defaultTimeZone())
    .option('--admin <username>', 'the first admin; the password is read from standard input')
    .action(async (slug: string, opts: { name: string; timeZone: string; admin?: string }, command: Command) => {
      const { data } = globalOptions(command);
      const input: NewFamilyInput = { slug, name: opts.name, timeZone: opts.timeZone };
      const early = newFamilyProblems(input);
      if (opts.admin) {
        const problem = usernameProblem(opts.admin);
        if (problem) early.username = problem;
      }
      throwFirstProblem(early);
      if (opts.admin) {
        input.admin = { username: opts.admin, password: await readPassword(`Password for ${opts.admin}`) };
        throwFirstProblem(newFamilyProblems(input));
      }
      const file = await setUpNewFamily(data, input);
      process.stdout.write(`Created family "${cleanText(opts.name)}" at ${file}\n`);
      if (opts.admin) process.stdout.write(`Its first admin, ${opts.admin}, can sign in at /${slug}/login\n`);
      else process.stdout.write(`It has no members yet: add an admin with  dinkydash user add ${slug} USERNAME --role admin\n`);
    });

  family
    .command('list')
    .description('List every family: slug, name, schema version, file size, last modified.')
    .option('--json', 'one JSON document on stdout')
    .action((opts: { json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const families = listFamilySlugs(data).map((slug) => inspectFamilyFile(data, slug));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ families }, null, 2)}\n`);
        return;
      }
      if (families.length === 0) {
        process.stdout.write('No families yet. Create one with: dinkydash family create SLUG --name "NAME"\n');
        return;
      }
      process.stdout.write(
        formatTable(
          ['SLUG', 'NAME', 'SCHEMA', 'SIZE', 'MODIFIED'],
          families.map((f) => [f.slug, f.problem ? `(${f.problem})` : f.name ?? '', String(f.schemaVersion ?? '?'), formatBytes(f.sizeBytes), f.modified]),
        ),
      );
    });
}

/** Field problems become one CLI error (exit 2): the first one, naming its option. */
function throwFirstProblem(errors: NewFamilyErrors): void {
  const options: Record<string, string> = { slug: 'SLUG', name: '--name', timeZone: '--time-zone', username: '--admin', password: 'password' };
  const first = Object.entries(errors)[0];
  if (first) throw new CliError(`${options[first[0]]}: ${first[1]}`, EXIT_USAGE);
}
