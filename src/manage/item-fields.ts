import { cleanText } from '../views/clean-text.js';
import type { DashboardSize } from '../dashboards/tables.js';
import type { Translate } from '../i18n/i18n.js';

// Checks for the fields dashboards, chores and countdowns share. Each returns
// a message for the field, or null when the value is fine.

export const DASHBOARD_NAME_MAX = 40;
export const ITEM_NAME_MAX = 60;

/** What a name belongs to: each says its problems in its own words (a German noun has its own gender). */
export type NamedThing = 'dashboard' | 'chore' | 'countdown';

export function nameProblem(value: string, max: number, what: NamedThing, t: Translate): string | null {
  const name = cleanText(value);
  if (!name) return what === 'dashboard' ? t('manage.nameMissingDashboard') : what === 'chore' ? t('manage.nameMissingChore') : t('manage.nameMissingCountdown');
  if ([...name].length > max) return what === 'dashboard' ? t('manage.nameLongDashboard', { count: max }) : what === 'chore' ? t('manage.nameLongChore', { count: max }) : t('manage.nameLongCountdown', { count: max });
  return null;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** An icon is one emoji (or up to two letters); empty is allowed when a picture is used instead. */
export function iconProblem(value: string, hasPicture: boolean, t: Translate): string | null {
  const icon = cleanText(value);
  if (!icon) return hasPicture ? null : t('manage.iconMissing');
  if ([...segmenter.segment(icon)].length > 2 || icon.length > 32) return t('manage.iconLong');
  return null;
}

// The wall display sizes its type to fill the screen (src/views/static/app.js);
// the one preference left is how small it may go before items move behind
// "+ N more". Older files may say 'small', which reads as the standard fit.
export const DASHBOARD_SIZES: readonly DashboardSize[] = ['medium', 'large'];

/** The layout picker's choices. */
export function dashboardSizeOptions(t: Translate): { value: DashboardSize; label: string }[] {
  return [
    { value: 'medium', label: t('manage.sizeMedium') },
    { value: 'large', label: t('manage.sizeLarge') },
  ];
}

/** A layout's short name, as the hub shows it ("Standard"). */
export function dashboardSizeName(size: DashboardSize, t: Translate): string {
  return size === 'large' ? t('manage.sizeLargeName') : t('manage.sizeMediumName');
}

export function isDashboardSize(value: unknown): value is DashboardSize {
  return value === 'small' || DASHBOARD_SIZES.some((s) => s === value);
}

export const CHORE_ICONS = ['🧹', '🍽️', '🗑️', '🧺', '🛏️', '🐕', '🐈', '🪴', '🚿', '🧽', '📚', '🥕', '🛒', '♻️'];
export const COUNTDOWN_ICONS = ['🎂', '🎄', '🎃', '🏖️', '🎉', '🏫', '✈️', '🐣', '💝', '⚽', '🎁', '⭐'];
