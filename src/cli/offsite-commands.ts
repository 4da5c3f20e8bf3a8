import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { audited, recordAudit } from './audit.js';
import { backUpFamilies } from './backup-command.js';
import { CliError, EXIT_USAGE, messageFor } from './cli-error.js';
import { formatBytes, plural, writeJson } from './format.js';
import { listFamilySlugs } from '../tenants/family-files.js';
import { DEFAULT_BACKUPS_KEPT, type BackupResult } from '../owner/backup.js';
import { loadOffsiteConfig, offsiteEnvFile, type OffsiteConfig } from '../offsite/config.js';
import { copyOffsite, initOffsite, offsiteStatus, RETENTION, type OffsiteCopyResult, type OffsiteStatusReport } from '../offsite/offsite.js';

export function registerOffsite(program: Command): void {
  const offsite = program
    .command('offsite')
    .description(
      'Off-box copies of DATA/backups/ with restic (encrypted, deduplicated, checked). Configured with restic\'s own variables ' +
        '(RESTIC_REPOSITORY, RESTIC_PASSWORD_FILE, ...), from the environment or from /etc/dinkydash/offsite.env (DINKYDASH_OFFSITE_ENV).',
    );

  offsite
    .command('init')
    .description('Create the restic repository if it does not exist (and the password file, if it does not exist yet).')
    .action(async (_opts: object, command: Command) => {
      const { data } = globalOptions(command);
      const result = await audited(
        data,
        'offsite init',
        null,
        () => initOffsite(data, requireConfig()),
        (r) => ({ repository: r.repository, created: r.created, passwordFileCreated: r.passwordFileCreated }),
      );
      const lines = [result.created ? `Created the restic repository ${result.repository}.` : `The restic repository ${result.repository} is already there, and the password opens it.`];
      if (result.passwordFileCreated) lines.push(`Wrote a new random password to ${result.passwordFile} (readable only by its owner).`);
      const where = result.passwordFile ? `the file ${result.passwordFile} (RESTIC_PASSWORD_FILE)` : 'RESTIC_PASSWORD / RESTIC_PASSWORD_COMMAND';
      lines.push(
        `The repository's password is in ${where}.`,
        'Keep a copy of it somewhere other than this Pi (a password manager, a USB stick in a drawer): every off-box copy is',
        'encrypted with it, so if the SD card dies and the password only lived on it, the copies cannot be read by anyone.',
        'Next: dinkydash offsite run',
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  offsite
    .command('run')
    .description(
      `Back up every family (backup --all), send DATA/backups/ to the repository (restic backup), forget copies beyond ` +
        `${RETENTION.daily} daily, ${RETENTION.weekly} weekly and ${RETENTION.monthly} monthly and prune (skipped on an append-only repository), ` +
        'then check the repository reading 5% of its data. Exit 1 when any step fails.',
    )
    .option('--no-backup', 'send the backups already in DATA/backups/ without taking new ones (the nightly backup service just did)')
    .option('--json', 'one JSON document on stdout')
    .action(async (opts: { backup: boolean; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const config = await audited(data, 'offsite run', null, requireConfig, () => ({}), { onlyFailures: true });
      const backups = opts.backup ? backUpFamilies(data, listFamilySlugs(data), { keep: DEFAULT_BACKUPS_KEPT }) : null;
      const backupFailed = backups?.filter((r) => r.outcome === 'failed').length ?? 0;
      let copied: OffsiteCopyResult | null = null;
      let error: string | null = null;
      try {
        copied = await copyOffsite(data, config);
      } catch (err) {
        error = messageFor(err);
      }
      recordAudit(data, {
        command: 'offsite run',
        family: null,
        outcome: error ? 'failed' : 'ok',
        details: error
          ? { repository: config.shownRepository, error }
          : { repository: config.shownRepository, snapshot: copied!.copy.snapshotId, sizeBytes: copied!.copy.sizeBytes, addedBytes: copied!.copy.addedBytes, forgotten: copied!.forget.removed, pruneSkipped: copied!.forget.skipped !== null, familiesNotBackedUp: backupFailed },
      });
      if (error || backupFailed > 0) process.exitCode = 1;
      if (opts.json) {
        writeJson({
          outcome: error ? 'failed' : 'ok',
          error,
          repository: config.shownRepository,
          backup: backups ? { backedUp: backups.length - backupFailed, failed: backupFailed, backups } : null,
          copy: copied?.copy ?? null,
          forget: copied?.forget ?? null,
          check: copied?.check ?? null,
        });
      } else {
        writeRunReport(config, backups, copied);
      }
      if (error) process.stderr.write(`dinkydash: offsite run FAILED: ${error}\n`);
    });

  offsite
    .command('status')
    .description('Time and size of the newest off-box copy, and how the last run went. Exit 1 when there is none, it is older than 48 hours, or the run after it failed.')
    .option('--json', 'one JSON document on stdout')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const report = await offsiteStatus(data, loadOffsiteConfig());
      if (report.state !== 'ok') process.exitCode = 1;
      if (opts.json) writeJson(report);
      else writeStatusReport(report);
    });
}

function requireConfig(): OffsiteConfig {
  const config = loadOffsiteConfig();
  if (!config) {
    throw new CliError(
      `Off-box copies are not set up: set RESTIC_REPOSITORY and RESTIC_PASSWORD_FILE in the environment or in ${offsiteEnvFile()} ` +
        '(see "Off-box copies" in docs/owners-guide.md).',
      EXIT_USAGE,
    );
  }
  return config;
}

function writeRunReport(config: OffsiteConfig, backups: BackupResult[] | null, copied: OffsiteCopyResult | null): void {
  const out: string[] = [];
  if (backups) {
    const failed = backups.filter((r) => r.outcome === 'failed');
    out.push(`Backed up ${plural(backups.length - failed.length, 'family', 'families')}${failed.length ? `; ${failed.length} FAILED` : ''}.`);
    for (const r of failed) process.stderr.write(`dinkydash: backup of ${r.slug} FAILED: ${r.outcome === 'failed' ? r.error : ''}\n`);
  }
  if (copied) {
    const { copy, forget } = copied;
    const added = copy.addedBytes === null ? '' : `, ${formatBytes(copy.addedBytes)} of it new to the repository`;
    out.push(`Copied the backups to ${config.shownRepository}: snapshot ${copy.snapshotId.slice(0, 8)} at ${copy.time} (${formatBytes(copy.sizeBytes)}${added}).`);
    if (forget.skipped) out.push(forget.skipped);
    else if (forget.removed > 0) out.push(`Forgot ${plural(forget.removed, 'old copy', 'old copies')} and pruned the repository.`);
    else out.push('No copies were old enough to forget.');
    out.push(`Checked the repository, reading ${copied.check.readDataSubset} of its data: no errors.`);
  }
  if (out.length) process.stdout.write(`${out.join('\n')}\n`);
}

function writeStatusReport(r: OffsiteStatusReport): void {
  const out: string[] = [];
  if (r.repository) out.push(`Repository:   ${r.repository}`);
  if (r.newestCopy) {
    const size = r.newestCopy.sizeBytes === null ? '' : `, ${formatBytes(r.newestCopy.sizeBytes)}`;
    const count = r.copies === null ? '' : `; ${plural(r.copies, 'copy', 'copies')} in all`;
    out.push(`Newest copy:  ${r.newestCopy.time} (snapshot ${r.newestCopy.snapshotId.slice(0, 8)}${size})${count}`);
  }
  if (r.lastRun) out.push(`Last run:     ${r.lastRun.startedAt}: ${r.lastRun.outcome === 'ok' ? 'ok' : `FAILED: ${r.lastRun.error}`}`);
  out.push(`${r.state === 'ok' ? 'OK' : r.state.toUpperCase()}: ${r.message}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (r.state !== 'ok') process.stderr.write(`dinkydash: off-box copy ${r.state}: ${r.message}\n`);
}
