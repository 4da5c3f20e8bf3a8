import type { Translate } from '../../i18n/i18n.js';
// Whose turn it is for a chore. A chore has an ordered rotation list (members
// or free-text names, duplicates allowed) and one formula for every mode:
//
//   turn index = (elapsed + offset) mod length
//
// where elapsed is days since the anchor ('daily'), Mondays passed since the
// anchor ('weekly') or always 0 ('completion', where offset counts the times
// the chore was marked done). Counting from a fixed anchor day, rather than
// using day-of-year like DinkyDash v1, keeps the rotation going across New
// Year instead of repeating or skipping someone on 1 January.

import { type CivilDate, addDays, dayNumber, dayOfYear, fromDayNumber, mondayOf } from '../../calendar/civil-date.js';

export type RotationMode = 'daily' | 'weekly' | 'completion';

export type RotationState = {
  /** dayNumber of the day the rotation is counted from. */
  anchorDay: number;
  /** Turns added on top of the elapsed ones (completions in 'completion' mode). */
  offset: number;
};

/** The choices of how a turn moves on, each with its words' key (src/i18n/). */
export const ROTATION_MODES = [
  { value: 'daily', label: 'chores.modeDaily' },
  { value: 'weekly', label: 'chores.modeWeekly' },
  { value: 'completion', label: 'chores.modeCompletion' },
] as const satisfies readonly { value: RotationMode; label: string }[];

export const MAX_ROTATION_LENGTH = 365;

export function isRotationMode(value: unknown): value is RotationMode {
  return ROTATION_MODES.some((m) => m.value === value);
}

/** A message for the chore form, or null when the list length is fine. */
export function validateRotationLength(length: number, t: Translate): string | null {
  if (length < 1) return t('rotation.empty');
  if (length > MAX_ROTATION_LENGTH) return t('rotation.tooMany', { count: MAX_ROTATION_LENGTH });
  return null;
}

/** Rotation entries are compared by key: a member by id, a free-text name by its text. */
export function rotationKeyForMember(memberId: number): string {
  return `m:${memberId}`;
}

export function rotationKeyForName(name: string): string {
  return `n:${name}`;
}

/** Always in 0..length-1, also for negative numbers. */
function wrap(n: number, length: number): number {
  return ((n % length) + length) % length;
}

function assertLength(length: number): void {
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError('A rotation needs at least one person to take turns');
  }
}

/** Turns that have passed because of the calendar alone. */
function elapsedTurns(mode: RotationMode, anchorDay: number, today: CivilDate): number {
  switch (mode) {
    case 'daily':
      return dayNumber(today) - anchorDay;
    case 'weekly':
      // Mondays after the anchor day, up to and including today.
      return (dayNumber(mondayOf(today)) - dayNumber(mondayOf(fromDayNumber(anchorDay)))) / 7;
    case 'completion':
      return 0;
  }
}

/** Index into the rotation list of whoever has the turn on `today`. */
export function turnIndex(mode: RotationMode, state: RotationState, length: number, today: CivilDate): number {
  assertLength(length);
  return wrap(elapsedTurns(mode, state.anchorDay, today) + state.offset, length);
}

/** A fresh rotation: the first entry has the turn on the start date. */
export function startState(startDate: CivilDate): RotationState {
  return { anchorDay: dayNumber(startDate), offset: 0 };
}

export function advanceOnCompletion(state: RotationState): RotationState {
  return { ...state, offset: state.offset + 1 };
}

export function undoCompletion(state: RotationState): RotationState {
  return { ...state, offset: state.offset - 1 };
}

export type TurnPreview = { date: CivilDate | null; index: number };

/**
 * The next `count` turns starting with the current one. Daily: one per day.
 * Weekly: today, then each following Monday (the day the turn moves on).
 * Completion: no dates, just who comes next in order.
 */
export function previewTurns(
  mode: RotationMode,
  state: RotationState,
  length: number,
  today: CivilDate,
  count = 7,
): TurnPreview[] {
  assertLength(length);
  const turns: TurnPreview[] = [];
  for (let k = 0; k < count; k++) {
    if (mode === 'completion') {
      turns.push({ date: null, index: wrap(state.offset + k, length) });
      continue;
    }
    const date = k === 0 ? today : mode === 'daily' ? addDays(today, k) : addDays(mondayOf(today), 7 * k);
    turns.push({ date, index: turnIndex(mode, state, length, date) });
  }
  return turns;
}

export type ReanchorPlan = {
  mode: RotationMode;
  /** The new state to store. */
  state: RotationState;
  /** Who had the turn before the edit (null when the old list was empty). */
  before: { key: string; index: number } | null;
  /** Who has the turn after the edit. */
  after: { key: string; index: number };
  /** True when the same entry still has the turn. */
  kept: boolean;
};

/** Of the positions holding `key`, the one nearest `near`; on a tie, the one followed by `successor`, else the lower. */
function nearestOccurrence(keys: string[], key: string, near: number, successor: string | undefined): number | null {
  let best: number | null = null;
  let bestScore = Infinity;
  keys.forEach((k, i) => {
    if (k !== key) return;
    const sameSuccessor = successor !== undefined && keys[(i + 1) % keys.length] === successor;
    // Distance first; a matching successor breaks ties.
    const score = Math.abs(i - near) * 2 + (sameSuccessor ? 0 : 1);
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/**
 * Work out the state after the rotation list is edited, so the person whose
 * turn it is today keeps it. If that person is no longer in the list, the next
 * one in the old order who is still there takes today's turn (which is the
 * same position when one entry was simply removed). If nobody from the old
 * list remains, the same position (mod the new length) has the turn.
 */
export function planReanchor(
  oldKeys: string[],
  newKeys: string[],
  mode: RotationMode,
  state: RotationState,
  today: CivilDate,
): ReanchorPlan {
  assertLength(newKeys.length);
  let before: ReanchorPlan['before'] = null;
  let target = 0;
  if (oldKeys.length > 0) {
    const oldIndex = turnIndex(mode, state, oldKeys.length, today);
    const todayKey = oldKeys[oldIndex]!;
    before = { key: todayKey, index: oldIndex };
    target = wrap(oldIndex, newKeys.length);
    for (let k = 0; k < oldKeys.length; k++) {
      const found = nearestOccurrence(
        newKeys,
        oldKeys[(oldIndex + k) % oldKeys.length]!,
        oldIndex,
        oldKeys[(oldIndex + k + 1) % oldKeys.length],
      );
      if (found !== null) {
        target = found;
        break;
      }
    }
  }
  const afterKey = newKeys[target]!;
  return {
    mode,
    // Anchor at today so the stored numbers read plainly: today is turn `offset`.
    state: { anchorDay: dayNumber(today), offset: target },
    before,
    after: { key: afterKey, index: target },
    kept: before !== null && before.key === afterKey,
  };
}

/** One sentence for the chore form, e.g. "Estelle was removed, so Josephine takes today's turn". */
export function explainReanchor(plan: ReanchorPlan, nameOf: (key: string) => string, t: Translate): string {
  const turn = plan.mode === 'daily' ? t('chores.turnToday') : plan.mode === 'weekly' ? t('chores.turnThisWeek') : t('chores.turnCurrent');
  const name = nameOf(plan.after.key);
  if (plan.before === null) return t('chores.reanchorHas', { name, turn });
  if (plan.kept) return t('chores.reanchorKeeps', { name, turn });
  return t('chores.reanchorRemoved', { old: nameOf(plan.before.key), name, turn });
}

/** DinkyDash v1's choice for a date: choices[day_of_year % length], day of year from 1. */
export function v1TurnIndex(today: CivilDate, length: number): number {
  assertLength(length);
  return dayOfYear(today) % length;
}

/** A daily state that shows today the same entry DinkyDash v1 shows today, then rotates continuously. */
export function stateMatchingV1(today: CivilDate, length: number): RotationState {
  return { anchorDay: dayNumber(today), offset: v1TurnIndex(today, length) };
}
