import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { parseId } from '../http/form.js';
import { FormProblem, SelectField, TextField, type FieldErrors, hasErrors } from '../views/form.js';
import { todayIn } from '../calendar/family-time.js';
import type { CivilDate } from '../calendar/civil-date.js';
import { CARD_KINDS, defaultSections, kindsOfDashboard, type CardKind } from '../kinds/index.js';
import { SectionsField } from './sections-field.js';
import { plural } from '../views/plural.js';
import type { Dashboard } from '../dashboards/tables.js';
import type { FamilySettings } from '../family/tables.js';
import { describeItems, listDashboards } from './dashboard-admin-queries.js';
import { getFamilySettings } from '../family/queries.js';
import { Notice, renderManagePage } from './manage-page.js';
import { DASHBOARD_NAME_MAX, DASHBOARD_SIZES } from './item-fields.js';

/** The admin overview at /<slug>/manage: every dashboard with its chores and countdowns. */
export const hubRoutes = new Hono<FamilyEnv>();

export interface NewDashboardValues {
  name: string;
  size: string;
  /** The kinds of card it shows, in order (see sections-field.tsx). */
  sections: string;
}

export { plural };

const FIXED_NOTICES: Record<string, string> = {
  'dashboard-added': 'The dashboard was added.',
  'dashboard-default': 'The default dashboard was changed. It is the one the family sees first.',
  'chore-deleted': 'The chore was deleted.',
  'countdown-added': 'The countdown was added.',
  'countdown-saved': 'The countdown was saved.',
  'countdown-deleted': 'The countdown was deleted.',
};

/** The line at the top after an action, from the address it redirected to (fixed texts and numbers only). */
function noticeFor(c: Context<FamilyEnv>, dashboards: readonly Dashboard[]): string | undefined {
  const done = c.req.query('done') ?? '';
  if (done !== 'dashboard-deleted') return FIXED_NOTICES[done];
  const count = (name: string) => Math.min(Number(parseId(c.req.query(name)) ?? 0), 1_000_000);
  const byKind = Object.fromEntries(CARD_KINDS.map((kind) => [kind.name, count(kind.name)]));
  const moved = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  const links = count('links');
  const target = dashboards.find((d) => d.id === parseId(c.req.query('to')));
  const items = describeItems(byKind);
  let text = 'The dashboard was deleted.';
  if (items && target) text += ` Its ${items} ${moved === 1 ? 'is' : 'are'} now on “${target.name}”.`;
  if (links) text += ` Its ${plural(links, 'display link')} stopped working.`;
  return text;
}

/** What each kind of card has for the hub, loaded once for every dashboard. */
type HubData = Array<{ kind: CardKind; data: unknown }>;

function DashboardCard(props: { slug: string; dashboard: Dashboard; hub: HubData; today: CivilDate; settings: FamilySettings }) {
  const { slug, dashboard: d } = props;
  const size = (DASHBOARD_SIZES.find((s) => s.value === d.size) ?? DASHBOARD_SIZES[0]!).label.split(':')[0];
  const parts = props.hub.filter(({ kind, data }) => kind.hub.count(data, d.id) > 0);
  const shown = kindsOfDashboard(d.sections).map((kind) => kind.title);
  return (
    <section class="card dashboard-card" aria-labelledby={`dashboard-${d.id}`}>
      <div class="dashboard-card-head">
        <h2 id={`dashboard-${d.id}`}>
          {d.name} {d.is_default ? <span class="badge">Default</span> : null}
        </h2>
        <span class="muted">
          {size} layout · shows {shown.length ? shown.join(', ') : 'nothing'}
        </span>
        <span class="head-actions">
          <a href={`/${slug}/d/${d.id}`}>Open</a>
          <a class="button secondary" href={`/${slug}/manage/dashboards/${d.id}`}>
            Edit dashboard<span class="visually-hidden"> {d.name}</span>
          </a>
        </span>
      </div>
      {parts.length === 0 ? (
        <p class="empty-state">
          Nothing on this dashboard yet. Add a chore to show whose turn it is each day (say, emptying the dishwasher), or a countdown to the next birthday or holiday.
        </p>
      ) : null}
      {parts.map(({ kind, data }) => (
        <>
          <h3>{kind.title}</h3>
          {kind.hub.list(data, d, slug, props.settings, props.today)}
        </>
      ))}
      <p class="actions">
        {CARD_KINDS.map((kind, i) => (
          <a class={i === 0 ? 'button' : 'button secondary'} href={`/${slug}/manage/${kind.name}/new?dashboard=${d.id}`}>
            {kind.addLabel}
            <span class="visually-hidden"> to {d.name}</span>
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
  return renderManagePage(
    c,
    'Chores & countdowns',
    <>
      <h1>Chores &amp; countdowns</h1>
      <Notice message={status === 200 ? noticeFor(c, dashboards) : undefined} />
      {empty ? (
        <div class="card first-steps">
          <h2>Getting started</h2>
          <ol>
            <li>
              <a href={`/${slug}/manage/chores/new`}>Add a chore</a>: give it a name, and list who takes turns, one name per line.
            </li>
            <li>
              <a href={`/${slug}/manage/countdowns/new`}>Add a countdown</a> to a birthday or a holiday.
            </li>
            <li>
              Put the dashboard on a wall screen with a <a href={`/${slug}/manage/displays`}>display link</a>.
            </li>
          </ol>
        </div>
      ) : null}
      {dashboards.map((d) => (
        <DashboardCard slug={slug} dashboard={d} hub={hub} today={today} settings={settings} />
      ))}

      <section class="card" aria-labelledby="displays-heading">
        <h2 id="displays-heading">Wall displays</h2>
        <p>
          A display link shows one dashboard on a wall screen or tablet without signing in. <a href={`/${slug}/manage/displays`}>Manage display links</a>
        </p>
      </section>

      <section class="card" aria-labelledby="new-dashboard-heading">
        <h2 id="new-dashboard-heading">Add a dashboard</h2>
        <p class="muted">For another room or screen, e.g. "Kids' room". Each dashboard has its own chores and countdowns.</p>
        <FormProblem message={hasErrors(errors) ? 'The dashboard was not added. Please check the fields marked below.' : undefined} />
        <form method="post" action={`/${slug}/manage/dashboards`}>
          <TextField label="Name" name="name" value={state.values?.name ?? ''} error={errors.name} required maxlength={DASHBOARD_NAME_MAX} placeholder="e.g. Kitchen" />
          <SelectField label="Layout" name="size" value={state.values?.size ?? 'medium'} options={DASHBOARD_SIZES} error={errors.size} />
          <SectionsField sections={state.values?.sections ?? defaultSections()} error={errors.sections} />
          <button class="button" type="submit">
            Add dashboard
          </button>
        </form>
      </section>
    </>,
    status,
  );
}

hubRoutes.get('/manage', (c) => renderHub(c));
