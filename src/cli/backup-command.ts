import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { wholeNumber } from './parse-number.js';
import { CliError, EXIT_USAGE } from './cli-error.js';
import { audited, recordPerFamily } from './audit.js';
import { existingFamilies } from './choose-families.js';
import { formatBytes, plural, writeJson } from './format.js';
import { listFamilySlugs } from '../tenants/family-files.js';
import { backupFamily, DEFAULT_BACKUPS_KEPT, type BackupOptions, type BackupResult } from '../owner/backup.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .summary('back up families (consistent copies, checked, the newest N kept)')
    .description(
      'Back up families while the server runs: SQLite makes a consistent copy, PRAGMA quick_check checks it, ' +
        'and it is kept as DATA/backups/<slug>/<UTC time>.db.',
    )
    .argument('[slug...]', 'the families to back up')
    .option('--all', 'back up every family')
    .option('--out <dir>', 'put the backups in DIR/<slug>/ instead of DATA/backups/<slug>/')
    .option('--keep <n>', 'how many backups of each family to keep (older ones are removed)', wholeNumber(1, 100_000), DEFAULT_BACKUPS_KEPT)
    .option('--json', 'one JSON document on stdout')
    .action(async (slugs: string[], opts: { all?: boolean; out?: string; keep: number; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const chosen = await audited(data, 'backup', slugs.join(',') || null, () => chooseFamilies(data, slugs, opts.all === true), () => ({}), { onlyFailures: true });
      const results = backUpFamilies(data, chosen, { outDir: opts.out, keep: opts.keep });
      const failed = results.filter((r) => r.outcome === 'failed').length;
      if (failed > 0) process.exitCode = 1;
      if (opts.json) {
        writeJson({ backedUp: results.length - failed, failed, keep: opts.keep, backups: results });
        return;
      }
      if (results.length === 0) {
        process.stdout.write('There are no families to back up.\n');
        return;
      }
      for (const r of results) {
        if (r.outcome === 'ok') process.stdout.write(`${describeBackup(r)}\n`);
        else process.stderr.write(`dinkydash: ${describeBackup(r)}\n`);
      }
      process.stdout.write(`${plural(results.length, 'family', 'families')}: ${results.length - failed} backed up, ${failed} failed.\n`);
    });
}

/** Backs up each family (going on past a failed one) and writes one audit line per family. */
export function backUpFamilies(dataDir: string, slugs: string[], options: BackupOptions): BackupResult[] {
  const results = slugs.map((slug) => backupFamily(dataDir, slug, options));
  recordPerFamily(
    dataDir,
    'backup',
    results.map((r) => ({
      command: 'backup',
      family: r.slug,
      outcome: r.outcome === 'ok' ? 'ok' : 'failed',
      details: r.outcome === 'ok' ? { file: r.file, sizeBytes: r.sizeBytes, pruned: r.pruned.length } : { error: r.error },
    })),
  );
  return results;
}

function chooseFamilies(dataDir: string, slugs: string[], all: boolean): string[] {
  if (all && slugs.length > 0) throw new CliError('Name the families to back up, or use --all; not both.', EXIT_USAGE);
  if (all) return listFamilySlugs(dataDir);
  if (slugs.length === 0) throw new CliError('Which families? Name them (dinkydash backup SLUG …) or use --all.', EXIT_USAGE);
  return existingFamilies(dataDir, slugs);
}

export function describeBackup(r: BackupResult): string {
  if (r.outcome === 'failed') return `backup of ${r.slug} FAILED: ${r.error}`;
  const pruned = r.pruned.length ? `; ${plural(r.pruned.length, 'older backup')} removed` : '';
  return `backed up ${r.slug} -> ${r.file} (${formatBytes(r.sizeBytes)}${pruned})`;
}
