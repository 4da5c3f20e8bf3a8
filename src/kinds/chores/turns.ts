import type { I18n, Translate } from '../../i18n/i18n.js';
import { previewTurns, turnIndex, type TurnPreview } from './rotation.js';
import { entryLabel, rotationStateOf, type ChoreWithEntries, type RotationEntry } from './queries.js';
import type { CivilDate } from '../../calendar/civil-date.js';
import { formatFamilyDate, isDateFormat } from '../../calendar/family-time.js';

/** Whose turn it is today, or null for a chore with no rotation (never stored, but old files may have one). */
export function currentTurn(chore: ChoreWithEntries, today: CivilDate): RotationEntry | null {
  if (chore.entries.length === 0) return null;
  return chore.entries[turnIndex(chore.mode, rotationStateOf(chore), chore.entries.length, today)] ?? null;
}

export function familyDate(date: CivilDate, dateFormat: string, i18n?: I18n): string {
  return formatFamilyDate(date, isDateFormat(dateFormat) ? dateFormat : 'long', i18n);
}

/** "Today", "Tomorrow", a date, or for turns on completion "Now", "Next", "Then". */
function whenLabel(chore: ChoreWithEntries, turn: TurnPreview, k: number, dateFormat: string, i18n: I18n): string {
  const { t } = i18n;
  if (chore.mode === 'completion' || turn.date === null) return k === 0 ? t('calendar.now') : k === 1 ? t('chores.turnNext') : t('chores.turnThen');
  if (chore.mode === 'weekly') return k === 0 ? t('chores.thisWeek') : t('chores.weekOf', { date: familyDate(turn.date, dateFormat, i18n) });
  return k === 0 ? t('calendar.today') : k === 1 ? t('calendar.tomorrow') : familyDate(turn.date, dateFormat, i18n);
}

export interface UpcomingTurn {
  when: string;
  who: string;
}

/** The next `count` turns, starting with the current one. */
export function upcomingTurns(chore: ChoreWithEntries, today: CivilDate, dateFormat: string, i18n: I18n, count = 7): UpcomingTurn[] {
  if (chore.entries.length === 0) return [];
  return previewTurns(chore.mode, rotationStateOf(chore), chore.entries.length, today, count).map((turn, k) => ({
    when: whenLabel(chore, turn, k, dateFormat, i18n),
    who: entryLabel(chore.entries[turn.index]!),
  }));
}

/** "Today", "This week", "Now": when the current turn is. */
export function nowWord(mode: ChoreWithEntries['mode'], t: Translate): string {
  return mode === 'daily' ? t('calendar.today') : mode === 'weekly' ? t('chores.thisWeek') : t('calendar.now');
}

/** "today's turn", "this week's turn", "the current turn". */
export function turnWord(mode: ChoreWithEntries['mode'], t: Translate): string {
  return mode === 'daily' ? t('chores.turnToday') : mode === 'weekly' ? t('chores.turnThisWeek') : t('chores.turnCurrent');
}
