// What a dashboard shows, worked out from its rows and today's date: whose
// turn each chore is, which are done, and the countdowns soonest first. Pure,
// so the page and the wall display render the same thing.

import { type CivilDate, MONTH_NAMES, WEEKDAY_NAMES, isoWeekday } from '../calendar/civil-date.js';
import { type DateFormat, formatFamilyDate, isDateFormat } from '../calendar/family-time.js';
import { turnIndex, type RotationMode } from '../kinds/chores/rotation.js';
import { countdownWhen, describeDays, sortByDaysRemaining } from '../kinds/countdowns/countdown.js';
import type { DashboardItems, RotationEntryRow } from './dashboard-queries.js';

/** Someone in a rotation: a member (with their colour and avatar) or a free-text name. */
export interface Person {
  /** Same person, same key (entries may repeat in a rotation). */
  key: string;
  entryId: number;
  name: string;
  memberId: number | null;
  color: string | null;
  avatar: string | null;
  imageId: number | null;
}

export interface ChoreCard {
  id: number;
  name: string;
  icon: string;
  imageId: number | null;
  mode: RotationMode;
  /** Whose turn it is now; null when nobody is in the rotation. */
  turn: Person | null;
  /** Set when the chore was marked done today. */
  done: { byName: string; byMemberId: number | null } | null;
  /** Everyone in the rotation once, in rotation order (for "who did it"). */
  people: Person[];
}

export interface CountdownCard {
  id: number;
  name: string;
  icon: string;
  imageId: number | null;
  days: number;
  /** "Today!", "Tomorrow" or "N days". */
  label: string;
  date: CivilDate;
  dateText: string;
}

export interface DashboardView {
  today: CivilDate;
  dateText: string;
  chores: ChoreCard[];
  countdowns: CountdownCard[];
}

function personOf(entry: RotationEntryRow): Person {
  if (entry.member_id !== null) {
    return {
      key: `m:${entry.member_id}`,
      entryId: entry.id,
      name: entry.member_name ?? 'Someone',
      memberId: entry.member_id,
      color: entry.member_color,
      avatar: entry.member_avatar,
      imageId: entry.member_image_id,
    };
  }
  return { key: `n:${entry.name ?? ''}`, entryId: entry.id, name: entry.name ?? 'Someone', memberId: null, color: null, avatar: null, imageId: null };
}

function distinctPeople(people: Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => (seen.has(p.key) ? false : (seen.add(p.key), true)));
}


export function familyDateFormat(value: string): DateFormat {
  return isDateFormat(value) ? value : 'long';
}

export function buildDashboardView(items: DashboardItems, today: CivilDate, dateFormat: DateFormat): DashboardView {
  const entriesByChore = new Map<number, Person[]>();
  for (const entry of items.entries) {
    let list = entriesByChore.get(entry.chore_id);
    if (!list) entriesByChore.set(entry.chore_id, (list = []));
    list.push(personOf(entry));
  }
  const doneByChore = new Map<number, ChoreCard['done']>();
  for (const c of items.completions) {
    if (!doneByChore.has(c.chore_id)) doneByChore.set(c.chore_id, { byName: c.done_by_name, byMemberId: c.done_by_member_id });
  }
  const chores: ChoreCard[] = items.chores.map((chore) => {
    const rotation = entriesByChore.get(chore.id) ?? [];
    const turn = rotation.length
      ? rotation[turnIndex(chore.mode, { anchorDay: chore.anchor_day, offset: chore.turn_offset }, rotation.length, today)]!
      : null;
    return {
      id: chore.id,
      name: chore.name,
      icon: chore.icon,
      imageId: chore.image_id,
      mode: chore.mode,
      turn,
      done: doneByChore.get(chore.id) ?? null,
      people: distinctPeople(rotation),
    };
  });
  const countdowns = sortByDaysRemaining(items.countdowns, countdownWhen, today).map(
    (slot): CountdownCard => ({
      id: slot.item.id,
      name: slot.item.name,
      icon: slot.item.icon,
      imageId: slot.item.image_id,
      days: slot.days,
      label: describeDays(slot.days),
      date: slot.date,
      dateText: cardDate(slot.date, dateFormat, today),
    }),
  );
  return { today, dateText: formatFamilyDate(today, dateFormat), chores, countdowns };
}

/** A countdown's date as a card has room for: "Thu 3 December" (with the year when not this year) in the long format, the family's format otherwise. */
export function cardDate(date: CivilDate, format: DateFormat, today: CivilDate): string {
  if (format !== 'long') return formatFamilyDate(date, format);
  const text = `${WEEKDAY_NAMES[isoWeekday(date) - 1]!.slice(0, 3)} ${date.day} ${MONTH_NAMES[date.month - 1]}`;
  return date.year === today.year ? text : `${text} ${date.year}`;
}

export { countdownWhen };
