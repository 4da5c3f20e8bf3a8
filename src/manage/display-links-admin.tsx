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

function formatCreated(iso: string): string {
  return iso.slice(0, 10);
}

async function renderDisplayLinks(c: Context<FamilyEnv>, state: PageState = {}, status = 200) {
  const db = c.var.db;
  const slug = c.var.family.slug;
  const [dashboards, links] = await Promise.all([listDashboardTabs(db), listDisplayLinks(db)]);
  const base = `/${slug}${PATH}`;
  const defaultDashboard = dashboards.find((d) => d.is_default === 1) ?? dashboards[0];
  const values = state.values ?? { dashboard_id: String(defaultDashboard?.id ?? ''), label: '' };
  const hasErrors = Object.values(state.errors ?? {}).some(Boolean);
  c.status(status as 200);
  return c.render(
    <>
      <p>
        <a href={`/${slug}/manage`}>← Chores &amp; countdowns</a>
      </p>
      <h1>Wall displays</h1>
      <p class="lead">A display link shows one dashboard on a screen without signing in: the Pi's own screen, or a tablet on the wall. Anyone with the link can see that dashboard, so treat it like a key.</p>
      {state.notice ? (
        <p class="notice" role="status">
          {state.notice}
        </p>
      ) : null}
      {state.newLink ? (
        <div class="notice new-link" role="status">
          <p>
            <strong>{state.newLink.label ? `The link for "${state.newLink.label}"` : 'The new link'}</strong> is shown only now. Open it on the screen, or copy it into the Pi's
            kiosk settings (<code>KIOSK_URL</code> in <code>/etc/dinkydash/kiosk.conf</code>):
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
        <h2>New display link</h2>
        {dashboards.length === 0 ? (
          <p>Create a dashboard first.</p>
        ) : (
          <form method="post" action={base}>
            <FormProblem message={dashboards.length < 2 && state.errors?.dashboard_id ? state.errors.dashboard_id : hasErrors ? 'Please check the fields marked below.' : undefined} />
            {dashboards.length > 1 ? (
              <SelectField label="Dashboard" name="dashboard_id" value={values.dashboard_id} options={dashboards.map((d: DashboardSummary) => ({ value: d.id, label: d.name }))} error={state.errors?.dashboard_id} />
            ) : (
              <input type="hidden" name="dashboard_id" value={String(defaultDashboard?.id ?? '')} />
            )}
            <TextField label="Label (optional)" name="label" value={values.label} maxlength={LABEL_MAX} placeholder="e.g. Kitchen" hint="Only for you, to tell screens apart." error={state.errors?.label} />
            <button class="button" type="submit">
              Create display link
            </button>
          </form>
        )}
      </section>

      <section class="card">
        <h2>Display links</h2>
        {links.length === 0 ? (
          <p class="muted">No display links yet.</p>
        ) : (
          <ul class="plain-list display-links">
            {links.map((l) => (
              <li>
                <span class="link-text">
                  <strong>{l.label || 'Display'}</strong> <span class="muted">· {l.dashboard_name} · made {formatCreated(l.created_at)}</span>
                  {l.revoked_at ? <span class="muted"> · revoked {formatCreated(l.revoked_at)}</span> : null}
                </span>
                <span class="link-actions">
                  {l.revoked_at ? null : <ActionButton action={`${base}/${l.id}/revoke`} label="Revoke" confirm={`Revoke "${l.label || 'Display'}"? Screens using it stop showing the dashboard.`} />}
                  <ActionButton action={`${base}/${l.id}/regenerate`} label={l.revoked_at ? 'Make a new link' : 'New address'} confirm={l.revoked_at ? undefined : 'Make a new address? The old one stops working at once.'} />
                  {l.revoked_at ? <ActionButton action={`${base}/${l.id}/delete`} label="Remove" danger /> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>,
    { title: 'Wall displays', current: 'manage' },
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
  if (!dashboardId || !dashboards.some((d) => d.id === dashboardId)) errors.dashboard_id = 'Please choose a dashboard.';
  if ([...label].length > LABEL_MAX) errors.label = `A label can have at most ${LABEL_MAX} characters.`;
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
