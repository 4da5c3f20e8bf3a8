import { familyTimeZone } from '../../family/queries.js';
import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../../http/env.js';
import { field, parseId, readForm, type FormBody } from '../../http/form.js';
import { notFoundPage, renderError } from '../../http/error-handler.js';
import { ActionButton, FormProblem, Notice, SelectField, TextField, type FieldErrors, hasErrors } from '../../views/form.js';
import { cleanText } from '../../views/clean-text.js';
import { ago } from '../../views/ago.js';
import { BackToManage, renderManagePage } from '../../manage/manage-page.js';
import { feedRequestUrl, maskFeedUrl } from '../../fetching/feed-url.js';
import { listMembers } from '../../accounts/member-queries.js';
import { fetchCalendar } from './feed-refresh.js';
import { feedColorProblem, feedNameProblem } from './feed-fields.js';
import { DEFAULT_FEED_COLOR, FEED_NAME_MAX, countFeedEvents, findFeedByName, getFeed, insertFeed, listFeeds, removeFeed } from './calendar-queries.js';
import { generateToken } from '../../accounts/session.js';
import { requestOrigin } from '../../http/client.js';
import { createCalendarLink, deleteCalendarLink, listCalendarLinks, revokeCalendarLink } from './event-queries.js';
import { peopleAdminRoutes } from './people-routes.js';
import { CalendarLinksSection, LINK_LABEL_MAX, type NewCalendarLink } from './calendar-links-admin.js';

/**
 * Admins subscribe the family to calendars it already keeps (Google's secret
 * iCal address, iCloud, Outlook, Nextcloud, a school's feed) at
 * /<slug>/manage/calendar. An address is fetched and checked before anything
 * is saved; after saving it is shown masked: it is a secret.
 */
export const calendarAdminRoutes = new Hono<FamilyEnv>();

interface FeedFormValues {
  url: string;
  name: string;
  color: string;
  member_id: string;
}

const EMPTY: FeedFormValues = { url: '', name: '', color: DEFAULT_FEED_COLOR, member_id: '' };

function readValues(body: FormBody): FeedFormValues {
  return { url: field(body, 'url').trim(), name: field(body, 'name'), color: field(body, 'color') || DEFAULT_FEED_COLOR, member_id: field(body, 'member_id') };
}

interface AdminState {
  values?: FeedFormValues;
  errors?: FieldErrors;
  notice?: string | undefined;
  /** The private address just made: shown once. */
  newLink?: NewCalendarLink;
  linkLabel?: string;
  linkError?: string;
}

async function renderCalendarAdmin(c: Context<FamilyEnv>, state: AdminState = {}, status = 200) {
  const db = c.var.db;
  const slug = c.var.family.slug;
  const feeds = await listFeeds(db);
  const counts = await Promise.all(feeds.map((f) => countFeedEvents(db, f.id)));
  const members = await listMembers(db);
  const links = await listCalendarLinks(db);
  const values = state.values ?? EMPTY;
  const errors = state.errors ?? {};
  const now = Date.now();
  const { t } = c.var.i18n;
  return renderManagePage(
    c,
    t('calendar.add'),
    <>
      <BackToManage slug={slug} t={t} />
      <h1>{t('calendar.add')}</h1>
      <Notice message={state.notice} />
      <p class="lead">{t('feeds.lead')}</p>
      <section class="card" aria-labelledby="feeds-heading">
        <h2 id="feeds-heading">{t('feeds.subscribed')}</h2>
        {feeds.length === 0 ? (
          <p class="empty-state">{t('feeds.none')}</p>
        ) : (
          <ul class="item-list">
            {feeds.map((feed, i) => (
              <li class="item">
                <span class="item-icon calendar-swatch" aria-hidden="true" style={`--entry-color: ${feed.color}`}></span>
                <span class="item-text">
                  <strong>{feed.name}</strong>
                  <span class="muted">
                    {maskFeedUrl(feed.url)} · {t('feeds.events', { count: counts[i] ?? 0 })} · {feed.fetched_at === null ? t('feeds.neverFetched') : t('calendar.updated', { ago: ago(now - feed.fetched_at, t) })}
                  </span>
                  {feed.error ? <span class="field-error">{t('feeds.lastFailed', { error: feed.error })}</span> : null}
                </span>
                <ActionButton action={`/${slug}/manage/calendar/${feed.id}/delete`} label={t('feeds.remove', { name: feed.name })} danger confirm={t('feeds.removeConfirm', { name: feed.name })} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="add-feed-heading">
        <h2 id="add-feed-heading">{t('feeds.addHeading')}</h2>
        <FormProblem message={hasErrors(errors) ? t('feeds.notAdded') : undefined} />
        <form method="post" action={`/${slug}/manage/calendar`}>
          <TextField
            label={t('feeds.address')}
            name="url"
            value={values.url}
            error={errors.url}
            required
            maxlength={2000}
            placeholder="https://calendar.google.com/calendar/ical/…/basic.ics"
            hint={t('feeds.addressHint')}
          />
          <TextField label={t('feeds.name')} name="name" value={values.name} error={errors.name} required maxlength={FEED_NAME_MAX} placeholder={t('feeds.namePlaceholder')} />
          <TextField label={t('feeds.colour')} name="color" type="color" value={values.color} error={errors.color} />
          <SelectField
            label={t('feeds.whose')}
            name="member_id"
            value={values.member_id}
            options={[{ value: '', label: t('feeds.wholeFamily') }, ...members.map((m) => ({ value: String(m.id), label: m.display_name }))]}
            error={errors.member_id}
            hint={t('feeds.whoseHint')}
          />
          <button class="button" type="submit">
            {t('feeds.addButton')}
          </button>
        </form>
      </section>
      <section class="card" aria-labelledby="people-link-heading">
        <h2 id="people-link-heading">{t('calendar.birthdays')}</h2>
        <p>
          {t('feeds.birthdaysLead')} <a href={`/${slug}/manage/calendar/people`}>{t('feeds.birthdaysLink')}</a>
        </p>
      </section>
      <CalendarLinksSection slug={slug} links={links} newLink={state.newLink} label={state.linkLabel ?? ''} error={state.linkError} t={t} />
    </>,
    status,
  );
}

const DONE = {
  removed: 'feeds.removed',
  added: 'feeds.added',
  'link-revoked': 'links.revoked',
  'link-removed': 'links.removed',
} as const;

calendarAdminRoutes.get('/', (c) => {
  const done = c.req.query('done') ?? '';
  return renderCalendarAdmin(c, { notice: Object.hasOwn(DONE, done) ? c.var.i18n.t(DONE[done as keyof typeof DONE]) : undefined });
});

calendarAdminRoutes.post('/', async (c) => {
  const values = readValues(await readForm(c));
  const db = c.var.db;
  const members = await listMembers(db);
  const errors: FieldErrors = {};
  const { t } = c.var.i18n;
  const address = feedRequestUrl(values.url);
  if (!values.url) errors.url = t('feeds.pasteAddress');
  else if (!address.ok) errors.url = address.reason;
  errors.name = feedNameProblem(values.name) ?? undefined;
  if (!errors.name && (await findFeedByName(db, cleanText(values.name)))) errors.name = t('feeds.nameTaken');
  errors.color = feedColorProblem(values.color) ?? undefined;
  const memberId = values.member_id === '' ? null : parseId(values.member_id);
  if (values.member_id !== '' && !members.some((m) => m.id === memberId)) errors.member_id = t('event.whoFromList');
  if (hasErrors(errors)) return renderCalendarAdmin(c, { values, errors }, 400);

  // Checked before anything is saved: an address that gives no calendar is refused at its field.
  const answer = await fetchCalendar(values.url, null);
  if (answer.kind !== 'fetched') {
    return renderCalendarAdmin(c, { values, errors: { url: answer.kind === 'failed' ? answer.reason : t('feeds.noCalendar') } }, 400);
  }
  const timeZone = await familyTimeZone(db);
  const added = await db.transaction().execute(async (trx) => {
    if (await findFeedByName(trx, cleanText(values.name))) return false;
    await insertFeed(trx, { name: cleanText(values.name), url: values.url, color: values.color.toLowerCase(), memberId }, answer.copy, timeZone);
    return true;
  });
  if (!added) return renderCalendarAdmin(c, { values, errors: { name: t('feeds.nameTaken') } }, 400);
  return c.redirect(`/${c.var.family.slug}/manage/calendar?done=added`, 303);
});

calendarAdminRoutes.post('/:id/delete', async (c) => {
  const id = parseId(c.req.param('id'));
  const feed = id ? await getFeed(c.var.db, id) : undefined;
  if (!feed) return renderError(c, notFoundPage(c.var.i18n.t));
  await removeFeed(c.var.db, feed.id);
  return c.redirect(`/${c.var.family.slug}/manage/calendar?done=removed`, 303);
});

// The hub's button for every kind leads to /manage/<kind>/new: here that is the subscriptions page.
calendarAdminRoutes.get('/new', (c) => c.redirect(`/${c.var.family.slug}/manage/calendar#add-feed-heading`, 303));

// People and pets who do not sign in, with their birthdays.
calendarAdminRoutes.route('/people', peopleAdminRoutes);

// The private iCalendar address of the family's own events and birthdays: made here, shown once, only its hash kept.
calendarAdminRoutes.post('/links', async (c) => {
  const label = cleanText(field(await readForm(c), 'label'));
  if ([...label].length > LINK_LABEL_MAX) return renderCalendarAdmin(c, { linkLabel: label, linkError: c.var.i18n.t('links.labelLong', { count: LINK_LABEL_MAX }) }, 400);
  const token = generateToken();
  await createCalendarLink(c.var.db, token, label);
  const url = `${requestOrigin(c)}/${c.var.family.slug}/calendar/ical/${token}.ics`;
  return renderCalendarAdmin(c, { newLink: { url, label } });
});

calendarAdminRoutes.post('/links/:id/revoke', async (c) => {
  const id = parseId(c.req.param('id'));
  if (!id || !(await revokeCalendarLink(c.var.db, id))) return renderError(c, notFoundPage(c.var.i18n.t));
  return c.redirect(`/${c.var.family.slug}/manage/calendar?done=link-revoked#calendar-links-heading`, 303);
});

calendarAdminRoutes.post('/links/:id/delete', async (c) => {
  const id = parseId(c.req.param('id'));
  if (!id || !(await deleteCalendarLink(c.var.db, id))) return renderError(c, notFoundPage(c.var.i18n.t));
  return c.redirect(`/${c.var.family.slug}/manage/calendar?done=link-removed#calendar-links-heading`, 303);
});
