import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { readForm, field } from '../http/form.js';
import { requireMember, signedIn } from './auth.js';
import { SelectField, TextField, type FieldErrors, Notice, hasErrors } from '../views/form.js';
import { cleanText } from '../views/clean-text.js';
import { findMemberForSignIn, setMemberPasswordHash, updateMember } from './member-queries.js';
import { avatarProblem, colorProblem, displayNameProblem, roleLabel } from './member-fields.js';
import { MemberFields, type MemberFormValues } from './member-form.js';
import { hashPassword, passwordChecks, passwordProblem, verifyPassword } from './password.js';
import { isRefused, refusalMessage } from './rate-limit.js';
import { clientAddress } from '../http/client.js';
import { invalidateMemberSessions } from './session.js';
import { checkBirthDate } from '../kinds/calendar/birth-date-field.js';
import { familyToday } from '../family/queries.js';
import { getSettingsWithRevision } from '../dashboards/dashboard-queries.js';
import { DEFAULT_LANGUAGE, isLanguage, languageName, languageOptions } from '../i18n/languages.js';

/** Each member changes their own name, colour, avatar and password. */
export const profileRoutes = new Hono<FamilyEnv>();
profileRoutes.use('/me/*', requireMember);

async function renderProfile(c: Context<FamilyEnv>, state: { values?: MemberFormValues; language?: string; errors?: FieldErrors; notice?: string } = {}, status = 200) {
  const me = signedIn(c);
  const { t } = c.var.i18n;
  const familyLanguage = (await getSettingsWithRevision(c.var.family)).language;
  const languages = [{ value: '', label: t('profile.languageFamily', { language: languageName(isLanguage(familyLanguage) ? familyLanguage : DEFAULT_LANGUAGE) }) }, ...languageOptions()];
  const slug = c.var.family.slug;
  c.status(status as 200);
  return c.render(
    <>
      <h1>{t('frame.me')}</h1>
      <p class="muted">{t('accounts.signedInAs', { username: me.username, role: roleLabel(me.role, t) })}</p>
      <Notice message={state.notice} />
      <section class="card">
        <form method="post" action={`/${slug}/me`}>
          <MemberFields values={state.values ?? { display_name: me.display_name, color: me.color, avatar: me.avatar, birth_date: me.birth_date ?? '' }} errors={state.errors ?? {}} isNew={false} showRole={false} t={t} />
          <SelectField label={t('profile.language')} name="language" value={state.language ?? me.language ?? ''} options={languages} error={state.errors?.language} hint={t('profile.languageHint')} />
          <button class="button" type="submit">
            {t('form.save')}
          </button>
        </form>
      </section>
      <section class="card">
        <h2>{t('accounts.changePasswordHeading')}</h2>
        <form method="post" action={`/${slug}/me/password`}>
          <TextField label={t('accounts.currentPassword')} name="current_password" type="password" error={state.errors?.current_password} required autocomplete="current-password" maxlength={1024} />
          <TextField label={t('accounts.newPassword')} name="password" type="password" error={state.errors?.password} required minlength={8} maxlength={256} autocomplete="new-password" hint={t('accounts.newPasswordHint', { count: 8 })} />
          <button class="button" type="submit">
            {t('accounts.changePassword')}
          </button>
        </form>
      </section>
    </>,
    { title: t('frame.me'), current: 'me' },
  );
}

profileRoutes.get('/me', (c) => renderProfile(c, { notice: c.req.query('saved') ? c.var.i18n.t('form.saved') : undefined }));

profileRoutes.post('/me', async (c) => {
  const body = await readForm(c);
  const values: MemberFormValues = { display_name: field(body, 'display_name'), color: field(body, 'color'), avatar: field(body, 'avatar'), birth_date: field(body, 'birth_date').trim() };
  // The date of birth is optional; a form without the field (an older page) leaves it as it is.
  const birth = 'birth_date' in body ? checkBirthDate(values.birth_date ?? '', await familyToday(c.var.db), c.var.i18n) : null;
  // The member's own language: '' is the family's; a form without the field leaves it as it is.
  const language = 'language' in body ? field(body, 'language') : undefined;
  const { t } = c.var.i18n;
  const errors: FieldErrors = {
    display_name: displayNameProblem(values.display_name ?? '', t) ?? undefined,
    color: colorProblem(values.color ?? '', t) ?? undefined,
    avatar: avatarProblem(values.avatar ?? '', t) ?? undefined,
    birth_date: birth && !birth.ok ? birth.message : undefined,
    language: language === undefined || language === '' || isLanguage(language) ? undefined : c.var.i18n.t('settings.problemLanguage'),
  };
  if (hasErrors(errors)) return renderProfile(c, { values, language, errors }, 400);
  const birthDate = birth?.ok ? birth.value : undefined;
  await updateMember(c.var.db, signedIn(c).id, { displayName: cleanText(values.display_name), color: values.color!.toLowerCase(), avatar: cleanText(values.avatar), birthDate, language: language === undefined ? undefined : language || null });
  return c.redirect(`/${c.var.family.slug}/me?saved=1`, 303);
});

profileRoutes.post('/me/password', async (c) => {
  const body = await readForm(c);
  const me = signedIn(c);
  const { t } = c.var.i18n;
  const current = field(body, 'current_password');
  const password = field(body, 'password');
  const outcome = await passwordChecks.check({ family: c.var.family.slug, client: clientAddress(c), username: me.username }, async () => {
    const withHash = await findMemberForSignIn(c.var.db, me.username);
    return withHash ? verifyPassword(withHash.password_hash, current) : false;
  });
  if (isRefused(outcome)) {
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return renderProfile(c, { errors: { current_password: refusalMessage(outcome, t) } }, 429);
  }
  if (outcome === 'failed') return renderProfile(c, { errors: { current_password: t('accounts.currentPasswordWrong') } }, 400);
  const problem = passwordProblem(password, t);
  if (problem) return renderProfile(c, { errors: { password: problem } }, 400);
  await setMemberPasswordHash(c.var.db, me.id, await hashPassword(password));
  await invalidateMemberSessions(c.var.db, me.id, c.var.session?.id);
  return renderProfile(c, { notice: t('accounts.passwordChanged') });
});
