import { addDays, formatIsoDate, parseIsoDate } from '../../calendar/civil-date.js';
import type { I18n } from '../../i18n/i18n.js';
import type { CardContext, ContentLinks } from '../kind.js';
import { escapeHtml as e, img } from '../card-html.js';
import { ago } from '../../views/ago.js';
import { type AgendaEntry, type EntryPerson, agendaBetween, calendarName, entryTitle } from './agenda.js';
import { type CalendarRows, calendarSources } from './calendar-queries.js';
import { CARD_DAYS } from './dashboard-rows.js';

// The calendar card: today's events and the next days, each with its time,
// its calendar's colour and whose it is; all-day events first on each day; a
// running event marked as now. Events that are over are left out: the wall
// shows what is coming. An event of a feed whose last fetch failed says how
// old its copy is.

/**
 * The most entries a card sends. More never fit on a wall (a 4K screen shows
 * some 15 rows at its smallest type), and a family subscribed to a school's,
 * a club's and a league's calendars can have hundreds in a week: the display
 * page would grow to hundreds of kilobytes, sent again on every change.
 */
export const CARD_ENTRIES_SENT = 40;

/** A copy older than this says its age even when nothing failed (nobody looked for a while, or the Pi was offline). */
const OLD_COPY_MS = 3 * 60 * 60 * 1000;

export interface CalendarCardEntry {
  entry: AgendaEntry;
  /** "Today", "Tomorrow", "Tue 8". */
  dayLabel: string;
  /** "All day", "09:00", "Now", "until 11:00". */
  timeLabel: string;
  now: boolean;
  /** "updated 3 h ago" for an entry from a feed that could not be fetched lately. */
  staleNote: string | null;
}

/** "15:30" or "3:30 pm" from a family-local 'YYYY-MM-DDTHH:MM', by the family's clock. */
function timeOf(local: string, i18n: I18n): string {
  return i18n.time(Number(local.slice(11, 13)), Number(local.slice(14, 16)));
}

function dayLabel(date: string, today: string, tomorrow: string, i18n: I18n): string {
  if (date <= today) return i18n.t('calendar.today');
  if (date === tomorrow) return i18n.t('calendar.tomorrow');
  const d = parseIsoDate(date);
  return d ? i18n.date(d, 'shortWeekdayDay') : date;
}

/**
 * The agenda of the card's days, worked out once per rows read: the rows are
 * remembered for as long as the family's data and day stay the same
 * (rememberDashboardSections), and expanding thousands of series is most of a
 * render otherwise (docs/benchmarks.md, "The family calendar"). Only what
 * depends on the minute (what is over, what runs now) is done per request.
 */
const agendaOfRows = new WeakMap<CalendarRows, { key: string; entries: AgendaEntry[] }>();

function cardAgenda(rows: CalendarRows, timeZone: string, today: CardContext['today']): AgendaEntry[] {
  const key = `${timeZone} ${formatIsoDate(today)}`;
  const known = agendaOfRows.get(rows);
  if (known?.key === key) return known.entries;
  const { sources, birthdays } = calendarSources(rows);
  const entries = agendaBetween(sources, birthdays, timeZone, today, CARD_DAYS);
  agendaOfRows.set(rows, { key, entries });
  return entries;
}

/** The card's entries in order, from the calendar's rows: pure. */
export function buildCalendarCard(rows: CalendarRows, ctx: Pick<CardContext, 'today' | 'timeZone' | 'now' | 'i18n'>): CalendarCardEntry[] {
  const { i18n } = ctx;
  const { t } = i18n;
  const entries = cardAgenda(rows, ctx.timeZone, ctx.today);
  const today = formatIsoDate(ctx.today);
  const tomorrow = formatIsoDate(addDays(ctx.today, 1));
  const staleByCalendar = new Map<string, string>();
  for (const feed of rows.feeds) {
    const age = feed.fetched_at === null ? null : ctx.now - feed.fetched_at;
    if (feed.fetched_at !== null && age !== null && (feed.error !== null || age > OLD_COPY_MS)) staleByCalendar.set(feed.name, t('calendar.updated', { ago: ago(age, t) }));
  }
  const card: CalendarCardEntry[] = [];
  for (const entry of entries) {
    if (!entry.allDay && entry.endMs <= ctx.now) continue;
    const running = !entry.allDay && entry.startMs <= ctx.now;
    const started = entry.start.slice(0, 10) < today;
    let timeLabel: string;
    if (entry.allDay) timeLabel = t('calendar.allDay');
    else if (running) timeLabel = t('calendar.now');
    else if (started) timeLabel = t('calendar.until', { time: timeOf(entry.end, i18n) });
    else timeLabel = timeOf(entry.start, i18n);
    // A feed's copy is old: only feeds' entries say so (a feed may not be named like DinkyDash's own calendars).
    const staleNote = entry.builtIn ? null : (staleByCalendar.get(entry.calendar) ?? null);
    card.push({ entry, dayLabel: dayLabel(entry.start.slice(0, 10), today, tomorrow, i18n), timeLabel, now: running, staleNote });
  }
  return card;
}

function badge(person: EntryPerson, links: ContentLinks): string {
  const inner = person.imageId !== null ? img(links.image(person.imageId)) : e(person.avatar || person.name.slice(0, 1).toUpperCase());
  return `<span class="person-avatar is-member" style="--member-color: ${e(person.color)}" aria-hidden="true">${inner}</span>`;
}

export function calendarEntryHtml(item: CalendarCardEntry, links: ContentLinks, t: I18n['t']): string {
  const { entry } = item;
  const who = entry.person ? `${badge(entry.person, links)}<span class="entry-person">${e(entry.person.name)}</span>` : '';
  const meta = [who ? `<span class="entry-who">${who}</span>` : '', `<span class="entry-calendar">${e(calendarName(entry, t))}</span>`, item.staleNote ? `<span class="entry-stale">${e(item.staleNote)}</span>` : '']
    .filter(Boolean)
    .join('<span aria-hidden="true"> · </span>');
  const classes = `dash-card calendar-entry${item.now ? ' is-now' : ''}${entry.allDay ? ' is-all-day' : ''}`;
  return (
    `<li class="${classes}" style="--entry-color: ${e(entry.color)}">` +
    `<p class="entry-when"><span class="entry-day">${e(item.dayLabel)}</span><span class="entry-time">${e(item.timeLabel)}</span></p>` +
    `<div class="card-body"><h3 class="card-title">${e(entryTitle(entry, t))}</h3><p class="card-line entry-meta">${meta}</p></div></li>`
  );
}

export function calendarCards(rows: CalendarRows, ctx: CardContext): string[] {
  const entries = buildCalendarCard(rows, ctx);
  const { t } = ctx.i18n;
  if (entries.length === 0) {
    return [`<li class="dash-card calendar-entry is-empty"><div class="card-body"><p class="card-line muted">${e(t('calendar.nothing', { count: CARD_DAYS }))}</p></div></li>`];
  }
  const shown = entries.slice(0, CARD_ENTRIES_SENT).map((item) => calendarEntryHtml(item, ctx.links, t));
  const beyond = entries.length - shown.length;
  // What is not sent is counted in the "+ N more" that the display's fit shows (app.js adds it to what it hides).
  if (beyond > 0) shown.push(`<li class="dash-more" data-beyond="${beyond}">${e(t('dash.more', { count: beyond }))}</li>`);
  return shown;
}
