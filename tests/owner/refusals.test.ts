import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { restoreFamily } from '../../src/owner/restore.js';
import { OwnerError } from '../../src/owner/errors.js';
import { newMemberProblem } from '../../src/owner/members.js';
import { prepareV1Import } from '../../src/importer/import-v1.js';
import { LATEST_SCHEMA_VERSION } from '../../src/tenants/migrate.js';
import { InvalidSlugError } from '../../src/tenants/errors.js';
import { tenantFiles } from '../helpers/data-dir.js';
import { createFamilyFileAtVersion, markFileNewer } from '../helpers/old-family.js';
import { solid } from '../fixtures/make-images.js';
import { createTestFamily, leftoverTempFiles, tempDir } from './owner-fixtures.js';

// Every refusal is a message a person can act on, and nothing is written.
// (The CLI tests check how these map to exit codes.)

async function refusal(promise: Promise<unknown>): Promise<OwnerError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OwnerError);
  return err as OwnerError;
}

describe('restore refuses', () => {
  it('files that are not SQLite, not a family, or from a newer DinkyDash, changing nothing', async () => {
    const dataDir = tempDir();
    const sources = tempDir('dinkydash-sources-');
    const text = path.join(sources, 'notes.db');
    fs.writeFileSync(text, 'shopping list: milk, eggs, bread\n'.repeat(200));
    const stranger = path.join(sources, 'stranger.db');
    const plain = new Database(stranger);
    plain.exec("create table t (x); insert into t values ('hello')");
    plain.close();
    const newer = await createFamilyFileAtVersion(tempDir(), 'newer', LATEST_SCHEMA_VERSION);
    markFileNewer(newer, LATEST_SCHEMA_VERSION + 1);

    const notSqlite = await refusal(restoreFamily(dataDir, text, { as: 'target', force: false }));
    expect(notSqlite).toMatchObject({ kind: 'refused', message: expect.stringContaining('it is not an SQLite database. Nothing was changed.') });
    expect((await refusal(restoreFamily(dataDir, stranger, { as: 'target', force: false }))).message).toContain('it is not a DinkyDash family');
    expect((await refusal(restoreFamily(dataDir, newer, { as: 'target', force: true }))).message).toContain(
      `saved by a newer DinkyDash (schema ${LATEST_SCHEMA_VERSION + 1}; this one knows ${LATEST_SCHEMA_VERSION})`,
    );
    expect(tenantFiles(dataDir)).toEqual([]);
    expect(leftoverTempFiles(dataDir)).toEqual([]);
  });

  it('addresses it cannot use, as usage mistakes', async () => {
    const dataDir = tempDir();
    const odd = path.join(tempDir('dinkydash-sources-'), 'My Backup.db');
    fs.copyFileSync(await createTestFamily(tempDir(), 'odd'), odd);

    await expect(restoreFamily(dataDir, odd, { as: 'Not A Slug', force: false })).rejects.toBeInstanceOf(InvalidSlugError);
    const unreadable = await refusal(restoreFamily(dataDir, odd, { force: false }));
    expect(unreadable).toMatchObject({ kind: 'usage', message: expect.stringContaining('Give the address with --as SLUG') });
    expect((await refusal(restoreFamily(dataDir, path.dirname(odd), { as: 'odd', force: false }))).kind).toBe('usage');
    expect(tenantFiles(dataDir)).toEqual([]);
  });
});

describe('import-v1 preparation refuses, reading every problem at once', () => {
  const FIXTURE = fs.readFileSync(new URL('../fixtures/v1/config.yaml', import.meta.url), 'utf8');

  async function folder(config: string, photos: string[] = []): Promise<string> {
    const dir = tempDir('dinkydash-v1-');
    fs.writeFileSync(path.join(dir, 'config.yaml'), config);
    for (const name of photos) await solid(40, 40, { r: 10, g: 120, b: 200 }).jpeg().toFile(path.join(dir, name));
    return path.join(dir, 'config.yaml');
  }

  it('malformed YAML, unknown keys and impossible dates, naming the line', async () => {
    const cases: Array<[string, string]> = [
      ['recurring:\n  - title: "👑"\n    choices: [["a.jpg"]\n', 'not valid YAML'],
      [FIXTURE.replace('    repeat: 1\n', '    repeat: 1\n    colour: red\n'), 'unknown key "colour"'],
      [FIXTURE.replace('"03/21"', '"02/30"'), '"02/30" is not a valid date: February only has 29 days'],
    ];
    for (const [config, message] of cases) {
      const prepared = await prepareV1Import({ configFile: await folder(config) });
      expect(prepared.ok).toBe(false);
      if (!prepared.ok) expect(prepared.errors.join('\n')).toContain(message);
    }
    const missingFile = await prepareV1Import({ configFile: '/nonexistent/config.yaml' });
    expect(missingFile).toMatchObject({ ok: false, errors: ['There is no file "/nonexistent/config.yaml".'] });
  });

  it('photos that are missing or that the image pipeline refuses, saying which are fine', async () => {
    const config = await folder(FIXTURE, ['estelle.jpg', 'josephine.jpg']);
    fs.writeFileSync(path.join(path.dirname(config), 'jessica.jpg'), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]));
    const prepared = await prepareV1Import({ configFile: config });
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.errors).toEqual([
      'Image "jessica.jpg": That image is damaged or incomplete.',
      expect.stringMatching(/^Image "caspar\.jpg" was not found in .* \(use --images DIR for another folder, or --skip-missing-images to import without it\)\.$/),
    ]);
    expect(prepared.imageStatus.map((i) => [i.file, i.status])).toEqual([
      ['estelle.jpg', 'ok'],
      ['josephine.jpg', 'ok'],
      ['jessica.jpg', 'refused'],
      ['caspar.jpg', 'missing'],
    ]);
    expect(prepared.found).toEqual({ chores: 4, entries: 8, countdowns: 8, images: 4 });
  });
});

describe('user add refuses', () => {
  it('bad usernames, roles and display names before asking for a password', () => {
    expect(newMemberProblem({ username: 'ben', role: 'member' })).toBeNull();
    expect(newMemberProblem({ username: 'b', role: 'member' })).toContain('USERNAME: A username needs at least 2 characters.');
    expect(newMemberProblem({ username: 'ben', role: 'king' })).toBe('--role: "king" is not a role; use admin, member or viewer.');
    expect(newMemberProblem({ username: 'ben', role: 'viewer', displayName: '  ' })).toBe('--name: Please enter a name.');
  });
});
