import { useRequestContext } from 'hono/jsx-renderer';
import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { parseId } from '../http/form.js';
import { FormProblem, SelectField, TextField, type FieldErrors, hasErrors } from '../views/form.js';
import { todayIn } from '../calendar/family-time.js';
import type { CivilDate } from '../calendar/civil-date.js';
import { CARD_KINDS, defaultSections, kindsOfDashboard, type CardKind } from '../kinds/index.js';
import { SectionsField } from './sections-field.js';
import type { Dashboard } from '../dashboards/tables.js';
import type { FamilySettings } from '../family/tables.js';
import { describeItems, listDashboards } from './dashboard-admin-queries.js';
import { getFamilySettings } from '../family/queries.js';
import { Notice, renderManagePage } from './manage-page.js';
import { DASHBOARD_NAME_MAX, dashboardSizeName, dashboardSizeOptions } from './item-fields.js';
import type { I18n } from '../i18n/i18n.js';

/** The admin overview at /<slug>/manage: every dashboard with its chores and countdowns. */
export const hubRoutes = new Hono<FamilyEnv>();

export interface NewDashboardValues {
  name: string;
  size: string;
  /** The kinds of card it shows, in order (see sections-field.tsx). */
  sections: string;
}

/** The fixed notices after an action, by the address's `done`. */
function fixedNotice(done: string, { t }: I18n): string | undefined {
  switch (done) {
    case 'dashboard-added':
      return t('manage.dashboardAdded');
    case 'dashboard-default':
      return t('manage.defaultChanged');
    case 'chore-deleted':
      return t('manage.choreDeleted');
    case 'countdown-added':
      return t('manage.countdownAdded');
    case 'countdown-saved':
      return t('manage.countdownSaved');
    case 'countdown-deleted':
      return t('manage.countdownDeleted');
    default:
      return undefined;
  }
}

/** The line at the top after an action, from the address it redirected to (fixed texts and numbers only). */
function noticeFor(c: Context<FamilyEnv>, dashboards: readonly Dashboard[]): string | undefined {
  const i18n = c.var.i18n;
  const { t } = i18n;
  const done = c.req.query('done') ?? '';
  if (done !== 'dashboard-deleted') return fixedNotice(done, i18n);
  const count = (name: string) => Math.min(Number(parseId(c.req.query(name)) ?? 0), 1_000_000);
  const byKind = Object.fromEntries(CARD_KINDS.map((kind) => [kind.name, count(kind.name)]));
  const moved = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  const links = count('links');
  const target = dashboards.find((d) => d.id === parseId(c.req.query('to')));
  const items = describeItems(byKind, i18n);
  const parts = [t('manage.dashboardDeleted')];
  if (items && target) parts.push(t('manage.itemsMovedTo', { count: moved, items, dashboard: target.name }));
  if (links) parts.push(t('manage.linksStopped', { count: links }));
  return parts.join(' ');
}

/** What each kind of card has for the hub, loaded once for every dashboard. */
type HubData = Array<{ kind: CardKind; data: unknown }>;

function DashboardCard(props: { slug: string; dashboard: Dashboard; hub: HubData; today: CivilDate; settings: FamilySettings; i18n: I18n }) {
  const { slug, dashboard: d, i18n } = props;
  const { t } = i18n;
  const parts = props.hub.filter(({ kind, data }) => kind.hub.count(data, d.id) > 0);
  const shown = kindsOfDashboard(d.sections).map((kind) => kind.title(i18n.t));
  return (
    <section class="card dashboard-card" aria-labelledby={`dashboard-${d.id}`}>
      <div class="dashboard-card-head">
        <h2 id={`dashboard-${d.id}`}>
          {d.name} {d.is_default ? <span class="badge">{t('manage.default')}</span> : null}
        </h2>
        <span class="muted">
          {t('manage.layoutShows', { layout: dashboardSizeName(d.size, t), shows: shown.length ? i18n.list(shown) : t('manage.showsNothing') })}
        </span>
        <span class="head-actions">
          <a href={`/${slug}/d/${d.id}`}>{t('manage.open')}</a>
          <a class="button secondary" href={`/${slug}/manage/dashboards/${d.id}`}>
            {t('manage.editDashboard')}<span class="visually-hidden"> {d.name}</span>
          </a>
        </span>
      </div>
      {parts.length === 0 ? (
        <p class="empty-state">{t('manage.dashboardEmpty')}</p>
      ) : null}
      {parts.map(({ kind, data }) => (
        <>
          <h3>{kind.title(i18n.t)}</h3>
          {kind.hub.list(data, d, slug, props.settings, props.today, i18n)}
        </>
      ))}
      <p class="actions">
        {CARD_KINDS.map((kind, i) => (
          <a class={i === 0 ? 'button' : 'button secondary'} href={`/${slug}/manage/${kind.name}/new?dashboard=${d.id}`}>
            {kind.addLabel(t)}
            <span class="visually-hidden"> {t('manage.toDashboard', { dashboard: d.name })}</span>
          </a>
        ))}
      </p>
    </section>
  );
}

export async function renderHub(c: Context<FamilyEnv>, state: { values?: NewDashboardValues; errors?: FieldErrors } = {}, status = 200) {
  const db = c.var.db;
  const settings = await getFamilySettings(db);
  const dashboards = await listDashboards(db);
  const today = todayIn(settings.time_zone);
  const hub: HubData = [];
  for (const kind of CARD_KINDS) hub.push({ kind, data: await kind.hub.load(db, settings, today) });
  const slug = c.var.family.slug;
  const errors = state.errors ?? {};
  const empty = dashboards.every((d) => hub.every(({ kind, data }) => kind.hub.count(data, d.id) === 0));
  const i18n = c.var.i18n;
  const { t } = i18n;
  return renderManagePage(
    c,
    t('frame.manage'),
    <>
      <h1>{t('frame.manage')}</h1>
      <Notice message={status === 200 ? noticeFor(c, dashboards) : undefined} />
      {empty ? (
        <div class="card first-steps">
          <h2>{t('manage.gettingStarted')}</h2>
          <ol>
            <li>
              <a href={`/${slug}/manage/chores/new`}>{t('manage.stepChoreLink')}</a>
              {t('manage.stepChore')}
            </li>
            <li>
              <a href={`/${slug}/manage/countdowns/new`}>{t('manage.stepCountdownLink')}</a>
              {t('manage.stepCountdown')}
            </li>
            <li>
              {t('manage.stepDisplay')}
              <a href={`/${slug}/manage/displays`}>{t('manage.stepDisplayLink')}</a>
              {t('manage.stepDisplayEnd')}
            </li>
          </ol>
        </div>
      ) : null}
      {dashboards.map((d) => (
        <DashboardCard slug={slug} dashboard={d} hub={hub} today={today} settings={settings} i18n={i18n} />
      ))}

      <section class="card" aria-labelledby="displays-heading">
        <h2 id="displays-heading">{t('manage.displaysHeading')}</h2>
        <p>
          {t('manage.displaysLead')} <a href={`/${slug}/manage/displays`}>{t('manage.displaysManage')}</a>
        </p>
      </section>

      <section class="card" aria-labelledby="new-dashboard-heading">
        <h2 id="new-dashboard-heading">{t('manage.addDashboardHeading')}</h2>
        <p class="muted">{t('manage.addDashboardLead')}</p>
        <FormProblem message={hasErrors(errors) ? t('manage.dashboardNotAdded') : undefined} />
        <form method="post" action={`/${slug}/manage/dashboards`}>
          <TextField label={t('manage.name')} name="name" value={state.values?.name ?? ''} error={errors.name} required maxlength={DASHBOARD_NAME_MAX} placeholder={t('manage.dashboardNamePlaceholder')} />
          <SelectField label={t('manage.layout')} name="size" value={state.values?.size ?? 'medium'} options={dashboardSizeOptions(t)} error={errors.size} />
          <SectionsField sections={state.values?.sections ?? defaultSections()} error={errors.sections} t={t} />
          <button class="button" type="submit">
            {t('manage.addDashboard')}
          </button>
        </form>
      </section>
    </>,
    status,
  );
}

hubRoutes.get('/manage', (c) => renderHub(c));
