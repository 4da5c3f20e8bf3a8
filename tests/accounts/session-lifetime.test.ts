import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { LONG_SESSION_SECONDS, SESSION_COOKIE, SHORT_SESSION_SECONDS, createSession, generateToken, hashToken, sessionFromCookie, validateSessionToken } from '../../src/accounts/session.js';

// A session's lifetime against a real family file, with the clock moved by
// the test: idle expiry, the 30-day sliding renewal, and how seldom a
// session's row is written.
const t = makeTestApp();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1, 8);
let now = T0;
const clock = () => now;
let mumId: number;

beforeAll(async () => {
  await createTestFamily(t, 'lives', [ADMIN]);
  mumId = (await t.pool.withFamily('lives', ({ db }) => db.selectFrom('members').select('id').executeTakeFirstOrThrow())).id;
});

const inFamily = <T>(fn: (db: Parameters<Parameters<typeof t.pool.withFamily>[1]>[0]['db']) => Promise<T>) => t.pool.withFamily('lives', ({ db }) => fn(db));
const storedExpiry = (token: string) => inFamily(async (db) => (await db.selectFrom('sessions').select('expires_at').where('id', '=', hashToken(token)).executeTakeFirst())?.expires_at);
const use = (token: string) => inFamily((db) => validateSessionToken(db, token, { clock }));
async function start(remember: boolean): Promise<string> {
  now = T0;
  const token = generateToken();
  await inFamily((db) => createSession(db, token, mumId, remember, clock));
  return token;
}
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('a session', () => {
  it('without "Keep me signed in" ends after 12 hours without use, and its row is deleted', async () => {
    const token = await start(false);
    now = T0 + 12 * HOUR - 1000;
    expect(await use(token)).not.toBeNull();
    const idle = await start(false);
    now = T0 + 12 * HOUR;
    expect(await use(idle)).toBeNull();
    expect(await storedExpiry(idle)).toBeUndefined();
  });

  it('counts the 12 hours again from each use', async () => {
    const token = await start(false);
    now = T0 + 6 * HOUR;
    expect((await use(token))!.session.expires_at).toBe(seconds(now) + SHORT_SESSION_SECONDS);
    now = T0 + 17 * HOUR;
    expect(await use(token)).not.toBeNull();
    now += 12 * HOUR;
    expect(await use(token)).toBeNull();
  });

  it('with "Keep me signed in" slides 30 days from each use: used every few days it never ends; left 30 days it does', async () => {
    const token = await start(true);
    expect(await storedExpiry(token)).toBe(seconds(T0) + LONG_SESSION_SECONDS);
    for (let day = 5; day <= 90; day += 5) {
      now = T0 + day * DAY;
      const found = await use(token);
      expect(found, `day ${day}`).not.toBeNull();
      expect(found!.session.expires_at).toBe(seconds(now) + LONG_SESSION_SECONDS);
    }
    now += 30 * DAY - 1000;
    expect(await use(token)).not.toBeNull();
    now += 30 * DAY;
    expect(await use(token)).toBeNull();
  });

  it('writes its row at most once per tenth of its lifetime (3 days, or 72 minutes), so reading pages stays reading', async () => {
    const long = await start(true);
    const firstExpiry = seconds(T0) + LONG_SESSION_SECONDS;
    for (const at of [1 * MINUTE, 1 * DAY, 3 * DAY - MINUTE]) {
      now = T0 + at;
      expect((await use(long))!.renewed).toBe(false);
      expect(await storedExpiry(long)).toBe(firstExpiry);
    }
    now = T0 + 3 * DAY + MINUTE;
    expect((await use(long))!.renewed).toBe(true);
    expect(await storedExpiry(long)).toBe(seconds(now) + LONG_SESSION_SECONDS);

    const short = await start(false);
    now = T0 + 71 * MINUTE;
    expect((await use(short))!.renewed).toBe(false);
    expect(await storedExpiry(short)).toBe(seconds(T0) + SHORT_SESSION_SECONDS);
    now = T0 + 73 * MINUTE;
    expect((await use(short))!.renewed).toBe(true);
    expect(await storedExpiry(short)).toBe(seconds(now) + SHORT_SESSION_SECONDS);
  });

  it('sends its cookie again only when it slid, with the new expiry; clears a cookie that names no live session', async () => {
    const app = new Hono().get('/:slug/page', (c) =>
      t.pool.withFamily(c.req.param('slug'), async (family) => {
        const found = await sessionFromCookie(c, family, undefined, clock);
        return c.text(found ? found.member.username : 'anonymous');
      }),
    );
    const visit = (token: string) => app.request('http://localhost/lives/page', { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    const token = await start(true);
    now = T0 + DAY;
    const quiet = await visit(token);
    expect(await quiet.text()).toBe('mum');
    expect(quiet.headers.get('set-cookie')).toBeNull();
    now = T0 + 4 * DAY;
    const renewed = await visit(token);
    const expires = /Expires=([^;]+)/.exec(renewed.headers.get('set-cookie') ?? '')?.[1];
    expect(new Date(expires!).getTime()).toBe(now + LONG_SESSION_SECONDS * 1000);
    expect(renewed.headers.get('set-cookie')).toContain('Path=/lives/');
    now += 31 * DAY;
    const ended = await visit(token);
    expect(await ended.text()).toBe('anonymous');
    expect(ended.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
  });
});
