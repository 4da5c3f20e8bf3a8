import { describe, expect, it } from 'vitest';
import { makeTestApp, sessionCookieFrom, PASSWORD } from '../helpers/family-app.js';
import { execFileSync } from 'node:child_process';
import { makeDataDir, tenantFiles } from '../helpers/data-dir.js';
import { lowDiskSpace } from '../../src/home/signup-limits.js';
import { english } from '../../src/i18n/i18n.js';

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

describe('sign-up limits', () => {
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const signUp = (t: ReturnType<typeof makeTestApp>, slug: string, address = '192.168.1.50') => t.post('/signup', form({ slug, family_name: `Family ${slug}` }), undefined, from(address));

  it('lets one client network create three families an hour, counting IPv6 clients by their /64', async () => {
    const t = makeTestApp();
    for (const slug of ['one', 'two', 'three']) expect((await signUp(t, slug)).status, slug).toBe(303);
    const fourth = await signUp(t, 'four');
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(3000);
    const page = await fourth.text();
    expect(page).toContain('Several families were created from your network in the last hour. Please wait 60 minutes');
    expect(page).toContain('value="Family four"');
    // A refused address (taken) does not count; a neighbour elsewhere is not affected.
    const v6 = [['v6-a', '2001:db8:7:7::1', 303], ['one', '2001:db8:7:7::2', 409], ['v6-b', '2001:db8:7:7:a::3', 303], ['v6-c', '2001:db8:7:7:b::4', 303]] as const;
    for (const [slug, address, status] of v6) expect((await signUp(t, slug, address)).status, slug).toBe(status);
    expect((await signUp(t, 'v6-d', '2001:db8:7:7:ffff::9')).status).toBe(429);
    expect((await signUp(t, 'neighbour', '192.168.1.51')).status).toBe(303);
    expect(tenantFiles(t.dataDir)).toEqual(['neighbour.db', 'one.db', 'three.db', 'two.db', 'v6-a.db', 'v6-b.db', 'v6-c.db']);
  });

  it('stops at the owner\'s cap, even for sign-ups that arrive together', async () => {
    const t = makeTestApp({ maxFamilies: 2 });
    const burst = await Promise.all(['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((slug, i) => signUp(t, slug, `10.1.${i}.1`)));
    expect(burst.map((r) => r.status).sort()).toEqual([303, 303, 403, 403, 403, 403]);
    const refused = burst.find((r) => r.status === 403)!;
    expect(await refused.text()).toContain('already has as many families as its owner allows (2)');
    expect(tenantFiles(t.dataDir)).toHaveLength(2);
    expect(await (await t.get('/')).text()).not.toContain('Create your family');
  });

  it('with "first", is open until the first family exists, then closed', async () => {
    const t = makeTestApp({ signup: 'first' });
    expect(await (await t.get('/')).text()).toContain('Create your family');
    const burst = await Promise.all(['first', 'second', 'third'].map((slug, i) => signUp(t, slug, `10.2.${i}.1`)));
    expect(burst.map((r) => r.status).sort()).toEqual([303, 403, 403]);
    expect(tenantFiles(t.dataDir)).toHaveLength(1);
    const later = await signUp(t, 'later', '10.2.9.1');
    expect(later.status).toBe(403);
    expect(await later.text()).toContain('created by the owner');
    expect(tenantFiles(t.dataDir)).toHaveLength(1);
  });

  it('refuses when the disk is nearly full, saying why, and creates nothing', async () => {
    const mountPoint = makeDataDir('dinkydash-small-disk-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    try {
      const t = makeTestApp({ dataDir: mountPoint });
      const res = await signUp(t, 'squeezed');
      expect(res.status).toBe(507);
      const page = await res.text();
      expect(page).toMatch(/The Pi(&#39;|')s storage is nearly full \(\d+ MB free\), so no new family can be created/);
      expect(page).toContain('value="Family squeezed"');
      expect(tenantFiles(mountPoint)).toEqual([]);
    } finally {
      execFileSync('umount', ['-l', mountPoint]);
    }
  });

  it('counts as nearly full below 5 % or 200 MB free', () => {
    const MB = 1024 * 1024;
    const disk = (freeMb: number, totalMb: number) => ({ bsize: 4096, bavail: (freeMb * MB) / 4096, blocks: (totalMb * MB) / 4096 });
    expect(lowDiskSpace(disk(300, 4000), english.t)).toBeNull();
    expect(lowDiskSpace(disk(199, 1000), english.t)).toContain('199 MB free');
    expect(lowDiskSpace(disk(1000, 30_000), english.t)).toContain('1000 MB free');
    expect(lowDiskSpace(disk(1600, 30_000), english.t)).toBeNull();
  });
});
