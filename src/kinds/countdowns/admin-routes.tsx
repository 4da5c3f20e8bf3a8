import { Hono, type Context } from 'hono';
import type { Translate } from '../../i18n/i18n.js';
import type { FamilyEnv } from '../../http/env.js';
import { checkbox, field, parseId, readForm, type FormBody } from '../../http/form.js';
import { notFoundPage, renderError } from '../../http/error-handler.js';
import { ActionButton, FormProblem, type FieldErrors, hasErrors } from '../../views/form.js';
import { cleanText } from '../../views/clean-text.js';
import { todayIn } from '../../calendar/family-time.js';
import { describeDays, sortByDaysRemaining } from './countdown.js';
import { needsPastConfirmation, parseCountdownDate } from './countdown-fields.js';
import { countdownWhen, deleteCountdown, getCountdown, insertCountdown, updateCountdown, type CountdownValues } from './queries.js';
import type { Countdown } from './tables.js';
import type { Dashboard } from '../../dashboards/tables.js';
import { getDefaultDashboard, listDashboards } from '../../manage/dashboard-admin-queries.js';
import { CountdownFields, type CountdownFormValues, type PastDateQuestion } from './countdown-form.js';
import { familyToday, getFamilySettings } from '../../family/queries.js';
import { BackToManage, renderManagePage } from '../../manage/manage-page.js';
import { ItemIcon } from '../../manage/fields.js';
import { iconProblem, ITEM_NAME_MAX, nameProblem } from '../../manage/item-fields.js';
import { dropReplacedPicture, hasPictureAfter, readPictureChange, storePictureChange, type PictureChange } from '../../manage/item-picture.js';
import { pictureBodyLimit } from '../../images/upload.js';
import { familyDate } from '../chores/turns.js';

/** Admins add, edit and delete countdowns to birthdays, holidays and one-off days. */
export const countdownAdminRoutes = new Hono<FamilyEnv>();


function readValues(body: FormBody): CountdownFormValues {
  return {
    name: field(body, 'name'),
    icon: field(body, 'icon'),
    dashboard_id: field(body, 'dashboard_id'),
    kind: field(body, 'kind'),
    year: field(body, 'year'),
    month: field(body, 'month'),
    day: field(body, 'day'),
  };
}

function valuesOf(countdown: Countdown): CountdownFormValues {
  return {
    name: countdown.name,
    icon: countdown.icon,
    dashboard_id: String(countdown.dashboard_id),
    kind: countdown.kind,
    year: countdown.year === null ? '' : String(countdown.year),
    month: String(countdown.month),
    day: String(countdown.day),
  };
}

type Checked = { ok: true; values: Omit<CountdownValues, 'image_id'>; picture: PictureChange } | { ok: false; errors: FieldErrors; pictureWasFine: boolean; askPast: PastDateQuestion | undefined };

async function checkCountdown(c: Context<FamilyEnv>, body: FormBody, values: CountdownFormValues, current: Countdown | null): Promise<Checked> {
  const dashboards = await listDashboards(c.var.db);
  const currentImageId = current?.image_id ?? null;
  const { t } = c.var.i18n;
  const errors: FieldErrors = {};
  errors.name = nameProblem(values.name, ITEM_NAME_MAX, 'countdown', t) ?? undefined;
  const dashboardId = parseId(values.dashboard_id);
  if (!dashboardId || !dashboards.some((d) => d.id === dashboardId)) errors.dashboard_id = c.var.i18n.t('chores.chooseDashboard');
  const date = parseCountdownDate(values, c.var.i18n);
  if (!date.ok) Object.assign(errors, date.errors);
  // A past date is asked about once; the box stays on the form (ticked or not) while other fields need fixing.
  const confirmedPast = checkbox(body, 'confirm_past');
  const past = date.ok && needsPastConfirmation(date.when, await familyToday(c.var.db), current ? countdownWhen(current) : null);
  if (past && !confirmedPast) errors.year = c.var.i18n.t('countdown.pastQuestion');
  const askPast = past ? { confirmed: confirmedPast, label: c.var.i18n.t('countdown.pastConfirm') } : undefined;
  const picture = await readPictureChange(body, t);
  if (!picture.ok) errors.image = picture.message;
  errors.icon = iconProblem(values.icon, hasPictureAfter(picture.ok ? picture.change : null, currentImageId), t) ?? undefined;
  if (hasErrors(errors) || !picture.ok || !date.ok) return { ok: false, errors, pictureWasFine: picture.ok && picture.change.kind === 'new', askPast };
  const when = date.when;
  return {
    ok: true,
    picture: picture.change,
    values: {
      dashboard_id: dashboardId!,
      name: cleanText(values.name),
      icon: cleanText(values.icon),
      kind: when.kind,
      year: when.kind === 'once' ? when.year : null,
      month: when.month,
      day: when.day,
    },
  };
}

async function renderForm(c: Context<FamilyEnv>, countdown: Countdown | null, state: { values: CountdownFormValues; errors?: FieldErrors; chooseImageAgain?: boolean; askPast?: PastDateQuestion | undefined }, status = 200) {
  const settings = await getFamilySettings(c.var.db);
  const dashboards = await listDashboards(c.var.db);
  const slug = c.var.family.slug;
  const errors = state.errors ?? {};
  const { t } = c.var.i18n;
  const title = countdown ? countdown.name : t('countdowns.new');
  let statusLine: string | null = null;
  if (countdown) {
    const [slot] = sortByDaysRemaining([countdown], countdownWhen, todayIn(settings.time_zone), { includePast: true });
    if (slot) statusLine = `${describeDays(slot.days, c.var.i18n.t)} · ${familyDate(slot.date, settings.date_format, c.var.i18n)}${slot.past ? ` (${t('countdowns.passed')})` : ''}`;
  }
  return renderManagePage(
    c,
    title,
    <>
      <BackToManage slug={slug} t={c.var.i18n.t} />
      <h1 class="item-heading">
        {countdown ? <ItemIcon slug={slug} icon={countdown.icon} imageId={countdown.image_id} /> : null} {title}
      </h1>
      {statusLine ? <p class="lead">{statusLine}</p> : null}
      <FormProblem message={hasErrors(errors) ? t('form.nothingSaved') : undefined} />
      <form method="post" action={countdown ? `/${slug}/manage/countdowns/${countdown.id}` : `/${slug}/manage/countdowns/new`} enctype="multipart/form-data" class="card">
        <CountdownFields slug={slug} values={state.values} errors={errors} dashboards={dashboards} imageId={countdown?.image_id ?? null} chooseImageAgain={state.chooseImageAgain ?? false} askPast={state.askPast} t={c.var.i18n.t} />
        <button class="button" type="submit">
          {countdown ? t('countdowns.save') : t('countdowns.addButton')}
        </button>
      </form>
      {countdown ? (
        <section class="card danger-zone">
          <h2>{t('countdowns.deleteThis')}</h2>
          <ActionButton action={`/${slug}/manage/countdowns/${countdown.id}/delete`} label={t('event.deleteNamed', { title: countdown.name })} danger confirm={t('countdowns.deleteConfirm', { name: countdown.name })} />
        </section>
      ) : null}
    </>,
    status,
  );
}

countdownAdminRoutes.get('/new', async (c) => {
  const wanted = parseId(c.req.query('dashboard'));
  const dashboards = await listDashboards(c.var.db);
  const dashboard = dashboards.find((d) => d.id === wanted) ?? (await getDefaultDashboard(c.var.db));
  return renderForm(c, null, { values: { name: '', icon: '🎂', dashboard_id: String(dashboard?.id ?? ''), kind: 'yearly', year: '', month: '1', day: '' } });
});

countdownAdminRoutes.post('/new', pictureBodyLimit, async (c) => {
  const body = await readForm(c);
  const values = readValues(body);
  const checked = await checkCountdown(c, body, values, null);
  if (!checked.ok) return renderForm(c, null, { values, errors: checked.errors, chooseImageAgain: checked.pictureWasFine, askPast: checked.askPast }, 400);
  await c.var.db.transaction().execute(async (trx) => {
    const imageId = await storePictureChange(trx, checked.picture, null);
    await insertCountdown(trx, { ...checked.values, image_id: imageId });
  });
  return c.redirect(`/${c.var.family.slug}/manage?done=countdown-added`, 303);
});

async function loadCountdown(c: Context<FamilyEnv>): Promise<Countdown | undefined> {
  const id = parseId(c.req.param('id'));
  return id ? getCountdown(c.var.db, id) : undefined;
}

countdownAdminRoutes.get('/:id', async (c) => {
  const countdown = await loadCountdown(c);
  return countdown ? renderForm(c, countdown, { values: valuesOf(countdown) }) : renderError(c, notFoundPage(c.var.i18n.t));
});

countdownAdminRoutes.post('/:id', pictureBodyLimit, async (c) => {
  const countdown = await loadCountdown(c);
  if (!countdown) return renderError(c, notFoundPage(c.var.i18n.t));
  const body = await readForm(c);
  const values = readValues(body);
  const checked = await checkCountdown(c, body, values, countdown);
  if (!checked.ok) return renderForm(c, countdown, { values, errors: checked.errors, chooseImageAgain: checked.pictureWasFine, askPast: checked.askPast }, 400);
  await c.var.db.transaction().execute(async (trx) => {
    const current = (await getCountdown(trx, countdown.id)) ?? countdown;
    const imageId = await storePictureChange(trx, checked.picture, current.image_id);
    await updateCountdown(trx, countdown.id, { ...checked.values, image_id: imageId });
    await dropReplacedPicture(trx, current.image_id, imageId);
  });
  return c.redirect(`/${c.var.family.slug}/manage?done=countdown-saved`, 303);
});

countdownAdminRoutes.post('/:id/delete', async (c) => {
  const id = parseId(c.req.param('id'));
  const deleted = id ? await c.var.db.transaction().execute((trx) => deleteCountdown(trx, id)) : false;
  if (!deleted) return renderError(c, notFoundPage(c.var.i18n.t));
  return c.redirect(`/${c.var.family.slug}/manage?done=countdown-deleted`, 303);
});
