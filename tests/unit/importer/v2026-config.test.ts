import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_2026_ITEMS, parse2026Config, type V2026ImportPlan } from '../../../src/importer/v2026-config.js';
import { parseConfig } from '../../../src/importer/config-format.js';
import { maskedCalendarUrl } from '../../../src/importer/import-2026.js';

// tests/fixtures/v2026/config.yaml: a family's config.yaml for today's
// DinkyDash, as /work/shared/formats/dinkydash-2026-config.md describes it.
const FIXTURE = fs.readFileSync(new URL('../../fixtures/v2026/config.yaml', import.meta.url), 'utf8');
const V1_FIXTURE = fs.readFileSync(new URL('../../fixtures/v1/config.yaml', import.meta.url), 'utf8');
const SECRET = 'private-5c2f9a07d41e8b3a6f0c9d2e7b1a4c58';

function planOf(text: string): { plan: V2026ImportPlan; warnings: string[] } {
  const result = parse2026Config(text);
  if (!result.ok) throw new Error(`expected the config to parse, got:\n${result.errors.join('\n')}`);
  return result;
}

function errorsOf(text: string): string[] {
  const result = parse2026Config(text);
  if (result.ok) throw new Error('expected the config to be refused');
  return result.errors;
}

/** A small config in today's format, with `extra` lines added at the end. */
function config(...extra: string[]): string {
  return ['people:', '  - name: Lily', '    date_of_birth: "2017-03-04"', ...extra, ''].join('\n');
}

describe('parse2026Config on a realistic config', () => {
  it('reads people and pets as named people with birth dates and photos', () => {
    const { plan, warnings } = planOf(FIXTURE);
    expect(warnings).toEqual([]);
    expect(plan.people).toEqual([
      { name: 'Anna', kind: 'person', birthDate: { year: 1986, month: 6, day: 12 }, image: 'anna.jpg' },
      { name: 'Tom', kind: 'person', birthDate: { year: 1984, month: 11, day: 2 }, image: null },
      { name: 'Lily', kind: 'person', birthDate: { year: 2017, month: 3, day: 4 }, image: 'lily.jpg' },
      { name: 'Max', kind: 'person', birthDate: { year: 2020, month: 2, day: 29 }, image: 'max.png' },
      { name: 'Biscuit', kind: 'pet', birthDate: null, image: 'biscuit.jpg' },
      { name: 'Pebbles', kind: 'pet', birthDate: null, image: null },
    ]);
    expect(plan.imageFiles).toEqual(['anna.jpg', 'lily.jpg', 'max.png', 'biscuit.jpg']);
  });

  it('reads chores with their emoji and flat choices, and special dates', () => {
    const { plan } = planOf(FIXTURE);
    expect(plan.chores).toEqual([
      { title: 'Dishwasher', icon: '🍽️', names: ['Lily', 'Max'] },
      { title: 'Feed Biscuit', icon: '🐕', names: ['Lily', 'Max', 'Tom'] },
      { title: 'Bins out', icon: '🗑️', names: ['Anna', 'Tom'] },
      { title: 'Pick the film', icon: '🍿', names: ['Lily', 'Max', 'Anna', 'Tom', 'Everyone'] },
    ]);
    expect(plan.specialDates).toEqual([
      { title: 'Wedding anniversary', icon: '💍', month: 8, day: 15 },
      { title: 'St Nicholas', icon: '🎅', month: 12, day: 6 },
      { title: 'Christmas Eve', icon: '🎄', month: 12, day: 24 },
    ]);
  });

  it('keeps the calendar address as written, and masks it for messages', () => {
    const { plan } = planOf(FIXTURE);
    expect(plan.calendarUrl).toBe(`https://calendar.google.com/calendar/ical/berger.family.kitchen%40gmail.com/${SECRET}/basic.ics`);
    const masked = maskedCalendarUrl(plan)!;
    expect(masked).toMatch(/^https:\/\/calendar\.google\.com\/.*…/);
    expect(masked).not.toContain(SECRET);
    expect(masked).not.toContain('berger');
  });

  it('lists every key it does not import, with why', () => {
    const { plan } = planOf(FIXTURE);
    const ai = 'settings of its AI daily brief and its own files (DinkyDash has no AI brief)';
    const notKept = 'DinkyDash does not keep this';
    expect(plan.notImported).toEqual([
      { key: 'location', reason: 'set the weather\'s place in Settings (it was "Berlin, Germany")' },
      { key: 'calendar_filter_emails', reason: 'DinkyDash shows every event of the calendar (it has no filter by attendees)' },
      ...['anthropic_api_key_env', 'claude_model', 'max_tokens', 'data_file', 'content_history_file', 'history_days'].map((key) => ({ key, reason: ai })),
      { key: 'people[].sex', reason: notKept },
      { key: 'people[].email', reason: notKept },
      { key: 'people[].interests', reason: notKept },
      { key: 'pets[].type', reason: notKept },
    ]);
  });
});

describe('parse2026Config items', () => {
  it('keeps emoji in names and titles, and takes an emoji title as the icon when there is no emoji', () => {
    const { plan } = planOf(
      config(
        '  - name: "Zoë 🦄"',
        'recurring:',
        '  - title: "🧹"',
        '    choices: ["Zoë 🦄", Lily]',
        '  - title: Hoover',
        '    choices: [Lily]',
        'special_dates:',
        '  - emoji: "🎃"',
        '    date: "10/31"',
      ),
    );
    expect(plan.people.map((p) => p.name)).toEqual(['Lily', 'Zoë 🦄']);
    expect(plan.chores).toEqual([
      { title: '🧹', icon: '🧹', names: ['Zoë 🦄', 'Lily'] },
      { title: 'Hoover', icon: '', names: ['Lily'] },
    ]);
    expect(plan.specialDates).toEqual([{ title: '🎃', icon: '🎃', month: 10, day: 31 }]);
  });

  it('reports bad special dates with their title, and accepts 29 February', () => {
    const errors = errorsOf(
      config(
        'special_dates:',
        '  - title: Anniversary',
        '    date: "02/30"',
        '  - title: Leap day',
        '    date: "02/29"',
        '  - title: Bastille Day',
        '    date: "14/07"',
        '  - title: Pancake day',
        '    date: "2027-02-09"',
        '  - title: Someday',
      ),
    );
    expect(errors).toEqual([
      'special_dates[0].date (line 6) of "Anniversary": "02/30" is not a valid date: February only has 29 days.',
      'special_dates[2].date (line 10) of "Bastille Day": "14/07" is not a valid date: there is no month 14 (dates are written MM/DD, month first).',
      'special_dates[3].date (line 12) of "Pancake day": "2027-02-09" is not a date written MM/DD, like "12/24".',
      'special_dates[4] (line 13) of "Someday": missing "date", written MM/DD, like "12/24".',
    ]);
    expect(planOf(config('special_dates:', '  - title: Leap day', '    date: "02/29"')).plan.specialDates).toEqual([
      { title: 'Leap day', icon: '', month: 2, day: 29 },
    ]);
  });

  it('reports dates of birth that are not dates, with the person', () => {
    const errors = errorsOf(
      [
        'people:',
        '  - name: Lily',
        '    date_of_birth: "04/03/2017"',
        '  - name: Max',
        '    date_of_birth: "2019-02-29"',
        '  - name: Tom',
        '    date_of_birth: 1984',
        '  - name: Anna',
        '    date_of_birth: ""',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([
      'people[0].date_of_birth (line 3) of "Lily": "04/03/2017" is not a date written YYYY-MM-DD, like "2017-03-04".',
      'people[1].date_of_birth (line 5) of "Max": "2019-02-29" is not a real date of birth.',
      'people[2].date_of_birth (line 7) of "Tom": 1984 is not a date written YYYY-MM-DD, like "2017-03-04".',
    ]);
  });

  it('refuses chores without usable choices', () => {
    const errors = errorsOf(
      config(
        'recurring:',
        '  - title: Dishes',
        '  - title: Bins',
        '    choices: Lily',
        '  - title: Hoover',
        '    choices: []',
        '  - title: Laundry',
        '    choices: [Lily, ""]',
        '  - emoji: "🐕"',
        '    choices: [Lily]',
      ),
    );
    expect(errors).toEqual([
      'recurring[0] (line 5) of "Dishes": missing "choices" (the names that take turns, one a day).',
      'recurring[1].choices (line 7) of "Bins": choices must be a list of names, like ["Lily", "Max"], found "Lily".',
      'recurring[2].choices (line 9) of "Hoover": choices is empty; add at least one name.',
      'recurring[3].choices[1] (line 11) of "Laundry": a name cannot be empty.',
      'recurring[4] (line 12): missing "title".',
    ]);
  });

  it('refuses names and titles over the limits, and icons that are not an emoji', () => {
    const long = 'Maximilian-Alexander von Hohenzollern-Sigmaringen';
    const errors = errorsOf(
      config(
        `  - name: "${long}"`,
        'recurring:',
        `  - title: "${'Empty the dishwasher and put everything away, '.repeat(2)}"`,
        '    choices: [Lily]',
        '  - title: Bins',
        '    emoji: "🗑️🗑️🗑️🗑️🗑️"',
        `    choices: ["${long}"]`,
      ),
    );
    expect(errors).toEqual([
      `people[1].name (line 4): "${long.slice(0, 40)}…" is too long: a name can have at most 40 characters.`,
      'recurring[0].title (line 6): "Empty the dishwasher and put everything…" is too long: a title can have at most 60 characters.',
      'recurring[1].emoji (line 9) of "Bins": "🗑️🗑️🗑️🗑️🗑️" is too long for an icon; use one emoji.',
      `recurring[1].choices[0] (line 10) of "Bins": "${long.slice(0, 40)}…" is too long: a name can have at most 40 characters.`,
    ]);
  });

  it('refuses wrong types, a missing name and two people with one name', () => {
    const errors = errorsOf(
      [
        'people:',
        '  - Lily',
        '  - name: [Max]',
        '  - date_of_birth: "2017-03-04"',
        '  - name: Tom',
        '    image: 42',
        'pets:',
        '  - name: tom',
        'recurring: "Dishes"',
        'calendar_url: 12',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([
      'people[0] (line 2): expected an item with keys such as "name:", found "Lily".',
      'people[1].name (line 3): expected a name, found a list.',
      'people[2] (line 4): missing "name".',
      'people[3].image (line 6) of "Tom": "42" is not an image file name; it must end in .jpg, .jpeg, .png, .gif or .webp.',
      'recurring (line 9): recurring must be a list of items each starting with "- ", found "Dishes".',
      'calendar_url (line 10): expected a web address, found a number.',
    ]);
    expect(errorsOf(config('pets:', '  - name: lily'))).toEqual([
      '"lily" is the name of more than one person or pet; give each a different name, since rotations and birthdays go by name.',
    ]);
  });

  it('refuses a calendar address it could never fetch, without repeating the address', () => {
    const errors = errorsOf(config('calendar_url: "ftp://files.example.org/secret-token-123/family.ics"'));
    expect(errors).toEqual(['calendar_url (line 4): DinkyDash fetches only https://, http:// and webcal:// addresses, not ftp: addresses.']);
    expect(errorsOf(config('calendar_url: "my google calendar"'))).toEqual([
      'calendar_url (line 4): The calendar address is not a web address (it should start with https://).',
    ]);
    expect(planOf(config('calendar_url: "webcal://p42-caldav.icloud.com/published/2/MTIzNDU2Nzg5MDEy"')).plan.calendarUrl).toBe(
      'webcal://p42-caldav.icloud.com/published/2/MTIzNDU2Nzg5MDEy',
    );
    expect(planOf(config('calendar_url: ""')).plan.calendarUrl).toBeNull();
  });

  it('reports unknown keys by name, at the top and in items, and imports the rest', () => {
    const { plan } = planOf(config('    nickname: Lils', 'theme: dark', 'recurring:', '  - title: Dishes', '    choices: [Lily]', '    repeat_every: 2'));
    expect(plan.notImported).toEqual([
      { key: 'theme', reason: 'a key this importer does not know' },
      { key: 'people[].nickname', reason: 'a key this importer does not know' },
      { key: 'recurring[].repeat_every', reason: 'a key this importer does not know' },
    ]);
    expect(plan.chores).toHaveLength(1);
  });
});

describe('parse2026Config hostile input', () => {
  it(`refuses more than ${MAX_2026_ITEMS} people at once, without reading them one by one`, () => {
    const people = Array.from({ length: 10_000 }, (_, i) => `  - name: P${i}`);
    expect(errorsOf(['people:', ...people, ''].join('\n'))).toEqual([`people (line 1): 10000 items is too many; the limit is ${MAX_2026_ITEMS}.`]);
  });

  it('refuses anchors and aliases, so a "billion laughs" file is never expanded', () => {
    const bomb = [
      'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'people:',
      '  - name: Lily',
      'recurring:',
      '  - title: Dishes',
      '    choices: *e',
      '',
    ].join('\n');
    const started = Date.now();
    expect(errorsOf(bomb)).toEqual(['The file uses YAML anchors and aliases (*a on line 2, and 36 more); write each value out instead.']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses lists nested thousands deep with a message, not a crash', () => {
    expect(errorsOf(`people: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).toEqual([
      expect.stringMatching(/^Line 1, column \d+: lists or keys are nested far too deeply here for a DinkyDash config\.yaml\.$/),
    ]);
  });

  it('refuses a file too large to be a config, and a file with hundreds of unknown keys', () => {
    expect(errorsOf(config(`# ${'x'.repeat(1_000_001)}`))).toEqual(['The file is too large to be a DinkyDash config.yaml.']);
    const keys = Array.from({ length: 150 }, (_, i) => `key${i}: ${i}`);
    expect(errorsOf(config(...keys))).toEqual([
      "The file has 150 keys that DinkyDash does not import (key0, key1, key2, key3, key4, …); it does not look like a DinkyDash config.yaml.",
    ]);
  });
});

describe('parseConfig tells the formats apart', () => {
  it('reads the realistic file as today\'s format and the shared v1 file as v1', () => {
    expect(parseConfig(FIXTURE)).toMatchObject({ format: '2026', result: { ok: true } });
    expect(parseConfig(V1_FIXTURE)).toMatchObject({ format: 'v1', result: { ok: true } });
  });

  it('tells by the shape of "recurring" alone', () => {
    expect(parseConfig('recurring:\n  - title: Dishes\n    choices: [Lily, Max]\n')).toMatchObject({ format: '2026', result: { ok: true } });
    expect(parseConfig('recurring:\n  - title: Dishes\n    emoji: "🍽️"\n')).toMatchObject({ format: '2026' });
    expect(parseConfig('recurring:\n  - title: "👑"\n    choices: [["estelle.jpg"]]\n')).toMatchObject({ format: 'v1', result: { ok: true } });
    // Nothing says which: read as v1, as before today's format was known.
    expect(parseConfig('recurring: []\n')).toMatchObject({ format: 'v1' });
  });

  it('refuses a file mixing the two formats, naming what belongs to which', () => {
    const mixed = parseConfig(`${V1_FIXTURE}\npeople:\n  - name: Estelle\n`);
    expect(mixed.format).toBeNull();
    if (mixed.format !== null) return;
    expect(mixed.errors).toHaveLength(1);
    expect(mixed.errors[0]).toMatch(/^The file mixes the two DinkyDash config\.yaml formats: "countdowns", choices written as lists, "repeat" are DinkyDash v1's, "people" today's\. Keep to one format: /);
  });

  it('refuses files that are neither, with a message saying what was expected', () => {
    expect(parseConfig('# nothing\n')).toEqual({ format: null, errors: [expect.stringMatching(/^The file is empty: expected a DinkyDash config\.yaml \(v1 has "recurring"/)] });
    expect(parseConfig('- Lily\n- Max\n')).toEqual({
      format: null,
      errors: ['The file (line 1): expected the keys of a DinkyDash config.yaml at the top, found a list.'],
    });
    expect(parseConfig('server:\n  port: 8080\ndatabase: postgres\n')).toEqual({
      format: null,
      errors: [expect.stringMatching(/^This is not a DinkyDash config\.yaml: none of its keys \("server", "database"\) belong to either format/)],
    });
    expect(parseConfig('people:\n  - name: Lily\n  name: Max\n')).toMatchObject({ format: null, errors: [expect.stringContaining('this is not valid YAML')] });
  });
});
