import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { createFamily } from '../tenants/create-family.js';
import { assertValidSlug } from '../tenants/slug.js';
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
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Berlin', Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
    .action(async (slug: string, opts: { name: string; timeZone: string }, command: Command) => {
      const { data } = globalOptions(command);
      assertValidSlug(slug);
      const name = opts.name.trim();
      if (!name || name.length > 80) throw new CliError('The family name needs 1 to 80 characters.', EXIT_USAGE);
      if (!isTimeZone(opts.timeZone)) throw new CliError(`"${opts.timeZone}" is not a time zone DinkyDash knows (try e.g. Europe/Berlin).`, EXIT_USAGE);
      const file = await createFamily(data, { slug, name, timeZone: opts.timeZone });
      process.stdout.write(`Created family "${name}" at ${file}\n`);
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

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
