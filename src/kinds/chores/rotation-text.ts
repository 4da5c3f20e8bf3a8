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
function parseLine(line: string, lineNumber: number, members: readonly RotationMember[]): RotationEntryInput | string {
  if (line.startsWith('@')) {
    const member = memberWithUsername(members, line.slice(1).trim());
    return member ? { member_id: member.id, name: null } : `Line ${lineNumber}: nobody in the family has the username "${line}".`;
  }
  const named = membersNamed(members, line);
  if (named.length === 1) return { member_id: named[0]!.id, name: null };
  if (named.length > 1) {
    const choices = named.map((m) => `@${m.username}`).join(' or ');
    return `Line ${lineNumber}: ${named.length} members are called "${line}". Write ${choices} instead.`;
  }
  const byUsername = memberWithUsername(members, line);
  if (byUsername) return { member_id: byUsername.id, name: null };
  if ([...line].length > ENTRY_NAME_MAX) return `Line ${lineNumber} is too long: a name can have at most ${ENTRY_NAME_MAX} characters.`;
  return { member_id: null, name: line };
}

/** Reads the rotation box. Blank lines are skipped; duplicates and order are kept. */
export function parseRotationText(text: string, members: readonly RotationMember[]): ParsedRotation {
  if (text.length > ROTATION_TEXT_MAX) return { ok: false, message: `That list is too long: a rotation can have at most ${MAX_ROTATION_LENGTH} entries.` };
  const entries: RotationEntryInput[] = [];
  const problems: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = cleanText(raw);
    if (!line) return;
    const result = parseLine(line, i + 1, members);
    if (typeof result === 'string') problems.push(result);
    else entries.push(result);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join(' ');
    return { ok: false, message: problems.length > 3 ? `${shown} (and ${problems.length - 3} more lines)` : shown };
  }
  const lengthProblem = validateRotationLength(entries.length);
  if (lengthProblem) {
    const extra = entries.length > MAX_ROTATION_LENGTH ? ` This list has ${entries.length}.` : '';
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
      const byName = parseLine(cleanText(member.display_name), 1, members);
      const readsBack = typeof byName !== 'string' && byName.member_id === member.id;
      return readsBack ? cleanText(member.display_name) : `@${member.username}`;
    })
    .filter(Boolean)
    .join('\n');
}
