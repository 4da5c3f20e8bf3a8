import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { createSession, generateToken } from '../../src/accounts/session.js';
import { dayNumber } from '../../src/calendar/civil-date.js';
import { tenantFiles } from '../helpers/data-dir.js';
import { runCli } from '../helpers/cli.js';
import { auditLines, createTestFamily, familyFile, startTestServer, tempDir } from '../owner/owner-fixtures.js';

describe('dinkydash family delete, trash list/empty and family list, beside a running server', () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = tempDir();
    server = await startTestServer(dataDir);
  });

  it('purges a family and its journal files for good; its address answers 404 at once', async () => {
    const file = await createTestFamily(dataDir, 'gone');
    expect((await fetch(`${server.url}/gone/`)).status).toBe(200);
    fs.writeFileSync(`${file}-journal`, '');
    fs.writeFileSync(`${file}-wal`, 'stale');
    fs.writeFileSync(`${file}-shm`, 'stale');

    const result = await runCli(dataDir, ['family', 'delete', 'gone', '--purge']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('for good');
    for (const suffix of ['', '-journal', '-wal', '-shm']) expect(fs.existsSync(`${file}${suffix}`)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'trash')) ? fs.readdirSync(path.join(dataDir, 'trash')) : []).toEqual([]);
    expect((await fetch(`${server.url}/gone/`)).status).toBe(404);
  });

  it('moves a damaged family to the trash too, lists the trash, and empties it by age', async () => {
    fs.mkdirSync(path.join(dataDir, 'tenants'), { recursive: true });
    fs.writeFileSync(familyFile(dataDir, 'broken'), 'garbage'.repeat(1000));
    const trash = path.join(dataDir, 'trash');
    fs.mkdirSync(trash, { recursive: true });
    fs.copyFileSync(await createTestFamily(tempDir(), 'ancient'), path.join(trash, 'ancient-2020-01-01T00-00-00-000Z.db'));
    fs.writeFileSync(path.join(trash, 'README.txt'), 'not a trash file');

    const deleted = await runCli(dataDir, ['family', 'delete', 'broken']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('dinkydash restore');
    expect(tenantFiles(dataDir)).not.toContain('broken.db');

    const listed = await runCli(dataDir, ['trash', 'list', '--json']);
    expect(listed.code).toBe(0);
    const { trash: items } = JSON.parse(listed.stdout);
    expect(items.map((i: { slug: string }) => i.slug)).toEqual(['broken', 'ancient']);
    expect(items[1]).toMatchObject({ deletedAt: '2020-01-01T00:00:00.000Z', file: path.join(trash, 'ancient-2020-01-01T00-00-00-000Z.db') });
    expect(items[0].sizeBytes).toBe(7000);

    const older = await runCli(dataDir, ['trash', 'empty', '--older-than', '30', '--json']);
    expect(older.code).toBe(0);
    expect(JSON.parse(older.stdout).removed.map((i: { slug: string }) => i.slug)).toEqual(['ancient']);
    expect(fs.readdirSync(trash).sort()).toEqual(['README.txt', path.basename(items[0].file)]);

    const all = await runCli(dataDir, ['trash', 'empty']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Removed 1 deleted family for good (broken); 0 left in the trash.');
    expect(fs.readdirSync(trash)).toEqual(['README.txt']);
    expect(auditLines(dataDir).filter((l) => l.command === 'trash empty').map((l) => l.outcome)).toEqual(['ok', 'ok']);
  });

  it('answers a bad address with exit 2 and deletes nothing', async () => {
    await createTestFamily(dataDir, 'stays');
    const bad = await runCli(dataDir, ['family', 'delete', '../stays']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('lower-case letters');
    expect(tenantFiles(dataDir)).toContain('stays.db');
  });

  it('lists families with members, dashboards and last activity (newest sign-in or chore done)', async () => {
    await createTestFamily(dataDir, 'active');
    const signIn = await server.pool.withFamily('active', async ({ db }) => {
      await db.insertInto('dashboards').values({ name: 'Hallway' }).execute();
      const member = await db.selectFrom('members').select('id').executeTakeFirstOrThrow();
      return createSession(db, generateToken(), member.id, false);
    });
    const done = await server.pool.withFamily('active', async ({ db }) => {
      const dashboard = await db.selectFrom('dashboards').select('id').executeTakeFirstOrThrow();
      const chore = await db
        .insertInto('chores')
        .values({ dashboard_id: dashboard.id, name: 'Dishes', mode: 'daily', anchor_day: dayNumber({ year: 2026, month: 1, day: 1 }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      // A completion recorded after the sign-in: it is the newest activity.
      const at = new Date(Date.parse(signIn.created_at) + 60_000).toISOString();
      await db.insertInto('chore_completions').values({ chore_id: chore.id, day: 0, done_by_name: 'Anna', created_at: at }).execute();
      return at;
    });

    const result = await runCli(dataDir, ['family', 'list', '--json']);
    expect(result.code).toBe(0);
    const families = Object.fromEntries(JSON.parse(result.stdout).families.map((f: { slug: string }) => [f.slug, f]));
    expect(families.active).toMatchObject({ name: 'The active', members: 1, dashboards: 2, lastActivity: done, problem: null });
    expect(families.stays).toMatchObject({ members: 1, dashboards: 1, lastActivity: null });

    const table = await runCli(dataDir, ['family', 'list']);
    expect(table.stdout).toMatch(/^SLUG\s+NAME\s+SCHEMA\s+MEMBERS\s+DASHBOARDS\s+LAST ACTIVITY\s+SIZE\s+MODIFIED/);
    expect(table.stdout).toMatch(/stays\s+The stays\s+\d+\s+1\s+1\s+never/);
  });

  it('writes family create, delete and migrate to the audit log, one line per family', async () => {
    const created = await runCli(dataDir, ['family', 'create', 'audited', '--name', 'The Audited']);
    expect(created.code).toBe(0);
    const migrated = await runCli(dataDir, ['migrate', '--no-backup']);
    expect(migrated.code).toBe(0);
    const lines = auditLines(dataDir).map((l) => [l.command, l.family, l.outcome]);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['family delete', 'gone', 'ok'],
        ['family delete', 'broken', 'ok'],
        ['family delete', '../stays', 'refused'],
        ['family create', 'audited', 'ok'],
        ['migrate', 'active', 'ok'],
        ['migrate', 'audited', 'ok'],
        ['migrate', 'stays', 'ok'],
      ]),
    );
  });
});
