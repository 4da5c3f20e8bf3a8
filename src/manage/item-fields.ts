import { cleanText } from '../views/clean-text.js';
import type { DashboardSize } from '../dashboards/tables.js';

// Checks for the fields dashboards, chores and countdowns share. Each returns
// a message for the field, or null when the value is fine.

export const DASHBOARD_NAME_MAX = 40;
export const ITEM_NAME_MAX = 60;

export function nameProblem(value: string, max: number, what: string): string | null {
  const name = cleanText(value);
  if (!name) return `Please give the ${what} a name.`;
  if ([...name].length > max) return `A ${what} name can have at most ${max} characters.`;
  return null;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** An icon is one emoji (or up to two letters); empty is allowed when a picture is used instead. */
export function iconProblem(value: string, hasPicture: boolean): string | null {
  const icon = cleanText(value);
  if (!icon) return hasPicture ? null : 'Please choose an emoji, or upload a picture.';
  if ([...segmenter.segment(icon)].length > 2 || icon.length > 32) return 'An icon is one emoji (or one or two letters).';
  return null;
}

export const DASHBOARD_SIZES: readonly { value: DashboardSize; label: string }[] = [
  { value: 'small', label: 'Small: more fits on the screen' },
  { value: 'medium', label: 'Medium' },
  { value: 'large', label: 'Large: readable from across the room' },
];

export function isDashboardSize(value: unknown): value is DashboardSize {
  return DASHBOARD_SIZES.some((s) => s.value === value);
}

export const CHORE_ICONS = ['🧹', '🍽️', '🗑️', '🧺', '🛏️', '🐕', '🐈', '🪴', '🚿', '🧽', '📚', '🥕', '🛒', '♻️'];
export const COUNTDOWN_ICONS = ['🎂', '🎄', '🎃', '🏖️', '🎉', '🏫', '✈️', '🐣', '💝', '⚽', '🎁', '⭐'];
