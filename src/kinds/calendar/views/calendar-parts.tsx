import type { Child } from 'hono/jsx';
import { type CivilDate, formatIsoDate } from '../../../calendar/civil-date.js';
import type { WeekStart } from '../../../family/tables.js';
import type { I18n, Translate } from '../../../i18n/i18n.js';
import { calendarName, entryTitle } from '../agenda.js';
import { Notice } from '../../../views/form.js';
import { type DayItem, type DayTime, type OwnOccurrence, clockText, dayHeading, relativeDay } from '../calendar-view.js';

// What the agenda, week and month pages share: the heading with the views
// and plain previous/next links (no JavaScript needed), and one entry.

export interface CalendarPageContext {
  slug: string;
  today: CivilDate;
  /** The reader's language, in the family's zone and with its clock and date order. */
  i18n: I18n;
  weekStart: WeekStart;
  /** Members and admins add and change events; viewers only look. */
  canEdit: boolean;
}

export type CalendarViewName = 'agenda' | 'week' | 'month';

/** Where an own event's entry leads: the occurrence of a repeating one, or the event. */
export function eventHref(slug: string, own: OwnOccurrence): string {
  return own.repeating ? `/${slug}/calendar/events/${own.eventId}/on/${own.occurrenceDate}` : `/${slug}/calendar/events/${own.eventId}`;
}

export function newEventHref(slug: string, date: CivilDate): string {
  return `/${slug}/calendar/events/new?date=${formatIsoDate(date)}`;
}

const COLOR = /^#[0-9a-f]{6}$/i;

function safeColor(color: string): string {
  return COLOR.test(color) ? color : '#64748b';
}

function TimeOf(props: { date: string; hhmm: string; i18n: I18n }) {
  return <time datetime={`${props.date}T${props.hhmm}`}>{clockText(props.hhmm, props.i18n)}</time>;
}

/** A message with one {time} as the words before and after it, for a <time> element in between. */
function aroundTime(t: Translate, key: 'calendar.fromTime' | 'calendar.until'): [string, string] {
  const [before = '', after = ''] = t(key, { time: '\u0000' }).split('\u0000');
  return [before, after];
}

/** "All day", "9:00 – 10:00", "from 22:00", "until 07:00". */
export function EntryTime(props: { time: DayTime; date: string; i18n: I18n }) {
  const { time, date, i18n } = props;
  const { t } = i18n;
  switch (time.kind) {
    case 'all-day':
      return <>{t('calendar.allDay')}</>;
    case 'span':
      return time.end === null ? (
        <TimeOf date={date} hhmm={time.start} i18n={i18n} />
      ) : (
        <>
          <TimeOf date={date} hhmm={time.start} i18n={i18n} />
          <span aria-hidden="true">–</span>
          <span class="visually-hidden"> {t('calendar.timeTo')} </span>
          <TimeOf date={date} hhmm={time.end} i18n={i18n} />
        </>
      );
    case 'from': {
      const [before, after] = aroundTime(t, 'calendar.fromTime');
      return (
        <>
          {before}
          <TimeOf date={date} hhmm={time.start} i18n={i18n} />
          {after}
        </>
      );
    }
    case 'until': {
      const [before, after] = aroundTime(t, 'calendar.until');
      return (
        <>
          {before}
          <TimeOf date={date} hhmm={time.end} i18n={i18n} />
          {after}
        </>
      );
    }
  }
}

function PersonBadge(props: { slug: string; person: NonNullable<DayItem['entry']['person']> }) {
  const { person } = props;
  return (
    <span class="person-avatar is-member" style={`--member-color: ${safeColor(person.color)}`} aria-hidden="true">
      {person.imageId !== null ? <img src={`/${props.slug}/images/${person.imageId}`} alt="" /> : person.avatar || person.name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** One entry on one day: its time, title (a link to change it, for own events and members), whose and which calendar. */
export function EntryItem(props: { item: DayItem; date: string; ctx: CalendarPageContext; compact?: boolean }) {
  const { entry, time } = props.item;
  const { ctx } = props;
  const { t } = ctx.i18n;
  const href = ctx.canEdit && entry.own ? eventHref(ctx.slug, entry.own) : null;
  const title = entryTitle(entry, t) || t('calendar.noTitle');
  const meta = [
    entry.person ? (
      <span class="cal-entry-who">
        <PersonBadge slug={ctx.slug} person={entry.person} />
        {entry.person.name}
      </span>
    ) : null,
    <span class="cal-entry-calendar">{calendarName(entry, t)}</span>,
    entry.location ? <span class="cal-entry-location">{entry.location}</span> : null,
  ].filter((part) => part !== null);
  return (
    <li class={`cal-entry${time.kind === 'all-day' ? ' is-all-day' : ''}`} style={`--entry-color: ${safeColor(entry.color)}`}>
      <span class="cal-entry-time">
        <EntryTime time={time} date={props.date} i18n={ctx.i18n} />
      </span>
      <span class="cal-entry-title">{href ? <a href={href}>{title}</a> : title}</span>
      {props.compact ? null : (
        <span class="cal-entry-meta">
          {meta.map((part, i) => (
            <>
              {i > 0 ? <span aria-hidden="true"> · </span> : null}
              {part}
            </>
          ))}
        </span>
      )}
      {props.compact || !entry.description ? null : <span class="cal-entry-note">{entry.description}</span>}
    </li>
  );
}

/** "Today · Tuesday 10 March". */
export function DayTitle(props: { date: CivilDate; ctx: CalendarPageContext }) {
  const relative = relativeDay(props.date, props.ctx.today, props.ctx.i18n.t);
  return (
    <>
      {relative ? <span class="cal-relative">{relative} · </span> : null}
      {dayHeading(props.date, props.ctx.today, props.ctx.i18n)}
    </>
  );
}

/** The page's heading: the views, what is shown, previous/today/next as plain links, and the add button. */
export function CalendarHeader(props: {
  ctx: CalendarPageContext;
  view: CalendarViewName;
  heading: string;
  prev: string;
  next: string;
  todayHref: string;
  /** What previous and next move by, for screen readers: "week". */
  unit: string;
  addOn: CivilDate;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  const base = `/${ctx.slug}/calendar`;
  const views: { name: CalendarViewName; href: string; label: string }[] = [
    { name: 'agenda', href: base, label: t('calendar.agenda') },
    { name: 'week', href: `${base}/week`, label: t('calendar.week') },
    { name: 'month', href: `${base}/month`, label: t('calendar.month') },
  ];
  return (
    <>
      <div class="cal-head">
        <h1>{t('calendar.title')}</h1>
        {ctx.canEdit ? (
          <a class="button" href={newEventHref(ctx.slug, props.addOn)}>
            {t('calendar.addEvent')}
          </a>
        ) : null}
      </div>
      <Notice message={props.notice} />
      <nav class="cal-views" aria-label={t('calendar.views')}>
        {views.map((v) => (
          <a href={v.href} aria-current={v.name === props.view ? 'page' : undefined}>
            {v.label}
          </a>
        ))}
      </nav>
      <div class="cal-pager">
        <a class="button secondary" href={props.prev} rel="prev">
          <span aria-hidden="true">←</span> <span class="cal-pager-word">{t('calendar.previous')}</span>
          <span class="visually-hidden"> {props.unit}</span>
        </a>
        <h2 class="cal-range">{props.heading}</h2>
        <a class="button secondary" href={props.todayHref}>
          {t('calendar.today')}
        </a>
        <a class="button secondary" href={props.next} rel="next">
          <span class="cal-pager-word">{t('calendar.next')}</span>
          <span class="visually-hidden"> {props.unit}</span> <span aria-hidden="true">→</span>
        </a>
      </div>
    </>
  );
}

export function CalendarPage(props: { children: Child }) {
  return <div class="calendar-page">{props.children}</div>;
}

const NOTICES = {
  added: 'calendar.done.added',
  saved: 'calendar.done.saved',
  deleted: 'calendar.done.deleted',
  changed: 'calendar.done.changed',
  cancelled: 'calendar.done.cancelled',
  restored: 'calendar.done.restored',
} as const;

/** The message of a redirect's ?done=. */
export function doneNotice(done: string | undefined, t: Translate): string | undefined {
  return done && Object.hasOwn(NOTICES, done) ? t(NOTICES[done as keyof typeof NOTICES]) : undefined;
}
