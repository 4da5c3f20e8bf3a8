import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { audited } from './audit.js';
import { writeJson } from './format.js';
import { restoreFamily, type RestoreResult } from '../owner/restore.js';
import { slugFromFile } from '../owner/slug-from-file.js';

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .summary('put a backup or a trash file in place as a family')
    .description(
      'Put a backup (or a file from the trash) in place as a family while the server runs. The file is checked and never changed; ' +
        'an existing family is only replaced with --force, and then its file goes to DATA/trash/ first.',
    )
    .argument('<file>', 'a backup, a trash file, or any family file')
    .option('--as <slug>', 'restore as this family (default: from the file\'s name or backup folder)')
    .option('--force', 'replace the family if it exists (its current file is moved to the trash first)')
    .option('--json', 'one JSON document on stdout')
    .action(async (file: string, opts: { as?: string; force?: boolean; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const result = await audited(
        data,
        'restore',
        opts.as ?? guessedSlug(file),
        () => restoreFamily(data, file, { as: opts.as, force: opts.force === true }),
        (r) => ({ source: r.source, slugFrom: r.slugFrom, schemaFrom: r.schemaFrom, schemaTo: r.schemaTo, replaced: r.replaced }),
        { familyOf: (r) => r.slug },
      );
      if (opts.json) writeJson(result);
      else process.stdout.write(describe(result));
    });
}

function describe(r: RestoreResult): string {
  const from = r.slugFrom === 'option' ? 'as you asked with --as' : `taken from the ${r.slugFrom}`;
  const lines = [`Restored the family "${r.slug}" (address ${from}) from ${r.source}`, `It is served at /${r.slug}/ from now on; its file is ${r.file}`];
  if (r.schemaFrom !== r.schemaTo) lines.push(`The copy was migrated from schema ${r.schemaFrom} to ${r.schemaTo}; the file you gave is unchanged.`);
  if (r.replaced) lines.push(`The family's previous file is in the trash: ${r.replaced}`);
  return `${lines.join('\n')}\n`;
}

/** For the audit line of a refused restore: the family it was meant for, when the file's name tells. */
function guessedSlug(file: string): string | null {
  const guess = slugFromFile(file);
  return guess.ok ? guess.slug : null;
}
