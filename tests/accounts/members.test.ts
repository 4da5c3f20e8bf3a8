import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GRANDPA, KID, PASSWORD, createTestFamily, makeTestApp } from '../helpers/family-app.js';

const t = makeTestApp();
let admin: string;
let kid: string;
let grandpa: string;

const members = (slug = 'smiths') =>
  t.pool.withFamily(slug, ({ db }) => db.selectFrom('members').select(['id', 'username', 'role', 'display_name']).orderBy('id').execute());
const memberId = async (username: string, slug = 'smiths') => (await members(slug)).find((m) => m.username === username)!.id;
const newMember = (over: Record<string, string> = {}) => ({ username: 'newkid', display_name: 'New Kid', role: 'member', password: PASSWORD, color: '#16a34a', avatar: '🦊', ...over });

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN, KID, GRANDPA]);
  await createTestFamily(t, 'jones', [{ ...ADMIN, username: 'dad' }, { ...KID, username: 'tim' }]);
  admin = await t.signIn('smiths', 'mum', PASSWORD);
  kid = await t.signIn('smiths', 'estelle', PASSWORD);
  grandpa = await t.signIn('smiths', 'grandpa', PASSWORD);
});

describe('members and roles', () => {
  it('lets an admin add a member who can then sign in', async () => {
    const res = await t.post('/smiths/members', newMember({ username: 'Zoe', display_name: 'Zoë' }), admin);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Zoë was added.');
    expect((await t.post('/smiths/login', { username: 'zoe', password: PASSWORD })).status).toBe(303);
  });

  it('refuses admin actions from a member and a viewer, and changes nothing', async () => {
    const before = await members();
    const estelle = await memberId('estelle');
    const attempts: [string, Record<string, string>][] = [
      ['/smiths/members', newMember({ username: 'sneaky' })],
      [`/smiths/members/${estelle}`, { display_name: 'Boss', role: 'admin', color: '#000000', avatar: 'B' }],
      [`/smiths/members/${await memberId('mum')}/delete`, {}],
      [`/smiths/members/${await memberId('mum')}/password`, { password: 'taken over!' }],
      ['/smiths/invitations', { role: 'admin' }],
      ['/smiths/settings', { name: 'Hacked', time_zone: 'UTC', theme: 'dark', accent_color: '#000000', date_format: 'iso', clock: '12', night_start: '22:00', night_end: '07:00' }],
    ];
    for (const cookie of [kid, grandpa]) {
      for (const [path, form] of attempts) {
        const res = await t.post(path, form, cookie);
        expect(res.status, path).toBe(403);
      }
      for (const path of ['/smiths/members', '/smiths/settings', `/smiths/members/${estelle}`]) expect((await t.get(path, cookie)).status, path).toBe(403);
    }
    expect(await members()).toEqual(before);
    const settings = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('family_settings').select('name').executeTakeFirstOrThrow());
    expect(settings.name).not.toBe('Hacked');
    expect((await t.post('/smiths/login', { username: 'mum', password: PASSWORD })).status).toBe(303);
  });

  it('lets every member see their own profile and change their name, colour and avatar', async () => {
    for (const cookie of [kid, grandpa]) expect((await t.get('/smiths/me', cookie)).status).toBe(200);
    const res = await t.post('/smiths/me', { display_name: 'Estelle the Great', color: '#9333ea', avatar: '🦄' }, kid);
    expect(res.status).toBe(303);
    const me = (await members()).find((m) => m.username === 'estelle')!;
    expect(me.display_name).toBe('Estelle the Great');
  });

  it('never leaves the family without an admin', async () => {
    await createTestFamily(t, 'solo', [ADMIN, KID]);
    const soloAdmin = await t.signIn('solo', 'mum', PASSWORD);
    const mum = await memberId('mum', 'solo');
    const demote = await t.post(`/solo/members/${mum}`, { display_name: 'Mum', role: 'member', color: '#2563eb', avatar: '🙂' }, soloAdmin);
    expect(demote.status).toBe(400);
    expect(await demote.text()).toContain('The family needs at least one admin.');
    const remove = await t.post(`/solo/members/${mum}/delete`, {}, soloAdmin);
    expect(remove.status).toBe(400);
    expect((await members('solo')).find((m) => m.username === 'mum')!.role).toBe('admin');
    // With a second admin, the first may step down.
    const estelle = await memberId('estelle', 'solo');
    expect((await t.post(`/solo/members/${estelle}`, { display_name: 'Estelle', role: 'admin', color: '#2563eb', avatar: '🙂' }, soloAdmin)).status).toBe(200);
    expect((await t.post(`/solo/members/${mum}`, { display_name: 'Mum', role: 'member', color: '#2563eb', avatar: '🙂' }, soloAdmin)).status).toBe(303);
  });

  it('re-renders a bad form with the values entered and a message at each wrong field, saving nothing', async () => {
    const before = await members();
    const cases: [Record<string, string>, string][] = [
      [newMember({ username: 'ESTELLE' }), 'That username is taken'],
      [newMember({ username: 'x' }), 'at least 2 characters'],
      [newMember({ username: 'bad name!' }), 'may use letters, digits'],
      [newMember({ username: 'a'.repeat(33) }), 'at most 32 characters'],
      [newMember({ password: 'short' }), 'at least 8 characters'],
      [newMember({ password: 'p'.repeat(257) }), 'at most 256 characters'],
      [newMember({ role: 'owner' }), 'Please choose a role.'],
      [newMember({ display_name: '   ' }), 'Please enter a name.'],
      [newMember({ display_name: 'n'.repeat(41) }), 'at most 40 characters'],
      [newMember({ color: 'red' }), 'Please pick a colour'],
      [newMember({ avatar: 'ABCDEF' }), 'one emoji'],
      [newMember({ display_name: '\u0000\u0007' }), 'Please enter a name.'],
    ];
    for (const [form, message] of cases) {
      const res = await t.post('/smiths/members', form, admin);
      expect(res.status, message).toBe(400);
      const html = await res.text();
      expect(html, message).toContain(message);
      const username = form.username ?? '';
      if (username.length < 33 && !username.includes('!')) expect(html, message).toContain(`value="${username}"`);
    }
    expect(await members()).toEqual(before);
  });

  it('stores names as typed, any script and emoji, and escapes them on every page', async () => {
    const res = await t.post('/smiths/members', newMember({ username: 'jürgen', display_name: '<script>alert(1)</script> Jürgen 👨‍👩‍👧' }), admin);
    expect(res.status).toBe(200);
    const html = await (await t.get('/smiths/members', admin)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Jürgen 👨‍👩‍👧');
  });

  it('answers another family\'s member ids and forged ids with 404', async () => {
    const tim = await memberId('tim', 'jones');
    for (const id of [String(tim + 1000), '0', '-1', 'abc', '1e3', '99999999999999999999']) {
      expect((await t.get(`/smiths/members/${id}`, admin)).status, id).toBe(404);
      expect((await t.post(`/smiths/members/${id}/delete`, {}, admin)).status, id).toBe(404);
    }
    // Family B's page with family A's session: anonymous there, so it goes to B's sign-in, never 403.
    const res = await t.get('/jones/members', admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/jones\/login/);
  });

  it('lets an admin reset a member\'s password, signing them out everywhere', async () => {
    const phone = await t.signIn('smiths', 'grandpa', PASSWORD);
    const id = await memberId('grandpa');
    const res = await t.post(`/smiths/members/${id}/password`, { password: 'new grandpa secret' }, admin);
    expect(res.status).toBe(200);
    expect((await t.get('/smiths/me', phone)).status).toBe(303);
    expect((await t.post('/smiths/login', { username: 'grandpa', password: 'new grandpa secret' })).status).toBe(303);
  });
});

describe('invitations', () => {
  it('work once, for the role chosen, and only for 7 days', async () => {
    const created = await t.post('/smiths/invitations', { role: 'viewer', note: 'Grandma' }, admin);
    expect(created.status).toBe(200);
    const link = /http:\/\/localhost(\/smiths\/join\/[a-z2-7]{32})/.exec(await created.text())![1]!;
    expect((await t.get(link)).status).toBe(200);
    const join = await t.post(link, { display_name: 'Grandma', username: 'grandma', password: 'knitting needles' });
    expect(join.status).toBe(303);
    expect((await members()).find((m) => m.username === 'grandma')!.role).toBe('viewer');
    // Nobody chose a colour or an avatar for her: she gets ones no other member has.
    const looks = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('members').select(['username', 'color', 'avatar']).execute());
    const grandma = looks.find((m) => m.username === 'grandma')!;
    const others = looks.filter((m) => m.username !== 'grandma');
    expect(others.map((m) => m.color.toLowerCase())).not.toContain(grandma.color.toLowerCase());
    expect(others.map((m) => m.avatar)).not.toContain(grandma.avatar);
    // Used: refused, and nobody else joins with it.
    expect((await t.get(link)).status).toBe(404);
    expect((await t.post(link, { display_name: 'Intruder', username: 'intruder', password: 'knitting needles' })).status).toBe(404);
    expect((await members()).some((m) => m.username === 'intruder')).toBe(false);
    // Only the hash is stored.
    const stored = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('invitations').select('token_hash').execute());
    expect(stored.every((s) => !link.includes(s.token_hash))).toBe(true);
  });

  it('can be withdrawn', async () => {
    const created = await t.post('/smiths/invitations', { role: 'member' }, admin);
    const link = /(\/smiths\/join\/[a-z2-7]{32})/.exec(await created.text())![1]!;
    const id = (await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('invitations').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow())).id;
    expect((await t.post(`/smiths/invitations/${id}/revoke`, {}, admin)).status).toBe(303);
    expect((await t.get(link)).status).toBe(404);
  });

  it('expire after 7 days', async () => {
    const created = await t.post('/smiths/invitations', { role: 'member' }, admin);
    const link = /(\/smiths\/join\/[a-z2-7]{32})/.exec(await created.text())![1]!;
    await t.pool.withFamily('smiths', ({ db }) => db.updateTable('invitations').set({ expires_at: Math.floor(Date.now() / 1000) - 1 }).execute());
    expect((await t.get(link)).status).toBe(404);
  });

  it('are worthless in another family', async () => {
    const created = await t.post('/smiths/invitations', { role: 'admin' }, admin);
    const token = /\/smiths\/join\/([a-z2-7]{32})/.exec(await created.text())![1]!;
    expect((await t.get(`/jones/join/${token}`)).status).toBe(404);
  });
});
