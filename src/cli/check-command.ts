import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { audited, recordPerFamily } from './audit.js';
import { namedOrAllFamilies } from './choose-families.js';
import { plural, writeJson } from './format.js';
import { checkFamily, type FamilyCheck } from '../owner/check.js';
import { familyBackupDir } from '../owner/backup.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .summary('check families for damage (exit 1 when any has a problem)')
    .description(
      'Check families while the server runs (all of them when none is named): SQLite\'s integrity check, its foreign key check, ' +
        'and the schema version. Exits with 1 when any family has a problem.',
    )
    .argument('[slug...]', 'the families to check')
    .option('--json', 'one JSON document on stdout')
    .action(async (slugs: string[], opts: { json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const chosen = await audited(data, 'check', slugs.join(',') || null, () => namedOrAllFamilies(data, slugs), () => ({}), { onlyFailures: true });
      const checks = chosen.map((slug) => checkFamily(data, slug));
      recordPerFamily(
        data,
        'check',
        checks.map((c) => ({
          command: 'check',
          family: c.slug,
          outcome: c.ok ? 'ok' : 'failed',
          details: c.ok ? { schemaVersion: c.schemaVersion } : { schemaVersion: c.schemaVersion, problems: c.problems },
        })),
      );
      const damaged = checks.filter((c) => !c.ok).length;
      if (damaged > 0) process.exitCode = 1;
      if (opts.json) {
        writeJson({ checked: checks.length, ok: checks.length - damaged, withProblems: damaged, families: checks });
        return;
      }
      if (checks.length === 0) {
        process.stdout.write('There are no families to check.\n');
        return;
      }
      for (const c of checks) {
        if (c.ok) process.stdout.write(`ok       ${c.slug}: schema ${c.schemaVersion}${c.notes.length ? `; ${c.notes.join('; ')}` : ''}\n`);
        else process.stderr.write(`dinkydash: PROBLEM  ${c.slug}: ${c.problems.join('; ')}\n`);
      }
      process.stdout.write(`${plural(checks.length, 'family', 'families')} checked: ${checks.length - damaged} ok, ${damaged} with problems.\n`);
      if (damaged > 0) process.stdout.write(restoreHint(data, checks));
    });
}

function restoreHint(dataDir: string, checks: FamilyCheck[]): string {
  // A read-only family is not damaged: its problem line says how to make it writable.
  const first = checks.find((c) => c.problems.length > (c.readOnly ? 1 : 0));
  if (!first) return '';
  return `To bring back a damaged family from its newest backup:  dinkydash restore ${familyBackupDir(dataDir, first.slug)}/<newest>.db --force\n`;
}
