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

type Rgb = { r: number; g: number; b: number };

/** A folder with a config.yaml (a fixture, or other text) beside the named photos, each one colour, 300×400. */
async function configFolder(config: string, photos: string[], colours: Record<string, Rgb>): Promise<string> {
  const dir = tempDir('dinkydash-import-');
  fs.writeFileSync(path.join(dir, 'config.yaml'), config);
  for (const name of photos) {
    const image = solid(300, 400, colours[name]!);
    await (name.endsWith('.png') ? image.png() : image.jpeg()).toFile(path.join(dir, name));
  }
  return path.join(dir, 'config.yaml');
}

/** A v1 folder: the shared config.yaml (or other text) beside its photos. */
const v1Folder = (config: string = fs.readFileSync(FIXTURE, 'utf8'), photos: string[] = Object.keys(PHOTOS)) => configFolder(config, photos, PHOTOS);

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

// Today's DinkyDash (the 2026 format): tests/fixtures/v2026/config.yaml beside photos made here.
const FIXTURE_2026 = new URL('../fixtures/v2026/config.yaml', import.meta.url);
const PHOTOS_2026 = { 'anna.jpg': { r: 200, g: 60, b: 60 }, 'lily.jpg': { r: 60, g: 160, b: 60 }, 'max.png': { r: 60, g: 60, b: 200 }, 'biscuit.jpg': { r: 180, g: 140, b: 60 } };
const CALENDAR_SECRET = 'private-5c2f9a07d41e8b3a6f0c9d2e7b1a4c58';
const CALENDAR_URL = `https://calendar.google.com/calendar/ical/berger.family.kitchen%40gmail.com/${CALENDAR_SECRET}/basic.ics`;
const AI_KEYS = ['anthropic_api_key_env', 'claude_model', 'max_tokens', 'data_file', 'content_history_file', 'history_days'];

const folder2026 = (config: string = fs.readFileSync(FIXTURE_2026, 'utf8'), photos: string[] = Object.keys(PHOTOS_2026)) => configFolder(config, photos, PHOTOS_2026);

describe("dinkydash import-v1 with today's DinkyDash config.yaml", () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = tempDir();
    server = await startTestServer(dataDir);
  });

  it('imports people and pets as named people with birthdays, chores showing today\'s person, countdowns and the calendar', async () => {
    const config = await folder2026();
    const result = await runCli(dataDir, importArgs(config, 'bergers'), { input: `${PASSWORD}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Imported ${config} (today's DinkyDash format) into the new family "Bergers"`);
    expect(result.stdout).toContain('4 people, 2 pets, 4 chores (12 turns), 4 birthdays, 3 countdowns, 1 calendar, 4 images.');
    expect(result.stdout).toContain('The calendar https://calendar.google.com/calendar/ical/…/basic.ics is added as "Family calendar"; nothing was fetched now: the server fetches it, or run dinkydash calendar refresh bergers');
    expect(result.stdout).toContain(`  - location: not imported: set the weather's place in Settings (it was "Berlin, Germany")`);
    expect(result.stdout).toContain(`  - ${AI_KEYS.join(', ')}: not imported: settings of its AI daily brief`);
    expect(result.stdout).toContain('  - calendar_filter_emails: not imported:');
    expect(result.stdout).toContain('  - people[].sex, people[].email, people[].interests, pets[].type: not imported: DinkyDash does not keep this');
    expect(result.stdout).not.toContain(CALENDAR_SECRET);

    const file = familyFile(dataDir, 'bergers');
    // Only the admin signs in; the family are named people.
    expect(query(file, 'select username, role from members')).toEqual([{ username: 'mum', role: 'admin' }]);
    const people = query<{ name: string; kind: string; birth_date: string | null; image_id: number | null }>(file, 'select name, kind, birth_date, image_id from named_people order by id');
    expect(people.map((p) => [p.name, p.kind, p.birth_date, p.image_id !== null])).toEqual([
      ['Anna', 'person', '1986-06-12', true],
      ['Tom', 'person', '1984-11-02', false],
      ['Lily', 'person', '2017-03-04', true],
      ['Max', 'person', '2020-02-29', true],
      ['Biscuit', 'pet', null, true],
      ['Pebbles', 'pet', null, false],
    ]);
    expect(new Set(people.map((p) => p.image_id).filter((id) => id !== null)).size).toBe(4);

    const today = todayIn(ZONE);
    const chores = query<{ id: number; name: string; icon: string; mode: string; anchor_day: number; turn_offset: number }>(
      file,
      'select id, name, icon, mode, anchor_day, turn_offset from chores order by position',
    );
    expect(chores.map((c) => [c.name, c.icon, c.mode])).toEqual([
      ['Dishwasher', '🍽️', 'daily'],
      ['Feed Biscuit', '🐕', 'daily'],
      ['Bins out', '🗑️', 'daily'],
      ['Pick the film', '🍿', 'daily'],
    ]);
    const choices = [['Lily', 'Max'], ['Lily', 'Max', 'Tom'], ['Anna', 'Tom'], ['Lily', 'Max', 'Anna', 'Tom', 'Everyone']];
    for (const [i, chore] of chores.entries()) {
      const entries = query<{ name: string; member_id: number | null }>(file, 'select name, member_id from chore_entries where chore_id = ? order by position', chore.id);
      expect(entries.map((e) => e.name)).toEqual(choices[i]);
      expect(entries.every((e) => e.member_id === null)).toBe(true);
      // Today's DinkyDash: choices[dayOfYear % len], dayOfYear 1 on 1 January in the family's day.
      const state = { anchorDay: chore.anchor_day, offset: chore.turn_offset };
      expect(entries[turnIndex('daily', state, entries.length, today)]!.name, chore.name).toBe(choices[i]![dayOfYear(today) % entries.length]);
    }

    const countdowns = query<{ name: string; icon: string; kind: string; month: number; day: number; image_id: number | null }>(
      file,
      'select name, icon, kind, month, day, image_id from countdowns order by id',
    );
    expect(countdowns.map((c) => [c.name, c.icon, c.kind, c.month, c.day, c.image_id !== null])).toEqual([
      ['Wedding anniversary', '💍', 'yearly', 8, 15, false],
      ['St Nicholas', '🎅', 'yearly', 12, 6, false],
      ['Christmas Eve', '🎄', 'yearly', 12, 24, false],
    ]);
    expect(query(file, 'select count(*) as n from dashboards')).toEqual([{ n: 1 }]);

    // The address is stored as written; nothing was fetched.
    expect(query(file, 'select name, url, fetched_at, checked_at, error from calendar_feeds')).toEqual([
      { name: 'Family calendar', url: CALENDAR_URL, fetched_at: null, checked_at: null, error: null },
    ]);
    expect(query(file, 'select count(*) as n from calendar_feed_events')).toEqual([{ n: 0 }]);
    // The calendar commands see the feed (masked) and the birthdays, 29 February on the 28th in a common year.
    const [list, agenda] = await Promise.all([
      runCli(dataDir, ['calendar', 'list', 'bergers']),
      runCli(dataDir, ['calendar', 'agenda', 'bergers', '--from', '2027-02-27', '--days', '6']),
    ]);
    expect(list.stdout).toContain('Family calendar');
    expect(list.stdout).not.toContain(CALENDAR_SECRET);
    expect(agenda.stdout).toMatch(/2027-02-28\s+all day\s+Max turns 7/);
    expect(agenda.stdout).toMatch(/2027-03-04\s+all day\s+Lily turns 10/);

    expect((await fetch(`${server.url}/bergers/`)).status).not.toBe(404);
    const audit = auditLines(dataDir).at(-1)!;
    expect(audit).toMatchObject({ command: 'import-v1', family: 'bergers', outcome: 'ok', format: '2026', imported: { people: 4, pets: 2, birthdays: 4, chores: 4, calendars: 1 } });
    expect(JSON.stringify(audit)).not.toContain(CALENDAR_SECRET);
  });

  it('reports in --json what was imported and what was not, importing without a missing photo when asked', async () => {
    const config = await folder2026(undefined, ['anna.jpg', 'max.png', 'biscuit.jpg']);
    const result = await runCli(dataDir, importArgs(config, 'bergers-json', '--json', '--skip-missing-images'), { input: `${PASSWORD}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(CALENDAR_SECRET);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ok: true,
      format: '2026',
      family: 'bergers-json',
      imported: { people: 4, pets: 2, birthdays: 4, chores: 4, entries: 12, countdowns: 3, calendars: 1, images: 3 },
      found: { images: 4 },
      calendar: { name: 'Family calendar', url: 'https://calendar.google.com/calendar/ical/…/basic.ics' },
    });
    expect(report.images).toContainEqual({ file: 'lily.jpg', status: 'missing', message: expect.any(String) });
    expect(report.warnings).toEqual([expect.stringContaining('Image "lily.jpg" was not found')]);
    expect(report.notImported.map((k: { key: string }) => k.key)).toEqual([
      'location',
      'calendar_filter_emails',
      ...AI_KEYS,
      'people[].sex',
      'people[].email',
      'people[].interests',
      'pets[].type',
    ]);
    expect(report.notImported[0]).toEqual({ key: 'location', reason: 'set the weather\'s place in Settings (it was "Berlin, Germany")' });
    const file = familyFile(dataDir, 'bergers-json');
    expect(query(file, "select image_id from named_people where name = 'Lily'")).toEqual([{ image_id: null }]);
  });

  it('refuses a file of neither format, bad dates, missing photos and hostile files: exit 1, every problem listed, no family file', async () => {
    const fixture = fs.readFileSync(FIXTURE_2026, 'utf8');
    const people = Array.from({ length: 10_000 }, (_, i) => `  - name: "Kid ${i} 🧒"`).join('\n');
    const bomb = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'people:', '  - name: Lily', 'recurring:', '  - title: Dishes', '    choices: *c', ''].join('\n');
    const cases: Array<[string, string, string[]]> = [
      ['bad-neither', 'server:\n  port: 8080\n', []],
      ['bad-dates', fixture.replace('"12/06"', '"06/12/2026"').replace('"2017-03-04"', '"2017-02-30"'), Object.keys(PHOTOS_2026)],
      ['bad-photo', fixture, ['anna.jpg', 'max.png', 'biscuit.jpg']],
      ['bad-many', `people:\n${people}\n`, []],
      ['bad-bomb', bomb, []],
      ['bad-mixed', `${fixture}\ncountdowns:\n  - title: "🎄"\n    date: "12/24"\n`, Object.keys(PHOTOS_2026)],
    ];
    const results = await Promise.all(
      cases.map(async ([slug, config, photos]) => runCli(dataDir, importArgs(await folder2026(config, photos), slug, ...(slug === 'bad-dates' ? ['--json'] : [])), { input: `${PASSWORD}\n` })),
    );
    const [neither, dates, photo, many, bombed, mixed] = results;
    expect(results.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(neither!.stderr).toContain('Nothing was imported and no family "bad-neither" was created.');
    expect(neither!.stderr).toContain('This is not a DinkyDash config.yaml: none of its keys ("server") belong to either format');

    const report = JSON.parse(dates!.stdout);
    expect(report).toMatchObject({ ok: false, format: '2026', file: null, imported: { people: 0, chores: 0 }, found: null });
    expect(report.errors).toEqual([
      expect.stringMatching(/^people\[2\]\.date_of_birth \(line \d+\) of "Lily": "2017-02-30" is not a real date of birth\.$/),
      expect.stringMatching(/^special_dates\[1\]\.date \(line \d+\) of "St Nicholas": "06\/12\/2026" is not a date written MM\/DD, like "12\/24"\.$/),
    ]);
    expect(dates!.stderr).toContain('Fix these and run the command again.');

    expect(photo!.stderr).toContain('holds 4 people, 2 pets, 4 chores (12 turns), 4 birthdays, 3 countdowns, 1 calendar, 4 images, but:');
    expect(photo!.stderr).toContain('Image "lily.jpg" was not found');
    expect(photo!.stderr).not.toContain(CALENDAR_SECRET);
    expect(many!.stderr).toContain('people (line 1): 10000 items is too many; the limit is 200.');
    expect(bombed!.stderr).toContain('The file uses YAML anchors and aliases (*a on line 2, and 18 more); write each value out instead.');
    expect(mixed!.stderr).toContain('The file mixes the two DinkyDash config.yaml formats: "countdowns" is DinkyDash v1\'s');
    for (const r of results) expect(r.stdout === '' || r === dates).toBe(true);

    expect(tenantFiles(dataDir).filter((f) => f.startsWith('bad-') || f.startsWith('.'))).toEqual([]);
    expect(leftoverTempFiles(dataDir)).toEqual([]);
    for (const line of auditLines(dataDir)) expect(JSON.stringify(line)).not.toContain(CALENDAR_SECRET);
  });
});
