import { english, type Translate } from '../../i18n/i18n.js';

/** "@a or @b" in the language (the reader's t knows its language). */
function i18nList(t: Translate, items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : t('rotation.or', { first: items.slice(0, -1).join(', '), last: items[items.length - 1]! });
}
// The rotation as a parent types it on a phone: one name per line, in turn
// order. A line naming a member of the family (their name on the dashboard,
// their username, or "@username") links to that member; any other line is a
// free-text name (a guest, a pet, "Everyone"). Pure: no database here.

import { cleanText } from '../../views/clean-text.js';
import { usernameKey } from '../../accounts/username.js';
import { MAX_ROTATION_LENGTH, validateRotationLength } from './rotation.js';
import type { RotationEntryInput } from './queries.js';

export interface RotationMember {
  id: number;
  username: string;
  display_name: string;
}

/** Longest free-text name in a rotation (the same limit as a member's name). */
export const ENTRY_NAME_MAX = 40;
/** More than enough for 365 entries of 40 characters. */
export const ROTATION_TEXT_MAX = MAX_ROTATION_LENGTH * (ENTRY_NAME_MAX + 2);

export type ParsedRotation = { ok: true; entries: RotationEntryInput[] } | { ok: false; message: string };

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase();

function membersNamed(members: readonly RotationMember[], line: string): RotationMember[] {
  const wanted = fold(line);
  return members.filter((m) => fold(cleanText(m.display_name)) === wanted);
}

function memberWithUsername(members: readonly RotationMember[], username: string): RotationMember | undefined {
  const key = usernameKey(username);
  return members.find((m) => usernameKey(m.username) === key);
}

/** What one line means: a member, a free-text name, or a message saying why it cannot be used. */
function parseLine(line: string, lineNumber: number, members: readonly RotationMember[], t: Translate): RotationEntryInput | string {
  if (line.startsWith('@')) {
    const member = memberWithUsername(members, line.slice(1).trim());
    return member ? { member_id: member.id, name: null } : t('rotation.noUsername', { line: lineNumber, username: line });
  }
  const named = membersNamed(members, line);
  if (named.length === 1) return { member_id: named[0]!.id, name: null };
  if (named.length > 1) {
    const choices = i18nList(t, named.map((m) => `@${m.username}`));
    return t('rotation.ambiguous', { line: lineNumber, count: named.length, name: line, choices });
  }
  const byUsername = memberWithUsername(members, line);
  if (byUsername) return { member_id: byUsername.id, name: null };
  if ([...line].length > ENTRY_NAME_MAX) return t('rotation.lineLong', { line: lineNumber, count: ENTRY_NAME_MAX });
  return { member_id: null, name: line };
}

/** Reads the rotation box. Blank lines are skipped; duplicates and order are kept. */
export function parseRotationText(text: string, members: readonly RotationMember[], t: Translate): ParsedRotation {
  if (text.length > ROTATION_TEXT_MAX) return { ok: false, message: t('rotation.listLong', { count: MAX_ROTATION_LENGTH }) };
  const entries: RotationEntryInput[] = [];
  const problems: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = cleanText(raw);
    if (!line) return;
    const result = parseLine(line, i + 1, members, t);
    if (typeof result === 'string') problems.push(result);
    else entries.push(result);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join(' ');
    return { ok: false, message: problems.length > 3 ? `${shown} ${t('rotation.moreLines', { count: problems.length - 3 })}` : shown };
  }
  const lengthProblem = validateRotationLength(entries.length, t);
  if (lengthProblem) {
    const extra = entries.length > MAX_ROTATION_LENGTH ? ` ${t('rotation.thisHas', { count: entries.length })}` : '';
    return { ok: false, message: `${lengthProblem}.${extra}` };
  }
  return { ok: true, entries };
}

/**
 * The rotation box's text for stored entries. A member is written by their
 * name when that name reads back as them, else as @username.
 */
export function formatRotationText(entries: readonly { member_id: number | null; name: string | null }[], members: readonly RotationMember[]): string {
  return entries
    .map((entry) => {
      if (entry.member_id === null) return entry.name ?? '';
      const member = members.find((m) => m.id === entry.member_id);
      if (!member) return '';
      const byName = parseLine(cleanText(member.display_name), 1, members, english.t); // only whether it reads back
      const readsBack = typeof byName !== 'string' && byName.member_id === member.id;
      return readsBack ? cleanText(member.display_name) : `@${member.username}`;
    })
    .filter(Boolean)
    .join('\n');
}
