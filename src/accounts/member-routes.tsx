import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { readForm, field, parseId, type FormBody } from '../http/form.js';
import { requireMember, requireRole, signedIn } from './auth.js';
import { ActionButton, FormProblem, SelectField, TextField, type FieldErrors, Notice, hasErrors } from '../views/form.js';
import { cleanText } from '../views/clean-text.js';
import { countAdmins, deleteMember, getMember, insertMember, listMembers, setMemberPasswordHash, updateMember, usernameTaken, type PublicMember } from './member-queries.js';
import { avatarProblem, colorProblem, displayNameProblem, isRole, nextMemberLook, roleLabel, roleOptions } from './member-fields.js';
import type { Translate } from '../i18n/i18n.js';
import { usernameProblem } from './username.js';
import { hashPassword, passwordProblem } from './password.js';
import { invalidateMemberSessions, generateToken } from './session.js';
import { createInvitation, listOpenInvitations, revokeInvitation } from './invitation-queries.js';
import { MemberFields, type MemberFormValues } from './member-form.js';
import { CarryLink } from '../views/carry-link.js';
import { requestOrigin } from '../http/client.js';
import { notFoundPage, renderError } from '../http/error-handler.js';
import { beforeMemberRemoved } from '../kinds/chores/member-removal.js';
import type { Role } from './tables.js';
import { inWriteTransaction } from '../tenants/write-transaction.js';
import { checkBirthDate } from '../kinds/calendar/birth-date-field.js';
import { familyToday } from '../family/queries.js';

/** Admins manage the family's members and invitations. */
export const memberRoutes = new Hono<FamilyEnv>();
// Middleware scoped to this module's paths: routers share the family app, so '*' would reach other features' pages.
memberRoutes.use('/members/*', requireMember, requireRole('admin'));
memberRoutes.use('/invitations/*', requireMember, requireRole('admin'));

function readMemberValues(body: FormBody): MemberFormValues {
  return {
    display_name: field(body, 'display_name'),
    username: field(body, 'username').trim(),
    role: field(body, 'role'),
    color: field(body, 'color'),
    avatar: field(body, 'avatar'),
    birth_date: field(body, 'birth_date').trim(),
  };
}

function memberProblems(values: MemberFormValues, t: Translate): FieldErrors {
  return {
    display_name: displayNameProblem(values.display_name ?? '', t) ?? undefined,
    role: isRole(values.role) ? undefined : t('members.roleMissing'),
    color: colorProblem(values.color ?? '', t) ?? undefined,
    avatar: avatarProblem(values.avatar ?? '', t) ?? undefined,
  };
}


async function renderMembers(c: Context<FamilyEnv>, state: { values?: MemberFormValues; errors?: FieldErrors; newLink?: string; notice?: string } = {}, status = 200) {
  const i18n = c.var.i18n;
  const { t } = i18n;
  const members = i18n.sortBy(await listMembers(c.var.db), (m) => m.display_name);
  const invitations = await listOpenInvitations(c.var.db);
  const slug = c.var.family.slug;
  c.status(status as 200);
  return c.render(
    <>
      <h1>{t('frame.members')}</h1>
      <Notice message={state.notice} />
      <ul class="member-list">
        {members.map((m) => (
          <li>
            <span class="avatar" style={`--member-color: ${m.color}`} aria-hidden="true">
              {m.avatar}
            </span>
            <span>
              <strong>{m.display_name}</strong> <span class="muted">@{m.username} · {roleLabel(m.role, t)}</span>
            </span>
            <a class="button secondary" href={`/${slug}/members/${m.id}`}>
              {t('members.edit')}<span class="visually-hidden"> {m.display_name}</span>
            </a>
          </li>
        ))}
      </ul>

      <section class="card">
        <h2>{t('members.inviteHeading')}</h2>
        <p>{t('members.inviteLead', { days: 7 })}</p>
        {state.newLink ? (
          <div class="notice" role="status">
            <CarryLink t={t} url={state.newLink}>
              <p>
                {t('members.inviteLinkShown')} <br />
                <code class="copyable" data-copy-text>
                  {state.newLink}
                </code>
              </p>
            </CarryLink>
          </div>
        ) : null}
        <form method="post" action={`/${slug}/invitations`}>
          <SelectField label={t('members.role')} name="role" value="member" options={roleOptions(t)} hint={t('members.rolesHint')} />
          <TextField label={t('members.inviteNote')} name="note" maxlength={60} placeholder={t('members.inviteNotePlaceholder')} />
          <button class="button" type="submit">
            {t('members.inviteSubmit')}
          </button>
        </form>
        {invitations.length ? (
          <>
            <h3>{t('members.openInvitations')}</h3>
            <ul class="plain-list">
              {invitations.map((i) => (
                <li>
                  {i.note || t('members.invitation')} · {roleLabel(i.role, t)} · {t('members.invitationUntil', { date: i18n.dateAt(i.expires_at * 1000, 'long') })}{' '}
                  <ActionButton action={`/${slug}/invitations/${i.id}/revoke`} label={t('members.withdraw')} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section class="card">
        <h2>{t('members.addHeading')}</h2>
        <FormProblem message={state.errors && hasErrors(state.errors) ? t('members.checkFields') : undefined} />
        <form method="post" action={`/${slug}/members`}>
          <MemberFields values={state.values ?? nextMemberLook(members)} errors={state.errors ?? {}} isNew showRole t={t} />
          <button class="button" type="submit">
            {t('members.addSubmit')}
          </button>
        </form>
      </section>
    </>,
    { title: t('frame.members'), current: 'members' },
  );
}

memberRoutes.get('/members', (c) => renderMembers(c));

memberRoutes.post('/members', async (c) => {
  const body = await readForm(c);
  const values = readMemberValues(body);
  const password = field(body, 'password');
  const { t } = c.var.i18n;
  const errors = memberProblems(values, t);
  errors.username = usernameProblem(values.username ?? '', t) ?? undefined;
  if (!errors.username && (await usernameTaken(c.var.db, values.username ?? ''))) errors.username = t('accounts.usernameTaken');
  errors.password = passwordProblem(password, t) ?? undefined;
  if (hasErrors(errors)) return renderMembers(c, { values, errors }, 400);
  await insertMember(c.var.db, {
    username: values.username!,
    displayName: cleanText(values.display_name),
    role: values.role as Role,
    passwordHash: await hashPassword(password),
    color: values.color!.toLowerCase(),
    avatar: cleanText(values.avatar),
  });
  return renderMembers(c, { notice: t('members.added', { name: cleanText(values.display_name) }) });
});

memberRoutes.post('/invitations', async (c) => {
  const body = await readForm(c);
  const role = field(body, 'role');
  if (!isRole(role)) return renderMembers(c, { notice: c.var.i18n.t('members.inviteRoleMissing') }, 400);
  const token = generateToken();
  await createInvitation(c.var.db, token, role, signedIn(c).id, cleanText(field(body, 'note')).slice(0, 60));
  return renderMembers(c, { newLink: `${requestOrigin(c)}/${c.var.family.slug}/join/${token}` });
});

memberRoutes.post('/invitations/:id/revoke', async (c) => {
  const id = parseId(c.req.param('id'));
  if (!id || !(await revokeInvitation(c.var.db, id))) return renderError(c, notFoundPage(c.var.i18n.t));
  return c.redirect(`/${c.var.family.slug}/members`, 303);
});

async function loadMember(c: Context<FamilyEnv>): Promise<PublicMember | undefined> {
  const id = parseId(c.req.param('id'));
  return id ? getMember(c.var.db, id) : undefined;
}

async function renderEdit(c: Context<FamilyEnv>, member: PublicMember, state: { values?: MemberFormValues; errors?: FieldErrors; notice?: string; problem?: string } = {}, status = 200) {
  const slug = c.var.family.slug;
  const values = state.values ?? { display_name: member.display_name, role: member.role, color: member.color, avatar: member.avatar, birth_date: member.birth_date ?? '' };
  const { t } = c.var.i18n;
  c.status(status as 200);
  return c.render(
    <>
      <p>
        <a href={`/${slug}/members`}>← {t('members.all')}</a>
      </p>
      <h1>
        {member.display_name} <span class="muted">@{member.username}</span>
      </h1>
      <Notice message={state.notice} />
      <FormProblem message={state.problem} />
      <section class="card">
        <form method="post" action={`/${slug}/members/${member.id}`}>
          <MemberFields values={values} errors={state.errors ?? {}} isNew={false} showRole t={t} />
          <button class="button" type="submit">
            {t('form.save')}
          </button>
        </form>
      </section>
      <section class="card">
        <h2>{t('members.setPasswordHeading')}</h2>
        <form method="post" action={`/${slug}/members/${member.id}/password`}>
          <TextField label={t('accounts.newPassword')} name="password" type="password" error={state.errors?.password} required minlength={8} maxlength={256} autocomplete="new-password" hint={t('members.setPasswordHint')} />
          <button class="button" type="submit">
            {t('members.setPassword')}
          </button>
        </form>
      </section>
      <section class="card danger-zone">
        <h2>{t('members.removeHeading')}</h2>
        <p>{t('members.removeLead')}</p>
        <ActionButton action={`/${slug}/members/${member.id}/delete`} label={t('members.remove', { name: member.display_name })} danger confirm={t('members.removeConfirm', { name: member.display_name })} />
      </section>
    </>,
    { title: member.display_name, current: 'members' },
  );
}

memberRoutes.get('/members/:id', async (c) => {
  const member = await loadMember(c);
  return member ? renderEdit(c, member) : renderError(c, notFoundPage(c.var.i18n.t));
});

memberRoutes.post('/members/:id', async (c) => {
  const member = await loadMember(c);
  if (!member) return renderError(c, notFoundPage(c.var.i18n.t));
  const body = await readForm(c);
  const values = readMemberValues(body);
  const { t } = c.var.i18n;
  const errors = memberProblems(values, t);
  // The date of birth is optional; a form without the field (an older page) leaves it as it is.
  const birth = 'birth_date' in body ? checkBirthDate(values.birth_date ?? '', await familyToday(c.var.db), c.var.i18n) : null;
  if (birth && !birth.ok) errors.birth_date = birth.message;
  if (hasErrors(errors)) return renderEdit(c, member, { values, errors }, 400);
  const birthDate = birth?.ok ? birth.value : undefined;
  // The role as it is now, not as it was when the (perhaps slowly sent) form began: read and written under one write lock.
  const saved = await inWriteTransaction(c.var.db, async (trx) => {
    const current = await getMember(trx, member.id);
    if (!current) return 'gone' as const;
    const demoting = current.role === 'admin' && values.role !== 'admin';
    if (demoting && (await countAdmins(trx)) <= 1) return 'last admin' as const;
    await updateMember(trx, member.id, { displayName: cleanText(values.display_name), role: values.role as Role, color: values.color!.toLowerCase(), avatar: cleanText(values.avatar), birthDate });
    return demoting ? ('demoted' as const) : ('saved' as const);
  });
  if (saved === 'gone') return renderError(c, notFoundPage(c.var.i18n.t));
  if (saved === 'last admin') return renderEdit(c, member, { values, errors: { role: t('members.lastAdmin') } }, 400);
  if (saved === 'demoted' && member.id === signedIn(c).id) return c.redirect(`/${c.var.family.slug}/`, 303);
  return renderEdit(c, (await getMember(c.var.db, member.id))!, { notice: t('form.saved') });
});

memberRoutes.post('/members/:id/password', async (c) => {
  const member = await loadMember(c);
  if (!member) return renderError(c, notFoundPage(c.var.i18n.t));
  const password = field(await readForm(c), 'password');
  const { t } = c.var.i18n;
  const problem = passwordProblem(password, t);
  if (problem) return renderEdit(c, member, { errors: { password: problem } }, 400);
  const hash = await hashPassword(password);
  await setMemberPasswordHash(c.var.db, member.id, hash);
  // Everyone signed in as them is signed out, except the admin's own session when resetting their own password.
  await invalidateMemberSessions(c.var.db, member.id, member.id === signedIn(c).id ? c.var.session?.id : undefined);
  return renderEdit(c, member, { notice: t('members.passwordChanged', { name: member.display_name }) });
});

memberRoutes.post('/members/:id/delete', async (c) => {
  const member = await loadMember(c);
  if (!member) return renderError(c, notFoundPage(c.var.i18n.t));
  const removed = await inWriteTransaction(c.var.db, async (trx) => {
    const current = await getMember(trx, member.id);
    if (!current) return 'gone' as const;
    if (current.role === 'admin' && (await countAdmins(trx)) <= 1) return 'last admin' as const;
    await beforeMemberRemoved(trx, member.id);
    await deleteMember(trx, member.id);
    return 'removed' as const;
  });
  if (removed === 'gone') return renderError(c, notFoundPage(c.var.i18n.t));
  if (removed === 'last admin') return renderEdit(c, member, { problem: c.var.i18n.t('members.lastAdmin') }, 400);
  return c.redirect(member.id === signedIn(c).id ? `/${c.var.family.slug}/login` : `/${c.var.family.slug}/members`, 303);
});
