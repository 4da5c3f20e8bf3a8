import type { I18n, Translate } from '../../i18n/i18n.js';
import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../../http/env.js';
import { requireMember, requireRole, signedIn } from '../../accounts/auth.js';
import { parseId, readForm } from '../../http/form.js';
import { notFoundPage, renderError } from '../../http/error-handler.js';
import { type CivilDate, MONTH_NAMES, addDays, dayNumber, formatIsoDate, parseIsoDate } from '../../calendar/civil-date.js';
import { todayIn } from '../../calendar/family-time.js';
import { now } from '../../dashboards/clock.js';
import { isClockFormat } from '../../dashboards/wall-clock.js';
import { getFamilySettings } from '../../family/queries.js';
import type { FamilySettings } from '../../family/tables.js';
import { listMembers } from '../../accounts/member-queries.js';
import { ActionButton, FormProblem, hasErrors, type FieldErrors } from '../../views/form.js';
import { Notice } from '../../views/form.js';
import { loadCalendarView } from './load-agenda.js';
import { layOutDays, monthGrid, rangeHeading, startOfWeek, dayHeading } from './calendar-view.js';
import { CalendarHeader, CalendarPage, type CalendarPageContext, doneNotice } from './views/calendar-parts.js';
import { AGENDA_DAYS, AgendaView } from './views/agenda.js';
import { WeekView } from './views/week.js';
import { MonthView } from './views/month.js';
import { PlaceFields, RepeatFields, TimingFields, WhoFields, type WhoOption } from './event-form.js';
import {
  type EventFormValues,
  type OccurrenceFormValues,
  type WhoChoices,
  checkEvent,
  checkOccurrence,
  eventValuesOf,
  isOccurrenceDate,
  newEventValues,
  occurrenceValuesOf,
  readEventValues,
  readOccurrenceValues,
} from './event-fields.js';
import {
  calendarLinkWorks,
  deleteFamilyEvent,
  getEventChange,
  getFamilyEvent,
  insertFamilyEvent,
  listEventChanges,
  removeEventChange,
  removeEventChanges,
  saveEventChange,
  updateFamilyEvent,
} from './event-queries.js';
import { listNamedPeople } from './people-queries.js';
import { whoOf } from './calendar-queries.js';
import { familyIcal } from './ical-write.js';
import { familyI18n } from '../../i18n/request-language.js';
import type { FamilyEvent, FamilyEventChange } from './tables.js';

/**
 * The family's calendar for signed-in members, at /<slug>/calendar: the
 * agenda (default), a week and a month, every calendar merged in the
 * family's zone. Members and admins add, change and delete the family's own
 * events (one occurrence of a repeating one, or all); viewers only look.
 * Also here, without sign-in: the private iCalendar address
 * /<slug>/calendar/ical/<token>.ics, which admins make on /manage/calendar.
 */
export const calendarMemberRoutes = new Hono<FamilyEnv>();

const editors = requireRole('admin', 'member');

interface Page {
  settings: FamilySettings;
  ctx: CalendarPageContext;
}

async function pageOf(c: Context<FamilyEnv>): Promise<Page> {
  const settings = await getFamilySettings(c.var.db);
  const member = signedIn(c);
  return {
    settings,
    ctx: {
      slug: c.var.family.slug,
      today: todayIn(settings.time_zone, now()),
      i18n: c.var.i18n,
      weekStart: settings.week_start === 'sunday' ? 'sunday' : 'monday',
      canEdit: member.role === 'admin' || member.role === 'member',
    },
  };
}

/** A day from the address (?date=), or null: only years a calendar can sensibly show. */
function queryDate(text: string | undefined): CivilDate | null {
  const date = parseIsoDate(text ?? '');
  return date && date.year >= 1900 && date.year <= 2199 ? date : null;
}

function render(c: Context<FamilyEnv>, title: string, body: unknown, status = 200) {
  c.status(status as 200);
  return c.render(<CalendarPage>{body as never}</CalendarPage>, { title, current: 'calendar' });
}

const iso = formatIsoDate;

// ---------------------------------------------------------------- views

calendarMemberRoutes.get('/calendar', requireMember, async (c) => {
  const { settings, ctx } = await pageOf(c);
  const from = queryDate(c.req.query('date')) ?? ctx.today;
  const days = layOutDays(await loadCalendarView(c.var.db, settings.time_zone, from, AGENDA_DAYS), from, AGENDA_DAYS);
  const base = `/${ctx.slug}/calendar`;
  return render(
    c,
    ctx.i18n.t('calendar.title'),
    <>
      <CalendarHeader
        ctx={ctx}
        view="agenda"
        heading={rangeHeading(from, addDays(from, AGENDA_DAYS - 1), ctx.i18n)}
        prev={`${base}?date=${iso(addDays(from, -AGENDA_DAYS))}`}
        next={`${base}?date=${iso(addDays(from, AGENDA_DAYS))}`}
        todayHref={base}
        unit={ctx.i18n.t('calendar.unitTwoWeeks')}
        addOn={from}
        notice={doneNotice(c.req.query('done'), ctx.i18n.t)}
      />
      <AgendaView days={days} ctx={ctx} />
    </>,
  );
});

calendarMemberRoutes.get('/calendar/week', requireMember, async (c) => {
  const { settings, ctx } = await pageOf(c);
  const day = queryDate(c.req.query('date')) ?? ctx.today;
  const from = startOfWeek(day, ctx.weekStart);
  const days = layOutDays(await loadCalendarView(c.var.db, settings.time_zone, from, 7), from, 7);
  const base = `/${ctx.slug}/calendar/week`;
  const inWeek = dayNumber(ctx.today) >= dayNumber(from) && dayNumber(ctx.today) < dayNumber(from) + 7;
  return render(
    c,
    ctx.i18n.t('calendar.pageWeek'),
    <>
      <CalendarHeader
        ctx={ctx}
        view="week"
        heading={rangeHeading(from, addDays(from, 6), ctx.i18n)}
        prev={`${base}?date=${iso(addDays(from, -7))}`}
        next={`${base}?date=${iso(addDays(from, 7))}`}
        todayHref={base}
        unit={ctx.i18n.t('calendar.unitWeek')}
        addOn={inWeek ? ctx.today : from}
        notice={doneNotice(c.req.query('done'), ctx.i18n.t)}
      />
      <WeekView days={days} ctx={ctx} />
    </>,
  );
});

calendarMemberRoutes.get('/calendar/month', requireMember, async (c) => {
  const { settings, ctx } = await pageOf(c);
  const match = /^(\d{4})-(\d{2})$/.exec(c.req.query('date') ?? '');
  const asked = match ? { year: Number(match[1]), month: Number(match[2]) } : null;
  const { year, month } = asked && asked.month >= 1 && asked.month <= 12 && asked.year >= 1900 && asked.year <= 2199 ? asked : ctx.today;
  const grid = monthGrid(year, month, ctx.weekStart);
  const days = layOutDays(await loadCalendarView(c.var.db, settings.time_zone, grid.from, grid.days), grid.from, grid.days);
  const base = `/${ctx.slug}/calendar/month`;
  const monthText = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
  const prev = month === 1 ? monthText(year - 1, 12) : monthText(year, month - 1);
  const next = month === 12 ? monthText(year + 1, 1) : monthText(year, month + 1);
  const thisMonth = ctx.today.year === year && ctx.today.month === month;
  return render(
    c,
    ctx.i18n.t('calendar.pageMonth'),
    <>
      <CalendarHeader
        ctx={ctx}
        view="month"
        heading={ctx.i18n.date({ year, month, day: 1 }, 'monthYear')}
        prev={`${base}?date=${prev}`}
        next={`${base}?date=${next}`}
        todayHref={base}
        unit={ctx.i18n.t('calendar.unitMonth')}
        addOn={thisMonth ? ctx.today : { year, month, day: 1 }}
        notice={doneNotice(c.req.query('done'), ctx.i18n.t)}
      />
      <MonthView days={days} year={year} month={month} ctx={ctx} />
    </>,
  );
});

// ---------------------------------------------------------------- own events

async function whoOptions(c: Context<FamilyEnv>): Promise<{ options: WhoOption[]; choices: WhoChoices }> {
  const members = await listMembers(c.var.db);
  const people = await listNamedPeople(c.var.db);
  return {
    options: [...members.map((m) => ({ value: `member:${m.id}`, label: m.display_name })), ...people.map((p) => ({ value: `person:${p.id}`, label: p.name }))],
    choices: { memberIds: new Set(members.map((m) => m.id)), personIds: new Set(people.map((p) => p.id)) },
  };
}

/** Back to the calendar after a change, showing the event's day. */
function backToCalendar(ctx: CalendarPageContext, date: string, done: string): string {
  const day = parseIsoDate(date);
  const shown = day !== null && dayNumber(day) >= dayNumber(ctx.today) && dayNumber(day) < dayNumber(ctx.today) + AGENDA_DAYS;
  return `/${ctx.slug}/calendar?${shown ? '' : `date=${date}&`}done=${done}#day-${date}`;
}

function BackLink(props: { slug: string; t: Translate }) {
  return (
    <p class="back-link">
      <a href={`/${props.slug}/calendar`}>{props.t('calendar.back')}</a>
    </p>
  );
}

function repeatsText(event: FamilyEvent, i18n: I18n): string {
  const { t } = i18n;
  if (event.repeat === 'none') return '';
  const how = t(({ daily: 'event.howDaily', weekly: 'event.howWeekly', monthly: 'event.howMonthly', yearly: 'event.howYearly' } as const)[event.repeat]);
  const until = event.repeat_until ? parseIsoDate(event.repeat_until) : null;
  if (until) return t('event.repeatsUntil', { how, date: i18n.date(until, 'long') });
  if (event.repeat_count) return t('event.repeatsTimes', { how, count: event.repeat_count });
  return t('event.repeats', { how });
}

async function renderEventForm(c: Context<FamilyEnv>, event: FamilyEvent | null, state: { values: EventFormValues; errors?: FieldErrors; notice?: string | undefined }, status = 200) {
  const { ctx } = await pageOf(c);
  const { options } = await whoOptions(c);
  const errors = state.errors ?? {};
  const slug = ctx.slug;
  const changes = event ? await listEventChanges(c.var.db, event.id) : [];
  const { t } = ctx.i18n;
  return render(
    c,
    event ? event.title : ctx.i18n.t('calendar.newEvent'),
    <>
      <BackLink slug={slug} t={ctx.i18n.t} />
      <h1>{event ? event.title : ctx.i18n.t('calendar.newEvent')}</h1>
      <Notice message={state.notice} />
      {event && event.repeat !== 'none' ? <p class="lead">{repeatsText(event, ctx.i18n)} {t('event.everyOccurrenceLead')}</p> : null}
      <FormProblem message={hasErrors(errors) ? t('form.nothingSaved') : undefined} />
      <form method="post" action={event ? `/${slug}/calendar/events/${event.id}` : `/${slug}/calendar/events/new`} class="card cal-event-form">
        <TimingFields values={state.values} errors={errors} />
        <RepeatFields values={state.values} errors={errors} weekStart={ctx.weekStart} />
        <WhoFields values={state.values} errors={errors} options={options} />
        <PlaceFields values={state.values} errors={errors} />
        <button class="button" type="submit">
          {event ? (event.repeat === 'none' ? t('event.save') : t('event.saveEvery')) : t('event.add')}
        </button>
      </form>
      {event && changes.length > 0 ? <ChangedOccurrences event={event} changes={changes} ctx={ctx} /> : null}
      {event ? (
        <section class="card danger-zone">
          <h2>{event.repeat === 'none' ? t('event.deleteThis') : t('event.deleteEvery')}</h2>
          <ActionButton action={`/${slug}/calendar/events/${event.id}/delete`} label={t('event.deleteNamed', { title: event.title })} danger confirm={event.repeat === 'none' ? t('event.deleteConfirm', { title: event.title }) : t('event.deleteEveryConfirm', { title: event.title })} />
        </section>
      ) : null}
    </>,
    status,
  );
}

function ChangedOccurrences(props: { event: FamilyEvent; changes: FamilyEventChange[]; ctx: CalendarPageContext }) {
  const { event, ctx } = props;
  const base = `/${ctx.slug}/calendar/events/${event.id}/on`;
  const { t } = ctx.i18n;
  return (
    <section class="card">
      <h2>{t('event.changedDays')}</h2>
      <ul class="item-list cal-changes">
        {props.changes.map((change) => {
          const date = parseIsoDate(change.occurrence_date);
          const label = date ? dayHeading(date, ctx.today, ctx.i18n) : change.occurrence_date;
          return (
            <li class="cal-change">
              <span class="item-text">
                {change.cancelled === 1 ? <strong>{label}</strong> : <a href={`${base}/${change.occurrence_date}`}>{label}</a>}
                <span class="muted">{change.cancelled === 1 ? t('event.cancelled') : change.start_date && change.start_date !== change.occurrence_date ? t('event.movedTo', { date: dayHeading(parseIsoDate(change.start_date) ?? ctx.today, ctx.today, ctx.i18n) }) : t('event.changed')}</span>
              </span>
              <ActionButton action={`${base}/${change.occurrence_date}/restore`} label={change.cancelled === 1 ? t('event.bringBack') : t('event.undoChange')} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

calendarMemberRoutes.get('/calendar/events/new', requireMember, editors, async (c) => {
  const { ctx } = await pageOf(c);
  const date = queryDate(c.req.query('date')) ?? ctx.today;
  return renderEventForm(c, null, { values: newEventValues(iso(date)) });
});

calendarMemberRoutes.post('/calendar/events/new', requireMember, editors, async (c) => {
  const values = readEventValues(await readForm(c));
  const { settings, ctx } = await pageOf(c);
  const { choices } = await whoOptions(c);
  const checked = checkEvent(values, choices, settings.time_zone, c.var.i18n);
  if (!checked.ok) return renderEventForm(c, null, { values, errors: checked.errors }, 400);
  await insertFamilyEvent(c.var.db, checked.value, signedIn(c).id);
  return c.redirect(backToCalendar(ctx, checked.value.start_date, 'added'), 303);
});

async function eventFromPath(c: Context<FamilyEnv>): Promise<FamilyEvent | undefined> {
  const id = parseId(c.req.param('id'));
  return id ? getFamilyEvent(c.var.db, id) : undefined;
}

calendarMemberRoutes.get('/calendar/events/:id', requireMember, editors, async (c) => {
  const event = await eventFromPath(c);
  if (!event) return renderError(c, notFoundPage(c.var.i18n.t));
  return renderEventForm(c, event, { values: eventValuesOf(event, whoOf(event)), notice: doneNotice(c.req.query('done'), c.var.i18n.t) });
});

calendarMemberRoutes.post('/calendar/events/:id', requireMember, editors, async (c) => {
  const event = await eventFromPath(c);
  if (!event) return renderError(c, notFoundPage(c.var.i18n.t));
  const values = readEventValues(await readForm(c));
  const { settings, ctx } = await pageOf(c);
  const { choices } = await whoOptions(c);
  const checked = checkEvent(values, choices, settings.time_zone, c.var.i18n);
  if (!checked.ok) return renderEventForm(c, event, { values, errors: checked.errors }, 400);
  await c.var.db.transaction().execute(async (trx) => {
    await updateFamilyEvent(trx, event.id, checked.value);
    // A day changed on its own that the series no longer has would show as an extra event: it goes.
    const updated = { ...event, ...checked.value };
    const changes = await listEventChanges(trx, event.id);
    const gone = changes.filter((change) => updated.repeat === 'none' || !isOccurrenceDate(updated, change.occurrence_date, settings.time_zone));
    await removeEventChanges(
      trx,
      event.id,
      gone.map((change) => change.occurrence_date),
    );
  });
  return c.redirect(backToCalendar(ctx, checked.value.start_date, 'saved'), 303);
});

calendarMemberRoutes.post('/calendar/events/:id/delete', requireMember, editors, async (c) => {
  const event = await eventFromPath(c);
  if (!event) return renderError(c, notFoundPage(c.var.i18n.t));
  await c.var.db.transaction().execute((trx) => deleteFamilyEvent(trx, event.id));
  return c.redirect(`/${c.var.family.slug}/calendar?done=deleted`, 303);
});

// ---------------------------------------------------------------- one occurrence of a repeating event

interface Occurrence {
  event: FamilyEvent;
  date: string;
  change: FamilyEventChange | undefined;
  settings: FamilySettings;
  ctx: CalendarPageContext;
}

/** The repeating event and one of its days named by the path; null for a 404. */
async function occurrenceFromPath(c: Context<FamilyEnv>): Promise<Occurrence | null> {
  const event = await eventFromPath(c);
  const date = c.req.param('date') ?? '';
  if (!event || event.repeat === 'none' || !parseIsoDate(date)) return null;
  const { settings, ctx } = await pageOf(c);
  const change = await getEventChange(c.var.db, event.id, date);
  if (!change && !isOccurrenceDate(event, date, settings.time_zone)) return null;
  return { event, date, change, settings, ctx };
}

async function renderOccurrenceForm(c: Context<FamilyEnv>, found: Occurrence, state: { values: OccurrenceFormValues; errors?: FieldErrors }, status = 200) {
  const { event, date, change, ctx } = found;
  const errors = state.errors ?? {};
  const base = `/${ctx.slug}/calendar/events/${event.id}`;
  const day = dayHeading(parseIsoDate(date)!, ctx.today, ctx.i18n);
  const { t } = ctx.i18n;
  return render(
    c,
    `${event.title}, ${day}`,
    <>
      <BackLink slug={ctx.slug} t={ctx.i18n.t} />
      <h1>{event.title}</h1>
      <p class="lead">
        {day}. {repeatsText(event, ctx.i18n)}
      </p>
      {change?.cancelled === 1 ? <p class="notice notice-warning">{t('event.dayCancelled')}</p> : null}
      <p>
        <a class="button secondary" href={base}>
          {t('event.changeEvery')}
        </a>
      </p>
      <section class="card">
        <h2>{t('event.justThis')}</h2>
        <FormProblem message={hasErrors(errors) ? t('form.nothingSaved') : undefined} />
        <form method="post" action={`${base}/on/${date}`} class="cal-event-form">
          <TimingFields values={state.values} errors={errors} />
          <PlaceFields values={state.values} errors={errors} />
          <button class="button" type="submit">
            {t('event.saveThis')}
          </button>
        </form>
      </section>
      <section class="card danger-zone">
        <h2>{t('event.cancelJustThis')}</h2>
        <p>{t('event.othersStay')}</p>
        <div class="actions">
          {change?.cancelled === 1 ? null : <ActionButton action={`${base}/on/${date}/cancel`} label={t('event.cancelThis')} danger confirm={t('event.cancelConfirm', { title: event.title, day })} />}
          {change ? <ActionButton action={`${base}/on/${date}/restore`} label={change.cancelled === 1 ? t('event.bringBack') : t('event.undoChange')} /> : null}
        </div>
      </section>
    </>,
    status,
  );
}

calendarMemberRoutes.get('/calendar/events/:id/on/:date', requireMember, editors, async (c) => {
  const found = await occurrenceFromPath(c);
  if (!found) return renderError(c, notFoundPage(c.var.i18n.t));
  return renderOccurrenceForm(c, found, { values: occurrenceValuesOf(found.event, found.date, found.change?.cancelled === 1 ? undefined : found.change) });
});

calendarMemberRoutes.post('/calendar/events/:id/on/:date', requireMember, editors, async (c) => {
  const found = await occurrenceFromPath(c);
  if (!found) return renderError(c, notFoundPage(c.var.i18n.t));
  const values = readOccurrenceValues(await readForm(c));
  const checked = checkOccurrence(values, found.event, found.date, c.var.i18n);
  if (!checked.ok) return renderOccurrenceForm(c, found, { values, errors: checked.errors }, 400);
  await c.var.db.transaction().execute((trx) => saveEventChange(trx, found.event.id, found.date, checked.value));
  return c.redirect(backToCalendar(found.ctx, checked.value.start_date ?? found.date, 'changed'), 303);
});

calendarMemberRoutes.post('/calendar/events/:id/on/:date/cancel', requireMember, editors, async (c) => {
  const found = await occurrenceFromPath(c);
  if (!found) return renderError(c, notFoundPage(c.var.i18n.t));
  await c.var.db.transaction().execute((trx) => saveEventChange(trx, found.event.id, found.date, 'cancelled'));
  return c.redirect(backToCalendar(found.ctx, found.date, 'cancelled'), 303);
});

calendarMemberRoutes.post('/calendar/events/:id/on/:date/restore', requireMember, editors, async (c) => {
  const found = await occurrenceFromPath(c);
  if (!found || !found.change) return renderError(c, notFoundPage(c.var.i18n.t));
  await c.var.db.transaction().execute((trx) => removeEventChange(trx, found.event.id, found.date));
  return c.redirect(`/${found.ctx.slug}/calendar/events/${found.event.id}?done=restored`, 303);
});

// ---------------------------------------------------------------- the private iCalendar address

/** What a token looks like (generateToken: 20 random bytes, base32): anything else is not looked up. */
const TOKEN = /^([a-z2-7]{32})\.ics$/;

calendarMemberRoutes.get('/calendar/ical/:file', async (c) => {
  const token = TOKEN.exec(c.req.param('file'))?.[1];
  const db = c.var.db;
  if (!token || !(await calendarLinkWorks(db, token))) return renderError(c, notFoundPage(c.var.i18n.t));
  const settings = await getFamilySettings(db);
  const members = await db.selectFrom('members').select(['id', 'display_name', 'birth_date', 'updated_at']).where('birth_date', 'is not', null).orderBy('id').execute();
  const named = await db.selectFrom('named_people').select(['id', 'name', 'birth_date', 'created_at']).where('birth_date', 'is not', null).orderBy('id').execute();
  const text = familyIcal({
    name: settings.name,
    timeZone: settings.time_zone,
    uidDomain: `${c.var.family.slug}.dinkydash`,
    events: await db.selectFrom('family_events').selectAll().orderBy('id').execute(),
    changes: await db.selectFrom('family_event_changes').selectAll().orderBy('id').execute(),
    people: [
      ...members.map((m) => ({ key: `m${m.id}`, name: m.display_name, birthDate: m.birth_date!, changedAt: m.updated_at })),
      ...named.map((p) => ({ key: `p${p.id}`, name: p.name, birthDate: p.birth_date!, changedAt: p.created_at })),
    ],
    now: now().getTime(),
    // Subscribers see the family's language, as its wall displays do.
    t: familyI18n(settings).t,
  });
  c.header('Content-Type', 'text/calendar; charset=utf-8');
  c.header('Content-Disposition', `inline; filename="${c.var.family.slug}.ics"`);
  // A secret address: kept by no shared cache, asked again by each client when it refreshes.
  c.header('Cache-Control', 'private, no-cache');
  return c.body(text);
});
