import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { readForm, field, checkbox } from '../http/form.js';
import { clientAddress } from '../http/client.js';
import { renderError } from '../http/error-handler.js';
import { getFamilySettings } from '../family/queries.js';
import { TextField, CheckboxField, FormProblem, type FieldErrors, hasErrors } from '../views/form.js';
import type { Member } from './tables.js';
import { findMemberForSignIn, insertMember, usernameTaken } from './member-queries.js';
import { hashPassword, passwordChecks, passwordProblem, verifyPassword } from './password.js';
import { endSession, startSession } from './session.js';
import { isRefused, refusalMessage } from './rate-limit.js';
import { safeReturnPath } from './auth.js';
import { claimInvitation, findUsableInvitation } from './invitation-queries.js';
import { usernameProblem } from './username.js';
import { cleanText } from '../views/clean-text.js';
import { displayNameProblem } from './member-fields.js';

/** Signing in and out, and accepting an invitation: the family pages an anonymous visitor may see. */
export const sessionRoutes = new Hono<FamilyEnv>();

// Verifying against a real hash when the username is unknown keeps the answer's timing from telling which was wrong.
let dummyHash: Promise<string> | undefined;

async function renderLogin(c: Context<FamilyEnv>, values: { username?: string; remember?: boolean; next?: string }, problem?: string, status = 200) {
  const settings = await getFamilySettings(c.var.db);
  const slug = c.var.family.slug;
  const { t } = c.var.i18n;
  c.status(status as 200);
  return c.render(
    <>
      <section class="narrow card">
        <h1>{t('accounts.signInTo', { family: settings.name })}</h1>
        <FormProblem message={problem} />
        <form method="post" action={`/${slug}/login`}>
          {values.next ? <input type="hidden" name="next" value={values.next} /> : null}
          <TextField label={t('accounts.username')} name="username" value={values.username} autocomplete="username" required maxlength={64} autofocus />
          <TextField label={t('accounts.password')} name="password" type="password" autocomplete="current-password" required maxlength={1024} />
          <CheckboxField label={t('accounts.remember')} name="remember" checked={values.remember} hint={t('accounts.rememberHint')} />
          <button type="submit" class="button">
            {t('accounts.signIn')}
          </button>
        </form>
        <p class="muted">{t('accounts.forgotPassword')}</p>
      </section>
    </>,
    { title: t('accounts.signIn'), anonymous: true },
  );
}

sessionRoutes.get('/login', async (c) => {
  if (c.var.member) return c.redirect(safeReturnPath(c.var.family.slug, c.req.query('next')), 303);
  return renderLogin(c, { next: c.req.query('next') });
});

sessionRoutes.post('/login', async (c) => {
  const slug = c.var.family.slug;
  const body = await readForm(c);
  const username = field(body, 'username').trim();
  const password = field(body, 'password');
  const remember = checkbox(body, 'remember');
  const next = field(body, 'next');
  let member = undefined as Member | undefined;
  const outcome = await passwordChecks.check({ family: slug, client: clientAddress(c), username }, async () => {
    member = username && password ? await findMemberForSignIn(c.var.db, username) : undefined;
    if (member) return verifyPassword(member.password_hash, password);
    await verifyPassword(await (dummyHash ??= hashPassword('not a real password')), password);
    return false;
  });
  if (isRefused(outcome)) {
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return renderLogin(c, { username, remember, next }, refusalMessage(outcome, c.var.i18n.t), 429);
  }
  if (outcome === 'failed' || !member) return renderLogin(c, { username, remember, next }, c.var.i18n.t('accounts.wrongPassword'), 400);
  await startSession(c, c.var.family, member.id, remember);
  return c.redirect(safeReturnPath(slug, next), 303);
});

sessionRoutes.post('/logout', async (c) => {
  await endSession(c, c.var.family, c.var.session);
  return c.redirect(`/${c.var.family.slug}/login`, 303);
});

async function renderJoin(c: Context<FamilyEnv>, token: string, values: Record<string, string>, errors: FieldErrors, status = 200) {
  const settings = await getFamilySettings(c.var.db);
  const slug = c.var.family.slug;
  const { t } = c.var.i18n;
  c.status(status as 200);
  return c.render(
    <>
      <section class="narrow card">
        <h1>{t('accounts.joinHeading', { family: settings.name })}</h1>
        <p>{t('accounts.joinLead', { family: settings.name })}</p>
        <FormProblem message={errors.form} />
        <form method="post" action={`/${slug}/join/${token}`}>
          <TextField label={t('accounts.yourName')} name="display_name" value={values.display_name} error={errors.display_name} required maxlength={40} autocomplete="nickname" hint={t('accounts.yourNameHint')} />
          <TextField label={t('accounts.username')} name="username" value={values.username} error={errors.username} required maxlength={32} autocomplete="username" hint={t('accounts.usernameHint')} />
          <TextField label={t('accounts.password')} name="password" type="password" error={errors.password} required minlength={8} maxlength={256} autocomplete="new-password" hint={t('accounts.passwordHint', { count: 8 })} />
          <button type="submit" class="button">
            {t('accounts.joinSubmit')}
          </button>
        </form>
      </section>
    </>,
    { title: t('accounts.joinTitle'), anonymous: true },
  );
}

function invitationGone(c: Context<FamilyEnv>) {
  const { t } = c.var.i18n;
  return renderError(c, {
    status: 404,
    title: t('accounts.invitationGoneTitle'),
    message: t('accounts.invitationGone', { days: 7 }),
    action: { href: `/${c.var.family.slug}/login`, label: t('accounts.toSignIn') },
  });
}

sessionRoutes.get('/join/:token', async (c) => {
  const token = c.req.param('token');
  if (!(await findUsableInvitation(c.var.db, token))) return invitationGone(c);
  return renderJoin(c, token, {}, {});
});

sessionRoutes.post('/join/:token', async (c) => {
  const token = c.req.param('token');
  const invitation = await findUsableInvitation(c.var.db, token);
  if (!invitation) return invitationGone(c);
  const body = await readForm(c);
  const values = { display_name: field(body, 'display_name'), username: field(body, 'username').trim() };
  const password = field(body, 'password');
  const { t } = c.var.i18n;
  const errors: FieldErrors = {};
  errors.display_name = displayNameProblem(values.display_name, t) ?? undefined;
  errors.username = usernameProblem(values.username, t) ?? undefined;
  if (!errors.username && (await usernameTaken(c.var.db, values.username))) errors.username = t('accounts.usernameTaken');
  errors.password = passwordProblem(password, t) ?? undefined;
  if (hasErrors(errors)) return renderJoin(c, token, values, errors, 400);

  const slug = c.var.family.slug;
  const passwordHash = await passwordChecks.hash(slug, () => hashPassword(password));
  if (isRefused(passwordHash)) {
    c.header('Retry-After', String(passwordHash.retryAfterSeconds));
    return renderJoin(c, token, values, { form: refusalMessage(passwordHash, t) }, 429);
  }
  const joined = await c.var.db.transaction().execute(async (trx) => {
    // Re-check inside the transaction: the invitation may have been used while we hashed.
    if (!(await findUsableInvitation(trx, token))) return null;
    if (await usernameTaken(trx, values.username)) return 'taken' as const;
    const memberId = await insertMember(trx, { username: values.username, displayName: cleanText(values.display_name), role: invitation.role, passwordHash });
    if (!(await claimInvitation(trx, invitation.id, memberId))) throw new Error('invitation claimed twice');
    return memberId;
  });
  if (joined === null) return invitationGone(c);
  if (joined === 'taken') return renderJoin(c, token, values, { username: t('accounts.usernameTaken') }, 400);
  await startSession(c, c.var.family, joined, false);
  return c.redirect(`/${slug}/`, 303);
});
