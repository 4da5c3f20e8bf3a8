import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { FamilyDb } from '../tenants/family-database.js';
import { isHttps, requestHeader } from '../http/client.js';
import type { Member, Session } from './tables.js';

// A session's whole lifetime, as the Lucia guide's session.ts teaches it: a
// random token in a cookie scoped to the family, only the token's SHA-256 in
// the family's file, expiry sliding with use. Start, validate, slide, end,
// and the cookie, all here. Every function that looks at the time takes a
// clock, so tests can move it.

/** Milliseconds since the epoch. */
export type Clock = () => number;

const HOUR = 60 * 60;
const DAY = 24 * HOUR;
/** Without "Keep me signed in": ended after 12 hours without use. */
export const SHORT_SESSION_SECONDS = 12 * HOUR;
/** With it: 30 days, counted again from each use. */
export const LONG_SESSION_SECONDS = 30 * DAY;
/**
 * A session slides (its row is written) only once this share of its lifetime
 * has passed since it last did: every 3 days for a 30-day session, every
 * 72 minutes for a 12-hour one. Reading pages stays reading.
 */
export const RENEW_AFTER_FRACTION = 0.1;

export const SESSION_COOKIE = 'dinkydash_session';
const TOKEN = /^[a-z2-7]{32}$/;

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

const seconds = (clock: Clock) => Math.floor(clock() / 1000);
const lifetimeOf = (remember: boolean | number) => (remember ? LONG_SESSION_SECONDS : SHORT_SESSION_SECONDS);

// --- The stored session ----------------------------------------------------

export async function createSession(db: FamilyDb, token: string, memberId: number, remember: boolean, clock: Clock = Date.now): Promise<Session> {
  const session: Session = {
    id: hashToken(token),
    member_id: memberId,
    expires_at: seconds(clock) + lifetimeOf(remember),
    remember: remember ? 1 : 0,
    created_at: new Date(clock()).toISOString(),
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
      'members.language',
      'members.created_at',
      'members.updated_at',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export type SessionLookup = (db: FamilyDb, sessionId: string) => ReturnType<typeof findSession>;

export interface ValidSession {
  session: Session;
  member: SessionMember;
  /** Whether this use slid the expiry (and wrote it): the cookie then carries the new one. */
  renewed: boolean;
}

/**
 * The session and its member for a token, or null. An expired session is
 * deleted; a live one slides. `lookup` lets a request reuse a lookup that
 * nothing has changed since (FamilyLease.remember).
 */
export async function validateSessionToken(db: FamilyDb, token: string, options: { lookup?: SessionLookup; clock?: Clock } = {}): Promise<ValidSession | null> {
  if (!TOKEN.test(token)) return null;
  const id = hashToken(token);
  const row = await (options.lookup ?? findSession)(db, id);
  if (!row) return null;
  const now = seconds(options.clock ?? Date.now);
  if (now >= row.expires_at) {
    await bookkeeping(db.deleteFrom('sessions').where('id', '=', id).execute());
    return null;
  }
  const lifetime = lifetimeOf(row.remember);
  let expiresAt = row.expires_at;
  let renewed = false;
  if (expiresAt - now < lifetime * (1 - RENEW_AFTER_FRACTION)) {
    renewed = await bookkeeping(db.updateTable('sessions').set({ expires_at: now + lifetime }).where('id', '=', id).execute());
    if (renewed) expiresAt = now + lifetime;
  }
  const { session_id, remember, session_created_at, expires_at: _old, ...member } = row;
  return {
    session: { id: session_id, member_id: member.id, expires_at: expiresAt, remember, created_at: session_created_at },
    member,
    renewed,
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

// --- The cookie --------------------------------------------------------------

/** Path=/<slug>/: families on one Pi never share or overwrite each other's cookies. */
function cookiePath(slug: string): string {
  return `/${slug}/`;
}

/** The session cookie's value, parsed as hono's getCookie() parses it (read on every request under /<slug>/). */
export function readSessionCookie(c: Context): string | undefined {
  const cookie = requestHeader(c, 'cookie');
  return cookie ? parse(cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
}

function setSessionCookie(c: Context, slug: string, token: string, session: Session): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: cookiePath(slug),
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    // Without "keep me signed in" the cookie ends with the browser; the server ends it after 12 idle hours anyway.
    ...(session.remember ? { expires: new Date(session.expires_at * 1000) } : {}),
  });
}

function clearSessionCookie(c: Context, slug: string): void {
  deleteCookie(c, SESSION_COOKIE, { path: cookiePath(slug), httpOnly: true, sameSite: 'Lax', secure: isHttps(c) });
}

// --- A request's part in it ---------------------------------------------------

/** Signs a member in: a new session in the family's file and its cookie on the response. */
export async function startSession(c: Context, family: { slug: string; db: FamilyDb }, memberId: number, remember: boolean, clock: Clock = Date.now): Promise<Session> {
  const token = generateToken();
  const session = await createSession(family.db, token, memberId, remember, clock);
  setSessionCookie(c, family.slug, token, session);
  return session;
}

/**
 * The request's session from its cookie, checked against this family's file
 * (a token from another family is simply not there), or null. A cookie that
 * names no live session is cleared; a remembered session that slid gets its
 * cookie's new expiry.
 */
export async function sessionFromCookie(c: Context, family: { slug: string; db: FamilyDb }, lookup?: SessionLookup, clock: Clock = Date.now): Promise<ValidSession | null> {
  const token = readSessionCookie(c);
  if (!token) return null;
  const found = await validateSessionToken(family.db, token, { lookup, clock });
  if (!found) clearSessionCookie(c, family.slug);
  else if (found.renewed && found.session.remember) setSessionCookie(c, family.slug, token, found.session);
  return found;
}

/** Signs out: the session leaves the family's file and the cookie the browser. */
export async function endSession(c: Context, family: { slug: string; db: FamilyDb }, session: Session | null): Promise<void> {
  if (session) await invalidateSession(family.db, session.id);
  clearSessionCookie(c, family.slug);
}
