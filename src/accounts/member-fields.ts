import { cleanText } from '../views/clean-text.js';
import type { Role } from './tables.js';

// Checks for the fields a member has, shared by sign-up, invitations, the
// admin's member forms and a member's own profile.

export const ROLES: readonly { value: Role; label: string }[] = [
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
  { value: 'viewer', label: 'Viewer' },
];

/** What each role may do: beside the role picker (short labels fit a phone's select). */
export const ROLES_HINT = 'Admins (parents) manage everything; members see the dashboards and mark chores done; viewers only look.';

export function isRole(value: unknown): value is Role {
  return value === 'admin' || value === 'member' || value === 'viewer';
}

export const DISPLAY_NAME_MAX = 40;

export function displayNameProblem(value: string): string | null {
  const name = cleanText(value);
  if (!name) return 'Please enter a name.';
  if ([...name].length > DISPLAY_NAME_MAX) return `A name can have at most ${DISPLAY_NAME_MAX} characters.`;
  return null;
}

export function colorProblem(value: string): string | null {
  return /^#[0-9a-fA-F]{6}$/.test(value) ? null : 'Please pick a colour (like #2563eb).';
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** An avatar is one or two characters: an emoji, or initials. */
export function avatarProblem(value: string): string | null {
  const avatar = cleanText(value);
  if (!avatar) return 'Please choose an emoji or initials.';
  const graphemes = [...segmenter.segment(avatar)].length;
  if (graphemes > 2 || avatar.length > 32) return 'An avatar is one emoji, or one or two letters.';
  return null;
}

export const MEMBER_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#db2777', '#ca8a04'];
export const MEMBER_AVATARS = ['🙂', '😎', '🦊', '🐼', '🦄', '🐸', '🐯', '🐙', '🚀', '⚽', '🎨', '🌻'];
