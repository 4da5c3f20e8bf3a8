import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../migrations/index.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { createFamilyFileAtVersion, markFileNewer } from '../helpers/old-family.js';
import { runCli } from '../helpers/cli.js';

const version = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true });
  } finally {
    db.close();
  }
};

describe('dinkydash migrate', () => {
  it('migrates 48 of 50 families, reports the corrupt and the too-new one, and exits 1', async () => {
    const dataDir = makeDataDir();
    for (let i = 0; i < 49; i++) await createFamilyFileAtVersion(dataDir, `family-${String(i).padStart(2, '0')}`, 1);
    markFileNewer(path.join(dataDir, 'tenants', 'family-07.db'), LATEST_SCHEMA_VERSION + 1);
    fs.writeFileSync(path.join(dataDir, 'tenants', 'corrupt.db'), 'this is not a database at all, just some text that is long enough'.repeat(20));

    const result = await runCli(dataDir, ['migrate', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ migrated: 48, failed: 2, current: 0 });
    const failures = report.families.filter((f: { outcome: string }) => f.outcome === 'failed');
    expect(failures.map((f: { slug: string }) => f.slug).sort()).toEqual(['corrupt', 'family-07']);
    expect(failures.find((f: { slug: string }) => f.slug === 'corrupt').error).toMatch(/not an SQLite database/);
    expect(failures.find((f: { slug: string }) => f.slug === 'family-07').error).toMatch(/newer DinkyDash/);
    expect(version(path.join(dataDir, 'tenants', 'family-00.db'))).toBe(LATEST_SCHEMA_VERSION);
    expect(version(path.join(dataDir, 'tenants', 'family-07.db'))).toBe(LATEST_SCHEMA_VERSION + 1);
    // A snapshot of every changed file, and none of the untouched ones.
    expect(fs.readdirSync(path.join(dataDir, 'backups')).length).toBe(48);
    expect(fs.readdirSync(path.join(dataDir, 'backups', 'family-00'))[0]).toMatch(/^\d{4}-\d\d-\d\dT.*-before-v\d+\.db$/);

    const again = await runCli(dataDir, ['migrate', '--no-backup']);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('50 families: 0 migrated, 48 already up to date, 2 failed.');
    expect(again.stderr).toContain('corrupt: not an SQLite database');
  });

  it('lets two processes migrate one file at the same moment', async () => {
    const dataDir = makeDataDir();
    const file = await createFamilyFileAtVersion(dataDir, 'shared', 1, 'Shared');
    const [a, b] = await Promise.all([
      runCli(dataDir, ['migrate', '--family', 'shared', '--no-backup', '--json']),
      runCli(dataDir, ['migrate', '--family', 'shared', '--no-backup', '--json']),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outcomes = [JSON.parse(a.stdout).families[0].outcome, JSON.parse(b.stdout).families[0].outcome].sort();
    expect(outcomes).toContain('migrated');
    expect(version(file)).toBe(LATEST_SCHEMA_VERSION);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.prepare('select name from family_settings').get()).toEqual({ name: 'Shared' });
    check.close();
  });

  it('answers a missing family with exit code 2', async () => {
    const dataDir = makeDataDir();
    const result = await runCli(dataDir, ['migrate', '--family', 'nobody']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no family "nobody"');
    expect(fs.existsSync(path.join(dataDir, 'tenants', 'nobody.db'))).toBe(false);
  });
});
