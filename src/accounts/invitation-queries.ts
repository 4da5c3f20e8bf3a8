import type { FamilyDb } from '../tenants/family-database.js';
import type { Invitation, Role } from './tables.js';
import { hashToken } from './session.js';

export const INVITATION_DAYS = 7;

const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function createInvitation(db: FamilyDb, token: string, role: Role, createdBy: number, note: string): Promise<number> {
  const row = await db
    .insertInto('invitations')
    .values({ token_hash: hashToken(token), role, created_by: createdBy, note, expires_at: nowSeconds() + INVITATION_DAYS * 24 * 3600 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Invitations an admin still cares about: open ones, newest first. */
export function listOpenInvitations(db: FamilyDb): Promise<Invitation[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowSeconds())
    .orderBy('id', 'desc')
    .execute();
}

/** The invitation a link's token stands for, if it can still be used. */
export function findUsableInvitation(db: FamilyDb, token: string): Promise<Invitation | undefined> {
  if (!/^[a-z2-7]{32}$/.test(token)) return Promise.resolve(undefined);
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowSeconds())
    .executeTakeFirst();
}

/** Marks the invitation used; false if someone else used it first (single use even under a race). */
export async function claimInvitation(db: FamilyDb, id: number, memberId: number): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: new Date().toISOString(), used_by: memberId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeInvitation(db: FamilyDb, id: number): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
