import { Hono, type Context } from 'hono';
import { CarryLink } from '../views/carry-link.js';
import type { FamilyEnv } from '../http/env.js';
import { requireMember, requireRole } from '../accounts/auth.js';
import { generateToken } from '../accounts/session.js';
import { field, parseId, readForm } from '../http/form.js';
import { requestOrigin } from '../http/client.js';
import { notFoundPage, renderError } from '../http/error-handler.js';
import { ActionButton, FormProblem, SelectField, TextField, type FieldErrors } from '../views/form.js';
import { cleanText } from '../views/clean-text.js';
import type { I18n } from '../i18n/i18n.js';
import { BackToManage } from './manage-page.js';
import { listDashboardTabs, type DashboardSummary } from '../dashboards/dashboard-queries.js';
import { createDisplayLink, deleteDisplayLink, listDisplayLinks, regenerateDisplayLink, revokeDisplayLink } from '../display/display-link-queries.js';

/**
 * Admins make display links for wall screens at /<slug>/manage/displays:
 * create (with an optional label), revoke, regenerate, remove. A link's full
 * address is shown once, when it is made; only its hash is kept.
 */
export const displayLinkRoutes = new Hono<FamilyEnv>();

const LABEL_MAX = 60;
const PATH = '/manage/displays';

interface PageState {
  values?: { dashboard_id: string; label: string };
  errors?: FieldErrors;
  newLink?: { url: string; label: string };
  notice?: string;
}

/** When a link was made or revoked, as the family writes dates (stored as UTC 'YYYY-MM-DD HH:MM:SS'). */
function formatCreated(stored: string, i18n: I18n): string {
  const instant = Date.parse(`${stored.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(stored) ? '' : 'Z'}`);
  return Number.isNaN(instant) ? stored.slice(0, 10) : i18n.dateAt(instant, 'long');
}

async function renderDisplayLinks(c: Context<FamilyEnv>, state: PageState = {}, status = 200) {
  const db = c.var.db;
  const slug = c.var.family.slug;
  const [dashboards, links] = await Promise.all([listDashboardTabs(db), listDisplayLinks(db)]);
  const base = `/${slug}${PATH}`;
  const defaultDashboard = dashboards.find((d) => d.is_default === 1) ?? dashboards[0];
  const values = state.values ?? { dashboard_id: String(defaultDashboard?.id ?? ''), label: '' };
  const hasErrors = Object.values(state.errors ?? {}).some(Boolean);
  const i18n = c.var.i18n;
  const { t } = i18n;
  c.status(status as 200);
  return c.render(
    <>
      <BackToManage slug={slug} t={t} />
      <h1>{t('manage.displaysHeading')}</h1>
      <p class="lead">{t('manage.displaysPageLead')}</p>
      {state.notice ? (
        <p class="notice" role="status">
          {state.notice}
        </p>
      ) : null}
      {state.newLink ? (
        <div class="notice new-link" role="status">
          <p>
            <strong>{state.newLink.label ? t('manage.linkFor', { label: state.newLink.label }) : t('manage.newLink')}</strong> {t('manage.linkShownOnce')} <code>KIOSK_URL</code>{' '}
            {t('manage.linkShownOnceIn')} <code>/etc/dinkydash/kiosk.conf</code>{t('manage.linkShownOnceEnd')}
          </p>
          <CarryLink t={c.var.i18n.t} url={state.newLink.url}>
            <p>
              <a class="display-url" href={state.newLink.url}>
                <code class="copyable" data-copy-text>
                  {state.newLink.url}
                </code>
              </a>
            </p>
          </CarryLink>
        </div>
      ) : null}

      <section class="card">
        <h2>{t('manage.newLinkHeading')}</h2>
        {dashboards.length === 0 ? (
          <p>{t('manage.createDashboardFirst')}</p>
        ) : (
          <form method="post" action={base}>
            <FormProblem message={dashboards.length < 2 && state.errors?.dashboard_id ? state.errors.dashboard_id : hasErrors ? t('members.checkFields') : undefined} />
            {dashboards.length > 1 ? (
              <SelectField label={t('manage.dashboard')} name="dashboard_id" value={values.dashboard_id} options={dashboards.map((d: DashboardSummary) => ({ value: d.id, label: d.name }))} error={state.errors?.dashboard_id} />
            ) : (
              <input type="hidden" name="dashboard_id" value={String(defaultDashboard?.id ?? '')} />
            )}
            <TextField label={t('manage.linkLabel')} name="label" value={values.label} maxlength={LABEL_MAX} placeholder={t('manage.dashboardNamePlaceholder')} hint={t('manage.linkLabelHint')} error={state.errors?.label} />
            <button class="button" type="submit">
              {t('manage.createLink')}
            </button>
          </form>
        )}
      </section>

      <section class="card">
        <h2>{t('manage.linksHeading')}</h2>
        {links.length === 0 ? (
          <p class="muted">{t('manage.noLinks')}</p>
        ) : (
          <ul class="plain-list display-links">
            {links.map((l) => (
              <li>
                <span class="link-text">
                  <strong>{l.label || t('manage.display')}</strong> <span class="muted">· {l.dashboard_name} · {t('manage.linkMade', { date: formatCreated(l.created_at, i18n) })}</span>
                  {l.revoked_at ? <span class="muted"> · {t('manage.linkRevoked', { date: formatCreated(l.revoked_at, i18n) })}</span> : null}
                </span>
                <span class="link-actions">
                  {l.revoked_at ? null : <ActionButton action={`${base}/${l.id}/revoke`} label={t('manage.revoke')} confirm={t('manage.revokeConfirm', { label: l.label || t('manage.display') })} />}
                  <ActionButton action={`${base}/${l.id}/regenerate`} label={l.revoked_at ? t('manage.makeNewLink') : t('manage.newAddress')} confirm={l.revoked_at ? undefined : t('manage.newAddressConfirm')} />
                  {l.revoked_at ? <ActionButton action={`${base}/${l.id}/delete`} label={t('manage.remove')} danger /> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>,
    { title: t('manage.displaysHeading'), current: 'manage' },
  );
}

function linkUrl(c: Context<FamilyEnv>, token: string): string {
  return `${requestOrigin(c)}/${c.var.family.slug}/display/${token}`;
}

displayLinkRoutes.get(PATH, requireMember, requireRole('admin'), (c) => renderDisplayLinks(c));

displayLinkRoutes.post(PATH, requireMember, requireRole('admin'), async (c) => {
  const body = await readForm(c);
  const values = { dashboard_id: field(body, 'dashboard_id'), label: field(body, 'label') };
  const label = cleanText(values.label);
  const errors: FieldErrors = {};
  const dashboardId = parseId(values.dashboard_id);
  const dashboards = await listDashboardTabs(c.var.db);
  const { t } = c.var.i18n;
  if (!dashboardId || !dashboards.some((d) => d.id === dashboardId)) errors.dashboard_id = t('manage.dashboardMissing');
  if ([...label].length > LABEL_MAX) errors.label = t('manage.labelLong', { count: LABEL_MAX });
  if (errors.dashboard_id || errors.label) return renderDisplayLinks(c, { values, errors }, 400);
  const token = generateToken();
  await createDisplayLink(c.var.db, dashboardId!, token, label);
  return renderDisplayLinks(c, { newLink: { url: linkUrl(c, token), label } });
});

displayLinkRoutes.post(`${PATH}/:id/:action`, requireMember, requireRole('admin'), async (c) => {
  const id = parseId(c.req.param('id'));
  const action = c.req.param('action');
  if (!id) return renderError(c, notFoundPage(c.var.i18n.t));
  const base = `/${c.var.family.slug}${PATH}`;
  if (action === 'revoke') {
    if (!(await revokeDisplayLink(c.var.db, id))) return renderError(c, notFoundPage(c.var.i18n.t));
    return c.redirect(base, 303);
  }
  if (action === 'delete') {
    if (!(await deleteDisplayLink(c.var.db, id))) return renderError(c, notFoundPage(c.var.i18n.t));
    return c.redirect(base, 303);
  }
  if (action === 'regenerate') {
    const token = generateToken();
    if (!(await regenerateDisplayLink(c.var.db, id, token))) return renderError(c, notFoundPage(c.var.i18n.t));
    const link = (await listDisplayLinks(c.var.db)).find((l) => l.id === id);
    return renderDisplayLinks(c, { newLink: { url: linkUrl(c, token), label: link?.label ?? '' } });
  }
  return renderError(c, notFoundPage(c.var.i18n.t));
});
