import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { LATEST_SCHEMA_VERSION } from '../../src/tenants/migrate.js';
import { FAMILY_APPLICATION_ID } from '../../src/tenants/family-file.js';
import { FamilyNotFoundError } from '../../src/tenants/errors.js';
import { sqliteErrorKind } from '../../src/tenants/sqlite-errors.js';
import { tenantFiles } from '../helpers/data-dir.js';
import { runCli } from '../helpers/cli.js';
import { auditLines, createTestFamily, damagePages, dashboardNames, familyFile, leftoverTempFiles, query, startTestServer, tempDir } from '../owner/owner-fixtures.js';
import { backupFamily } from '../../src/owner/backup.js';
import { createFamilyFileAtVersion } from '../helpers/old-family.js';

const BACKUP_NAME = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.db$/;

describe('dinkydash backup, beside a running server', () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = tempDir();
    server = await startTestServer(dataDir);
    await createTestFamily(dataDir, 'smiths');
  });

  it('copies a family while the server writes to it: the copy has every committed write and passes quick_check', async () => {
    const committed: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const name = `write ${i}`;
        try {
          await server.pool.withFamily('smiths', ({ db }) => db.insertInto('dashboards').values({ name }).execute());
          committed.push(name);
        } catch (err) {
          if (sqliteErrorKind(err) !== 'busy') throw err;
          i--; // the backup held its read lock for a moment: write the same row again
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    while (committed.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    const committedBefore = committed.length;

    const result = await runCli(dataDir, ['backup', 'smiths', '--json']);
    const committedDuring = committed.length;
    writing = false;
    await writer;

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ backedUp: 1, failed: 0 });
    const file: string = report.backups[0].file;
    expect(path.dirname(file)).toBe(path.join(dataDir, 'backups', 'smiths'));
    expect(path.basename(file)).toMatch(BACKUP_NAME);

    // Writes kept going during the backup, and the copy is exactly a prefix of them: nothing torn, nothing skipped.
    expect(committedDuring).toBeGreaterThan(committedBefore);
    const copied = dashboardNames(file);
    expect(copied[0]).toBe('Family Dashboard');
    const writes = copied.slice(1);
    expect(writes.length).toBeGreaterThanOrEqual(committedBefore);
    expect(writes).toEqual(committed.slice(0, writes.length));
    expect(query(file, 'pragma quick_check')).toEqual([{ quick_check: 'ok' }]);
    expect(query(file, 'pragma application_id')).toEqual([{ application_id: FAMILY_APPLICATION_ID }]);
    expect(leftoverTempFiles(dataDir)).toEqual([]);

    const res = await fetch(`${server.url}/smiths/`);
    expect(res.status).toBe(200);
    expect(auditLines(dataDir).at(-1)).toMatchObject({ command: 'backup', family: 'smiths', outcome: 'ok', file });
  });

  it('keeps the newest N backups, counting only <timestamp>.db files and never migrate\'s snapshots', async () => {
    const dir = path.join(dataDir, 'backups', 'smiths');
    fs.mkdirSync(dir, { recursive: true });
    for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name));
    const old = ['2020-01-01T00-00-00-000Z.db', '2020-06-01T00-00-00-000Z.db', '2021-01-01T00-00-00-000Z.db'];
    const untouchable = ['2019-01-01T00-00-00-000Z-before-v3.db', 'notes.txt', 'smiths.db'];
    for (const name of [...old, ...untouchable]) fs.writeFileSync(path.join(dir, name), 'old');

    const result = await runCli(dataDir, ['backup', 'smiths', '--keep', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 older backups removed');

    const left = fs.readdirSync(dir).sort();
    const backups = left.filter((name) => BACKUP_NAME.test(name));
    expect(backups).toHaveLength(2);
    expect(backups[0]).toBe('2021-01-01T00-00-00-000Z.db');
    expect(left).toEqual(expect.arrayContaining(untouchable));
  });

  it('backs up every family with --all into --out, and reports a damaged one with exit 1 while saving the others', async () => {
    await createTestFamily(dataDir, 'jones');
    fs.writeFileSync(path.join(dataDir, 'tenants', 'broken.db'), 'not a database, only text that is long enough to look like a file'.repeat(30));
    const out = path.join(dataDir, 'usb-stick');

    const result = await runCli(dataDir, ['backup', '--all', '--out', out, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ backedUp: 2, failed: 1 });
    const bySlug = Object.fromEntries(report.backups.map((b: { slug: string }) => [b.slug, b]));
    expect(bySlug.broken).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/not an SQLite database/) });
    for (const slug of ['jones', 'smiths']) {
      expect(bySlug[slug].outcome).toBe('ok');
      expect(path.dirname(bySlug[slug].file)).toBe(path.join(out, slug));
      expect(query(bySlug[slug].file, 'pragma quick_check')).toEqual([{ quick_check: 'ok' }]);
    }
    expect(fs.existsSync(path.join(out, 'broken'))).toBe(false);
    expect(leftoverTempFiles(dataDir)).toEqual([]);
    fs.rmSync(path.join(dataDir, 'tenants', 'broken.db'));
  });

  it('answers a missing choice of families and an unknown family with exit 2, backing up nothing', async () => {
    const emptyDir = tempDir();
    const results = await Promise.all([runCli(emptyDir, ['backup']), runCli(emptyDir, ['backup', 'nobody'])]);
    expect(results.map((r) => r.code)).toEqual([2, 2]);
    expect(results[0]!.stderr).toContain('Which families? Name them (dinkydash backup SLUG …) or use --all.');
    expect(results[1]!.stderr).toContain('There is no family "nobody"');
    expect(fs.existsSync(path.join(emptyDir, 'backups'))).toBe(false);
    expect(auditLines(emptyDir).map((l) => [l.command, l.outcome])).toEqual([
      ['backup', 'refused'],
      ['backup', 'refused'],
    ]);
  });
});

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('dinkydash restore, beside a running server', () => {
  let dataDir: string;
  let server: RunningServer;
  const addDashboard = (slug: string, name: string) =>
    server.pool.withFamily(slug, ({ db }) => db.insertInto('dashboards').values({ name }).execute());
  const dashboardsSeenByServer = (slug: string) =>
    server.pool.withFamily(slug, async ({ db }) => (await db.selectFrom('dashboards').select('name').orderBy('id').execute()).map((r) => r.name));

  beforeAll(async () => {
    dataDir = tempDir();
    server = await startTestServer(dataDir);
  });

  it('restores a backup over a live family only with --force: the next request sees the restored data, the old file goes to the trash', async () => {
    await createTestFamily(dataDir, 'smiths');
    await addDashboard('smiths', 'Before the backup');
    const backup = backupFamily(dataDir, 'smiths', { keep: 7 });
    if (backup.outcome !== 'ok') throw new Error(backup.error);
    await addDashboard('smiths', 'After the backup');
    const backupSha = sha(backup.file);

    const refused = await runCli(dataDir, ['restore', backup.file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('A family "smiths" already exists');
    expect(refused.stderr).toContain('--force');
    expect(await dashboardsSeenByServer('smiths')).toContain('After the backup');

    const result = await runCli(dataDir, ['restore', backup.file, '--force', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ slug: 'smiths', slugFrom: 'backup folder', file: familyFile(dataDir, 'smiths') });

    // The server's open handle is on the old file; its next lease opens the restored one.
    expect(await dashboardsSeenByServer('smiths')).toEqual(['Family Dashboard', 'Before the backup']);
    expect((await fetch(`${server.url}/smiths/`)).status).toBe(200);
    expect(path.dirname(report.replaced)).toBe(path.join(dataDir, 'trash'));
    expect(dashboardNames(report.replaced)).toContain('After the backup');
    expect(sha(backup.file)).toBe(backupSha);
    expect(leftoverTempFiles(dataDir)).toEqual([]);
    expect(auditLines(dataDir).slice(-2).map((l) => [l.command, l.family, l.outcome])).toEqual([
      ['restore', 'smiths', 'failed'],
      ['restore', 'smiths', 'ok'],
    ]);
  });

  it('brings a deleted family back from the trash, and its address answers again', async () => {
    await createTestFamily(dataDir, 'jones');
    await addDashboard('jones', 'Kitchen');
    expect((await fetch(`${server.url}/jones/`)).status).toBe(200);

    const deleted = await runCli(dataDir, ['family', 'delete', 'jones', '--json']);
    expect(deleted.code).toBe(0);
    const { trashFile } = JSON.parse(deleted.stdout);
    expect((await fetch(`${server.url}/jones/`)).status).toBe(404);
    await expect(dashboardsSeenByServer('jones')).rejects.toBeInstanceOf(FamilyNotFoundError);
    expect(tenantFiles(dataDir)).not.toContain('jones.db');

    const restored = await runCli(dataDir, ['restore', trashFile]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('Restored the family "jones" (address taken from the trash file name)');
    expect((await fetch(`${server.url}/jones/`)).status).toBe(200);
    expect(await dashboardsSeenByServer('jones')).toEqual(['Family Dashboard', 'Kitchen']);
  });

  it('migrates a copy of an older file, never the file it was given', async () => {
    const elsewhere = tempDir();
    const source = await createFamilyFileAtVersion(elsewhere, 'oldies', 1, 'The Oldies');
    const before = sha(source);

    const result = await runCli(dataDir, ['restore', source, '--as', 'oldies']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('as you asked with --as');
    expect(result.stdout).toContain(`migrated from schema 1 to ${LATEST_SCHEMA_VERSION}`);
    expect(sha(source)).toBe(before);
    expect(query(source, 'pragma user_version')).toEqual([{ user_version: 1 }]);
    expect(query(familyFile(dataDir, 'oldies'), 'pragma user_version')).toEqual([{ user_version: LATEST_SCHEMA_VERSION }]);
    expect(await server.pool.withFamily('oldies', ({ db }) => db.selectFrom('family_settings').select('name').executeTakeFirst())).toEqual({ name: 'The Oldies' });
  });

  it('refuses a damaged file with exit 1 and a missing file with exit 2, leaving nothing behind', async () => {
    const damaged = await createTestFamily(tempDir(), 'damaged');
    damagePages(damaged);
    const [refused, missing] = await Promise.all([
      runCli(dataDir, ['restore', damaged, '--as', 'target']),
      runCli(dataDir, ['restore', path.join(path.dirname(damaged), 'nothing-here.db')]),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^dinkydash: Cannot restore ".*damaged\.db": it is damaged.*Nothing was changed\.\n$/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no file');
    expect(tenantFiles(dataDir)).not.toContain('target.db');
    expect(leftoverTempFiles(dataDir)).toEqual([]);
  });
});
