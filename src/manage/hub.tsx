import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { parseId } from '../http/form.js';
import { FormProblem, SelectField, TextField, type FieldErrors, hasErrors } from '../views/form.js';
import { todayIn } from '../calendar/family-time.js';
import type { CivilDate } from '../calendar/civil-date.js';
import { ROTATION_MODES } from '../kinds/chores/rotation.js';
import { entryLabel, listChoresWithEntries, type ChoreWithEntries } from '../kinds/chores/queries.js';
import { countdownWhen, listCountdowns } from '../kinds/countdowns/queries.js';
import { describeDays, sortByDaysRemaining } from '../kinds/countdowns/countdown.js';
import type { Countdown } from '../kinds/countdowns/tables.js';
import type { Dashboard } from '../dashboards/tables.js';
import type { FamilySettings } from '../family/tables.js';
import { listDashboards } from './dashboard-admin-queries.js';
import { getFamilySettings } from '../family/queries.js';
import { Notice, renderManagePage } from './manage-page.js';
import { ItemIcon } from './fields.js';
import { DASHBOARD_NAME_MAX, DASHBOARD_SIZES } from './item-fields.js';
import { currentTurn, familyDate, nowWord } from '../kinds/chores/turns.js';

/** The admin overview at /<slug>/manage: every dashboard with its chores and countdowns. */
export const hubRoutes = new Hono<FamilyEnv>();

export interface NewDashboardValues {
  name: string;
  size: string;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

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
  const chores = count('chores');
  const countdowns = count('countdowns');
  const links = count('links');
  const target = dashboards.find((d) => d.id === parseId(c.req.query('to')));
  const items = [chores ? plural(chores, 'chore') : '', countdowns ? plural(countdowns, 'countdown') : ''].filter(Boolean).join(' and ');
  let text = 'The dashboard was deleted.';
  if (items && target) text += ` Its ${items} ${chores + countdowns === 1 ? 'is' : 'are'} now on “${target.name}”.`;
  if (links) text += ` Its ${plural(links, 'display link')} stopped working.`;
  return text;
}

function ChoreItem(props: { slug: string; chore: ChoreWithEntries; today: CivilDate }) {
  const { chore, slug } = props;
  const now = currentTurn(chore, props.today);
  const mode = ROTATION_MODES.find((m) => m.value === chore.mode)?.label ?? chore.mode;
  return (
    <li class="item">
      <ItemIcon slug={slug} icon={chore.icon} imageId={chore.image_id} />
      <span class="item-text">
        <a href={`/${slug}/manage/chores/${chore.id}`}>{chore.name}</a>
        <span class="muted">
          {now ? (
            <>
              {nowWord(chore.mode)}: <strong>{entryLabel(now)}</strong> ·{' '}
            </>
          ) : null}
          {mode} · {plural(chore.entries.length, 'turn')} in the rotation
        </span>
      </span>
    </li>
  );
}

function CountdownList(props: { slug: string; countdowns: Countdown[]; today: CivilDate; settings: FamilySettings }) {
  const slots = sortByDaysRemaining(props.countdowns, countdownWhen, props.today, { includePast: true });
  return (
    <ul class="item-list">
      {slots.map(({ item, date, days, past }) => (
        <li class={past ? 'item past' : 'item'}>
          <ItemIcon slug={props.slug} icon={item.icon} imageId={item.image_id} />
          <span class="item-text">
            <a href={`/${props.slug}/manage/countdowns/${item.id}`}>{item.name}</a>
            <span class="muted">
              <strong>{describeDays(days)}</strong> · {familyDate(date, props.settings.date_format)}
              {item.kind === 'yearly' ? ' · every year' : ''}
              {past ? ' · past, no longer shown on the dashboard' : ''}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function DashboardCard(props: { slug: string; dashboard: Dashboard; chores: ChoreWithEntries[]; countdowns: Countdown[]; today: CivilDate; settings: FamilySettings }) {
  const { slug, dashboard: d } = props;
  const size = DASHBOARD_SIZES.find((s) => s.value === d.size)?.label.split(':')[0] ?? d.size;
  return (
    <section class="card dashboard-card" aria-labelledby={`dashboard-${d.id}`}>
      <div class="dashboard-card-head">
        <h2 id={`dashboard-${d.id}`}>
          {d.name} {d.is_default ? <span class="badge">Default</span> : null}
        </h2>
        <span class="muted">{size} layout</span>
        <span class="head-actions">
          <a href={`/${slug}/d/${d.id}`}>Open</a>
          <a class="button secondary" href={`/${slug}/manage/dashboards/${d.id}`}>
            Edit dashboard<span class="visually-hidden"> {d.name}</span>
          </a>
        </span>
      </div>
      {props.chores.length === 0 && props.countdowns.length === 0 ? (
        <p class="empty-state">
          Nothing on this dashboard yet. Add a chore to show whose turn it is each day (say, emptying the dishwasher), or a countdown to the next birthday or holiday.
        </p>
      ) : null}
      {props.chores.length ? (
        <>
          <h3>Chores</h3>
          <ul class="item-list">
            {props.chores.map((chore) => (
              <ChoreItem slug={slug} chore={chore} today={props.today} />
            ))}
          </ul>
        </>
      ) : null}
      {props.countdowns.length ? (
        <>
          <h3>Countdowns</h3>
          <CountdownList slug={slug} countdowns={props.countdowns} today={props.today} settings={props.settings} />
        </>
      ) : null}
      <p class="actions">
        <a class="button" href={`/${slug}/manage/chores/new?dashboard=${d.id}`}>
          Add a chore<span class="visually-hidden"> to {d.name}</span>
        </a>
        <a class="button secondary" href={`/${slug}/manage/countdowns/new?dashboard=${d.id}`}>
          Add a countdown<span class="visually-hidden"> to {d.name}</span>
        </a>
      </p>
    </section>
  );
}

export async function renderHub(c: Context<FamilyEnv>, state: { values?: NewDashboardValues; errors?: FieldErrors } = {}, status = 200) {
  const db = c.var.db;
  const settings = await getFamilySettings(db);
  const dashboards = await listDashboards(db);
  const chores = await listChoresWithEntries(db);
  const countdowns = await listCountdowns(db);
  const today = todayIn(settings.time_zone);
  const slug = c.var.family.slug;
  const errors = state.errors ?? {};
  const empty = chores.length === 0 && countdowns.length === 0;
  return renderManagePage(
    c,
    settings,
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
        <DashboardCard slug={slug} dashboard={d} chores={chores.filter((x) => x.dashboard_id === d.id)} countdowns={countdowns.filter((x) => x.dashboard_id === d.id)} today={today} settings={settings} />
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
          <SelectField label="Layout size" name="size" value={state.values?.size ?? 'medium'} options={DASHBOARD_SIZES} error={errors.size} />
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
