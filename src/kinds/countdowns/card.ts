import type { CivilDate } from '../../calendar/civil-date.js';
import type { I18n } from '../../i18n/i18n.js';
import { type DateFormat, formatFamilyDate } from '../../calendar/family-time.js';
import type { CardContext, ContentLinks } from '../kind.js';
import { cardIcon, escapeHtml as e } from '../card-html.js';
import { type CountdownWhen, countdownWhen, describeDays, sortByDaysRemaining } from './countdown.js';
import { birthdayTitle, parseBirthDate } from '../calendar/birthdays.js';
import type { BirthdayRow, CountdownRows } from './dashboard-rows.js';

// A countdown's card: how many days until a birthday or holiday, soonest
// first; past one-off dates are not shown.

export interface CountdownCard {
  /** The card's element id: "countdown-3", or "birthday-m2" for a birthday. */
  domId: string;
  name: string;
  icon: string;
  imageId: number | null;
  days: number;
  /** "Today!", "Tomorrow" or "N days". */
  label: string;
  date: CivilDate;
  dateText: string;
}

/** A birthday as a countdown: "Lily turns 9", or "Lily's birthday" when the year of birth is not known. */
type BirthdayItem = { key: string; title: string; image_id: number | null; when: CountdownWhen; year: number | null };

function birthdayItems(rows: readonly BirthdayRow[]): BirthdayItem[] {
  const items: BirthdayItem[] = [];
  for (const row of rows) {
    const birth = parseBirthDate(row.birth_date);
    if (birth) items.push({ key: row.key, title: row.name, image_id: row.image_id, when: { kind: 'yearly', month: birth.month, day: birth.day }, year: birth.year });
  }
  return items;
}

/** The dashboard's countdowns and the family's birthdays, soonest first (past one-offs left out). */
export function buildCountdownCards(rows: CountdownRows, today: CivilDate, dateFormat: DateFormat, i18n: I18n): CountdownCard[] {
  type Item = { card: Omit<CountdownCard, 'days' | 'label' | 'date' | 'dateText'>; when: CountdownWhen; bornIn: number | null; name: string };
  const items: Item[] = [
    ...rows.countdowns.map((c) => ({ card: { domId: `countdown-${c.id}`, name: c.name, icon: c.icon, imageId: c.image_id }, when: countdownWhen(c), bornIn: null, name: c.name })),
    ...birthdayItems(rows.birthdays).map((b) => ({ card: { domId: `birthday-${b.key}`, name: b.title, icon: '🎂', imageId: b.image_id }, when: b.when, bornIn: b.year, name: b.title })),
  ];
  return sortByDaysRemaining(items, (item) => item.when, today).map(
    (slot): CountdownCard => {
      const age = slot.item.bornIn === null ? null : slot.date.year - slot.item.bornIn;
      const name = slot.item.card.domId.startsWith('birthday-') ? birthdayTitle(slot.item.name, age !== null && age > 0 ? age : null, i18n.t) : slot.item.name;
      // Written out, not { ...card, name, … }: a spread whose properties are then overwritten takes V8's
      // slow path, which was 7-11% of a wall display page's time (docs/benchmarks.md).
      const card = slot.item.card;
      return { domId: card.domId, name, icon: card.icon, imageId: card.imageId, days: slot.days, label: describeDays(slot.days, i18n.t), date: slot.date, dateText: cardDate(slot.date, dateFormat, today, i18n) };
    },
  );
}

/** A countdown's date as a card has room for: "Thu 3 December" (with the year when not this year) in the long format, the family's format otherwise. */
export function cardDate(date: CivilDate, format: DateFormat, today: CivilDate, i18n: I18n): string {
  if (format !== 'long') return formatFamilyDate(date, format, i18n);
  return i18n.date(date, date.year === today.year ? 'cardDate' : 'cardDateYear');
}

const DEFAULT_COUNTDOWN_ICON = '📅';

export function countdownCardHtml(c: CountdownCard, links: ContentLinks, i18n: I18n): string {
  const soon = c.days === 0 ? ' is-today' : c.days === 1 ? ' is-tomorrow' : '';
  const days =
    c.days > 1
      ? `<span class="days-number">${e(i18n.number(c.days))}</span> <span class="days-unit">${e(i18n.t('countdowns.daysUnit', { count: c.days }))}</span>`
      : `<span class="days-word">${e(c.label)}</span>`;
  return (
    `<li class="dash-card countdown-card${soon}" id="${c.domId}">` +
    cardIcon(c.icon, c.imageId, DEFAULT_COUNTDOWN_ICON, links) +
    `<div class="card-body"><h3 class="card-title">${e(c.name)}</h3><p class="card-line countdown-date">${e(c.dateText)}</p></div>` +
    `<p class="countdown-days">${days}</p></li>`
  );
}

export function countdownCards(rows: CountdownRows, ctx: CardContext): string[] {
  return buildCountdownCards(rows, ctx.today, ctx.dateFormat, ctx.i18n).map((c) => countdownCardHtml(c, ctx.links, ctx.i18n));
}
