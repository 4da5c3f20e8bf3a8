import { type CivilDate, MONTH_NAMES, WEEKDAY_NAMES, isoWeekday } from '../../calendar/civil-date.js';
import { type DateFormat, formatFamilyDate } from '../../calendar/family-time.js';
import type { CardContext, ContentLinks } from '../kind.js';
import { cardIcon, escapeHtml as e } from '../card-html.js';
import { countdownWhen, describeDays, sortByDaysRemaining } from './countdown.js';
import type { DashboardCountdownRow } from './dashboard-rows.js';

// A countdown's card: how many days until a birthday or holiday, soonest
// first; past one-off dates are not shown.

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

export function buildCountdownCards(rows: readonly DashboardCountdownRow[], today: CivilDate, dateFormat: DateFormat): CountdownCard[] {
  return sortByDaysRemaining(rows, countdownWhen, today).map(
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
}

/** A countdown's date as a card has room for: "Thu 3 December" (with the year when not this year) in the long format, the family's format otherwise. */
export function cardDate(date: CivilDate, format: DateFormat, today: CivilDate): string {
  if (format !== 'long') return formatFamilyDate(date, format);
  const text = `${WEEKDAY_NAMES[isoWeekday(date) - 1]!.slice(0, 3)} ${date.day} ${MONTH_NAMES[date.month - 1]}`;
  return date.year === today.year ? text : `${text} ${date.year}`;
}

const DEFAULT_COUNTDOWN_ICON = '📅';

export function countdownCardHtml(c: CountdownCard, links: ContentLinks): string {
  const soon = c.days === 0 ? ' is-today' : c.days === 1 ? ' is-tomorrow' : '';
  const days = c.days > 1 ? `<span class="days-number">${c.days}</span> <span class="days-unit">days</span>` : `<span class="days-word">${e(c.label)}</span>`;
  return (
    `<li class="dash-card countdown-card${soon}" id="countdown-${c.id}">` +
    cardIcon(c.icon, c.imageId, DEFAULT_COUNTDOWN_ICON, links) +
    `<div class="card-body"><h3 class="card-title">${e(c.name)}</h3><p class="card-line countdown-date">${e(c.dateText)}</p></div>` +
    `<p class="countdown-days">${days}</p></li>`
  );
}

export function countdownCards(rows: readonly DashboardCountdownRow[], ctx: CardContext): string[] {
  return buildCountdownCards(rows, ctx.today, ctx.dateFormat).map((c) => countdownCardHtml(c, ctx.links));
}
