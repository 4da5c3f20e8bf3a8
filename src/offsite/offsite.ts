import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { backupsDir } from '../tenants/paths.js';
import { makeDirectory } from '../tenants/make-directory.js';
import type { OffsiteConfig } from './config.js';
import { jsonLines, restic, resticFailure, runRestic, ResticError } from './restic.js';
import {
  judgeOffsite,
  OFFSITE_MAX_AGE_HOURS,
  offsiteDir,
  readOffsiteStatus,
  writeOffsiteStatus,
  type OffsiteCopy,
  type OffsiteRunRecord,
  type OffsiteState,
} from './status-file.js';

// The three off-box operations on a restic repository. Every snapshot we
// make carries the tag `dinkydash`, and everything we look at or forget is
// limited to that tag, so a repository shared with other backups is safe.

export const OFFSITE_TAG = 'dinkydash';
/** Retention: the newest copy of each of the last 14 days, 8 weeks and 24 months. */
export const RETENTION = { daily: 14, weekly: 8, monthly: 24 } as const;
export const CHECK_READ_DATA_SUBSET = '5%';

const RETENTION_ARGS = ['--tag', OFFSITE_TAG, '--keep-daily', String(RETENTION.daily), '--keep-weekly', String(RETENTION.weekly), '--keep-monthly', String(RETENTION.monthly)];

/**
 * restic's words when the repository will not delete a file: a rest-server
 * started with --append-only answers 403, a storage without delete rights
 * "permission denied". restic would retry each for about a minute; we stop it
 * at the first one.
 */
export const DELETE_REFUSED = /(?:Remove\(<[^>]*>\) returned error|unable to remove|blob not removed)[^\n]*(?:\b403\b|forbidden|permission denied|not permitted|access denied|read-only file system)/i;

// --- init ----------------------------------------------------------------------

export interface OffsiteInitResult {
  repository: string;
  /** False when a repository was already there (and the password opens it). */
  created: boolean;
  passwordFile: string | null;
  passwordFileCreated: boolean;
}

/** Creates the repository (and a password file, when the configured one does not exist yet) unless it is already there. */
export async function initOffsite(dataDir: string, config: OffsiteConfig): Promise<OffsiteInitResult> {
  makeDirectory(offsiteDir(dataDir));
  const passwordFileCreated = config.passwordFile ? createPasswordFile(config.passwordFile) : false;
  const result = { repository: config.shownRepository, passwordFile: config.passwordFile, passwordFileCreated };
  const probe = await runRestic(config, ['cat', 'config']);
  if (probe.code === 0) return { ...result, created: false };
  const failure = resticFailure(config, probe.stderr, 'Opening the repository');
  if (failure.kind !== 'no-repository') throw failure;
  await restic(config, ['init'], 'Creating the repository');
  return { ...result, created: true };
}

/** Writes a new random password to `file` if there is none; true when it did. */
function createPasswordFile(file: string): boolean {
  if (fs.existsSync(file)) return false;
  if (!fs.existsSync(path.dirname(file))) {
    throw new ResticError(`The password file ${file} does not exist, nor does its folder: create the folder, or point RESTIC_PASSWORD_FILE at an existing file.`, 'no-password-file');
  }
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    throw new ResticError(`Cannot create the password file ${file}: ${(err as Error).message}`, 'no-password-file');
  }
  return true;
}

// --- run -------------------------------------------------------------------------

export interface ForgetOutcome {
  /** Copies older than the retention that were removed (0 when none were due or deletion was refused). */
  removed: number;
  /** Whether `restic prune` ran. */
  pruned: boolean;
  /** Why pruning was skipped (an append-only repository), or null. */
  skipped: string | null;
}

export interface OffsiteCopyResult {
  repository: string;
  copy: OffsiteCopy;
  forget: ForgetOutcome;
  check: { readDataSubset: string; ok: true };
}

/**
 * Sends DATA/backups/ to the repository (restic backup, relative to that
 * folder, so `restic restore` gives back its layout), forgets copies beyond
 * the retention and prunes, then checks the repository with a 5% sample of
 * its data. Records the outcome in DATA/offsite/status.json either way.
 */
export async function copyOffsite(dataDir: string, config: OffsiteConfig, now = () => new Date()): Promise<OffsiteCopyResult> {
  const startedAt = now().toISOString();
  const status = readOffsiteStatus(dataDir);
  const record = (outcome: OffsiteRunRecord['outcome'], error: string | null, lastCopy = status.lastCopy) =>
    writeOffsiteStatus(dataDir, { lastRun: { startedAt, finishedAt: now().toISOString(), outcome, error }, lastCopy });
  let copy: OffsiteCopy | null = null;
  try {
    const sent = await sendBackups(dataDir, config);
    const plan = await planForget(config);
    // The new snapshot's time and full id, from the list the plan gives anyway (one restic run fewer).
    const snapshot = plan.snapshots.find((s) => s.id.startsWith(sent.snapshotId));
    if (!snapshot) throw new ResticError(`Copying the backups failed: the new snapshot ${sent.snapshotId} is not in the repository.`, 'failed');
    copy = { time: snapshot.time, snapshotId: snapshot.id, sizeBytes: sent.sizeBytes, fileCount: sent.fileCount, addedBytes: sent.addedBytes };
    const forget = await forgetAndPrune(config, plan.due);
    await restic(config, ['check', `--read-data-subset=${CHECK_READ_DATA_SUBSET}`], 'Checking the repository');
    record('ok', null, copy);
    return { repository: config.shownRepository, copy, forget, check: { readDataSubset: CHECK_READ_DATA_SUBSET, ok: true } };
  } catch (err) {
    try {
      record('failed', err instanceof Error ? err.message : String(err), copy ?? status.lastCopy);
    } catch {
      // The status file is a convenience; the audit log and the exit code still tell.
    }
    throw err;
  }
}

/** The backups' files (not the half-written .partial-* ones): what a copy holds. */
function backupFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => !name.split(path.sep).some((part) => part.startsWith('.partial-')))
    .map((name) => path.join(folder, name))
    .filter((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile());
}

async function sendBackups(dataDir: string, config: OffsiteConfig): Promise<{ snapshotId: string; sizeBytes: number; fileCount: number; addedBytes: number | null }> {
  const folder = backupsDir(dataDir);
  const files = backupFiles(folder);
  if (files.length === 0) throw new ResticError(`There is nothing to copy: ${folder} holds no backups (dinkydash backup --all makes them).`, 'failed');
  // Relative to the folder, so `restic restore --target DIR` gives back DIR/<slug>/<UTC time>.db.
  const out = await restic(config, ['backup', '--json', '--tag', OFFSITE_TAG, '--exclude', '.partial-*', '.'], 'Copying the backups', { cwd: folder });
  const summary = jsonLines(out.stdout).find((line) => line.message_type === 'summary');
  if (!summary || typeof summary.snapshot_id !== 'string') throw new ResticError('Copying the backups failed: restic did not report a snapshot.', 'failed');
  return {
    snapshotId: summary.snapshot_id,
    // What restoring the copy gives back (restic stats' restore size), counted here rather than by one more restic run.
    sizeBytes: files.reduce((n, file) => n + (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0),
    fileCount: Number(summary.total_files_processed ?? files.length),
    addedBytes: typeof summary.data_added === 'number' ? summary.data_added : null,
  };
}

/** Which copies the retention would forget (restic forget --dry-run), and every copy with its time. */
async function planForget(config: OffsiteConfig): Promise<{ due: number; snapshots: SnapshotInfo[] }> {
  const plan = await restic(config, ['forget', '--json', '--dry-run', ...RETENTION_ARGS], 'Planning which old copies to forget');
  type Group = { keep?: Array<{ id: string; time: string }> | null; remove?: Array<{ id: string; time: string }> | null };
  const groups = jsonLines(plan.stdout).flatMap((line) => (Array.isArray(line) ? (line as Group[]) : []));
  const snapshots = groups.flatMap((g) => [...(g.keep ?? []), ...(g.remove ?? [])]).map((s) => ({ id: s.id, time: new Date(s.time).toISOString() }));
  return { due: groups.reduce((n, g) => n + (g.remove?.length ?? 0), 0), snapshots };
}

async function forgetAndPrune(config: OffsiteConfig, due: number): Promise<ForgetOutcome> {
  if (due === 0) return { removed: 0, pruned: false, skipped: null };
  const out = await runRestic(config, ['forget', '--prune', ...RETENTION_ARGS], { stopWhen: DELETE_REFUSED });
  if (out.stopped || (out.code !== 0 && DELETE_REFUSED.test(out.stderr))) {
    return {
      removed: 0,
      pruned: false,
      skipped: `The repository refuses deletions (append-only): ${due} old ${due === 1 ? 'copy was' : 'copies were'} kept and nothing was pruned. Forget and prune from a machine with full access to the repository.`,
    };
  }
  if (out.code !== 0) throw resticFailure(config, out.stderr, 'Forgetting old copies');
  return { removed: due, pruned: true, skipped: null };
}

// --- status ------------------------------------------------------------------------

interface SnapshotInfo {
  id: string;
  time: string;
}

async function listSnapshots(config: OffsiteConfig): Promise<SnapshotInfo[]> {
  const out = await restic(config, ['snapshots', '--json', '--tag', OFFSITE_TAG], 'Listing the copies');
  const list = JSON.parse(out.stdout.trim() || '[]') as Array<{ id: string; time: string }>;
  return list.map((s) => ({ id: s.id, time: new Date(s.time).toISOString() })).sort((a, b) => a.time.localeCompare(b.time));
}

async function snapshotSize(config: OffsiteConfig, id: string): Promise<number> {
  const out = await restic(config, ['stats', '--json', id], 'Measuring the copy');
  const stats = JSON.parse(out.stdout.trim()) as { total_size?: number };
  return stats.total_size ?? 0;
}

export interface OffsiteStatusReport {
  configured: boolean;
  repository: string | null;
  state: OffsiteState;
  message: string;
  maxAgeHours: number;
  newestCopy: { time: string; snapshotId: string; sizeBytes: number | null; ageHours: number } | null;
  /** How many copies the repository holds; null when it could not be read. */
  copies: number | null;
  lastRun: OffsiteRunRecord | null;
  /** Why the repository could not be read just now, or null. */
  repositoryError: string | null;
}

/** The newest copy as the repository tells (the status file's record when it cannot be read), judged against 48 hours and the last run. */
export async function offsiteStatus(dataDir: string, config: OffsiteConfig | null, now = new Date()): Promise<OffsiteStatusReport> {
  const status = readOffsiteStatus(dataDir);
  if (!config) {
    return {
      configured: false,
      repository: null,
      state: 'missing',
      message: 'Off-box copies are not set up: set RESTIC_REPOSITORY and RESTIC_PASSWORD_FILE (on a Pi in /etc/dinkydash/offsite.env), then run: dinkydash offsite init',
      maxAgeHours: OFFSITE_MAX_AGE_HOURS,
      newestCopy: null,
      copies: null,
      lastRun: status.lastRun,
      repositoryError: null,
    };
  }
  let newest: { time: string; snapshotId: string; sizeBytes: number | null } | null = null;
  let copies: number | null = null;
  let repositoryError: string | null = null;
  try {
    const snapshots = await listSnapshots(config);
    copies = snapshots.length;
    const last = snapshots.at(-1);
    if (last) {
      const known = status.lastCopy?.snapshotId === last.id ? status.lastCopy.sizeBytes : null;
      newest = { time: last.time, snapshotId: last.id, sizeBytes: known ?? (await snapshotSize(config, last.id)) };
    }
  } catch (err) {
    if (!(err instanceof ResticError)) throw err;
    repositoryError = err.message;
    if (status.lastCopy) newest = { time: status.lastCopy.time, snapshotId: status.lastCopy.snapshotId, sizeBytes: status.lastCopy.sizeBytes };
  }
  const verdict = judgeOffsite(newest?.time ?? null, status.lastRun, now);
  let { state, message } = verdict;
  if (repositoryError) {
    if (state === 'ok') state = 'stale';
    message = `${message} The repository cannot be read now: ${repositoryError}`;
  }
  return {
    configured: true,
    repository: config.shownRepository,
    state,
    message,
    maxAgeHours: OFFSITE_MAX_AGE_HOURS,
    newestCopy: newest ? { ...newest, ageHours: verdict.ageHours ?? 0 } : null,
    copies,
    lastRun: status.lastRun,
    repositoryError,
  };
}
