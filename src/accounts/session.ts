import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { FamilyDb } from '../tenants/family-database.js';
import type { Member, Session } from './tables.js';

// Sessions as the Lucia guide now teaches them: a random token in the cookie,
// only its SHA-256 in the family's file, expiry sliding with use.

const HOUR = 60 * 60;
const DAY = 24 * HOUR;
/** Without "Keep me signed in": 12 hours of inactivity. */
export const SHORT_SESSION_SECONDS = 12 * HOUR;
/** With it: 30 days, sliding. */
export const LONG_SESSION_SECONDS = 30 * DAY;

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What is stored for a token (sessions, invitations, display links): never the token itself. Its SHA-256, in hex. */
export function hashToken(token: string): string {
  // Node's own SHA-256: hashed on every signed-in request, where a JavaScript one costs several times more.
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function createSession(db: FamilyDb, token: string, memberId: number, remember: boolean): Promise<Session> {
  const session: Session = {
    id: hashToken(token),
    member_id: memberId,
    expires_at: nowSeconds() + (remember ? LONG_SESSION_SECONDS : SHORT_SESSION_SECONDS),
    remember: remember ? 1 : 0,
    created_at: new Date().toISOString(),
  };
  await db.insertInto('sessions').values(session).execute();
  return session;
}

export type SessionMember = Omit<Member, 'password_hash'>;

/** The stored session of a token's hash, with its member. */
export function findSession(db: FamilyDb, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.member_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'sessions.remember',
      'sessions.created_at as session_created_at',
      'members.id',
      'members.username',
      'members.username_key',
      'members.display_name',
      'members.role',
      'members.color',
      'members.avatar',
      'members.image_id',
      'members.birth_date',
      'members.created_at',
      'members.updated_at',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export type SessionLookup = (db: FamilyDb, sessionId: string) => ReturnType<typeof findSession>;

/**
 * The session and its member for a cookie's token, or null. Expired sessions
 * are deleted; live ones slide. `lookup` lets a request reuse a lookup that
 * nothing has changed since (FamilyLease.remember).
 */
export async function validateSessionToken(db: FamilyDb, token: string, lookup: SessionLookup = findSession): Promise<{ session: Session; member: SessionMember } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = hashToken(token);
  const row = await lookup(db, id);
  if (!row) return null;
  const now = nowSeconds();
  if (now >= row.expires_at) {
    await bookkeeping(db.deleteFrom('sessions').where('id', '=', id).execute());
    return null;
  }
  const lifetime = row.remember ? LONG_SESSION_SECONDS : SHORT_SESSION_SECONDS;
  let expiresAt = row.expires_at;
  // Slide, but write at most once per tenth of the lifetime: reads stay reads.
  if (expiresAt - now < lifetime - lifetime / 10) {
    const slid = await bookkeeping(db.updateTable('sessions').set({ expires_at: expiresAt = now + lifetime }).where('id', '=', id).execute());
    if (!slid) expiresAt = row.expires_at;
  }
  const { session_id, remember, session_created_at, expires_at: _old, ...member } = row;
  return {
    session: { id: session_id, member_id: member.id, expires_at: expiresAt, remember, created_at: session_created_at },
    member,
  };
}

/**
 * A write that only keeps sessions tidy must not break a page that only reads:
 * with the family's file read-only, the disk full or another program writing,
 * the page is still served (the next request tries again).
 */
async function bookkeeping(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_READONLY') && code !== 'SQLITE_READONLY_DBMOVED') return false;
    if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_IOERR')) return false;
    throw err;
  }
}

export async function invalidateSession(db: FamilyDb, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a member, except `keepSessionId` (the one changing the password). */
export async function invalidateMemberSessions(db: FamilyDb, memberId: number, keepSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('member_id', '=', memberId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}
