import { describe, expect, it } from 'vitest';
import { formatRotationText, parseRotationText, type RotationMember } from '../../src/kinds/chores/rotation-text.js';
import { english } from '../../src/i18n/i18n.js';

const members: RotationMember[] = [
  { id: 1, username: 'mum', display_name: 'Mum' },
  { id: 2, username: 'estelle', display_name: 'Estelle' },
  { id: 3, username: 'sam', display_name: 'Sam' },
  { id: 4, username: 'sam2', display_name: 'Sam' },
  { id: 5, username: 'Zoë', display_name: 'Zoë Z.' },
];

function entries(text: string) {
  const parsed = parseRotationText(text, members, english.t);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.entries.map((e) => (e.member_id !== null ? e.member_id : e.name));
}

function problem(text: string): string {
  const parsed = parseRotationText(text, members, english.t);
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.message;
}

describe('reading the rotation box', () => {
  it('links names, usernames and @usernames to members, ignoring case; other lines are plain names', () => {
    expect(entries('Estelle\nESTELLE\n@mum\nmum\nzoë\n@ZOË\nDog\nGrandma Rose')).toEqual([2, 2, 1, 1, 5, 5, 'Dog', 'Grandma Rose']);
  });

  it('keeps order and duplicates, skips blank lines, and tidies spaces and control characters', () => {
    expect(entries('\r\n  Estelle  \r\n\r\n\tDog\u0007 \nEstelle\n')).toEqual([2, 'Dog', 2]);
  });

  it('asks which member is meant when two share a name', () => {
    expect(problem('Estelle\nSam')).toBe('Line 2: 2 members are called "Sam". Write @sam or @sam2 instead.');
    expect(entries('@sam2\n@sam')).toEqual([4, 3]);
  });

  it('refuses unknown usernames, overlong names, and lists of the wrong length', () => {
    expect(problem('@nobody')).toBe('Line 1: nobody in the family has the username "@nobody".');
    expect(problem(`Estelle\n${'x'.repeat(41)}`)).toBe('Line 2 is too long: a name can have at most 40 characters.');
    expect(problem('\n\n')).toBe('Add at least one person to take turns.');
    expect(problem(Array(366).fill('Mum').join('\n'))).toBe('A rotation can have at most 365 entries. This list has 366.');
    expect(entries(Array(365).fill('Mum').join('\n'))).toHaveLength(365);
  });

  it('names at most three bad lines', () => {
    expect(problem('@a\n@b\n@c\n@d\n@e')).toMatch(/Line 3: .*\(and 2 more lines\)$/);
  });
});

describe('writing the rotation box', () => {
  it('writes members by name when the name reads back as them, else as @username', () => {
    const text = formatRotationText(
      [
        { member_id: 2, name: null },
        { member_id: 3, name: null },
        { member_id: null, name: 'Dog' },
        { member_id: 5, name: null },
      ],
      members,
    );
    expect(text).toBe('Estelle\n@sam\nDog\nZoë Z.');
    expect(entries(text)).toEqual([2, 3, 'Dog', 5]);
  });
});
