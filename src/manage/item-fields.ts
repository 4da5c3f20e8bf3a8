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

// The wall display sizes its type to fill the screen (src/views/static/app.js);
// the one preference left is how small it may go before items move behind
// "+ N more". Older files may say 'small', which reads as the standard fit.
export const DASHBOARD_SIZES: readonly { value: DashboardSize; label: string }[] = [
  { value: 'medium', label: 'Standard: as much as fits on the screen' },
  { value: 'large', label: 'Fewer, bigger: larger type, the rest behind “+ N more”' },
];

export function isDashboardSize(value: unknown): value is DashboardSize {
  return value === 'small' || DASHBOARD_SIZES.some((s) => s.value === value);
}

export const CHORE_ICONS = ['🧹', '🍽️', '🗑️', '🧺', '🛏️', '🐕', '🐈', '🪴', '🚿', '🧽', '📚', '🥕', '🛒', '♻️'];
export const COUNTDOWN_ICONS = ['🎂', '🎄', '🎃', '🏖️', '🎉', '🏫', '✈️', '🐣', '💝', '⚽', '🎁', '⭐'];
