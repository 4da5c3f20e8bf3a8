import type { Translate } from '../i18n/i18n.js';

/** How long ago, in the fewest words: "just now", "25 min ago", "3 h ago", "2 days ago" (and so in every language). */
export function ago(ms: number, t: Translate): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t('ago.justNow');
  if (minutes < 60) return t('ago.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('ago.hours', { count: hours });
  return t('ago.days', { count: Math.floor(hours / 24) });
}
