import { sql } from 'kysely';
import type { FamilyDb } from '../tenants/family-database.js';
import type { Member, Role } from './tables.js';
import { usernameKey } from './username.js';
import { nextMemberLook } from './member-fields.js';

export type PublicMember = Omit<Member, 'password_hash'>;

const PUBLIC_COLUMNS = ['id', 'username', 'username_key', 'display_name', 'role', 'color', 'avatar', 'image_id', 'birth_date', 'language', 'created_at', 'updated_at'] as const;

export function listMembers(db: FamilyDb): Promise<PublicMember[]> {
  return db.selectFrom('members').select(PUBLIC_COLUMNS).orderBy('display_name').orderBy('id').execute();
}

export function getMember(db: FamilyDb, id: number): Promise<PublicMember | undefined> {
  return db.selectFrom('members').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** With the password hash: only for signing in. */
export function findMemberForSignIn(db: FamilyDb, username: string): Promise<Member | undefined> {
  return db.selectFrom('members').selectAll().where('username_key', '=', usernameKey(username)).executeTakeFirst();
}

export async function usernameTaken(db: FamilyDb, username: string, exceptId?: number): Promise<boolean> {
  let query = db.selectFrom('members').select('id').where('username_key', '=', usernameKey(username));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface NewMember {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  color?: string;
  avatar?: string;
}

/** The colour and avatar a new member gets unless chosen: the ones the family uses least. */
export async function newMemberLook(db: FamilyDb): Promise<{ color: string; avatar: string }> {
  return nextMemberLook(await db.selectFrom('members').select(['color', 'avatar']).execute());
}

/** Without a colour or avatar, the member gets the family's least-used ones. */
export async function insertMember(db: FamilyDb, member: NewMember): Promise<number> {
  const look = member.color && member.avatar ? null : await newMemberLook(db);
  const row = await db
    .insertInto('members')
    .values({
      username: member.username.normalize('NFC'),
      username_key: usernameKey(member.username),
      display_name: member.displayName,
      role: member.role,
      password_hash: member.passwordHash,
      color: member.color || look!.color,
      avatar: member.avatar || look!.avatar,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface MemberChanges {
  displayName?: string;
  role?: Role;
  color?: string;
  avatar?: string;
  imageId?: number | null;
  /** YYYY-MM-DD, or null for none. */
  birthDate?: string | null;
  /** The member's own language; null for the family's. */
  language?: string | null;
}

export async function updateMember(db: FamilyDb, id: number, changes: MemberChanges): Promise<void> {
  await db
    .updateTable('members')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.color !== undefined ? { color: changes.color } : {}),
      ...(changes.avatar !== undefined ? { avatar: changes.avatar } : {}),
      ...(changes.imageId !== undefined ? { image_id: changes.imageId } : {}),
      ...(changes.birthDate !== undefined ? { birth_date: changes.birthDate } : {}),
      ...(changes.language !== undefined ? { language: changes.language } : {}),
      updated_at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    })
    .where('id', '=', id)
    .execute();
}

export async function setMemberPasswordHash(db: FamilyDb, id: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('members')
    .set({ password_hash: passwordHash, updated_at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` })
    .where('id', '=', id)
    .execute();
}

export async function countAdmins(db: FamilyDb): Promise<number> {
  const row = await db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteMember(db: FamilyDb, id: number): Promise<void> {
  await db.deleteFrom('members').where('id', '=', id).execute();
}
