import { describe, expect, it } from 'vitest';
import { english } from '../../../../src/i18n/i18n.js';
import {
  type RotationState,
  advanceOnCompletion,
  explainReanchor,
  planReanchor,
  previewTurns,
  rotationKeyForMember,
  rotationKeyForName,
  startState,
  stateMatchingV1,
  turnIndex,
  undoCompletion,
  v1TurnIndex,
  validateRotationLength,
} from '../../../../src/kinds/chores/rotation.js';

const date = (year: number, month: number, day: number) => ({ year, month, day });

describe('daily rotation', () => {
  const state = startState(date(2026, 1, 1));

  it('gives the first entry the turn on the start date and moves on each day', () => {
    expect(turnIndex('daily', state, 3, date(2026, 1, 1))).toBe(0);
    expect(turnIndex('daily', state, 3, date(2026, 1, 2))).toBe(1);
    expect(turnIndex('daily', state, 3, date(2026, 1, 3))).toBe(2);
    expect(turnIndex('daily', state, 3, date(2026, 1, 4))).toBe(0);
    expect(turnIndex('daily', state, 3, date(2026, 2, 1))).toBe(1); // 31 days later
  });

  it('stays non-negative for days before the anchor', () => {
    expect(turnIndex('daily', state, 3, date(2025, 12, 31))).toBe(2);
    expect(turnIndex('daily', state, 3, date(2025, 12, 30))).toBe(1);
    expect(turnIndex('daily', { anchorDay: state.anchorDay, offset: -7 }, 3, date(2026, 1, 1))).toBe(2);
  });

  it('previews the coming days', () => {
    expect(previewTurns('daily', state, 3, date(2026, 1, 2), 4)).toEqual([
      { date: date(2026, 1, 2), index: 1 },
      { date: date(2026, 1, 3), index: 2 },
      { date: date(2026, 1, 4), index: 0 },
      { date: date(2026, 1, 5), index: 1 },
    ]);
    expect(previewTurns('daily', state, 3, date(2026, 1, 2))).toHaveLength(7);
  });
});

describe('New Year: continuous rotation versus v1 day-of-year modulo', () => {
  it('keeps alternating two children from 31 December to 1 January, where v1 repeats one', () => {
    const imported = stateMatchingV1(date(2025, 12, 30), 2);
    const days = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)];
    expect(days.map((d) => turnIndex('daily', imported, 2, d))).toEqual([0, 1, 0, 1]);
    // v1: day 364 % 2, 365 % 2, 1 % 2, 2 % 2 -> the second child gets both 31 Dec and 1 Jan
    expect(days.map((d) => v1TurnIndex(d, 2))).toEqual([0, 1, 1, 0]);
  });

  it('after a leap year’s 31 December (day 366) v1 jumps back; the rotation does not', () => {
    const imported = stateMatchingV1(date(2024, 12, 30), 7);
    const days = [date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 1)];
    expect(days.map((d) => turnIndex('daily', imported, 7, d))).toEqual([1, 2, 3]);
    expect(days.map((d) => v1TurnIndex(d, 7))).toEqual([1, 2, 1]);
  });
});

describe('stateMatchingV1', () => {
  it('shows today the same entry as v1’s choices[day_of_year % length]', () => {
    const cases: [ReturnType<typeof date>, number, number][] = [
      [date(2026, 1, 1), 2, 1], // day 1
      [date(2026, 11, 22), 2, 0], // day 326
      [date(2026, 3, 1), 7, 4], // day 60
      [date(2024, 2, 29), 3, 0], // day 60
      [date(2024, 3, 1), 3, 1], // day 61 in a leap year
      [date(2024, 12, 31), 2, 0], // day 366
      [date(2024, 12, 31), 4, 2],
      [date(2024, 12, 31), 5, 1],
      [date(2024, 12, 31), 365, 1],
      [date(2025, 12, 31), 365, 0], // day 365
      [date(2025, 12, 31), 1, 0],
    ];
    for (const [today, length, expected] of cases) {
      expect(v1TurnIndex(today, length), `v1 ${JSON.stringify(today)} / ${length}`).toBe(expected);
      const state = stateMatchingV1(today, length);
      expect(turnIndex('daily', state, length, today), `${JSON.stringify(today)} / ${length}`).toBe(expected);
    }
  });

  it('is anchored at today, so the next day simply moves on by one', () => {
    const state = stateMatchingV1(date(2024, 12, 31), 3);
    expect(state).toEqual({ anchorDay: 20088, offset: 0 });
    expect(turnIndex('daily', state, 3, date(2025, 1, 1))).toBe(1);
    expect(turnIndex('daily', state, 3, date(2025, 1, 2))).toBe(2);
  });
});

describe('weekly rotation', () => {
  // 2026-01-07 is a Wednesday
  const state = startState(date(2026, 1, 7));

  it('keeps the same person until Monday, then moves on', () => {
    expect(turnIndex('weekly', state, 3, date(2026, 1, 7))).toBe(0);
    expect(turnIndex('weekly', state, 3, date(2026, 1, 11))).toBe(0); // Sunday
    expect(turnIndex('weekly', state, 3, date(2026, 1, 12))).toBe(1); // Monday
    expect(turnIndex('weekly', state, 3, date(2026, 1, 18))).toBe(1); // Sunday
    expect(turnIndex('weekly', state, 3, date(2026, 1, 19))).toBe(2); // Monday
    expect(turnIndex('weekly', state, 3, date(2026, 1, 26))).toBe(0);
  });

  it('moves on the Monday inside a New Year week', () => {
    const december = startState(date(2025, 12, 31)); // Wednesday
    expect(turnIndex('weekly', december, 2, date(2026, 1, 1))).toBe(0);
    expect(turnIndex('weekly', december, 2, date(2026, 1, 4))).toBe(0); // Sunday
    expect(turnIndex('weekly', december, 2, date(2026, 1, 5))).toBe(1); // Monday
    expect(turnIndex('weekly', december, 2, date(2025, 12, 29))).toBe(0); // Monday of the start week
    expect(turnIndex('weekly', december, 2, date(2025, 12, 28))).toBe(1); // the week before
  });

  it('previews today and then each Monday', () => {
    expect(previewTurns('weekly', state, 3, date(2026, 1, 8), 3)).toEqual([
      { date: date(2026, 1, 8), index: 0 },
      { date: date(2026, 1, 12), index: 1 },
      { date: date(2026, 1, 19), index: 2 },
    ]);
  });
});

describe('completion rotation', () => {
  const start = startState(date(2026, 1, 1));

  it('ignores the date and moves on each time the chore is marked done', () => {
    expect(turnIndex('completion', start, 3, date(2026, 1, 1))).toBe(0);
    expect(turnIndex('completion', start, 3, date(2026, 6, 1))).toBe(0);
    const twice = advanceOnCompletion(advanceOnCompletion(start));
    expect(turnIndex('completion', twice, 3, date(2026, 1, 1))).toBe(2);
    expect(turnIndex('completion', advanceOnCompletion(twice), 3, date(2026, 1, 1))).toBe(0);
  });

  it('undoes a completion, wrapping back from the first entry to the last', () => {
    const once = advanceOnCompletion(start);
    expect(undoCompletion(once)).toEqual(start);
    expect(turnIndex('completion', undoCompletion(start), 3, date(2026, 1, 1))).toBe(2);
  });

  it('does not change the state it was given', () => {
    const state: RotationState = { anchorDay: 5, offset: 1 };
    advanceOnCompletion(state);
    undoCompletion(state);
    expect(state).toEqual({ anchorDay: 5, offset: 1 });
  });

  it('previews who is next, without dates', () => {
    expect(previewTurns('completion', { anchorDay: 0, offset: 2 }, 3, date(2026, 1, 1), 4)).toEqual([
      { date: null, index: 2 },
      { date: null, index: 0 },
      { date: null, index: 1 },
      { date: null, index: 2 },
    ]);
  });
});

describe('rotation sizes', () => {
  it('a one-person rotation is always that person', () => {
    const state = startState(date(2026, 1, 1));
    for (const d of [date(2026, 1, 1), date(2026, 1, 2), date(2027, 5, 17), date(2025, 6, 1)]) {
      expect(turnIndex('daily', state, 1, d)).toBe(0);
      expect(turnIndex('weekly', state, 1, d)).toBe(0);
    }
    expect(turnIndex('completion', advanceOnCompletion(state), 1, date(2026, 1, 1))).toBe(0);
    expect(previewTurns('daily', state, 1, date(2026, 1, 1), 3).map((t) => t.index)).toEqual([0, 0, 0]);
  });

  it('a 365-entry rotation runs through every entry and does not restart at New Year', () => {
    const state = startState(date(2028, 1, 1)); // a leap year of 366 days
    expect(turnIndex('daily', state, 365, date(2028, 12, 30))).toBe(364);
    expect(turnIndex('daily', state, 365, date(2028, 12, 31))).toBe(0);
    expect(turnIndex('daily', state, 365, date(2029, 1, 1))).toBe(1);
    // v1 gives entry 1 on both 31 December (day 366) and 1 January (day 1)
    expect(v1TurnIndex(date(2028, 12, 31), 365)).toBe(1);
    expect(v1TurnIndex(date(2029, 1, 1), 365)).toBe(1);
  });

  it('rejects an empty rotation with a readable message', () => {
    expect(() => turnIndex('daily', startState(date(2026, 1, 1)), 0, date(2026, 1, 1))).toThrow(
      'A rotation needs at least one person to take turns',
    );
  });

  it('validates the list length for the chore form', () => {
    expect(validateRotationLength(0, english.t)).toBe('Add at least one person to take turns');
    expect(validateRotationLength(1, english.t)).toBeNull();
    expect(validateRotationLength(365, english.t)).toBeNull();
    expect(validateRotationLength(366, english.t)).toBe('A rotation can have at most 365 entries');
  });

  it('builds keys for members and free-text names', () => {
    expect(rotationKeyForMember(12)).toBe('m:12');
    expect(rotationKeyForName('Grandma')).toBe('n:Grandma');
  });
});

describe('editing the rotation list (reanchor)', () => {
  const E = 'm:1';
  const J = 'm:2';
  const C = 'm:3';
  const G = 'n:Grandma';
  const X = 'm:9';
  const names: Record<string, string> = { [E]: 'Estelle', [J]: 'Josephine', [C]: 'Caspar', [G]: 'Grandma', [X]: 'Xaver' };
  const nameOf = (key: string) => names[key] ?? key;
  const start = startState(date(2026, 3, 1));
  const day = (n: number) => date(2026, 3, n);

  it('keeps today’s person when someone is added in front', () => {
    // 10 March: 9 days after the start, 9 % 3 = 0 -> Estelle
    const plan = planReanchor([E, J, C], [X, E, J, C], 'daily', start, day(10));
    expect(plan.before).toEqual({ key: E, index: 0 });
    expect(plan.after).toEqual({ key: E, index: 1 });
    expect(plan.kept).toBe(true);
    expect(explainReanchor(plan, nameOf, english.t)).toBe("Estelle keeps today's turn");
    expect([10, 11, 12, 13].map((n) => turnIndex('daily', plan.state, 4, day(n)))).toEqual([1, 2, 3, 0]);
  });

  it('keeps today’s person when someone before them is removed', () => {
    // 11 March: index 1 -> Josephine
    const { state } = planReanchor([E, J, C], [J, C], 'daily', start, day(11));
    expect([11, 12, 13].map((n) => turnIndex('daily', state, 2, day(n)))).toEqual([0, 1, 0]);
  });

  it('keeps today’s person when the list is reordered', () => {
    const plan = planReanchor([E, J, C], [C, J, E], 'daily', start, day(10));
    expect(plan.after).toEqual({ key: E, index: 2 });
    expect(explainReanchor(plan, nameOf, english.t)).toBe("Estelle keeps today's turn");
  });

  it('gives today’s turn to the next in line when today’s person is removed', () => {
    const plan = planReanchor([E, J, C], [J, C], 'daily', start, day(10));
    expect(plan.kept).toBe(false);
    expect(plan.after).toEqual({ key: J, index: 0 });
    expect(explainReanchor(plan, nameOf, english.t)).toBe("Estelle was removed, so Josephine takes today's turn");
    expect([10, 11, 12].map((n) => turnIndex('daily', plan.state, 2, day(n)))).toEqual([0, 1, 0]);
  });

  it('skips past others who were removed too', () => {
    // 11 March: 10 % 4 = 2 -> Caspar; Josephine and Caspar both leave, Grandma was next in line
    const plan = planReanchor([E, J, C, G], [E, G], 'daily', start, day(11));
    expect(plan.before).toEqual({ key: C, index: 2 });
    expect(plan.after).toEqual({ key: G, index: 1 });
    expect(explainReanchor(plan, nameOf, english.t)).toBe("Caspar was removed, so Grandma takes today's turn");
  });

  it('keeps the same position when nobody from the old list remains', () => {
    const plan = planReanchor([E, J, C], [X, G], 'daily', start, day(12)); // old index 2
    expect(plan.after).toEqual({ key: X, index: 0 });
    expect(explainReanchor(plan, nameOf, english.t)).toBe("Caspar was removed, so Xaver takes today's turn");
  });

  it('with duplicates, keeps the occurrence nearest the old position', () => {
    // 3 March: index 2, Estelle's second slot, followed by Caspar
    const plan = planReanchor([E, J, E, C], [E, J, E, C, G], 'daily', start, day(3));
    expect(plan.after).toEqual({ key: E, index: 2 });
    expect(turnIndex('daily', plan.state, 5, day(4))).toBe(3); // Caspar tomorrow, as before the edit
  });

  it('with duplicates at equal distance, prefers the one followed by the same person', () => {
    const plan = planReanchor([E, J, E, C], [J, E, C, E], 'daily', start, day(3));
    expect(plan.after).toEqual({ key: E, index: 1 });
    expect(turnIndex('daily', plan.state, 4, day(4))).toBe(2); // Caspar tomorrow
  });

  it('when today’s person is removed, the next in line takes over at their nearest slot', () => {
    // 2 March: index 1 -> Josephine in [E, J, C, G, C]
    const plan = planReanchor([E, J, C, G, C], [E, C, G, C], 'daily', start, day(2));
    expect(plan.after).toEqual({ key: C, index: 1 });
    expect([2, 3, 4, 5].map((n) => turnIndex('daily', plan.state, 4, day(n)))).toEqual([1, 2, 3, 0]);
  });

  it('a duplicate slot that stays keeps the turn when the other copy goes', () => {
    // 3 March: Estelle's second slot (index 2); her first slot is removed
    const plan = planReanchor([E, J, E, C], [J, E, C], 'daily', start, day(3));
    expect(plan.kept).toBe(true);
    expect(plan.after).toEqual({ key: E, index: 1 });
  });

  it('starts a list that was empty with its first entry', () => {
    const plan = planReanchor([], [J, E], 'daily', start, day(10));
    expect(plan.before).toBeNull();
    expect(plan.after).toEqual({ key: J, index: 0 });
    expect(explainReanchor(plan, nameOf, english.t)).toBe("Josephine has today's turn");
  });

  it('refuses an empty new list', () => {
    expect(() => planReanchor([E, J], [], 'daily', start, day(10))).toThrow('A rotation needs at least one person to take turns');
  });

  it('weekly: keeps this week’s person and still moves on next Monday', () => {
    const weekly = startState(date(2026, 1, 5)); // Monday
    // Wednesday 14 January is in the second week -> index 1 (Josephine)
    const plan = planReanchor([E, J, C], [J, C], 'weekly', weekly, date(2026, 1, 14));
    expect(plan.after).toEqual({ key: J, index: 0 });
    expect(explainReanchor(plan, nameOf, english.t)).toBe("Josephine keeps this week's turn");
    expect(turnIndex('weekly', plan.state, 2, date(2026, 1, 18))).toBe(0); // Sunday
    expect(turnIndex('weekly', plan.state, 2, date(2026, 1, 19))).toBe(1); // Monday
  });

  it('completion: keeps the order going after a removal', () => {
    const state = { anchorDay: 0, offset: 4 }; // 4 % 3 = 1 -> Josephine
    const plan = planReanchor([E, J, C], [E, C], 'completion', state, day(10));
    expect(plan.after).toEqual({ key: C, index: 1 });
    expect(explainReanchor(plan, nameOf, english.t)).toBe('Josephine was removed, so Caspar takes the current turn');
    expect(turnIndex('completion', advanceOnCompletion(plan.state), 2, day(20))).toBe(0);
  });

  it('reanchors a 365-entry rotation when one entry is removed', () => {
    const keys = Array.from({ length: 365 }, (_, i) => `n:Person ${i}`);
    const state = startState(date(2026, 1, 1));
    const today = date(2026, 12, 1); // day 335 -> index 334
    expect(turnIndex('daily', state, 365, today)).toBe(334);
    const newKeys = keys.filter((k) => k !== 'n:Person 100');
    const plan = planReanchor(keys, newKeys, 'daily', state, today);
    expect(plan.after).toEqual({ key: 'n:Person 334', index: 333 });
    expect(turnIndex('daily', plan.state, 364, date(2026, 12, 2))).toBe(334);
  });
});
