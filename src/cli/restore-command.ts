import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { audited, recordPerFamily } from './audit.js';
import { CliError, EXIT_USAGE, messageFor } from './cli-error.js';
import { plural, writeJson } from './format.js';
import { restoreFamily, type RestoreResult } from '../owner/restore.js';
import { familyBackupFolders } from '../owner/restore-all.js';
import { slugFromFile } from '../owner/slug-from-file.js';

type RestoreAllEntry =
  | ({ outcome: 'ok' } & RestoreResult)
  | { slug: string; outcome: 'failed'; source: string | null; error: string };

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .summary('put a backup or a trash file in place as a family (or, with --all, every family in a backups folder)')
    .description(
      'Put a backup (or a file from the trash) in place as a family while the server runs. The file is checked and never changed; ' +
        'an existing family is only replaced with --force, and then its file goes to DATA/trash/ first. ' +
        'With --all, FILE is a folder laid out like DATA/backups/ (as `restic restore` gives it back): the newest backup of every family in it is restored.',
    )
    .argument('<file>', 'a backup, a trash file, or any family file; with --all, a folder of backups (DIR/<slug>/<UTC time>.db)')
    .option('--as <slug>', 'restore as this family (default: from the file\'s name or backup folder)')
    .option('--all', 'restore the newest backup of every family found in the folder FILE, reporting each')
    .option('--force', 'replace the family if it exists (its current file is moved to the trash first)')
    .option('--json', 'one JSON document on stdout')
    .action(async (file: string, opts: { as?: string; all?: boolean; force?: boolean; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      if (opts.all) {
        await restoreAll(data, file, opts);
        return;
      }
      const result = await audited(
        data,
        'restore',
        opts.as ?? guessedSlug(file),
        () => restoreOne(data, file, opts),
        (r) => ({ source: r.source, slugFrom: r.slugFrom, schemaFrom: r.schemaFrom, schemaTo: r.schemaTo, replaced: r.replaced }),
        { familyOf: (r) => r.slug },
      );
      if (opts.json) writeJson(result);
      else process.stdout.write(describe(result));
    });
}

/** The one way a family is restored, for `restore FILE` and for each family of `restore --all DIR`. */
function restoreOne(data: string, file: string, opts: { as?: string; force?: boolean }): Promise<RestoreResult> {
  return restoreFamily(data, file, { as: opts.as, force: opts.force === true });
}

async function restoreAll(data: string, dir: string, opts: { as?: string; force?: boolean; json?: boolean }): Promise<void> {
  const folders = await audited(
    data,
    'restore',
    null,
    () => {
      if (opts.as !== undefined) throw new CliError('--as names one family; restore --all takes each family\'s address from its folder.', EXIT_USAGE);
      return familyBackupFolders(dir);
    },
    () => ({}),
    { onlyFailures: true },
  );
  const entries: RestoreAllEntry[] = [];
  for (const { folder, newest } of folders) {
    if (!newest) {
      entries.push({ slug: folder, outcome: 'failed', source: null, error: `Found no backup (<UTC time>.db) in the folder "${folder}".` });
      continue;
    }
    try {
      entries.push({ outcome: 'ok', ...(await restoreOne(data, newest, { force: opts.force })) });
    } catch (err) {
      entries.push({ slug: folder, outcome: 'failed', source: newest, error: messageFor(err) });
    }
  }
  recordPerFamily(
    data,
    'restore',
    entries.map((e) => ({
      command: 'restore',
      family: e.slug,
      outcome: e.outcome,
      details:
        e.outcome === 'ok'
          ? { source: e.source, slugFrom: e.slugFrom, schemaFrom: e.schemaFrom, schemaTo: e.schemaTo, replaced: e.replaced, all: true }
          : { source: e.source, error: e.error, all: true },
    })),
  );
  const restored = entries.filter((e) => e.outcome === 'ok').length;
  const failed = entries.length - restored;
  if (failed > 0) process.exitCode = 1;
  if (opts.json) {
    writeJson({ restored, failed, families: entries });
    return;
  }
  for (const e of entries) {
    if (e.outcome === 'ok') process.stdout.write(`restored ${e.slug} from ${e.source}${e.replaced ? ` (its previous file is in the trash: ${e.replaced})` : ''}\n`);
    else process.stderr.write(`dinkydash: restore of ${e.slug} FAILED: ${e.error}\n`);
  }
  process.stdout.write(`${plural(entries.length, 'family', 'families')}: ${restored} restored, ${failed} failed.\n`);
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
