import { cleanText } from '../views/clean-text.js';
import type { Translate } from '../i18n/i18n.js';
import type { Role } from './tables.js';

// Checks for the fields a member has, shared by sign-up, invitations, the
// admin's member forms and a member's own profile.

export const ROLE_NAMES: readonly Role[] = ['admin', 'member', 'viewer'];

/** A role's name in the reader's language ("Admin", "Mitglied"). */
export function roleLabel(role: Role, t: Translate): string {
  return role === 'admin' ? t('members.roleAdmin') : role === 'member' ? t('members.roleMember') : t('members.roleViewer');
}

/** The role picker's choices. */
export function roleOptions(t: Translate): { value: Role; label: string }[] {
  return ROLE_NAMES.map((value) => ({ value, label: roleLabel(value, t) }));
}

export function isRole(value: unknown): value is Role {
  return value === 'admin' || value === 'member' || value === 'viewer';
}

export const DISPLAY_NAME_MAX = 40;

export function displayNameProblem(value: string, t: Translate): string | null {
  const name = cleanText(value);
  if (!name) return t('members.nameMissing');
  if ([...name].length > DISPLAY_NAME_MAX) return t('members.nameLong', { count: DISPLAY_NAME_MAX });
  return null;
}

export function colorProblem(value: string, t: Translate): string | null {
  return /^#[0-9a-fA-F]{6}$/.test(value) ? null : t('members.colorBad');
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** An avatar is one or two characters: an emoji, or initials. */
export function avatarProblem(value: string, t: Translate): string | null {
  const avatar = cleanText(value);
  if (!avatar) return t('members.avatarMissing');
  const graphemes = [...segmenter.segment(avatar)].length;
  if (graphemes > 2 || avatar.length > 32) return t('members.avatarLong');
  return null;
}

/**
 * New members' colours, in the order they are handed out: the Okabe–Ito
 * palette (told apart with the common colour blindnesses), its light members
 * darkened so that each keeps at least 3:1 contrast against both the light
 * page (#f6f5f2) and the dark card (#191c22), as a ring around an avatar must.
 * Blue, vermillion and bluish green first: the three most distinct.
 */
export const MEMBER_COLORS = ['#0072b2', '#d55e00', '#009e73', '#c0528f', '#b07a00', '#2a8cc4', '#8b6fcf', '#7a7a7a'];
/** New members' avatars in the order they are handed out (animals first: told apart by shape), and the form's suggestions. */
export const MEMBER_AVATARS = ['🦊', '🐼', '🐸', '🦉', '🐙', '🦄', '🐯', '🐢', '🐝', '🐳', '🦁', '🐧', '🙂', '😎', '🚀', '⚽', '🎨', '🌻'];

/** The first of `choices` that the fewest members already use (so a family's first eight members all differ). */
export function leastUsed(choices: readonly string[], used: readonly string[]): string {
  const counts = new Map(choices.map((choice) => [choice.toLowerCase(), 0]));
  for (const value of used) {
    const key = value.toLowerCase();
    const count = counts.get(key);
    if (count !== undefined) counts.set(key, count + 1);
  }
  let best = choices[0]!;
  for (const choice of choices) if (counts.get(choice.toLowerCase())! < counts.get(best.toLowerCase())!) best = choice;
  return best;
}

/** A new member's colour and avatar, given those of the family's members. */
export function nextMemberLook(members: readonly { color: string; avatar: string }[]): { color: string; avatar: string } {
  return {
    color: leastUsed(MEMBER_COLORS, members.map((m) => m.color)),
    avatar: leastUsed(MEMBER_AVATARS, members.map((m) => m.avatar)),
  };
}
