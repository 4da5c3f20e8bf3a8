import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { LATEST_SCHEMA_VERSION } from '../../src/tenants/migrate.js';
import { createSession, generateToken, hashToken } from '../../src/accounts/session.js';
import { hashPassword } from '../../src/accounts/password.js';
import { insertMember } from '../../src/accounts/member-queries.js';
import { processImage } from '../../src/images/process-image.js';
import { dayNumber } from '../../src/calendar/civil-date.js';
import { markFileNewer } from '../helpers/old-family.js';
import { runCli } from '../helpers/cli.js';
import { solid } from '../fixtures/make-images.js';
import { auditLines, createTestFamily, damagePages, familyFile, leftoverTempFiles, query, startTestServer, tempDir } from '../owner/owner-fixtures.js';
import { english } from '../../src/i18n/i18n.js';

describe('dinkydash check, beside a running server', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir();
    const server = await startTestServer(dataDir);
    for (const slug of ['good', 'pages', 'truncated', 'newer', 'orphans']) await createTestFamily(dataDir, slug);
    // The server has the healthy family open while it is checked.
    expect((await fetch(`${server.url}/good/`)).status).toBe(200);

    damagePages(familyFile(dataDir, 'pages'));
    fs.truncateSync(familyFile(dataDir, 'truncated'), 5 * 4096);
    markFileNewer(familyFile(dataDir, 'newer'), LATEST_SCHEMA_VERSION + 1);
    const orphans = new Database(familyFile(dataDir, 'orphans'));
    orphans.pragma('foreign_keys = off'); // better-sqlite3 turns them on by default
    orphans.exec("insert into chore_entries (chore_id, position, name) values (999, 0, 'nobody''s chore')");
    orphans.close();
    fs.writeFileSync(familyFile(dataDir, 'text'), 'this is not a database at all, just some text that is long enough'.repeat(20));
    const stranger = new Database(familyFile(dataDir, 'stranger'));
    stranger.exec('create table t (x)');
    stranger.close();
  });

  it('reports each damaged family with what is wrong, says ok for the healthy one, and exits 1', async () => {
    const result = await runCli(dataDir, ['check', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ checked: 7, ok: 1, withProblems: 6 });
    const bySlug = Object.fromEntries(report.families.map((f: { slug: string }) => [f.slug, f]));

    expect(bySlug.good).toMatchObject({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION, integrity: [], foreignKeys: [], problems: [] });
    expect(bySlug.pages.ok).toBe(false);
    expect(bySlug.pages.problems.join(' ')).toMatch(/damaged/);
    expect(bySlug.truncated.ok).toBe(false);
    expect(bySlug.truncated.problems.join(' ')).toMatch(/damaged/);
    expect(bySlug.newer).toMatchObject({ ok: false, schemaVersion: LATEST_SCHEMA_VERSION + 1 });
    expect(bySlug.newer.problems.join(' ')).toContain('newer DinkyDash');
    expect(bySlug.orphans.ok).toBe(false);
    expect(bySlug.orphans.foreignKeys).toEqual([{ table: 'chore_entries', rowid: 1, parent: 'chores' }]);
    expect(bySlug.text.problems).toEqual(['not an SQLite database']);
    expect(bySlug.stranger.problems).toEqual(['not a DinkyDash family']);

    const failures = auditLines(dataDir).filter((l) => l.command === 'check' && l.outcome === 'failed');
    expect(failures.map((l) => l.family).sort()).toEqual(['newer', 'orphans', 'pages', 'stranger', 'text', 'truncated']);
  });

  it('checks only the families named: exit 0 when they are fine, 2 for an unknown one', async () => {
    const [fine, unknown, text] = await Promise.all([
      runCli(dataDir, ['check', 'good']),
      runCli(dataDir, ['check', 'good', 'nobody']),
      runCli(dataDir, ['check', 'good', 'truncated']),
    ]);
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain(`ok       good: schema ${LATEST_SCHEMA_VERSION}`);
    expect(fine.stdout).toContain('1 family checked: 1 ok, 0 with problems.');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no family "nobody"');
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('PROBLEM  truncated: damaged');
    expect(text.stdout).toContain(`dinkydash restore ${path.join(dataDir, 'backups', 'truncated')}`);
  });
});

describe('dinkydash export, beside a running server', () => {
  let dataDir: string;
  let server: RunningServer;
  const secrets: string[] = [];
  beforeAll(async () => {
    dataDir = tempDir();
    server = await startTestServer(dataDir);
    await createTestFamily(dataDir, 'smiths');
    const image = await processImage(await solid(64, 48, { r: 200, g: 40, b: 40 }).png().toBuffer(), english.t);
    if (!image.ok) throw new Error(image.message);
    const linkToken = generateToken();
    const inviteToken = generateToken();
    const benHash = await hashPassword('ben password 123');
    await server.pool.withFamily('smiths', async ({ db }) => {
      const anna = await db.selectFrom('members').select('id').executeTakeFirstOrThrow();
      const ben = await insertMember(db, { username: 'Ben', displayName: 'Ben B.', role: 'member', passwordHash: benHash });
      const session = await createSession(db, generateToken(), ben, true);
      secrets.push(session.id);
      const imageRow = await db.insertInto('images').values({ sha256: image.sha256, webp: image.webp, width: image.width, height: image.height }).returning('id').executeTakeFirstOrThrow();
      const dashboard = await db.selectFrom('dashboards').select('id').executeTakeFirstOrThrow();
      const chore = await db
        .insertInto('chores')
        .values({ dashboard_id: dashboard.id, name: 'Dishes', icon: '🍽', mode: 'daily', anchor_day: dayNumber({ year: 2026, month: 3, day: 1 }), turn_offset: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('chore_entries').values([
        { chore_id: chore.id, position: 0, member_id: anna.id, name: null },
        { chore_id: chore.id, position: 1, member_id: null, name: 'Grandma' },
      ]).execute();
      await db.insertInto('chore_completions').values({ chore_id: chore.id, day: dayNumber({ year: 2026, month: 3, day: 2 }), done_by_member_id: ben, done_by_name: 'Ben B.', recorded_by_member_id: anna.id }).execute();
      await db.insertInto('countdowns').values({ dashboard_id: dashboard.id, name: 'Anna\'s birthday', icon: '🎂', image_id: imageRow.id, kind: 'yearly', month: 1, day: 31 }).execute();
      await db.insertInto('display_links').values({ dashboard_id: dashboard.id, token_hash: hashToken(linkToken), label: 'Kitchen Pi' }).execute();
      await db.insertInto('invitations').values({ token_hash: hashToken(inviteToken), role: 'member', expires_at: 4_000_000_000 }).execute();
      secrets.push(hashToken(linkToken), hashToken(inviteToken), linkToken, inviteToken);
    });
    for (const row of query<{ password_hash: string }>(familyFile(dataDir, 'smiths'), 'select password_hash from members')) secrets.push(row.password_hash);
  });

  it('writes the whole family as one JSON document, without any password hash, session or token', async () => {
    const result = await runCli(dataDir, ['export', 'smiths']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);

    expect(doc).toMatchObject({ format: 'dinkydash-family-export', slug: 'smiths', settings: { name: 'The smiths', timeZone: 'Europe/Berlin' } });
    expect(doc.members).toEqual([
      expect.objectContaining({ username: 'anna', role: 'admin' }),
      expect.objectContaining({ username: 'Ben', displayName: 'Ben B.', role: 'member' }),
    ]);
    expect(doc.dashboards).toEqual([expect.objectContaining({ name: 'Family Dashboard', isDefault: true })]);
    expect(doc.chores).toEqual([
      expect.objectContaining({
        name: 'Dishes',
        icon: '🍽',
        mode: 'daily',
        anchorDate: '2026-03-01',
        turnOffset: 1,
        rotation: [
          { position: 0, memberId: doc.members[0].id, name: null },
          { position: 1, memberId: null, name: 'Grandma' },
        ],
        completions: [expect.objectContaining({ date: '2026-03-02', doneByName: 'Ben B.', doneByMemberId: doc.members[1].id })],
      }),
    ]);
    expect(doc.countdowns).toEqual([expect.objectContaining({ name: "Anna's birthday", kind: 'yearly', month: 1, day: 31, imageId: doc.images[0].id })]);
    expect(doc.displayLinks).toEqual([expect.objectContaining({ label: 'Kitchen Pi', revokedAt: null })]);
    const webp = Buffer.from(doc.images[0].base64, 'base64');
    expect(webp.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(doc.images[0]).toMatchObject({ width: 64, height: 48, contentType: 'image/webp' });

    expect(secrets).toHaveLength(7);
    for (const secret of secrets) expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toMatch(/argon2|password|token_?hash|sessions/i);
  });

  it('writes --out atomically, and answers an unknown family with exit 2 and no file', async () => {
    const out = path.join(dataDir, 'exports');
    fs.mkdirSync(out);
    const [ok, unknown] = await Promise.all([
      runCli(dataDir, ['export', 'smiths', '--out', path.join(out, 'smiths.json')]),
      runCli(dataDir, ['export', 'nobody', '--out', path.join(out, 'nobody.json')]),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`Exported the family "smiths" to ${path.join(out, 'smiths.json')}`);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'smiths.json'), 'utf8')).slug).toBe('smiths');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no family "nobody"');
    expect(fs.readdirSync(out)).toEqual(['smiths.json']);
    expect(leftoverTempFiles(dataDir)).toEqual([]);
    expect(auditLines(dataDir).filter((l) => l.command === 'export').map((l) => [l.family, l.outcome]).sort()).toEqual([
      ['nobody', 'refused'],
      ['smiths', 'ok'],
      ['smiths', 'ok'],
    ]);
  });
});
