import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { readForm, field, parseId, type FormBody } from '../http/form.js';
import { requireMember, requireRole, signedIn } from './auth.js';
import { ActionButton, FormProblem, SelectField, TextField, type FieldErrors, Notice, hasErrors } from '../views/form.js';
import { cleanText } from '../views/clean-text.js';
import { countAdmins, deleteMember, getMember, insertMember, listMembers, setMemberPasswordHash, updateMember, usernameTaken, type PublicMember } from './member-queries.js';
import { avatarProblem, colorProblem, displayNameProblem, isRole, nextMemberLook, ROLES, ROLES_HINT } from './member-fields.js';
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

const LAST_ADMIN = 'The family needs at least one admin. Make someone else an admin first.';

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

function memberProblems(values: MemberFormValues): FieldErrors {
  return {
    display_name: displayNameProblem(values.display_name ?? '') ?? undefined,
    role: isRole(values.role) ? undefined : 'Please choose a role.',
    color: colorProblem(values.color ?? '') ?? undefined,
    avatar: avatarProblem(values.avatar ?? '') ?? undefined,
  };
}


async function renderMembers(c: Context<FamilyEnv>, state: { values?: MemberFormValues; errors?: FieldErrors; newLink?: string; notice?: string } = {}, status = 200) {
  const members = await listMembers(c.var.db);
  const invitations = await listOpenInvitations(c.var.db);
  const slug = c.var.family.slug;
  c.status(status as 200);
  return c.render(
    <>
      <h1>Members</h1>
      <Notice message={state.notice} />
      <ul class="member-list">
        {members.map((m) => (
          <li>
            <span class="avatar" style={`--member-color: ${m.color}`} aria-hidden="true">
              {m.avatar}
            </span>
            <span>
              <strong>{m.display_name}</strong> <span class="muted">@{m.username} · {m.role}</span>
            </span>
            <a class="button secondary" href={`/${slug}/members/${m.id}`}>
              Edit<span class="visually-hidden"> {m.display_name}</span>
            </a>
          </li>
        ))}
      </ul>

      <section class="card">
        <h2>Invite someone</h2>
        <p>An invitation link lets a person choose their own username and password. It works once and for 7 days.</p>
        {state.newLink ? (
          <div class="notice" role="status">
            <CarryLink t={c.var.i18n.t} url={state.newLink}>
              <p>
                Send this link (it is shown only now): <br />
                <code class="copyable" data-copy-text>
                  {state.newLink}
                </code>
              </p>
            </CarryLink>
          </div>
        ) : null}
        <form method="post" action={`/${slug}/invitations`}>
          <SelectField label="Role" name="role" value="member" options={ROLES} hint={ROLES_HINT} />
          <TextField label="Note (for you)" name="note" maxlength={60} placeholder="e.g. Grandma" />
          <button class="button" type="submit">
            Create invitation link
          </button>
        </form>
        {invitations.length ? (
          <>
            <h3>Open invitations</h3>
            <ul class="plain-list">
              {invitations.map((i) => (
                <li>
                  {i.note || 'Invitation'} · {i.role} · until {new Date(i.expires_at * 1000).toISOString().slice(0, 10)}{' '}
                  <ActionButton action={`/${slug}/invitations/${i.id}/revoke`} label="Withdraw" />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section class="card">
        <h2>Add a member</h2>
        <FormProblem message={state.errors && hasErrors(state.errors) ? 'Please check the fields marked below.' : undefined} />
        <form method="post" action={`/${slug}/members`}>
          <MemberFields values={state.values ?? nextMemberLook(members)} errors={state.errors ?? {}} isNew showRole />
          <button class="button" type="submit">
            Add member
          </button>
        </form>
      </section>
    </>,
    { title: 'Members', current: 'members' },
  );
}

memberRoutes.get('/members', (c) => renderMembers(c));

memberRoutes.post('/members', async (c) => {
  const body = await readForm(c);
  const values = readMemberValues(body);
  const password = field(body, 'password');
  const errors = memberProblems(values);
  errors.username = usernameProblem(values.username ?? '') ?? undefined;
  if (!errors.username && (await usernameTaken(c.var.db, values.username ?? ''))) errors.username = 'That username is taken in this family; please choose another.';
  errors.password = passwordProblem(password) ?? undefined;
  if (hasErrors(errors)) return renderMembers(c, { values, errors }, 400);
  await insertMember(c.var.db, {
    username: values.username!,
    displayName: cleanText(values.display_name),
    role: values.role as Role,
    passwordHash: await hashPassword(password),
    color: values.color!.toLowerCase(),
    avatar: cleanText(values.avatar),
  });
  return renderMembers(c, { notice: `${cleanText(values.display_name)} was added.` });
});

memberRoutes.post('/invitations', async (c) => {
  const body = await readForm(c);
  const role = field(body, 'role');
  if (!isRole(role)) return renderMembers(c, { notice: 'Please choose a role for the invitation.' }, 400);
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
  c.status(status as 200);
  return c.render(
    <>
      <p>
        <a href={`/${slug}/members`}>← All members</a>
      </p>
      <h1>
        {member.display_name} <span class="muted">@{member.username}</span>
      </h1>
      <Notice message={state.notice} />
      <FormProblem message={state.problem} />
      <section class="card">
        <form method="post" action={`/${slug}/members/${member.id}`}>
          <MemberFields values={values} errors={state.errors ?? {}} isNew={false} showRole />
          <button class="button" type="submit">
            Save
          </button>
        </form>
      </section>
      <section class="card">
        <h2>Set a new password</h2>
        <form method="post" action={`/${slug}/members/${member.id}/password`}>
          <TextField label="New password" name="password" type="password" error={state.errors?.password} required minlength={8} maxlength={256} autocomplete="new-password" hint="They will be signed out everywhere." />
          <button class="button" type="submit">
            Set password
          </button>
        </form>
      </section>
      <section class="card danger-zone">
        <h2>Remove from the family</h2>
        <p>Their turns leave every chore's rotation; the rest of the rotation keeps its order.</p>
        <ActionButton action={`/${slug}/members/${member.id}/delete`} label={`Remove ${member.display_name}`} danger confirm={`Remove ${member.display_name} from the family?`} />
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
  const errors = memberProblems(values);
  // The date of birth is optional; a form without the field (an older page) leaves it as it is.
  const birth = 'birth_date' in body ? checkBirthDate(values.birth_date ?? '', await familyToday(c.var.db)) : null;
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
  if (saved === 'last admin') return renderEdit(c, member, { values, errors: { role: LAST_ADMIN } }, 400);
  if (saved === 'demoted' && member.id === signedIn(c).id) return c.redirect(`/${c.var.family.slug}/`, 303);
  return renderEdit(c, (await getMember(c.var.db, member.id))!, { notice: 'Saved.' });
});

memberRoutes.post('/members/:id/password', async (c) => {
  const member = await loadMember(c);
  if (!member) return renderError(c, notFoundPage(c.var.i18n.t));
  const password = field(await readForm(c), 'password');
  const problem = passwordProblem(password);
  if (problem) return renderEdit(c, member, { errors: { password: problem } }, 400);
  const hash = await hashPassword(password);
  await setMemberPasswordHash(c.var.db, member.id, hash);
  // Everyone signed in as them is signed out, except the admin's own session when resetting their own password.
  await invalidateMemberSessions(c.var.db, member.id, member.id === signedIn(c).id ? c.var.session?.id : undefined);
  return renderEdit(c, member, { notice: `${member.display_name}'s password was changed.` });
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
  if (removed === 'last admin') return renderEdit(c, member, { problem: LAST_ADMIN }, 400);
  return c.redirect(member.id === signedIn(c).id ? `/${c.var.family.slug}/login` : `/${c.var.family.slug}/members`, 303);
});
