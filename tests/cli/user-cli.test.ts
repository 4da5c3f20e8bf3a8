import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { setUpNewFamily } from '../../src/family/new-family.js';
import { createSession, generateToken } from '../../src/accounts/session.js';
import { verifyPassword } from '../../src/accounts/password.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD, auditLines, startTestServer, tempDir } from '../owner/owner-fixtures.js';

const NEW_PASSWORD = 'a brand new password';
const BEN_PASSWORD = 'bens own password';

describe('dinkydash user add / list / reset-password, beside a running server', () => {
  let dataDir: string;
  let server: RunningServer;
  const memberRow = (username: string) =>
    server.pool.withFamily('smiths', ({ db }) => db.selectFrom('members').selectAll().where('username_key', '=', username.toLowerCase()).executeTakeFirstOrThrow());
  const sessionCount = (memberId: number) =>
    server.pool.withFamily('smiths', async ({ db }) => (await db.selectFrom('sessions').select('id').where('member_id', '=', memberId).execute()).length);

  beforeAll(async () => {
    dataDir = tempDir();
    server = await startTestServer(dataDir);
    // As `family create` without --admin leaves it: a family nobody can sign in to.
    await setUpNewFamily(dataDir, { slug: 'smiths', name: 'The Smiths', timeZone: 'Europe/Berlin' });
  });

  it('adds the first admin and a member with passwords from stdin; usernames are unique ignoring case', async () => {
    const admin = await runCli(dataDir, ['user', 'add', 'smiths', 'Anna', '--role', 'admin', '--name', 'Mum'], { input: `${PASSWORD}\n` });
    expect(admin.stderr).toBe('');
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain('Added Anna (admin) to the family "smiths"');
    const ben = await runCli(dataDir, ['user', 'add', 'smiths', 'ben'], { input: `${BEN_PASSWORD}\n` });
    expect(ben.code).toBe(0);

    const anna = await memberRow('anna');
    expect(anna).toMatchObject({ username: 'Anna', display_name: 'Mum', role: 'admin' });
    expect(await verifyPassword(anna.password_hash, PASSWORD)).toBe(true);
    expect(await memberRow('ben')).toMatchObject({ display_name: 'ben', role: 'member' });

    const list = await runCli(dataDir, ['user', 'list', 'smiths', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({
      family: 'smiths',
      members: [
        { username: 'Anna', displayName: 'Mum', role: 'admin' },
        { username: 'ben', displayName: 'ben', role: 'member' },
      ],
    });
  });

  it('refuses a taken username (exit 1), a weak password and an unknown member (exit 2), changing nothing', async () => {
    const results = await Promise.all([
      runCli(dataDir, ['user', 'add', 'smiths', 'ANNA'], { input: `${PASSWORD}\n` }),
      runCli(dataDir, ['user', 'add', 'smiths', 'carl'], { input: 'short\n' }),
      runCli(dataDir, ['user', 'reset-password', 'smiths', 'carl'], { input: `${PASSWORD}\n` }),
    ]);
    expect(results.map((r) => r.code)).toEqual([1, 2, 2]);
    const [taken, weak, unknownMember] = results.map((r) => r.stderr);
    expect(taken).toContain('already has a member "ANNA"');
    expect(weak).toContain('at least 8 characters');
    expect(unknownMember).toContain('has no member "carl"');
    const members = await server.pool.withFamily('smiths', ({ db }) => db.selectFrom('members').select('username').execute());
    expect(members.map((m) => m.username).sort()).toEqual(['Anna', 'ben']);
  });

  it('sets a new password and signs that member out everywhere, leaving the others signed in', async () => {
    const anna = await memberRow('anna');
    const ben = await memberRow('ben');
    await server.pool.withFamily('smiths', async ({ db }) => {
      await createSession(db, generateToken(), anna.id, false);
      await createSession(db, generateToken(), anna.id, true);
      await createSession(db, generateToken(), ben.id, true);
    });

    const result = await runCli(dataDir, ['user', 'reset-password', 'smiths', 'ANNA'], { input: `${NEW_PASSWORD}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('New password set for Anna in the family "smiths"; 2 sessions ended');

    expect(await sessionCount(anna.id)).toBe(0);
    expect(await sessionCount(ben.id)).toBe(1);
    const after = await memberRow('anna');
    expect(await verifyPassword(after.password_hash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.password_hash, PASSWORD)).toBe(false);
  });

  it('writes every add and reset to the audit log, and never a password', async () => {
    const lines = auditLines(dataDir).filter((l) => String(l.command).startsWith('user '));
    expect(lines.filter((l) => l.outcome === 'ok').map((l) => [l.command, l.username])).toEqual([
      ['user add', 'Anna'],
      ['user add', 'ben'],
      ['user reset-password', 'Anna'],
    ]);
    expect(lines.filter((l) => l.outcome !== 'ok')).toHaveLength(3);
    const log = fs.readFileSync(path.join(dataDir, 'audit.log'), 'utf8');
    for (const secret of [PASSWORD, NEW_PASSWORD, BEN_PASSWORD, 'short', '$argon2']) expect(log).not.toContain(secret);
  });
});
