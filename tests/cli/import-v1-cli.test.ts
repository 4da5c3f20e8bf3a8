import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { todayIn } from '../../src/calendar/family-time.js';
import { addDays, dayOfYear } from '../../src/calendar/civil-date.js';
import { turnIndex } from '../../src/kinds/chores/rotation.js';
import { verifyPassword } from '../../src/accounts/password.js';
import { tenantFiles } from '../helpers/data-dir.js';
import { runCli } from '../helpers/cli.js';
import { solid } from '../fixtures/make-images.js';
import { PASSWORD, auditLines, familyFile, leftoverTempFiles, query, startTestServer, tempDir } from '../owner/owner-fixtures.js';

const FIXTURE = new URL('../fixtures/v1/config.yaml', import.meta.url);
const ZONE = 'Pacific/Auckland';
const PHOTOS = { 'estelle.jpg': { r: 220, g: 30, b: 30 }, 'josephine.jpg': { r: 30, g: 160, b: 30 }, 'jessica.jpg': { r: 30, g: 30, b: 220 }, 'caspar.jpg': { r: 200, g: 200, b: 0 } };

/** A v1 folder: the shared config.yaml (or other text) beside its photos. */
async function v1Folder(config: string = fs.readFileSync(FIXTURE, 'utf8'), photos: string[] = Object.keys(PHOTOS)): Promise<string> {
  const dir = tempDir('dinkydash-v1-');
  fs.writeFileSync(path.join(dir, 'config.yaml'), config);
  for (const name of photos) await solid(300, 400, PHOTOS[name as keyof typeof PHOTOS]).jpeg().toFile(path.join(dir, name));
  return path.join(dir, 'config.yaml');
}

const importArgs = (config: string, slug: string, ...more: string[]) => ['import-v1', config, '--family', slug, '--admin', 'mum', '--time-zone', ZONE, ...more];

describe('dinkydash import-v1, beside a running server', () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = tempDir();
    server = await startTestServer(dataDir);
  });

  it('imports the shared v1 config: chores show today the entry v1 shows today, countdowns and photos come along', async () => {
    const config = await v1Folder();
    const result = await runCli(dataDir, importArgs(config, 'estelles'), { input: `${PASSWORD}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('into the new family "Estelles"');
    expect(result.stdout).toContain('4 chores (8 turns), 8 countdowns, 4 images.');

    const file = familyFile(dataDir, 'estelles');
    expect(query(file, 'select name, time_zone from family_settings')).toEqual([{ name: 'Estelles', time_zone: ZONE }]);
    expect(query(file, 'select name, is_default from dashboards')).toEqual([{ name: 'Family Dashboard', is_default: 1 }]);
    const [mum] = query<{ username: string; role: string; password_hash: string }>(file, 'select username, role, password_hash from members');
    expect(mum).toMatchObject({ username: 'mum', role: 'admin' });
    expect(await verifyPassword(mum!.password_hash, PASSWORD)).toBe(true);

    const chores = query<{ id: number; name: string; icon: string; image_id: number | null; mode: string; anchor_day: number; turn_offset: number }>(
      file,
      'select id, name, icon, image_id, mode, anchor_day, turn_offset from chores order by position',
    );
    expect(chores.map((c) => [c.name, c.icon, c.image_id, c.mode])).toEqual([
      ['👑', '👑', null, 'daily'],
      ['🍽', '🍽', null, 'daily'],
      ['🛀', '🛀', null, 'daily'],
      ['🐕', '🐕', null, 'daily'],
    ]);
    const v1Choices = [['Estelle', 'Josephine'], ['Josephine', 'Estelle'], ['Estelle', 'Josephine'], ['Estelle', 'Josephine']];
    const today = todayIn(ZONE);
    for (const [i, chore] of chores.entries()) {
      const entries = query<{ name: string }>(file, 'select name from chore_entries where chore_id = ? order by position', chore.id).map((e) => e.name);
      expect(entries).toEqual(v1Choices[i]);
      const state = { anchorDay: chore.anchor_day, offset: chore.turn_offset };
      // v1: choices[dayOfYear % len]; the imported chore shows the same person today, then the next one tomorrow.
      expect(entries[turnIndex('daily', state, entries.length, today)]).toBe(v1Choices[i]![dayOfYear(today) % entries.length]);
      const tomorrow = addDays(today, 1);
      expect(turnIndex('daily', state, entries.length, tomorrow)).toBe((turnIndex('daily', state, entries.length, today) + 1) % entries.length);
    }

    const countdowns = query<{ name: string; icon: string; kind: string; month: number; day: number; image_id: number | null }>(
      file,
      'select name, icon, kind, month, day, image_id from countdowns order by id',
    );
    expect(countdowns.map((c) => [c.name, c.icon, c.kind, c.month, c.day, c.image_id !== null])).toEqual([
      ['🎂', '🎂', 'yearly', 1, 31, true],
      ['🎂', '🎂', 'yearly', 3, 4, true],
      ['🎂', '🎂', 'yearly', 3, 9, true],
      ['🎂', '🎂', 'yearly', 3, 21, true],
      ['🎄', '🎄', 'yearly', 12, 24, false],
      ['🎅', '🎅', 'yearly', 12, 6, false],
      ['🇺🇸', '🇺🇸', 'yearly', 7, 24, false],
      ['🍾🎩', '🍾🎩', 'yearly', 7, 12, false],
    ]);
    expect(new Set(countdowns.slice(0, 4).map((c) => c.image_id)).size).toBe(4);
    const images = query<{ webp: Buffer; width: number; height: number }>(file, 'select webp, width, height from images');
    expect(images).toHaveLength(4);
    for (const image of images) {
      expect(image.webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
      expect([image.width, image.height]).toEqual([300, 400]);
    }

    expect((await fetch(`${server.url}/estelles/`)).status).not.toBe(404);
    expect(auditLines(dataDir).at(-1)).toMatchObject({ command: 'import-v1', family: 'estelles', outcome: 'ok', imported: { chores: 4, entries: 8, countdowns: 8, images: 4 } });
  });

  it('refuses broken configs and missing photos with a report of what was and was not imported, exit 1, and no family file', async () => {
    const fixture = fs.readFileSync(FIXTURE, 'utf8');
    const [photos, config, yaml] = await Promise.all([
      v1Folder(undefined, ['estelle.jpg', 'josephine.jpg', 'jessica.jpg']),
      v1Folder(fixture.replace('    repeat: 1\n', '    repeat: 1\n    colour: red\n').replace('"03/21"', '"02/30"')),
      v1Folder('recurring:\n  - title: "👑"\n    choices: [["a.jpg"]\n'),
    ]);
    const [missing, invalid, malformed] = await Promise.all(
      [
        [photos, 'bad-photos'],
        [config, 'bad-config'],
        [yaml, 'bad-yaml'],
      ].map(([file, slug]) => runCli(dataDir, importArgs(file!, slug!), { input: `${PASSWORD}\n` })),
    );
    expect([missing!.code, invalid!.code, malformed!.code]).toEqual([1, 1, 1]);
    expect(missing!.stdout).toBe('');
    expect(missing!.stderr).toContain('Nothing was imported and no family "bad-photos" was created.');
    expect(missing!.stderr).toContain('holds 4 chores (8 turns), 8 countdowns and 4 images, but:');
    expect(missing!.stderr).toContain('Image "caspar.jpg" was not found');
    expect(missing!.stderr).toContain('Images that are fine: estelle.jpg, josephine.jpg, jessica.jpg.');
    expect(missing!.stderr).toContain('Fix these and run the command again.');
    expect(invalid!.stderr).toMatch(/recurring\[0\] \(line \d+\): unknown key "colour"/);
    expect(invalid!.stderr).toMatch(/countdowns\[3\]\.date \(line \d+\): "02\/30" is not a valid date: February only has 29 days/);
    expect(malformed!.stderr).toContain('Nothing was imported and no family "bad-yaml" was created.');
    expect(malformed!.stderr).toContain('this is not valid YAML');
    expect(tenantFiles(dataDir).filter((f) => f.startsWith('bad-') || f.startsWith('.'))).toEqual([]);
    expect(leftoverTempFiles(dataDir)).toEqual([]);
    expect(auditLines(dataDir).filter((l) => l.command === 'import-v1' && l.outcome === 'failed')).toHaveLength(3);
  });

  it('imports without missing photos when asked, reporting them, with a --json report', async () => {
    const config = await v1Folder(undefined, ['estelle.jpg', 'josephine.jpg', 'jessica.jpg']);
    const result = await runCli(dataDir, importArgs(config, 'skipping', '--skip-missing-images', '--json', '--name', 'The Skippers'), { input: `${PASSWORD}\n` });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, family: 'skipping', imported: { chores: 4, entries: 8, countdowns: 8, images: 3 } });
    expect(report.warnings).toEqual([expect.stringContaining('Image "caspar.jpg" was not found')]);
    expect(report.images).toContainEqual({ file: 'caspar.jpg', status: 'missing', message: expect.any(String) });
    const file = familyFile(dataDir, 'skipping');
    expect(query(file, 'select name from family_settings')).toEqual([{ name: 'The Skippers' }]);
    expect(query(file, 'select image_id from countdowns where month = 3 and day = 9')).toEqual([{ image_id: null }]);
  });

  it('answers a bad address with exit 2 and an existing family with exit 1, before asking for a password', async () => {
    const config = await v1Folder('countdowns:\n  - title: "🎄"\n    date: "12/24"\n', []);
    const [bad, exists] = await Promise.all([runCli(dataDir, importArgs(config, 'Bad Slug')), runCli(dataDir, importArgs(config, 'estelles'))]);
    expect([bad.code, exists.code]).toEqual([2, 1]);
    expect(bad.stderr).toContain('--family: A family address may use only');
    expect(exists.stderr).toContain('A family "estelles" already exists.');
    for (const r of [bad, exists]) expect(r.stderr).not.toContain('password');
    expect(tenantFiles(dataDir).filter((f) => f.startsWith('bad'))).toEqual([]);
  });
});
