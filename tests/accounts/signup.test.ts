import { describe, expect, it } from 'vitest';
import { makeTestApp, sessionCookieFrom, PASSWORD } from '../helpers/family-app.js';
import { tenantFiles } from '../helpers/data-dir.js';

const form = (over: Record<string, string> = {}) => ({ family_name: 'The Smiths', slug: '', username: 'mum', display_name: 'Mum', password: PASSWORD, time_zone: 'Europe/Berlin', ...over });

describe('creating a family', () => {
  it('creates the family from the start page, with its first admin signed in and a default dashboard', async () => {
    const t = makeTestApp();
    const res = await t.post('/signup', form({ family_name: 'The Müllers' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/the-mullers/');
    const cookie = sessionCookieFrom(res);
    const home = await t.get('/the-mullers/', cookie);
    expect(home.status).toBe(200);
    const family = await t.pool.withFamily('the-mullers', async ({ db }) => ({
      settings: await db.selectFrom('family_settings').selectAll().executeTakeFirstOrThrow(),
      members: await db.selectFrom('members').select(['username', 'role', 'display_name']).execute(),
      dashboards: await db.selectFrom('dashboards').select(['name', 'is_default']).execute(),
    }));
    expect(family.settings).toMatchObject({ name: 'The Müllers', time_zone: 'Europe/Berlin' });
    expect(family.members).toEqual([{ username: 'mum', role: 'admin', display_name: 'Mum' }]);
    expect(family.dashboards).toEqual([{ name: 'Family Dashboard', is_default: 1 }]);
  });

  it('lists nothing about other families, and goes straight to the only family', async () => {
    const t = makeTestApp();
    const empty = await (await t.get('/')).text();
    expect(empty).toContain('Create your family');
    expect(empty).toContain('Go to my family');
    await t.post('/signup', form({ slug: 'secret-family' }));
    const one = await t.get('/');
    expect(one.status).toBe(302);
    expect(one.headers.get('location')).toBe('/secret-family/');
    await t.post('/signup', form({ slug: 'other-family', family_name: 'Others' }));
    const page = await (await t.get('/')).text();
    expect(page).not.toContain('secret-family');
    expect(page).not.toContain('other-family');
  });

  it('goes to a family by its address, and says so when there is none', async () => {
    const t = makeTestApp();
    await t.post('/signup', form({ slug: 'smiths' }));
    await t.post('/signup', form({ slug: 'jones' }));
    expect((await t.get('/go?family=Smiths')).headers.get('location')).toBe('/smiths/');
    for (const slug of ['nobody', '../etc', '', '🏠', 'admin', '../smiths.db', 'a'.repeat(500)]) {
      const res = await t.get(`/go?family=${encodeURIComponent(slug)}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('lower-case');
    }
    expect(tenantFiles(t.dataDir)).toEqual(['jones.db', 'smiths.db']);
  });

  it('goes to a family by the name it was created with, as the create form makes its address', async () => {
    const t = makeTestApp();
    expect((await t.post('/signup', form({ family_name: 'The Parkers' }))).headers.get('location')).toBe('/the-parkers/');
    await t.post('/signup', form({ family_name: 'Familie Müller-Groß' }));
    for (const [typed, where] of [
      ['The Parkers', '/the-parkers/'],
      ['  the parkers ', '/the-parkers/'],
      ['THE-PARKERS', '/the-parkers/'],
      ['Familie Müller-Groß', '/familie-muller-gross/'],
    ]) {
      const res = await t.get(`/go?family=${encodeURIComponent(typed!)}`);
      expect(res.status, typed).toBe(303);
      expect(res.headers.get('location'), typed).toBe(where);
    }
    const missing = await t.get(`/go?family=${encodeURIComponent('The Smiths')}`);
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain('There is no family at “the-smiths” on this DinkyDash');
    expect(html).toContain('value="The Smiths"');
  });

  it('says at the name, and only there, that an empty form needs a name', async () => {
    const t = makeTestApp();
    const res = await t.post('/signup', { family_name: '', slug: '', username: '', display_name: '', password: '', time_zone: 'Europe/Berlin' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).not.toContain('reserved');
    expect(html).not.toMatch(/address is needed/);
    expect(html).toMatch(/id="f-family_name-error"[^>]*>Type your family’s name/);
    // A name with nothing to make an address of asks for one at the address.
    const yamadas = await (await t.post('/signup', form({ family_name: '山田家' }))).text();
    expect(yamadas).toMatch(/id="f-slug-error"[^>]*>No address can be made from that name/);
    expect(tenantFiles(t.dataDir)).toEqual([]);
    expect((await t.post('/signup', form({ family_name: '山田家', slug: 'yamadas' }))).headers.get('location')).toBe('/yamadas/');
  });

  it('re-renders with the values entered and a message at each wrong field, creating nothing', async () => {
    const t = makeTestApp();
    const cases: [Record<string, string>, string][] = [
      [form({ family_name: '' }), "Type your family’s name"],
      [form({ family_name: 'x'.repeat(81) }), 'at most 80 characters'],
      [form({ slug: 'Bad Slug' }), 'lower-case letters'],
      [form({ slug: 'admin' }), 'reserved'],
      [form({ slug: 'a' }), 'at least 2 characters'],
      [form({ time_zone: 'Mars/Olympus' }), 'is not a time zone we know'],
      [form({ username: '' }), 'Please choose a username.'],
      [form({ password: '1234567' }), 'at least 8 characters'],
    ];
    for (const [body, message] of cases) {
      const res = await t.post('/signup', body);
      expect(res.status, message).toBe(400);
      const html = await res.text();
      expect(html, message).toContain(message);
      if (body.family_name && body.family_name.length < 81) expect(html, message).toContain(`value="${body.family_name}"`);
    }
    expect(tenantFiles(t.dataDir)).toEqual([]);
  });

  it('refuses an address that is taken, keeping the existing family', async () => {
    const t = makeTestApp();
    await t.post('/signup', form({ slug: 'smiths' }));
    const res = await t.post('/signup', form({ slug: 'smiths', family_name: 'Impostors', username: 'evil' }));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('That address is taken');
    const names = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('members').select('username').execute());
    expect(names).toEqual([{ username: 'mum' }]);
  });

  it('is closed when the owner says so: no form, and a POST creates nothing', async () => {
    const t = makeTestApp({ signup: 'closed' });
    const page = await (await t.get('/')).text();
    expect(page).not.toContain('Create your family');
    expect(page).toContain('created by the owner');
    const res = await t.post('/signup', form());
    expect(res.status).toBe(403);
    expect(tenantFiles(t.dataDir)).toEqual([]);
  });
});
