import { hashPassword, passwordProblem } from '../accounts/password.js';
import { english } from '../i18n/i18n.js';
import { usernameKey, usernameProblem } from '../accounts/username.js';
import { insertMember, listMembers, setMemberPasswordHash } from '../accounts/member-queries.js';
import { invalidateMemberSessions } from '../accounts/session.js';
import { displayNameProblem, isRole } from '../accounts/member-fields.js';
import type { Role } from '../accounts/tables.js';
import type { FamilyDb } from '../tenants/family-database.js';
import { cleanText } from '../views/clean-text.js';
import { OwnerError } from './errors.js';
import { withOwnerFamily } from './owner-family.js';
import { inWriteTransaction } from '../tenants/write-transaction.js';

// The owner's rescue kit for a family's accounts: list them, add one (the
// first admin of a family created without --admin), set a new password for
// someone locked out. Passwords are only ever hashed here, never logged.

export interface MemberListing {
  username: string;
  displayName: string;
  role: Role;
}

export async function listFamilyMembers(dataDir: string, slug: string): Promise<MemberListing[]> {
  return withOwnerFamily(dataDir, slug, async ({ db }) =>
    (await listMembers(db)).map((m) => ({ username: m.username, displayName: m.display_name, role: m.role })),
  );
}

export interface NewMemberInput {
  username: string;
  role: string;
  /** Defaults to the username. */
  displayName?: string;
}

/** Problems with a new member's username, role and name, before a password is asked for. */
export function newMemberProblem(input: NewMemberInput): string | null {
  const username = usernameProblem(input.username, english.t);
  if (username) return `USERNAME: ${username}`;
  if (!isRole(input.role)) return `--role: "${input.role}" is not a role; use admin, member or viewer.`;
  if (input.displayName !== undefined) {
    const name = displayNameProblem(input.displayName, english.t);
    if (name) return `--name: ${name}`;
  }
  return null;
}

/** Whether the family has a member with this username (ignoring case and Unicode form). */
export async function hasMember(dataDir: string, slug: string, username: string): Promise<boolean> {
  return withOwnerFamily(dataDir, slug, async ({ db }) => (await memberIdOf(db, username)) !== undefined);
}

export async function addFamilyMember(dataDir: string, slug: string, input: NewMemberInput & { password: string }): Promise<{ id: number }> {
  const problem = newMemberProblem(input) ?? passwordProblem(input.password, english.t);
  if (problem) throw new OwnerError(problem, 'usage');
  const passwordHash = await hashPassword(input.password);
  return withOwnerFamily(dataDir, slug, ({ db }) =>
    inWriteTransaction(db, async (db) => {
      if ((await memberIdOf(db, input.username)) !== undefined) throw usernameTaken(slug, input.username);
      const id = await insertMember(db, {
        username: input.username,
        displayName: cleanText(input.displayName ?? '') || input.username,
        role: input.role as Role,
        passwordHash,
      });
      return { id };
    }),
  );
}

/** Sets a new password and ends every session of the member (all their signed-in devices). */
export async function resetMemberPassword(dataDir: string, slug: string, username: string, password: string): Promise<{ username: string; sessionsEnded: number }> {
  const problem = passwordProblem(password, english.t);
  if (problem) throw new OwnerError(problem, 'usage');
  const passwordHash = await hashPassword(password);
  return withOwnerFamily(dataDir, slug, ({ db }) =>
    inWriteTransaction(db, async (db) => {
      const member = await db.selectFrom('members').select(['id', 'username']).where('username_key', '=', usernameKey(username)).executeTakeFirst();
      if (!member) throw memberNotFound(slug, username);
      const sessions = await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('member_id', '=', member.id).executeTakeFirstOrThrow();
      await setMemberPasswordHash(db, member.id, passwordHash);
      await invalidateMemberSessions(db, member.id);
      return { username: member.username, sessionsEnded: Number(sessions.n) };
    }),
  );
}

async function memberIdOf(db: FamilyDb, username: string): Promise<number | undefined> {
  const row = await db.selectFrom('members').select('id').where('username_key', '=', usernameKey(username)).executeTakeFirst();
  return row?.id;
}

export function memberNotFound(slug: string, username: string): OwnerError {
  return new OwnerError(`The family "${slug}" has no member "${username}". See who it has with: dinkydash user list ${slug}`, 'not-found');
}

export function usernameTaken(slug: string, username: string): OwnerError {
  return new OwnerError(`The family "${slug}" already has a member "${username}" (usernames ignore upper and lower case). Nothing was changed.`, 'refused');
}
