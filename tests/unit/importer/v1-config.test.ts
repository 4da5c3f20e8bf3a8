import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_V1_CHOICES, parseV1Config, type V1ImportPlan } from '../../../src/importer/v1-config.js';
import { resolveV1Images } from '../../../src/importer/v1-images.js';

// A copy of shared/fixtures/v1/config.yaml, a real family's v1 config, kept in
// the repo so the tests do not depend on where shared/ is checked out.
const SHARED_FIXTURE = new URL('../../fixtures/v1/config.yaml', import.meta.url);

function planOf(text: string): { plan: V1ImportPlan; warnings: string[] } {
  const result = parseV1Config(text);
  if (!result.ok) throw new Error(`expected the config to parse, got:\n${result.errors.join('\n')}`);
  return result;
}

function errorsOf(text: string): string[] {
  const result = parseV1Config(text);
  if (result.ok) throw new Error('expected the config to be refused');
  return result.errors;
}

function countdownWithDate(date: string): string {
  return ['countdowns:', '  - title: "🎄"', '    date: "12/24"', '  - title: "🎂"', `    date: "${date}"`, ''].join('\n');
}

describe('parseV1Config on a real DinkyDash v1 config', () => {
  const text = fs.readFileSync(SHARED_FIXTURE, 'utf8');

  it('reads the four chores, each alternating between two photos, and skips the commented-out one', () => {
    const { plan, warnings } = planOf(text);

    expect(warnings).toEqual([]);
    expect(plan.chores.map((chore) => chore.title)).toEqual(['👑', '🍽', '🛀', '🐕']);
    for (const chore of plan.chores) expect(chore.entries).toHaveLength(2);
    expect(plan.chores[0]!.entries).toEqual([
      { kind: 'image', file: 'estelle.jpg', label: 'Estelle' },
      { kind: 'image', file: 'josephine.jpg', label: 'Josephine' },
    ]);
    expect(plan.chores[1]!.entries.map((entry) => entry.kind === 'image' && entry.label)).toEqual(['Josephine', 'Estelle']);
  });

  it('reads the eight countdowns with month, day and picture', () => {
    const { plan } = planOf(text);

    expect(plan.countdowns.map(({ title, month, day, image }) => [title, month, day, image])).toEqual([
      ['🎂', 1, 31, 'jessica.jpg'],
      ['🎂', 3, 4, 'estelle.jpg'],
      ['🎂', 3, 9, 'caspar.jpg'],
      ['🎂', 3, 21, 'josephine.jpg'],
      ['🎄', 12, 24, null],
      ['🎅', 12, 6, null],
      ['🇺🇸', 7, 24, null],
      ['🍾🎩', 7, 12, null],
    ]);
  });

  it('lists every distinct image file once', () => {
    const { plan } = planOf(text);
    expect(plan.imageFiles).toEqual(['estelle.jpg', 'josephine.jpg', 'jessica.jpg', 'caspar.jpg']);
  });
});

describe('parseV1Config choices', () => {
  it('treats names as names, image extensions in any case as photos, and joins shared turns with " & "', () => {
    const { plan, warnings } = planOf(
      [
        'recurring:',
        '  - title: "🗑"',
        '    choices:',
        '      - ["Anna"]',
        '      - ["MAX.JPEG"]',
        '      - ["Anna", "Ben"]',
        '      - ["🇩🇪"]',
        '',
      ].join('\n'),
    );

    expect(plan.chores[0]!.entries).toEqual([
      { kind: 'name', name: 'Anna' },
      { kind: 'image', file: 'MAX.JPEG', label: 'MAX' },
      { kind: 'name', name: 'Anna & Ben' },
      { kind: 'name', name: '🇩🇪' },
    ]);
    expect(plan.imageFiles).toEqual(['MAX.JPEG']);
    expect(warnings).toEqual([]);
  });

  it('warns that a turn shared between photos shows names instead, and still lists the photos', () => {
    const { plan, warnings } = planOf(
      ['recurring:', '  - title: "🧹"', '    choices:', '      - ["estelle.jpg", "josephine.png"]', ''].join('\n'),
    );

    expect(plan.chores[0]!.entries).toEqual([{ kind: 'name', name: 'Estelle & Josephine' }]);
    expect(plan.imageFiles).toEqual(['estelle.jpg', 'josephine.png']);
    expect(warnings).toEqual([
      'recurring[0].choices[0] (line 4): several people share this turn, so it will show the names "Estelle & Josephine" without photos.',
    ]);
  });

  it('refuses empty choices, an empty choice and a choice that is not a list', () => {
    const errors = errorsOf(
      [
        'recurring:',
        '  - title: "🍽"',
        '    choices: []',
        '  - title: "🛀"',
        '    choices:',
        '      - []',
        '      - estelle.jpg',
        '  - title: "🐕"',
        '    choices: "estelle.jpg"',
        '  - title: "🐈"',
        '',
      ].join('\n'),
    );

    expect(errors).toEqual([
      'recurring[0].choices (line 3): choices is empty; add at least one, like - ["estelle.jpg"].',
      'recurring[1].choices[0] (line 6): this choice is empty; put a name or an image file in it, like ["estelle.jpg"].',
      'recurring[1].choices[1] (line 7): each choice must be a list, like ["estelle.jpg"], found "estelle.jpg".',
      'recurring[2].choices (line 9): choices must be a list, like - ["estelle.jpg"], found "estelle.jpg".',
      'recurring[3] (line 10): missing "choices" (the list of whose turn it is, day by day).',
    ]);
  });

  it(`accepts ${MAX_V1_CHOICES} choices but refuses one more`, () => {
    const config = (count: number) =>
      ['recurring:', '  - title: "👑"', '    choices:', ...Array.from({ length: count }, (_, i) => `      - ["P${i}"]`), ''].join('\n');

    expect(planOf(config(MAX_V1_CHOICES)).plan.chores[0]!.entries).toHaveLength(365);
    expect(errorsOf(config(366))).toEqual(['recurring[0].choices (line 3): 366 choices is too many; the limit is 365.']);
  });

  it('refuses a missing or empty title', () => {
    const errors = errorsOf(
      ['recurring:', '  - choices: [["Anna"]]', 'countdowns:', '  - title: ""', '    date: "12/24"', ''].join('\n'),
    );
    expect(errors).toEqual(['recurring[0] (line 2): missing "title".', 'countdowns[0].title (line 4): the title is empty.']);
  });
});

describe('parseV1Config image file names', () => {
  it('refuses folders and ".." in image names, wherever they appear', () => {
    const errors = errorsOf(
      [
        'recurring:',
        '  - title: "👑"',
        '    choices:',
        '      - ["../../etc/passwd.jpg"]',
        '      - ["photos/estelle.jpg"]',
        '      - ["C:\\\\Users\\\\me\\\\anna.png"]',
        'countdowns:',
        '  - title: "🎂"',
        '    image: "../secret.webp"',
        '    date: "01/31"',
        '',
      ].join('\n'),
    );

    expect(errors).toEqual([
      'recurring[0].choices[0][0] (line 4): "../../etc/passwd.jpg" must be a plain file name, without folders or "..".',
      'recurring[0].choices[1][0] (line 5): "photos/estelle.jpg" must be a plain file name, without folders or "..".',
      'recurring[0].choices[2][0] (line 6): "C:\\Users\\me\\anna.png" must be a plain file name, without folders or "..".',
      'countdowns[0].image (line 9): "../secret.webp" must be a plain file name, without folders or "..".',
    ]);
  });

  it('refuses a countdown picture that is not an image file', () => {
    const errors = errorsOf(['countdowns:', '  - title: "🎂"', '    image: "party.pdf"', '    date: "01/31"', ''].join('\n'));
    expect(errors).toEqual([
      'countdowns[0].image (line 3): "party.pdf" is not an image file name; it must end in .jpg, .jpeg, .png, .gif or .webp.',
    ]);
  });
});

describe('parseV1Config dates', () => {
  it('accepts 29 February, since countdowns come back every year', () => {
    expect(planOf(countdownWithDate('02/29')).plan.countdowns[1]).toMatchObject({ month: 2, day: 29 });
  });

  it('explains impossible dates, with path and line', () => {
    expect(errorsOf(countdownWithDate('02/30'))).toEqual([
      'countdowns[1].date (line 5): "02/30" is not a valid date: February only has 29 days.',
    ]);
    expect(errorsOf(countdownWithDate('04/31'))).toEqual([
      'countdowns[1].date (line 5): "04/31" is not a valid date: April only has 30 days.',
    ]);
    expect(errorsOf(countdownWithDate('01/00'))).toEqual([
      'countdowns[1].date (line 5): "01/00" is not a valid date: there is no day 0.',
    ]);
  });

  it('says dates are month first when given day first', () => {
    expect(errorsOf(countdownWithDate('30/02'))).toEqual([
      'countdowns[1].date (line 5): "30/02" is not a valid date: there is no month 30 (dates are written MM/DD, month first).',
    ]);
    expect(errorsOf(countdownWithDate('13/01'))).toEqual([
      'countdowns[1].date (line 5): "13/01" is not a valid date: there is no month 13 (dates are written MM/DD, month first).',
    ]);
  });

  it('refuses dates in other forms and a missing date', () => {
    expect(errorsOf(countdownWithDate('2024-12-24'))).toEqual([
      'countdowns[1].date (line 5): "2024-12-24" is not a date written MM/DD, like "12/24".',
    ]);
    expect(errorsOf(['countdowns:', '  - title: "🎄"', '    date: 1224', '  - title: "🎅"', ''].join('\n'))).toEqual([
      'countdowns[0].date (line 3): 1224 is not a date written MM/DD, like "12/24".',
      'countdowns[1] (line 4): missing "date", written MM/DD, like "12/24".',
    ]);
  });
});

describe('parseV1Config structure', () => {
  it('reports malformed YAML with its line', () => {
    const errors = errorsOf('recurring:\n  - title: "👑"\n    choices: [["estelle.jpg"]\ncountdowns: []\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Line \d+, column \d+: this is not valid YAML: /);
  });

  it('refuses a key written twice', () => {
    expect(errorsOf('countdowns: []\nrecurring: []\ncountdowns: []\n')).toEqual([
      'Line 3, column 1: this key is written twice; each key may appear only once here.',
    ]);
  });

  it('lists unknown keys at every level', () => {
    const errors = errorsOf(
      [
        'recurring:',
        '  - title: "👑"',
        '    colour: red',
        '    chioces: [["Anna"]]',
        '    choices: [["Anna"]]',
        'countdowns:',
        '  - title: "🎄"',
        '    date: "12/24"',
        '    when: "yearly"',
        'theme: dark',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([
      'The top level (line 1): unknown key "theme"; the allowed keys are recurring, countdowns.',
      'recurring[0] (line 2): unknown keys "colour", "chioces"; the allowed keys are title, repeat, choices.',
      'countdowns[0] (line 7): unknown key "when"; the allowed keys are title, image, date.',
    ]);
  });

  it('refuses an empty file, a file that is only a list, and lists that are not lists', () => {
    expect(errorsOf('# nothing here\n')).toEqual([
      'The file is empty: expected a "recurring:" list of chores and a "countdowns:" list.',
    ]);
    expect(errorsOf('- ["estelle.jpg"]\n')).toEqual([
      'The file (line 1): expected "recurring:" and "countdowns:" at the top, found a list.',
    ]);
    expect(errorsOf('recurring: "👑"\ncountdowns:\n  title: "🎄"\n')).toEqual([
      'recurring (line 1): recurring must be a list of items each starting with "- ", found "👑".',
      'countdowns (line 2): countdowns must be a list of items each starting with "- ", found a set of keys.',
    ]);
  });

  it('takes a missing list as empty and warns when there is nothing at all', () => {
    const { plan, warnings } = planOf('recurring:\ncountdowns: []\n');
    expect(plan).toEqual({ chores: [], countdowns: [], imageFiles: [] });
    expect(warnings).toEqual(['The file has no chores and no countdowns to import.']);
  });

  it('refuses a repeat that is not a whole number and warns that other repeats are ignored', () => {
    expect(errorsOf('recurring:\n  - title: "👑"\n    repeat: "often"\n    choices: [["Anna"]]\n')).toEqual([
      'recurring[0].repeat (line 3): repeat must be a whole number of at least 1, found "often".',
    ]);
    expect(planOf('recurring:\n  - title: "👑"\n    repeat: 7\n    choices: [["Anna"]]\n').warnings).toEqual([
      'recurring[0].repeat (line 3): repeat: 7 is ignored; like DinkyDash v1, each choice shows for one day.',
    ]);
  });
});

describe('resolveV1Images', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-v1-images-'));
    dirs.push(dir);
    return dir;
  }

  it('finds the photos that exist and reports the missing ones', () => {
    const { plan } = planOf(fs.readFileSync(SHARED_FIXTURE, 'utf8'));
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'estelle.jpg'), 'jpeg bytes');
    fs.writeFileSync(path.join(dir, 'Josephine.JPG'), 'jpeg bytes');

    const { found, missing } = resolveV1Images(plan, dir);

    expect(missing).toEqual(['jessica.jpg', 'caspar.jpg']);
    expect([...found.keys()]).toEqual(['estelle.jpg', 'josephine.jpg']);
    expect(found.get('estelle.jpg')).toBe(path.join(fs.realpathSync(dir), 'estelle.jpg'));
    expect(found.get('josephine.jpg')).toBe(path.join(fs.realpathSync(dir), 'Josephine.JPG'));
  });

  it('reports everything missing when the folder does not exist', () => {
    const dir = path.join(tempDir(), 'no-such-folder');
    expect(resolveV1Images({ imageFiles: ['a.jpg', 'b.png'] }, dir)).toEqual({ found: new Map(), missing: ['a.jpg', 'b.png'] });
  });

  it('never follows a name or link out of the images folder', () => {
    const root = tempDir();
    const imagesDir = path.join(root, 'images');
    fs.mkdirSync(path.join(imagesDir, 'nested'), { recursive: true });
    fs.writeFileSync(path.join(root, 'outside.jpg'), 'secret');
    fs.writeFileSync(path.join(imagesDir, 'nested', 'deep.jpg'), 'deep');
    fs.symlinkSync(path.join(root, 'outside.jpg'), path.join(imagesDir, 'link.jpg'));
    fs.mkdirSync(path.join(imagesDir, 'folder.jpg'));

    const { found, missing } = resolveV1Images(
      { imageFiles: ['../outside.jpg', 'nested/deep.jpg', 'link.jpg', 'folder.jpg'] },
      imagesDir,
    );

    expect(found.size).toBe(0);
    expect(missing).toEqual(['../outside.jpg', 'nested/deep.jpg', 'link.jpg', 'folder.jpg']);
  });
});
