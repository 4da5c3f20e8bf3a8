import { pad2 } from '../calendar/civil-date.js';
import { localTimeIn } from '../calendar/family-time.js';
import type { ClockFormat } from '../family/tables.js';
import type { I18n } from '../i18n/i18n.js';
import { escapeHtml } from './escape.js';

// The clock in a dashboard's header: the family's wall-clock time, in 12- or
// 24-hour form as the family chose. Rendered here so a page without
// JavaScript shows it; app.js keeps it right every minute (the same rules,
// written again in the browser).

export function isClockFormat(value: unknown): value is ClockFormat {
  return value === '12' || value === '24';
}

export interface ClockFace {
  /** "15:05" or "3:05". */
  hm: string;
  /** "am"/"pm" on a 12-hour clock, else "". */
  suffix: string;
  /** The time for <time datetime>: always "15:05". */
  datetime: string;
}

export function clockFace(hour: number, minute: number, format: ClockFormat, i18n: I18n): ClockFace {
  const datetime = `${pad2(hour)}:${pad2(minute)}`;
  if (format === '24') return { hm: datetime, suffix: '', datetime };
  const periods = i18n.dayPeriods();
  return { hm: `${hour % 12 || 12}:${pad2(minute)}`, suffix: hour < 12 ? periods.am : periods.pm, datetime };
}

/** The header's clock for this instant in the family's zone (UTC if the zone is unusable). */
export function clockHtml(timeZone: string, now: Date, format: string, i18n: I18n): string {
  let local: { hour: number; minute: number };
  try {
    local = localTimeIn(timeZone, now);
  } catch {
    local = localTimeIn('UTC', now);
  }
  const form: ClockFormat = isClockFormat(format) ? format : '24';
  const face = clockFace(local.hour, local.minute, form, i18n);
  const suffix = face.suffix ? `<span class="clock-suffix"> ${escapeHtml(face.suffix)}</span>` : '';
  return `<p class="dash-clock"><time class="dash-time" datetime="${face.datetime}" data-clock="${form}">${face.hm}${suffix}</time></p>`;
}
