import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { field, fields, parseId, readForm, type FormBody } from '../http/form.js';
import { notFoundPage, renderError } from '../http/error-handler.js';
import { ActionButton, FormProblem, SelectField, TextField, type FieldErrors, hasErrors } from '../views/form.js';
import { cleanText } from '../views/clean-text.js';
import type { Dashboard, DashboardSize } from '../dashboards/tables.js';
import {
  countDashboardItems,
  deleteDashboardMovingItems,
  describeItems,
  getDashboard,
  getDefaultDashboard,
  insertDashboard,
  listDashboards,
  makeDefaultDashboard,
  updateDashboard,
} from './dashboard-admin-queries.js';
import { BackToManage, Notice, renderManagePage } from './manage-page.js';
import { DASHBOARD_NAME_MAX, DASHBOARD_SIZES, isDashboardSize, nameProblem } from './item-fields.js';
import { renderHub, type NewDashboardValues } from './hub.js';
import { readSections, SectionsField } from './sections-field.js';
import { defaultSections } from '../kinds/index.js';
import { plural } from '../views/plural.js';

/** Admins add, rename, resize, choose the default, and delete dashboards. */
export const dashboardAdminRoutes = new Hono<FamilyEnv>();

const LAST_DASHBOARD = 'A family needs at least one dashboard, so the last one cannot be deleted.';
const DEFAULT_DASHBOARD = 'This is the default dashboard, which gets the chores and countdowns of deleted dashboards. Make another dashboard the default first, then delete this one.';

function readValues(body: FormBody, currentSections: string): { values: NewDashboardValues; errors: FieldErrors } {
  const sections = readSections(body, currentSections);
  const values = { name: field(body, 'name'), size: field(body, 'size'), sections: sections.ok ? sections.sections : fields(body, 'sections').join(',') };
  const errors: FieldErrors = {
    name: nameProblem(values.name, DASHBOARD_NAME_MAX, 'dashboard') ?? undefined,
    size: isDashboardSize(values.size) ? undefined : 'Please choose a layout.',
    sections: sections.ok ? undefined : sections.message,
  };
  return { values, errors };
}


dashboardAdminRoutes.post('/manage/dashboards', async (c) => {
  const { values, errors } = readValues(await readForm(c), defaultSections());
  if (hasErrors(errors)) return renderHub(c, { values, errors }, 400);
  await insertDashboard(c.var.db, { name: cleanText(values.name), size: values.size as DashboardSize, sections: values.sections });
  return c.redirect(`/${c.var.family.slug}/manage?done=dashboard-added`, 303);
});

async function loadDashboard(c: Context<FamilyEnv>): Promise<Dashboard | undefined> {
  const id = parseId(c.req.param('id'));
  return id ? getDashboard(c.var.db, id) : undefined;
}

async function renderEdit(c: Context<FamilyEnv>, dashboard: Dashboard, state: { values?: NewDashboardValues; errors?: FieldErrors; notice?: string; problem?: string } = {}, status = 200) {
  const db = c.var.db;
  const all = await listDashboards(db);
  const fallback = await getDefaultDashboard(db);
  const items = await countDashboardItems(db, dashboard.id);
  const slug = c.var.family.slug;
  const errors = state.errors ?? {};
  const values = state.values ?? { name: dashboard.name, size: dashboard.size, sections: dashboard.sections };
  const isDefault = fallback?.id === dashboard.id;
  const what = describeItems(items.byKind);
  return renderManagePage(
    c,
    dashboard.name,
    <>
      <BackToManage slug={slug} />
      <h1>
        {dashboard.name} {isDefault ? <span class="badge">Default</span> : null}
      </h1>
      <Notice message={state.notice} />
      <FormProblem message={state.problem ?? (hasErrors(errors) ? 'Nothing was saved. Please check the fields marked below.' : undefined)} />
      <form method="post" action={`/${slug}/manage/dashboards/${dashboard.id}`} class="card">
        <TextField label="Name" name="name" value={values.name} error={errors.name} required maxlength={DASHBOARD_NAME_MAX} />
        <SelectField label="Layout" name="size" value={values.size} options={DASHBOARD_SIZES} error={errors.size} hint="The wall display draws everything as large as the screen allows; “Fewer, bigger” keeps the type larger still." />
        <SectionsField sections={values.sections} error={errors.sections} />
        <button class="button" type="submit">
          Save dashboard
        </button>
      </form>

      <section class="card">
        <h2>Default dashboard</h2>
        {isDefault ? (
          <p>This is the default dashboard: the family sees it first, and it takes over the chores and countdowns of a deleted dashboard.</p>
        ) : (
          <>
            <p>The family sees the default dashboard first. Now it is “{fallback?.name}”.</p>
            <ActionButton action={`/${slug}/manage/dashboards/${dashboard.id}/default`} label={`Make “${dashboard.name}” the default`} />
          </>
        )}
      </section>

      <section class="card danger-zone">
        <h2>Delete this dashboard</h2>
        {all.length <= 1 ? (
          <p>{LAST_DASHBOARD}</p>
        ) : isDefault ? (
          <p>{DEFAULT_DASHBOARD}</p>
        ) : (
          <>
            <p>
              {what ? `Its ${what} will move to “${fallback?.name}”, the default dashboard. ` : 'It has no chores or countdowns. '}
              {items.displayLinks ? `Its ${plural(items.displayLinks, 'display link')} will stop working.` : ''}
            </p>
            <ActionButton action={`/${slug}/manage/dashboards/${dashboard.id}/delete`} label={`Delete ${dashboard.name}`} danger confirm={`Delete the dashboard "${dashboard.name}"?`} />
          </>
        )}
      </section>
    </>,
    status,
  );
}

dashboardAdminRoutes.get('/manage/dashboards/:id', async (c) => {
  const dashboard = await loadDashboard(c);
  if (!dashboard) return renderError(c, notFoundPage(c.var.i18n.t));
  return renderEdit(c, dashboard, { notice: c.req.query('saved') ? 'Saved.' : undefined });
});

dashboardAdminRoutes.post('/manage/dashboards/:id', async (c) => {
  const dashboard = await loadDashboard(c);
  if (!dashboard) return renderError(c, notFoundPage(c.var.i18n.t));
  const { values, errors } = readValues(await readForm(c), dashboard.sections);
  if (hasErrors(errors)) return renderEdit(c, dashboard, { values, errors }, 400);
  await updateDashboard(c.var.db, dashboard.id, { name: cleanText(values.name), size: values.size as DashboardSize, sections: values.sections });
  return c.redirect(`/${c.var.family.slug}/manage/dashboards/${dashboard.id}?saved=1`, 303);
});

dashboardAdminRoutes.post('/manage/dashboards/:id/default', async (c) => {
  const dashboard = await loadDashboard(c);
  if (!dashboard) return renderError(c, notFoundPage(c.var.i18n.t));
  await c.var.db.transaction().execute((trx) => makeDefaultDashboard(trx, dashboard.id));
  return c.redirect(`/${c.var.family.slug}/manage?done=dashboard-default`, 303);
});

dashboardAdminRoutes.post('/manage/dashboards/:id/delete', async (c) => {
  const dashboard = await loadDashboard(c);
  if (!dashboard) return renderError(c, notFoundPage(c.var.i18n.t));
  const result = await c.var.db.transaction().execute(async (trx) => {
    const current = await getDashboard(trx, dashboard.id);
    return current ? deleteDashboardMovingItems(trx, current) : null;
  });
  if (!result) return renderError(c, notFoundPage(c.var.i18n.t));
  if (!result.ok) return renderEdit(c, dashboard, { problem: result.reason === 'last' ? LAST_DASHBOARD : DEFAULT_DASHBOARD }, 400);
  const { moved, movedTo } = result;
  const query = new URLSearchParams({ done: 'dashboard-deleted', to: String(movedTo.id), ...moved.byKind, links: String(moved.displayLinks) });
  return c.redirect(`/${c.var.family.slug}/manage?${query}`, 303);
});
