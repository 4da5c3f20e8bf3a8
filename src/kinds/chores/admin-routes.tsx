import { Hono, type Context } from 'hono';
import type { I18n, Translate } from '../../i18n/i18n.js';
import type { FamilyEnv } from '../../http/env.js';
import { field, parseId, readForm, type FormBody } from '../../http/form.js';
import { notFoundPage, renderError } from '../../http/error-handler.js';
import { ActionButton, FormProblem, type FieldErrors, hasErrors } from '../../views/form.js';
import { cleanText } from '../../views/clean-text.js';
import { listMembers } from '../../accounts/member-queries.js';
import { todayIn } from '../../calendar/family-time.js';
import { fromDayNumber, formatIsoDate, parseIsoDate, type CivilDate } from '../../calendar/civil-date.js';
import { explainReanchor, isRotationMode, planReanchor, ROTATION_MODES, startState, type RotationMode } from './rotation.js';
import { formatRotationText, parseRotationText, type RotationMember } from './rotation-text.js';
import {
  countCompletions,
  deleteChore,
  entryKey,
  entryLabel,
  getChore,
  insertChore,
  listCompletions,
  replaceEntries,
  rotationStateOf,
  updateChore,
  type ChoreWithEntries,
  type RotationEntryInput,
} from './queries.js';
import type { Dashboard } from '../../dashboards/tables.js';
import type { FamilySettings } from '../../family/tables.js';
import { getDefaultDashboard, listDashboards } from '../../manage/dashboard-admin-queries.js';
import { ChoreFields, type ChoreFormValues } from './chore-form.js';
import { getFamilySettings } from '../../family/queries.js';
import { BackToManage, Notice, renderManagePage } from '../../manage/manage-page.js';
import { ItemIcon } from '../../manage/fields.js';
import { iconProblem, ITEM_NAME_MAX, nameProblem } from '../../manage/item-fields.js';
import { dropReplacedPicture, hasPictureAfter, readPictureChange, storePictureChange, type PictureChange } from '../../manage/item-picture.js';
import { pictureBodyLimit } from '../../images/upload.js';
import { currentTurn, familyDate, turnWord, upcomingTurns } from './turns.js';

/** Admins add, edit and delete chores; a chore's page shows its next turns and who did it when. */
export const choreAdminRoutes = new Hono<FamilyEnv>();

const HISTORY_PAGE_SIZE = 20;


async function rotationMembers(c: Context<FamilyEnv>): Promise<RotationMember[]> {
  return (await listMembers(c.var.db)).map((m) => ({ id: m.id, username: m.username, display_name: m.display_name }));
}

function readValues(body: FormBody): ChoreFormValues {
  return {
    name: field(body, 'name'),
    icon: field(body, 'icon'),
    dashboard_id: field(body, 'dashboard_id'),
    mode: field(body, 'mode'),
    // Browsers send CRLF line breaks; one kind is easier to show back and compare.
    rotation: field(body, 'rotation').replace(/\r\n?/g, '\n'),
    start_date: field(body, 'start_date').trim(),
    restart_date: field(body, 'restart_date').trim(),
  };
}

function valuesOf(chore: ChoreWithEntries, members: readonly RotationMember[]): ChoreFormValues {
  return {
    name: chore.name,
    icon: chore.icon,
    dashboard_id: String(chore.dashboard_id),
    mode: chore.mode,
    rotation: formatRotationText(chore.entries, members),
    start_date: '',
    restart_date: '',
  };
}

interface CheckedChore {
  name: string;
  icon: string;
  dashboardId: number;
  mode: RotationMode;
  entries: RotationEntryInput[];
  /** The start date (new chore) or restart date (edit), if one was given. */
  date: CivilDate | null;
  picture: PictureChange;
}

type Checked = { ok: true; chore: CheckedChore } | { ok: false; errors: FieldErrors; pictureWasFine: boolean };


/** Checks every field at once, so the form can mark all problems together. Nothing is stored. */
async function checkChore(body: FormBody, values: ChoreFormValues, dashboards: readonly Dashboard[], members: readonly RotationMember[], currentImageId: number | null, t: Translate): Promise<Checked> {
  const errors: FieldErrors = {};
  errors.name = nameProblem(values.name, ITEM_NAME_MAX, 'chore', t) ?? undefined;
  const dashboardId = parseId(values.dashboard_id);
  if (!dashboardId || !dashboards.some((d) => d.id === dashboardId)) errors.dashboard_id = t('chores.chooseDashboard');
  if (!isRotationMode(values.mode)) errors.mode = t('chores.chooseMode');
  const rotation = parseRotationText(values.rotation, members, t);
  if (!rotation.ok) errors.rotation = rotation.message;
  const dateText = values.start_date || values.restart_date;
  const date = dateText ? parseIsoDate(dateText) : null;
  if (dateText && !date) errors[values.start_date ? 'start_date' : 'restart_date'] = t('chores.dateLike');
  const picture = await readPictureChange(body, t);
  if (!picture.ok) errors.image = picture.message;
  errors.icon = iconProblem(values.icon, hasPictureAfter(picture.ok ? picture.change : null, currentImageId), t) ?? undefined;
  if (hasErrors(errors) || !picture.ok || !rotation.ok) {
    return { ok: false, errors, pictureWasFine: picture.ok && picture.change.kind === 'new' };
  }
  return {
    ok: true,
    chore: { name: cleanText(values.name), icon: cleanText(values.icon), dashboardId: dashboardId!, mode: values.mode as RotationMode, entries: rotation.entries, date, picture: picture.change },
  };
}

// ----- new chore -----

async function renderNew(c: Context<FamilyEnv>, state: { values: ChoreFormValues; errors?: FieldErrors; chooseImageAgain?: boolean }, status = 200) {
  const dashboards = await listDashboards(c.var.db);
  const members = await rotationMembers(c);
  const slug = c.var.family.slug;
  const errors = state.errors ?? {};
  const { t } = c.var.i18n;
  return renderManagePage(
    c,
    t('chores.new'),
    <>
      <BackToManage slug={slug} t={t} />
      <h1>{t('chores.new')}</h1>
      <FormProblem message={hasErrors(errors) ? t('form.nothingSaved') : undefined} />
      <form method="post" action={`/${slug}/manage/chores/new`} enctype="multipart/form-data" class="card">
        <ChoreFields slug={slug} values={state.values} errors={errors} dashboards={dashboards} members={members} isNew imageId={null} chooseImageAgain={state.chooseImageAgain ?? false} t={c.var.i18n.t} />
        <button class="button" type="submit">
          {t('chores.addButton')}
        </button>
      </form>
    </>,
    status,
  );
}

choreAdminRoutes.get('/new', async (c) => {
  const settings = await getFamilySettings(c.var.db);
  const wanted = parseId(c.req.query('dashboard'));
  const dashboards = await listDashboards(c.var.db);
  const dashboard = dashboards.find((d) => d.id === wanted) ?? (await getDefaultDashboard(c.var.db));
  return renderNew(c, {
    values: { name: '', icon: '🧹', dashboard_id: String(dashboard?.id ?? ''), mode: 'daily', rotation: '', start_date: formatIsoDate(todayIn(settings.time_zone)), restart_date: '' },
  });
});

choreAdminRoutes.post('/new', pictureBodyLimit, async (c) => {
  const body = await readForm(c);
  const values = { ...readValues(body), restart_date: '' };
  const settings = await getFamilySettings(c.var.db);
  const dashboards = await listDashboards(c.var.db);
  const checked = await checkChore(body, values, dashboards, await rotationMembers(c), null, c.var.i18n.t);
  if (!checked.ok) return renderNew(c, { values, errors: checked.errors, chooseImageAgain: checked.pictureWasFine }, 400);
  const chore = checked.chore;
  const state = startState(chore.date ?? todayIn(settings.time_zone));
  const id = await c.var.db.transaction().execute(async (trx) => {
    const imageId = await storePictureChange(trx, chore.picture, null);
    return insertChore(
      trx,
      { dashboard_id: chore.dashboardId, name: chore.name, icon: chore.icon, image_id: imageId, mode: chore.mode, anchor_day: state.anchorDay, turn_offset: state.offset },
      chore.entries,
    );
  });
  return c.redirect(`/${c.var.family.slug}/manage/chores/${id}?added=1`, 303);
});

// ----- a chore's page: edit, next turns, history -----

async function loadChore(c: Context<FamilyEnv>): Promise<ChoreWithEntries | undefined> {
  const id = parseId(c.req.param('id'));
  return id ? getChore(c.var.db, id) : undefined;
}

function History(props: { slug: string; chore: ChoreWithEntries; settings: FamilySettings; rows: Awaited<ReturnType<typeof listCompletions>>; page: number; pages: number; i18n: I18n }) {
  const { rows, page, pages, i18n } = props;
  const { t } = i18n;
  const base = `/${props.slug}/manage/chores/${props.chore.id}`;
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('chores.history')}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('chores.historyEmpty')}</p>
      ) : (
        <ol class="history-list">
          {rows.map((row) => {
            const who = row.done_by_display_name ?? row.done_by_name;
            const by = row.recorded_by_display_name && row.recorded_by_member_id !== row.done_by_member_id ? ` (${t('chores.tickedOffBy', { name: row.recorded_by_display_name })})` : '';
            return (
              <li>
                <span class="history-date">{familyDate(fromDayNumber(row.day), props.settings.date_format, i18n)}</span> <strong>{who}</strong>
                <span class="muted">{by}</span>
              </li>
            );
          })}
        </ol>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label={t('chores.historyPages')}>
          {page > 1 ? <a href={page === 2 ? `${base}#history-heading` : `${base}?page=${page - 1}#history-heading`}>{t('chores.newer')}</a> : <span />}
          <span class="muted">{t('chores.pageOf', { page, pages })}</span>
          {page < pages ? <a href={`${base}?page=${page + 1}#history-heading`}>{t('chores.older')}</a> : <span />}
        </nav>
      ) : null}
    </section>
  );
}

async function renderChorePage(c: Context<FamilyEnv>, chore: ChoreWithEntries, state: { values?: ChoreFormValues; errors?: FieldErrors; notice?: string; chooseImageAgain?: boolean } = {}, status = 200) {
  const db = c.var.db;
  const settings = await getFamilySettings(db);
  const dashboards = await listDashboards(db);
  const members = await rotationMembers(c);
  const slug = c.var.family.slug;
  const today = todayIn(settings.time_zone);
  const errors = state.errors ?? {};
  const total = await countCompletions(db, chore.id);
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const page = Math.min(pages, parseId(c.req.query('page')) ?? 1);
  const history = await listCompletions(db, chore.id, { limit: HISTORY_PAGE_SIZE, offset: (page - 1) * HISTORY_PAGE_SIZE });
  const now = currentTurn(chore, today);
  const { t } = c.var.i18n;
  const upcoming = upcomingTurns(chore, today, settings.date_format, c.var.i18n);
  const mode = ROTATION_MODES.find((m) => m.value === chore.mode);
  const modeLabel = mode ? c.var.i18n.t(mode.label) : chore.mode;
  return renderManagePage(
    c,
    chore.name,
    <>
      <BackToManage slug={slug} t={c.var.i18n.t} />
      <h1 class="item-heading">
        <ItemIcon slug={slug} icon={chore.icon} imageId={chore.image_id} /> {chore.name}
      </h1>
      <Notice message={state.notice} />
      {now ? (
        <p class="lead">
          {t('chores.hasTurn', { name: entryLabel(now), turn: turnWord(chore.mode, t) })} <span class="muted">{modeLabel}.</span>
        </p>
      ) : null}

      <section class="card" aria-labelledby="next-heading">
        <h2 id="next-heading">{t('chores.nextTurns')}</h2>
        <ol class="turn-list">
          {upcoming.map((turn) => (
            <li>
              <span class="turn-when">{turn.when}</span> <strong>{turn.who}</strong>
            </li>
          ))}
        </ol>
      </section>

      <section class="card" aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t('chores.change')}</h2>
        <FormProblem message={hasErrors(errors) ? t('form.nothingSaved') : undefined} />
        <form method="post" action={`/${slug}/manage/chores/${chore.id}`} enctype="multipart/form-data">
          <ChoreFields
            slug={slug}
            values={state.values ?? valuesOf(chore, members)}
            errors={errors}
            dashboards={dashboards}
            members={members}
            isNew={false}
            imageId={chore.image_id}
            chooseImageAgain={state.chooseImageAgain ?? false}
            t={c.var.i18n.t}
          />
          <button class="button" type="submit">
            {t('chores.save')}
          </button>
        </form>
      </section>

      <History slug={slug} chore={chore} settings={settings} rows={history} page={page} pages={pages} i18n={c.var.i18n} />

      <section class="card danger-zone">
        <h2>{t('chores.deleteThis')}</h2>
        <p>{t('chores.deleteText')}</p>
        <ActionButton action={`/${slug}/manage/chores/${chore.id}/delete`} label={t('event.deleteNamed', { title: chore.name })} danger confirm={t('chores.deleteConfirm', { name: chore.name })} />
      </section>
    </>,
    status,
  );
}

choreAdminRoutes.get('/:id', async (c) => {
  const chore = await loadChore(c);
  if (!chore) return renderError(c, notFoundPage(c.var.i18n.t));
  let notice: string | undefined;
  if (c.req.query('added')) {
    const settings = await getFamilySettings(c.var.db);
    const now = currentTurn(chore, todayIn(settings.time_zone));
    const { t } = c.var.i18n;
    notice = now ? `${t('chores.added')} ${t('chores.hasTurn', { name: entryLabel(now), turn: turnWord(chore.mode, t) })}` : t('chores.added');
  }
  return renderChorePage(c, chore, { notice });
});

choreAdminRoutes.post('/:id', pictureBodyLimit, async (c) => {
  const chore = await loadChore(c);
  if (!chore) return renderError(c, notFoundPage(c.var.i18n.t));
  const body = await readForm(c);
  const values = { ...readValues(body), start_date: '' };
  const settings = await getFamilySettings(c.var.db);
  const members = await rotationMembers(c);
  const checked = await checkChore(body, values, await listDashboards(c.var.db), members, chore.image_id, c.var.i18n.t);
  if (!checked.ok) return renderChorePage(c, chore, { values, errors: checked.errors, chooseImageAgain: checked.pictureWasFine }, 400);
  const edit = checked.chore;
  const today = todayIn(settings.time_zone);
  const nameOfKey = (key: string) => {
    const id = key.startsWith('m:') ? Number(key.slice(2)) : null;
    return id !== null ? (members.find((m) => m.id === id)?.display_name ?? 'Someone') : key.slice(2);
  };

  const result = await c.var.db.transaction().execute(async (trx) => {
    // Read again inside the transaction: a completion may have moved the turn since the page was loaded.
    const current = await getChore(trx, chore.id);
    if (!current) return { gone: true as const };
    const oldKeys = current.entries.map(entryKey);
    const newKeys = edit.entries.map(entryKey);
    const listChanged = oldKeys.length !== newKeys.length || oldKeys.some((k, i) => k !== newKeys[i]);
    let state = rotationStateOf(current);
    let sentence: string | null = null;
    if (edit.date) {
      state = startState(edit.date);
      const from = edit.mode === 'completion' ? 'the current turn' : `the turn on ${familyDate(edit.date, settings.date_format)}`;
      sentence = `The rotation starts again from the top: ${nameOfKey(newKeys[0]!)} has ${from}.`;
    } else if (listChanged || current.mode !== edit.mode || oldKeys.length === 0) {
      const plan = planReanchor(oldKeys, newKeys, current.mode, state, today);
      state = plan.state;
      // Explained in the words of the mode the chore has from now on.
      sentence = `${explainReanchor({ ...plan, mode: edit.mode }, nameOfKey, c.var.i18n.t)}.`;
    }
    const imageId = await storePictureChange(trx, edit.picture, current.image_id);
    await updateChore(trx, chore.id, {
      name: edit.name,
      icon: edit.icon,
      dashboard_id: edit.dashboardId,
      image_id: imageId,
      mode: edit.mode,
      anchor_day: state.anchorDay,
      turn_offset: state.offset,
    });
    if (listChanged) await replaceEntries(trx, chore.id, edit.entries);
    await dropReplacedPicture(trx, current.image_id, imageId);
    return { gone: false as const, sentence };
  });
  const saved = result.gone ? undefined : await getChore(c.var.db, chore.id);
  if (!saved) return renderError(c, notFoundPage(c.var.i18n.t));
  const explanation = result.gone ? null : result.sentence;
  const now = currentTurn(saved, today);
  const { t } = c.var.i18n;
  const notice = explanation ? `${t('form.saved')} ${explanation}` : now ? `${t('form.saved')} ${t('chores.hasTurn', { name: entryLabel(now), turn: turnWord(saved.mode, t) })}` : t('form.saved');
  return renderChorePage(c, saved, { notice });
});

choreAdminRoutes.post('/:id/delete', async (c) => {
  const id = parseId(c.req.param('id'));
  const deleted = id ? await c.var.db.transaction().execute((trx) => deleteChore(trx, id)) : false;
  if (!deleted) return renderError(c, notFoundPage(c.var.i18n.t));
  return c.redirect(`/${c.var.family.slug}/manage?done=chore-deleted`, 303);
});
