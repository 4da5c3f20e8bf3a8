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
import { DASHBOARD_NAME_MAX, dashboardSizeOptions, isDashboardSize, nameProblem } from './item-fields.js';
import type { Translate } from '../i18n/i18n.js';
import { renderHub, type NewDashboardValues } from './hub.js';
import { readSections, SectionsField } from './sections-field.js';
import { defaultSections } from '../kinds/index.js';

/** Admins add, rename, resize, choose the default, and delete dashboards. */
export const dashboardAdminRoutes = new Hono<FamilyEnv>();

function readValues(body: FormBody, currentSections: string, t: Translate): { values: NewDashboardValues; errors: FieldErrors } {
  const sections = readSections(body, currentSections, t);
  const values = { name: field(body, 'name'), size: field(body, 'size'), sections: sections.ok ? sections.sections : fields(body, 'sections').join(',') };
  const errors: FieldErrors = {
    name: nameProblem(values.name, DASHBOARD_NAME_MAX, 'dashboard', t) ?? undefined,
    size: isDashboardSize(values.size) ? undefined : t('manage.layoutMissing'),
    sections: sections.ok ? undefined : sections.message,
  };
  return { values, errors };
}


dashboardAdminRoutes.post('/manage/dashboards', async (c) => {
  const { values, errors } = readValues(await readForm(c), defaultSections(), c.var.i18n.t);
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
  const i18n = c.var.i18n;
  const { t } = i18n;
  const what = describeItems(items.byKind, i18n);
  return renderManagePage(
    c,
    dashboard.name,
    <>
      <BackToManage slug={slug} t={t} />
      <h1>
        {dashboard.name} {isDefault ? <span class="badge">{t('manage.default')}</span> : null}
      </h1>
      <Notice message={state.notice} />
      <FormProblem message={state.problem ?? (hasErrors(errors) ? t('form.nothingSaved') : undefined)} />
      <form method="post" action={`/${slug}/manage/dashboards/${dashboard.id}`} class="card">
        <TextField label={t('manage.name')} name="name" value={values.name} error={errors.name} required maxlength={DASHBOARD_NAME_MAX} />
        <SelectField label={t('manage.layout')} name="size" value={values.size} options={dashboardSizeOptions(t)} error={errors.size} hint={t('manage.layoutHint')} />
        <SectionsField sections={values.sections} error={errors.sections} t={t} />
        <button class="button" type="submit">
          {t('manage.saveDashboard')}
        </button>
      </form>

      <section class="card">
        <h2>{t('manage.defaultHeading')}</h2>
        {isDefault ? (
          <p>{t('manage.isDefault')}</p>
        ) : (
          <>
            <p>{t('manage.defaultNow', { dashboard: fallback?.name ?? '' })}</p>
            <ActionButton action={`/${slug}/manage/dashboards/${dashboard.id}/default`} label={t('manage.makeDefault', { dashboard: dashboard.name })} />
          </>
        )}
      </section>

      <section class="card danger-zone">
        <h2>{t('manage.deleteHeading')}</h2>
        {all.length <= 1 ? (
          <p>{t('manage.lastDashboard')}</p>
        ) : isDefault ? (
          <p>{t('manage.defaultNotDeleted')}</p>
        ) : (
          <>
            <p>
              {what ? t('manage.itemsWillMove', { count: Object.values(items.byKind).reduce((sum, n) => sum + n, 0), items: what, dashboard: fallback?.name ?? '' }) : t('manage.noItems')}
              {items.displayLinks ? ` ${t('manage.linksWillStop', { count: items.displayLinks })}` : ''}
            </p>
            <ActionButton action={`/${slug}/manage/dashboards/${dashboard.id}/delete`} label={t('manage.deleteDashboard', { dashboard: dashboard.name })} danger confirm={t('manage.deleteConfirm', { dashboard: dashboard.name })} />
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
  return renderEdit(c, dashboard, { notice: c.req.query('saved') ? c.var.i18n.t('form.saved') : undefined });
});

dashboardAdminRoutes.post('/manage/dashboards/:id', async (c) => {
  const dashboard = await loadDashboard(c);
  if (!dashboard) return renderError(c, notFoundPage(c.var.i18n.t));
  const { values, errors } = readValues(await readForm(c), dashboard.sections, c.var.i18n.t);
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
  if (!result.ok) return renderEdit(c, dashboard, { problem: result.reason === 'last' ? c.var.i18n.t('manage.lastDashboard') : c.var.i18n.t('manage.defaultNotDeleted') }, 400);
  const { moved, movedTo } = result;
  const query = new URLSearchParams({ done: 'dashboard-deleted', to: String(movedTo.id), ...moved.byKind, links: String(moved.displayLinks) });
  return c.redirect(`/${c.var.family.slug}/manage?${query}`, 303);
});
