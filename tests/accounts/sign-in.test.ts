import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GRANDPA, KID, PASSWORD, createTestFamily, makeTestApp, sessionCookieFrom } from '../helpers/family-app.js';

const t = makeTestApp();

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN, KID, GRANDPA], { name: 'The Smiths' });
  await createTestFamily(t, 'jones', [{ ...ADMIN, username: 'dad' }], { name: 'The Joneses' });
});

describe('signing in', () => {
  it('sends anonymous visitors of every family page to that family\'s sign-in page, and back after', async () => {
    for (const page of ['/smiths/', '/smiths/members', '/smiths/me', '/smiths/settings', '/smiths/manage', '/smiths/d/1', '/smiths/no-such-page']) {
      const res = await t.get(page);
      expect(res.status, page).toBe(303);
      const location = res.headers.get('location')!;
      expect(location.startsWith('/smiths/login'), page).toBe(true);
    }
    const res = await t.get('/smiths/members');
    expect(res.headers.get('location')).toBe('/smiths/login?next=%2Fsmiths%2Fmembers');
    const signIn = await t.post('/smiths/login', { username: 'mum', password: PASSWORD, next: '/smiths/members' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/smiths/members');
  });

  it('shows the sign-in form with username, password and "Keep me signed in"', async () => {
    const res = await t.get('/smiths/login');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Sign in to The Smiths');
    expect(html).toMatch(/name="username"/);
    expect(html).toMatch(/name="password"/);
    expect(html).toMatch(/type="checkbox"[^>]*name="remember"/);
  });

  it('redirects only to paths inside the family after sign-in', async () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/jones/', '/smiths/../jones/', '/smiths//evil.example']) {
      const res = await t.post('/smiths/login', { username: 'mum', password: PASSWORD, next });
      expect(res.headers.get('location'), next).toBe('/smiths/');
    }
  });

  it('answers a wrong username or password with one generic message', async () => {
    const wrongPassword = await t.post('/smiths/login', { username: 'mum', password: 'not the password' }, undefined, { 'x-forwarded-for': '10.0.0.2' });
    const wrongUser = await t.post('/smiths/login', { username: 'nobody', password: PASSWORD }, undefined, { 'x-forwarded-for': '10.0.0.2' });
    expect(wrongPassword.status).toBe(400);
    expect(wrongUser.status).toBe(400);
    const a = await wrongPassword.text();
    const b = await wrongUser.text();
    expect(a).toContain('That username and password do not match.');
    expect(b).toContain('That username and password do not match.');
    expect(a).toContain('value="mum"'); // the username is kept
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('treats usernames case-insensitively', async () => {
    const res = await t.post('/smiths/login', { username: 'MUM', password: PASSWORD });
    expect(res.status).toBe(303);
  });

  it('sets a per-family, HttpOnly, SameSite=Lax cookie; "Keep me signed in" makes it last 30 days', async () => {
    const shortLived = await t.post('/smiths/login', { username: 'mum', password: PASSWORD });
    const cookie = shortLived.headers.get('set-cookie')!;
    expect(cookie).toContain('Path=/smiths/');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Expires');
    expect(cookie).not.toContain('Secure');
    const remembered = await t.post('/smiths/login', { username: 'mum', password: PASSWORD, remember: 'on' });
    const expires = /Expires=([^;]+)/.exec(remembered.headers.get('set-cookie')!)![1]!;
    const days = (new Date(expires).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('marks the cookie Secure when the loopback proxy says the request came over HTTPS', async () => {
    const res = await t.post('/smiths/login', { username: 'mum', password: PASSWORD }, undefined, { 'x-forwarded-proto': 'https' });
    // The browser's Origin is then https://; it must still pass the origin check.
    expect(res.status).toBe(403);
    const viaProxy = await t.app.request('http://localhost/smiths/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'mum', password: PASSWORD }),
      headers: { origin: 'https://localhost', 'x-forwarded-proto': 'https' },
    });
    expect(viaProxy.status).toBe(303);
    expect(viaProxy.headers.get('set-cookie')).toContain('Secure');
  });

  it('makes a session cookie from one family worthless in another', async () => {
    const smithsCookie = await t.signIn('smiths', 'mum', PASSWORD);
    expect((await t.get('/smiths/', smithsCookie)).status).toBe(200);
    const res = await t.get('/jones/', smithsCookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/jones/login');
  });

  it('signs out by deleting the session', async () => {
    const cookie = await t.signIn('smiths', 'estelle', PASSWORD);
    expect((await t.get('/smiths/me', cookie)).status).toBe(200);
    const out = await t.post('/smiths/logout', {}, cookie);
    expect(out.status).toBe(303);
    expect((await t.get('/smiths/me', cookie)).status).toBe(303);
  });

  it('refuses a POST whose Origin is not our own, and changes nothing', async () => {
    const cookie = await t.signIn('smiths', 'mum', PASSWORD);
    for (const origin of [undefined, 'http://evil.example', 'null']) {
      const res = await t.app.request('http://localhost/smiths/members', {
        method: 'POST',
        body: new URLSearchParams({ username: 'intruder', display_name: 'Intruder', role: 'admin', password: PASSWORD, color: '#000000', avatar: 'X' }),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
      });
      expect(res.status, String(origin)).toBe(403);
    }
    const members = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('members').select('username').execute());
    expect(members.map((m) => m.username)).not.toContain('intruder');
  });

  it('ends the session when the family file is removed', async () => {
    await createTestFamily(t, 'leaving', [{ ...ADMIN }]);
    const cookie = await t.signIn('leaving', 'mum', PASSWORD);
    expect((await t.get('/leaving/', cookie)).status).toBe(200);
    fs.rmSync(path.join(t.dataDir, 'tenants', 'leaving.db'));
    const res = await t.get('/leaving/', cookie);
    expect(res.status).toBe(404);
    expect(fs.existsSync(path.join(t.dataDir, 'tenants', 'leaving.db'))).toBe(false);
    expect((await t.get('/leaving/login')).status).toBe(404);
  });
});

describe('throttling', () => {
  it('answers the eleventh failure in 15 minutes with 429 and Retry-After, without checking the password', async () => {
    const from = { 'x-forwarded-for': '192.168.1.77' };
    for (let i = 1; i <= 10; i++) {
      const res = await t.post('/smiths/login', { username: 'estelle', password: `guess ${i}` }, undefined, from);
      expect(res.status, `attempt ${i}`).toBe(400);
    }
    const eleventh = await t.post('/smiths/login', { username: 'estelle', password: PASSWORD }, undefined, from);
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(eleventh.headers.get('set-cookie')).toBeNull();
    // Another address, and the same address at another family, are not affected.
    expect((await t.post('/smiths/login', { username: 'estelle', password: PASSWORD }, undefined, { 'x-forwarded-for': '192.168.1.78' })).status).toBe(303);
    expect((await t.post('/jones/login', { username: 'dad', password: PASSWORD }, undefined, from)).status).toBe(303);
  });
});

describe('sessions', () => {
  it('ends a member\'s other sessions when they change their password', async () => {
    await createTestFamily(t, 'pw', [{ ...ADMIN }, { ...KID }]);
    const laptop = await t.signIn('pw', 'estelle', PASSWORD);
    const phone = await t.signIn('pw', 'estelle', PASSWORD);
    const change = await t.post('/pw/me/password', { current_password: PASSWORD, password: 'a brand new secret' }, laptop);
    expect(change.status).toBe(200);
    expect((await t.get('/pw/me', laptop)).status).toBe(200);
    expect((await t.get('/pw/me', phone)).status).toBe(303);
    await expect(t.signIn('pw', 'estelle', PASSWORD)).rejects.toThrow();
    expect(sessionCookieFrom(await t.post('/pw/login', { username: 'estelle', password: 'a brand new secret' }))).toMatch(/^dinkydash_session=/);
  });

  it('refuses a wrong current password and keeps the old one', async () => {
    const cookie = await t.signIn('smiths', 'estelle', PASSWORD);
    const res = await t.post('/smiths/me/password', { current_password: 'wrong one', password: 'another secret' }, cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('That is not your current password.');
    expect((await t.post('/smiths/login', { username: 'estelle', password: PASSWORD })).status).toBe(303);
  });
});
