import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/calendar/civil-date.js';
import { parseIsoDate } from '../../../src/calendar/civil-date.js';
import { stateMatchingV1, turnIndex, v1TurnIndex } from '../../../src/kinds/chores/rotation.js';
import { parse2026Config } from '../../../src/importer/v2026-config.js';

// Today's DinkyDash shows choices[dayOfYear % len(choices)], with dayOfYear
// Python's tm_yday (1 on 1 January). An imported chore must show the same
// person on the day of the import. The expected days of the year below are
// Python's own: time.strptime(date, '%Y-%m-%d').tm_yday.
const TM_YDAY: Array<[string, number]> = [
  ['2026-01-01', 1],
  ['2026-02-28', 59],
  ['2026-03-01', 60],
  ['2024-02-29', 60],
  ['2024-03-01', 61],
  ['2025-12-31', 365],
  ['2024-12-31', 366], // 31 December of a leap year
  ['2026-12-02', 336],
  ['2027-07-04', 185],
];

const CHORES = parse2026Config(
  ['recurring:', '  - title: Dishwasher', '    choices: [Lily, Max]', '  - title: Feed Biscuit', '    choices: [Lily, Max, Tom]', '  - title: Film', '    choices: [Lily, Max, Anna, Tom, Everyone]', ''].join('\n'),
);

describe("today's person after an import", () => {
  if (!CHORES.ok) throw new Error(CHORES.errors.join('\n'));
  const chores = CHORES.plan.chores;

  it('is the same person DinkyDash shows that day, for dates across the year, leap days and 31 December of a leap year', () => {
    for (const [iso, yday] of TM_YDAY) {
      const day = parseIsoDate(iso)!;
      for (const chore of chores) {
        const n = chore.names.length;
        const state = stateMatchingV1(day, n);
        const shown = chore.names[turnIndex('daily', state, n, day)];
        expect(shown, `${chore.title} on ${iso}`).toBe(chore.names[yday % n]);
        expect(v1TurnIndex(day, n)).toBe(yday % n);
      }
    }
  });

  it('spells out a few of them', () => {
    const person = (iso: string, names: string[]) => names[turnIndex('daily', stateMatchingV1(parseIsoDate(iso)!, names.length), names.length, parseIsoDate(iso)!)];
    const [dishwasher, feed, film] = chores.map((c) => c.names);
    expect(person('2024-12-31', dishwasher!)).toBe('Lily'); // 366 % 2 = 0
    expect(person('2024-12-31', feed!)).toBe('Lily'); // 366 % 3 = 0
    expect(person('2024-12-31', film!)).toBe('Max'); // 366 % 5 = 1
    expect(person('2025-12-31', feed!)).toBe('Tom'); // 365 % 3 = 2
    expect(person('2026-01-01', film!)).toBe('Max'); // 1 % 5 = 1
  });

  it('then moves on one a day, also past New Year (where the old app repeats or skips someone)', () => {
    const day = parseIsoDate('2024-12-31')!;
    const names = chores[2]!.names;
    const state = stateMatchingV1(day, names.length);
    const next = [1, 2, 3].map((k) => names[turnIndex('daily', state, names.length, addDays(day, k))]);
    expect(next).toEqual(['Anna', 'Tom', 'Everyone']);
  });
});
