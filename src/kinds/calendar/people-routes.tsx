import type { Translate } from '../../i18n/i18n.js';
import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../../http/env.js';
import { checkbox, field, parseId, readForm, type FormBody } from '../../http/form.js';
import { notFoundPage, renderError } from '../../http/error-handler.js';
import { ActionButton, CheckboxField, FormProblem, Notice, SelectField, TextField, hasErrors, type FieldErrors } from '../../views/form.js';
import { cleanText } from '../../views/clean-text.js';
import { renderManagePage } from '../../manage/manage-page.js';
import { avatarProblem, colorProblem, displayNameProblem, DISPLAY_NAME_MAX } from '../../accounts/member-fields.js';
import { familyToday, getFamilySettings } from '../../family/queries.js';
import { checkBirthDate, describeBirthDate } from './birth-date-field.js';
import { type NamedPersonColumns, deleteNamedPerson, getNamedPerson, insertNamedPerson, listNamedPeople, updateNamedPerson } from './people-queries.js';
import type { NamedPerson } from './tables.js';

/**
 * Named people — Grandma, the dog — at /<slug>/manage/calendar/people
 * (admins): people who do not sign in, named in chores' rotations, with a
 * birthday on the calendar. The year of birth may be left out.
 */
export const peopleAdminRoutes = new Hono<FamilyEnv>();

const KINDS = [
  { value: 'person', label: 'people.person' },
  { value: 'pet', label: 'people.pet' },
] as const;

const DEFAULT_COLOR = '#7c3aed';

interface PersonFormValues {
  name: string;
  kind: string;
  birth_date: string;
  birth_year_unknown: boolean;
  color: string;
  avatar: string;
}

const EMPTY: PersonFormValues = { name: '', kind: 'person', birth_date: '', birth_year_unknown: false, color: DEFAULT_COLOR, avatar: '' };

function readValues(body: FormBody): PersonFormValues {
  return {
    name: field(body, 'name'),
    kind: field(body, 'kind'),
    birth_date: field(body, 'birth_date').trim(),
    birth_year_unknown: checkbox(body, 'birth_year_unknown'),
    color: field(body, 'color') || DEFAULT_COLOR,
    avatar: field(body, 'avatar'),
  };
}

function valuesOf(person: NamedPerson): PersonFormValues {
  const noYear = person.birth_date?.startsWith('--') ?? false;
  return {
    name: person.name,
    kind: person.kind,
    // A date field cannot show a day without its year: any leap year keeps 29 February.
    birth_date: noYear ? `2000${person.birth_date!.slice(1)}` : person.birth_date ?? '',
    birth_year_unknown: noYear,
    color: person.color,
    avatar: person.avatar,
  };
}

async function checkPerson(c: Context<FamilyEnv>, values: PersonFormValues): Promise<{ ok: true; columns: NamedPersonColumns } | { ok: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  errors.name = displayNameProblem(values.name, c.var.i18n.t) ?? undefined;
  if (!KINDS.some((k) => k.value === values.kind)) errors.kind = c.var.i18n.t('people.chooseKind');
  const birth = checkBirthDate(values.birth_date, await familyToday(c.var.db), c.var.i18n, { allowNoYear: true, yearUnknown: values.birth_year_unknown });
  if (!birth.ok) errors.birth_date = birth.message;
  errors.color = colorProblem(values.color, c.var.i18n.t) ?? undefined;
  if (cleanText(values.avatar)) errors.avatar = avatarProblem(values.avatar, c.var.i18n.t) ?? undefined;
  if (hasErrors(errors) || !birth.ok) return { ok: false, errors };
  return {
    ok: true,
    columns: { name: cleanText(values.name), kind: values.kind as 'person' | 'pet', birth_date: birth.value, color: values.color.toLowerCase(), avatar: cleanText(values.avatar) },
  };
}

function PersonFields(props: { values: PersonFormValues; errors: FieldErrors; t: Translate }) {
  const { values, errors, t } = props;
  return (
    <>
      <TextField label={t('feeds.name')} name="name" value={values.name} error={errors.name} required maxlength={DISPLAY_NAME_MAX} placeholder={t('event.whoPlaceholder')} />
      <SelectField label={t('people.personOrPet')} name="kind" value={values.kind} options={KINDS.map((k) => ({ value: k.value, label: t(k.label) }))} error={errors.kind} />
      <TextField label={t('people.birthDate')} name="birth_date" type="date" value={values.birth_date} error={errors.birth_date} hint={t('people.birthDateHint')} />
      <CheckboxField label={t('people.yearUnknown')} name="birth_year_unknown" checked={values.birth_year_unknown} hint={t('people.yearUnknownHint', { example: t('birthday.of', { name: t('people.grandma') }) })} />
      <TextField label={t('feeds.colour')} name="color" type="color" value={values.color} error={errors.color} />
      <TextField label={t('members.avatar')} name="avatar" value={values.avatar} error={errors.avatar} maxlength={32} hint={t('people.avatarHint')} />
    </>
  );
}

function BackToCalendars(props: { slug: string; t: Translate }) {
  return (
    <p class="back-link">
      <a href={`/${props.slug}/manage/calendar`}>← {props.t('calendar.add')}</a>
    </p>
  );
}

async function renderPeople(c: Context<FamilyEnv>, state: { values?: PersonFormValues; errors?: FieldErrors; notice?: string | undefined } = {}, status = 200) {
  const slug = c.var.family.slug;
  const people = await listNamedPeople(c.var.db);
  const monthFirst = (await getFamilySettings(c.var.db)).date_format === 'mdy';
  const errors = state.errors ?? {};
  const { t } = c.var.i18n;
  return renderManagePage(
    c,
    t('people.title'),
    <>
      <BackToCalendars slug={slug} t={t} />
      <h1>{t('people.title')}</h1>
      <Notice message={state.notice} />
      <p class="lead">{t('people.lead')}</p>
      <section class="card" aria-labelledby="people-heading">
        <h2 id="people-heading">{t('people.everyone')}</h2>
        {people.length === 0 ? (
          <p class="empty-state">{t('people.none')}</p>
        ) : (
          <ul class="item-list">
            {people.map((p) => (
              <li class="item">
                <span class="person-avatar is-member item-icon" style={`--member-color: ${p.color}`} aria-hidden="true">
                  {p.avatar || p.name.slice(0, 1).toUpperCase()}
                </span>
                <span class="item-text">
                  <a href={`/${slug}/manage/calendar/people/${p.id}`}>{p.name}</a>
                  <span class="muted">
                    {p.kind === 'pet' ? t('people.pet') : t('people.person')}
                    {p.birth_date ? ` · ${t('people.born', { date: describeBirthDate(p.birth_date, monthFirst) })}` : ''}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="add-person-heading">
        <h2 id="add-person-heading">{t('people.add')}</h2>
        <FormProblem message={hasErrors(errors) ? t('people.notAdded') : undefined} />
        <form method="post" action={`/${slug}/manage/calendar/people`}>
          <PersonFields values={state.values ?? EMPTY} errors={errors} t={t} />
          <button class="button" type="submit">
            {t('calendar.addShort')}
          </button>
        </form>
      </section>
    </>,
    status,
  );
}

async function renderPerson(c: Context<FamilyEnv>, person: NamedPerson, state: { values?: PersonFormValues; errors?: FieldErrors } = {}, status = 200) {
  const slug = c.var.family.slug;
  const errors = state.errors ?? {};
  const { t } = c.var.i18n;
  return renderManagePage(
    c,
    person.name,
    <>
      <p class="back-link">
        <a href={`/${slug}/manage/calendar/people`}>← {t('people.title')}</a>
      </p>
      <h1>{person.name}</h1>
      <FormProblem message={hasErrors(errors) ? t('form.nothingSaved') : undefined} />
      <form method="post" action={`/${slug}/manage/calendar/people/${person.id}`} class="card">
        <PersonFields values={state.values ?? valuesOf(person)} errors={errors} t={t} />
        <button class="button" type="submit">
          {t('form.save')}
        </button>
      </form>
      <section class="card danger-zone">
        <h2>{t('people.delete')}</h2>
        <p>{t('people.deleteText', { name: person.name })}</p>
        <ActionButton action={`/${slug}/manage/calendar/people/${person.id}/delete`} label={t('event.deleteNamed', { title: person.name })} danger confirm={t('people.deleteConfirm', { name: person.name })} />
      </section>
    </>,
    status,
  );
}

const DONE = { added: 'people.added', saved: 'form.saved', deleted: 'people.deleted' } as const;

peopleAdminRoutes.get('/', (c) => {
  const done = c.req.query('done') ?? '';
  return renderPeople(c, { notice: Object.hasOwn(DONE, done) ? c.var.i18n.t(DONE[done as keyof typeof DONE]) : undefined });
});

peopleAdminRoutes.post('/', async (c) => {
  const values = readValues(await readForm(c));
  const checked = await checkPerson(c, values);
  if (!checked.ok) return renderPeople(c, { values, errors: checked.errors }, 400);
  await insertNamedPerson(c.var.db, checked.columns);
  return c.redirect(`/${c.var.family.slug}/manage/calendar/people?done=added`, 303);
});

async function personFromPath(c: Context<FamilyEnv>): Promise<NamedPerson | undefined> {
  const id = parseId(c.req.param('id'));
  return id ? getNamedPerson(c.var.db, id) : undefined;
}

peopleAdminRoutes.get('/:id', async (c) => {
  const person = await personFromPath(c);
  return person ? renderPerson(c, person) : renderError(c, notFoundPage(c.var.i18n.t));
});

peopleAdminRoutes.post('/:id', async (c) => {
  const person = await personFromPath(c);
  if (!person) return renderError(c, notFoundPage(c.var.i18n.t));
  const values = readValues(await readForm(c));
  const checked = await checkPerson(c, values);
  if (!checked.ok) return renderPerson(c, person, { values, errors: checked.errors }, 400);
  await updateNamedPerson(c.var.db, person.id, checked.columns);
  return c.redirect(`/${c.var.family.slug}/manage/calendar/people?done=saved`, 303);
});

peopleAdminRoutes.post('/:id/delete', async (c) => {
  const person = await personFromPath(c);
  if (!person) return renderError(c, notFoundPage(c.var.i18n.t));
  await c.var.db.transaction().execute((trx) => deleteNamedPerson(trx, person));
  return c.redirect(`/${c.var.family.slug}/manage/calendar/people?done=deleted`, 303);
});
