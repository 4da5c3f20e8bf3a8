import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { auditLines, createTestFamily } from '../owner/owner-fixtures.js';
import { requireInstalled } from '../helpers/test-needs.js';

// The off-box round trip, run against a real restic repository (a local
// folder, or SFTP to a real OpenSSH server): families, two nightly runs,
// the SD card dies, and everything comes back from the repository alone.

export const FAMILIES = ['alder', 'birch', 'cedar', 'dogwood', 'elm'];
export const CHANGED = ['birch', 'dogwood'];
/** Photos do not compress and VACUUM INTO copies them as they are: each family's share of the repository is known. */
const PHOTO_BYTES = 256 * 1024;

/** Adds a photo of random bytes to a family's file (as an upload would store it). */
export function addPhoto(dataDir: string, slug: string): void {
  const db = new Database(path.join(dataDir, 'tenants', `${slug}.db`));
  try {
    const webp = crypto.randomBytes(PHOTO_BYTES);
    db.prepare('insert into images (sha256, webp, width, height) values (?, ?, 640, 480)').run(crypto.createHash('sha256').update(webp).digest('hex'), webp);
  } finally {
    db.close();
  }
}

/** Every off-box test starts here: restic must be installed (the message says how). */
export async function createFamilies(dataDir: string): Promise<void> {
  requireInstalled('restic');
  for (const slug of FAMILIES) {
    await createTestFamily(dataDir, slug);
    addPhoto(dataDir, slug);
  }
}

/** A family's export without the moment it was taken. */
export async function exportOf(dataDir: string, slug: string): Promise<unknown> {
  const result = await runCli(dataDir, ['export', slug]);
  expect(result.code, result.stderr).toBe(0);
  const { exportedAt: _exportedAt, ...rest } = JSON.parse(result.stdout) as Record<string, unknown>;
  return rest;
}

export function json(result: CliResult): Record<string, any> {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`not one JSON document (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** Runs restic itself, as the owner would by hand. */
export function restic(env: NodeJS.ProcessEnv, args: string[]): string {
  const result = spawnSync('restic', args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.error) throw new Error(`restic could not run: ${result.error.message}`);
  expect(result.status, `restic ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

export interface RoundTripOptions {
  dataDir: string;
  /** RESTIC_* and anything restic needs (PATH for SFTP); never DINKYDASH_DATA. */
  env: NodeJS.ProcessEnv;
}

/**
 * init, a first run, some families change, a second run (which must add about
 * what changed), the data folder is deleted, `restic restore` + `restore --all`
 * bring it back: `check` passes and every export is what it was.
 */
export async function offsiteRoundTrip({ dataDir, env }: RoundTripOptions): Promise<void> {
  const cli = (args: string[]) => runCli(dataDir, args, { env });
  await createFamilies(dataDir);

  const init = await cli(['offsite', 'init']);
  expect(init.code, init.stderr).toBe(0);
  expect(init.stdout).toContain('Created the restic repository');
  expect(init.stdout).toContain(`password is in the file ${env.RESTIC_PASSWORD_FILE}`);
  expect(init.stdout).toMatch(/Keep a copy of it somewhere other than this Pi/);
  const password = fs.readFileSync(env.RESTIC_PASSWORD_FILE!, 'utf8').trim();
  expect(password.length).toBeGreaterThanOrEqual(40);
  expect(init.stdout + init.stderr).not.toContain(password);
  // A second init finds the repository and changes nothing.
  const again = await cli(['offsite', 'init']);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toContain('is already there, and the password opens it');

  const first = await cli(['offsite', 'run', '--json']);
  expect(first.code, first.stderr).toBe(0);
  const firstReport = json(first);
  expect(firstReport).toMatchObject({ outcome: 'ok', error: null, backup: { backedUp: FAMILIES.length, failed: 0 }, check: { readDataSubset: '5%', ok: true } });
  expect(firstReport.copy.addedBytes).toBeGreaterThan(FAMILIES.length * PHOTO_BYTES);

  for (const slug of CHANGED) addPhoto(dataDir, slug);
  const second = await cli(['offsite', 'run', '--json']);
  expect(second.code, second.stderr).toBe(0);
  const secondReport = json(second);
  expect(secondReport.outcome).toBe('ok');
  // Unchanged families' backups are byte-identical, so only the changed families' files are new to the repository
  // (the unchanged ones would add about as much again).
  const changedBytes = secondReport.backup.backups
    .filter((b: { slug: string }) => CHANGED.includes(b.slug))
    .reduce((n: number, b: { sizeBytes: number }) => n + b.sizeBytes, 0);
  const added: number = secondReport.copy.addedBytes;
  expect(added).toBeGreaterThan(CHANGED.length * 2 * PHOTO_BYTES * 0.9);
  expect(added).toBeLessThan(changedBytes * 1.1 + 64 * 1024);
  // Two runs on one day: the daily retention keeps the newer and prunes the older.
  expect(secondReport.forget).toEqual({ removed: 1, pruned: true, skipped: null });

  const status = await cli(['offsite', 'status', '--json']);
  expect(status.code, status.stderr).toBe(0);
  expect(json(status)).toMatchObject({
    configured: true,
    state: 'ok',
    copies: 1,
    newestCopy: { snapshotId: secondReport.copy.snapshotId, time: secondReport.copy.time, sizeBytes: secondReport.copy.sizeBytes },
    lastRun: { outcome: 'ok', error: null },
  });
  expect(auditLines(dataDir).filter((l) => l.command === 'offsite run').map((l) => l.outcome)).toEqual(['ok', 'ok']);

  const exportsBefore = new Map<string, unknown>();
  for (const slug of FAMILIES) exportsBefore.set(slug, await exportOf(dataDir, slug));

  // The SD card dies: nothing of the data folder is left.
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir);
  restic(env, ['restore', 'latest', '--tag', 'dinkydash', '--target', path.join(dataDir, 'backups')]);
  for (const slug of FAMILIES) expect(fs.readdirSync(path.join(dataDir, 'backups', slug)).length, slug).toBeGreaterThan(0);

  const restored = await cli(['restore', '--all', path.join(dataDir, 'backups'), '--json']);
  expect(restored.code, restored.stderr).toBe(0);
  const restoredReport = json(restored);
  expect(restoredReport).toMatchObject({ restored: FAMILIES.length, failed: 0 });
  expect(restoredReport.families.map((f: { slug: string }) => f.slug)).toEqual(FAMILIES);

  const check = await cli(['check', '--json']);
  expect(check.code, check.stdout + check.stderr).toBe(0);
  expect(json(check)).toMatchObject({ checked: FAMILIES.length, ok: FAMILIES.length });
  for (const slug of FAMILIES) expect(await exportOf(dataDir, slug), slug).toEqual(exportsBefore.get(slug));

  // On the rebuilt data folder (no run recorded yet) status asks the repository alone, size included.
  const rebuilt = await cli(['offsite', 'status', '--json']);
  expect(rebuilt.code, rebuilt.stderr).toBe(0);
  expect(json(rebuilt)).toMatchObject({
    state: 'ok',
    lastRun: null,
    newestCopy: { snapshotId: secondReport.copy.snapshotId, sizeBytes: secondReport.copy.sizeBytes },
  });
}
