import type { Child } from 'hono/jsx';
import { type CivilDate, formatIsoDate } from '../../../calendar/civil-date.js';
import type { ClockFormat, WeekStart } from '../../../family/tables.js';
import { Notice } from '../../../views/form.js';
import { type DayItem, type DayTime, type OwnOccurrence, clockText, dayHeading, relativeDay } from '../calendar-view.js';

// What the agenda, week and month pages share: the heading with the views
// and plain previous/next links (no JavaScript needed), and one entry.

export interface CalendarPageContext {
  slug: string;
  today: CivilDate;
  clock: ClockFormat;
  /** The family writes dates month first (date_format mdy). */
  monthFirst: boolean;
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

function TimeOf(props: { date: string; hhmm: string; clock: ClockFormat }) {
  return <time datetime={`${props.date}T${props.hhmm}`}>{clockText(props.hhmm, props.clock)}</time>;
}

/** "All day", "9:00 – 10:00", "from 22:00", "until 07:00". */
export function EntryTime(props: { time: DayTime; date: string; clock: ClockFormat }) {
  const { time, date, clock } = props;
  switch (time.kind) {
    case 'all-day':
      return <>All day</>;
    case 'span':
      return time.end === null ? (
        <TimeOf date={date} hhmm={time.start} clock={clock} />
      ) : (
        <>
          <TimeOf date={date} hhmm={time.start} clock={clock} />
          <span aria-hidden="true">–</span>
          <span class="visually-hidden"> to </span>
          <TimeOf date={date} hhmm={time.end} clock={clock} />
        </>
      );
    case 'from':
      return (
        <>
          from <TimeOf date={date} hhmm={time.start} clock={clock} />
        </>
      );
    case 'until':
      return (
        <>
          until <TimeOf date={date} hhmm={time.end} clock={clock} />
        </>
      );
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
  const href = ctx.canEdit && entry.own ? eventHref(ctx.slug, entry.own) : null;
  const meta = [
    entry.person ? (
      <span class="cal-entry-who">
        <PersonBadge slug={ctx.slug} person={entry.person} />
        {entry.person.name}
      </span>
    ) : null,
    <span class="cal-entry-calendar">{entry.calendar}</span>,
    entry.location ? <span class="cal-entry-location">{entry.location}</span> : null,
  ].filter((part) => part !== null);
  return (
    <li class={`cal-entry${time.kind === 'all-day' ? ' is-all-day' : ''}`} style={`--entry-color: ${safeColor(entry.color)}`}>
      <span class="cal-entry-time">
        <EntryTime time={time} date={props.date} clock={ctx.clock} />
      </span>
      <span class="cal-entry-title">{href ? <a href={href}>{entry.title || '(no title)'}</a> : entry.title || '(no title)'}</span>
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
  const relative = relativeDay(props.date, props.ctx.today);
  return (
    <>
      {relative ? <span class="cal-relative">{relative} · </span> : null}
      {dayHeading(props.date, props.ctx.today, props.ctx.monthFirst)}
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
  const base = `/${ctx.slug}/calendar`;
  const views: { name: CalendarViewName; href: string; label: string }[] = [
    { name: 'agenda', href: base, label: 'Agenda' },
    { name: 'week', href: `${base}/week`, label: 'Week' },
    { name: 'month', href: `${base}/month`, label: 'Month' },
  ];
  return (
    <>
      <div class="cal-head">
        <h1>Calendar</h1>
        {ctx.canEdit ? (
          <a class="button" href={newEventHref(ctx.slug, props.addOn)}>
            Add an event
          </a>
        ) : null}
      </div>
      <Notice message={props.notice} />
      <nav class="cal-views" aria-label="Calendar views">
        {views.map((v) => (
          <a href={v.href} aria-current={v.name === props.view ? 'page' : undefined}>
            {v.label}
          </a>
        ))}
      </nav>
      <div class="cal-pager">
        <a class="button secondary" href={props.prev} rel="prev">
          <span aria-hidden="true">←</span> <span class="cal-pager-word">Previous</span>
          <span class="visually-hidden"> {props.unit}</span>
        </a>
        <h2 class="cal-range">{props.heading}</h2>
        <a class="button secondary" href={props.todayHref}>
          Today
        </a>
        <a class="button secondary" href={props.next} rel="next">
          <span class="cal-pager-word">Next</span>
          <span class="visually-hidden"> {props.unit}</span> <span aria-hidden="true">→</span>
        </a>
      </div>
    </>
  );
}

export function CalendarPage(props: { children: Child }) {
  return <div class="calendar-page">{props.children}</div>;
}

const NOTICES: Record<string, string> = {
  added: 'The event was added.',
  saved: 'The event was saved.',
  deleted: 'The event was deleted.',
  changed: 'This occurrence was changed; the others stay as they were.',
  cancelled: 'This occurrence was cancelled; the others stay as they were.',
  restored: 'This occurrence is as the others again.',
};

/** The message of a redirect's ?done=. */
export function doneNotice(done: string | undefined): string | undefined {
  return done ? NOTICES[done] : undefined;
}
