import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../owner/write-atomically.js';
import { makeDirectory } from '../tenants/make-directory.js';

// DATA/offsite/status.json: what the last `offsite run` did and the newest
// copy it made. `offsite run` writes it; the server (/healthz), `family list`
// and `offsite status` read it, so they know about off-box copies without
// running restic or holding its password. Its own folder, so the systemd unit
// can leave the rest of the data folder read-only to the off-box job.

export interface OffsiteCopy {
  /** When the copy was taken (restic's snapshot time). */
  time: string;
  snapshotId: string;
  /** What restoring it gives back (restic stats: restore size). */
  sizeBytes: number;
  fileCount: number;
  /** What this run added to the repository, after deduplication and compression; null when not known. */
  addedBytes: number | null;
}

export interface OffsiteRunRecord {
  startedAt: string;
  finishedAt: string;
  outcome: 'ok' | 'failed';
  error: string | null;
}

export interface OffsiteStatusFile {
  lastRun: OffsiteRunRecord | null;
  lastCopy: OffsiteCopy | null;
}

export function offsiteDir(dataDir: string): string {
  return path.resolve(dataDir, 'offsite');
}

export function offsiteStatusPath(dataDir: string): string {
  return path.join(offsiteDir(dataDir), 'status.json');
}

/** The status file's contents; empty when there is none or it is not ours. */
export function readOffsiteStatus(dataDir: string): OffsiteStatusFile {
  try {
    const parsed = JSON.parse(fs.readFileSync(offsiteStatusPath(dataDir), 'utf8')) as Partial<OffsiteStatusFile>;
    return { lastRun: parsed.lastRun ?? null, lastCopy: parsed.lastCopy ?? null };
  } catch {
    return { lastRun: null, lastCopy: null };
  }
}

export function writeOffsiteStatus(dataDir: string, status: OffsiteStatusFile): void {
  makeDirectory(offsiteDir(dataDir));
  writeFileAtomically(offsiteStatusPath(dataDir), `${JSON.stringify(status, null, 2)}\n`);
}

/** The newest off-box copy may be at most this old. */
export const OFFSITE_MAX_AGE_HOURS = 48;

export type OffsiteState = 'ok' | 'missing' | 'stale';

export interface OffsiteHealth {
  state: OffsiteState;
  newestCopyAt: string | null;
  ageHours: number | null;
  /** The last run failed after the newest copy was made. */
  lastRunFailed: boolean;
  message: string;
}

/**
 * The verdict on the off-box copies: missing (none), stale (older than 48
 * hours, or the last run after it failed), or ok.
 */
export function judgeOffsite(newestCopyAt: string | null, lastRun: OffsiteRunRecord | null, now = new Date()): OffsiteHealth {
  const newest = newestCopyAt ? new Date(newestCopyAt) : null;
  const lastRunFailed = lastRun?.outcome === 'failed' && (!newest || new Date(lastRun.startedAt) >= newest);
  const failure = lastRunFailed ? ` The last run (${lastRun!.startedAt}) failed: ${lastRun!.error}` : '';
  if (!newest || Number.isNaN(newest.getTime())) {
    return { state: 'missing', newestCopyAt: null, ageHours: null, lastRunFailed, message: `There is no off-box copy yet.${failure}` };
  }
  const ageHours = Math.round(((now.getTime() - newest.getTime()) / 3_600_000) * 10) / 10;
  const base = { newestCopyAt: newest.toISOString(), ageHours, lastRunFailed };
  if (ageHours > OFFSITE_MAX_AGE_HOURS) {
    return { ...base, state: 'stale', message: `The newest off-box copy is ${describeAge(ageHours)} old (more than ${OFFSITE_MAX_AGE_HOURS} hours).${failure}` };
  }
  if (lastRunFailed) return { ...base, state: 'stale', message: `The newest off-box copy is ${describeAge(ageHours)} old, and the run after it failed.${failure}` };
  return { ...base, state: 'ok', message: `The newest off-box copy is ${describeAge(ageHours)} old.` };
}

function describeAge(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} minutes`;
  if (hours < 72) return `${Math.round(hours)} hours`;
  return `${Math.round(hours / 24)} days`;
}
