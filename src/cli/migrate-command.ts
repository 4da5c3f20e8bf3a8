import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { listFamilySlugs } from '../tenants/family-files.js';
import { familyFilePath } from '../tenants/paths.js';
import { migrateFamilyFile, type FileMigration } from '../tenants/migrate-all.js';
import { LATEST_SCHEMA_VERSION } from '../tenants/migrate.js';
import { FamilyNotFoundError } from '../tenants/errors.js';
import { existsSync } from 'node:fs';
import { audited, recordPerFamily } from './audit.js';
import type { AuditEntry } from '../owner/audit-log.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Bring every family file (or one) up to this version\'s schema, snapshotting each file it changes first.')
    .option('--family <slug>', 'only this family')
    .option('--no-backup', 'skip the snapshot under DATA/backups/ before changing a file')
    .option('--json', 'one JSON document on stdout')
    .action(async (opts: { family?: string; backup: boolean; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const slugs = await audited(
        data,
        'migrate',
        opts.family ?? null,
        () => {
          if (!opts.family) return listFamilySlugs(data);
          if (!existsSync(familyFilePath(data, opts.family))) throw new FamilyNotFoundError(opts.family);
          return [opts.family];
        },
        () => ({}),
        { onlyFailures: true },
      );
      const progress = !opts.json && process.stdout.isTTY;
      const results: FileMigration[] = [];
      for (const [i, slug] of slugs.entries()) {
        if (progress) process.stdout.write(`\r\x1b[K[${i + 1}/${slugs.length}] ${slug}`);
        const result = await migrateFamilyFile(data, slug, { backup: opts.backup });
        results.push(result);
        if (!opts.json && (!progress || result.outcome !== 'current')) {
          if (progress) process.stdout.write('\r\x1b[K');
          process.stdout.write(`${describe(result)}\n`);
        }
      }
      if (progress) process.stdout.write('\r\x1b[K');
      recordPerFamily(data, 'migrate', results.map(auditEntryOf));
      const failed = results.filter((r) => r.outcome === 'failed');
      const migrated = results.filter((r) => r.outcome === 'migrated').length;
      const current = results.length - failed.length - migrated;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ schemaVersion: LATEST_SCHEMA_VERSION, migrated, current, failed: failed.length, families: results }, null, 2)}\n`);
      } else {
        process.stdout.write(`${results.length} families: ${migrated} migrated, ${current} already up to date, ${failed.length} failed.\n`);
        for (const f of failed) process.stderr.write(`dinkydash: ${f.slug}: ${f.outcome === 'failed' ? f.error : ''}\n`);
      }
      if (failed.length) process.exitCode = 1;
    });
}

function describe(result: FileMigration): string {
  switch (result.outcome) {
    case 'migrated':
      return `migrated ${result.slug}: schema ${result.from} → ${result.to}${result.backup ? ` (snapshot: ${result.backup})` : ''}`;
    case 'current':
      return `up to date ${result.slug}: schema ${result.version}`;
    case 'failed':
      return `FAILED   ${result.slug}: ${result.error}`;
  }
}

function auditEntryOf(result: FileMigration): AuditEntry {
  switch (result.outcome) {
    case 'migrated':
      return { command: 'migrate', family: result.slug, outcome: 'ok', details: { from: result.from, to: result.to, backup: result.backup } };
    case 'current':
      return { command: 'migrate', family: result.slug, outcome: 'ok', details: { current: result.version } };
    case 'failed':
      return { command: 'migrate', family: result.slug, outcome: 'failed', details: { error: result.error } };
  }
}
