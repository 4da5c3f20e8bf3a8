import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/family-app.js';
import { count, fieldError, inFamily, pageText, smithsAndJoneses } from './manage-helpers.js';

const t = makeTestApp();
let admin: string;
let kid: string;
let grandpa: string;
let jonesAdmin: string;

beforeAll(async () => {
  ({ admin, kid, grandpa, jonesAdmin } = await smithsAndJoneses(t));
});

const dashboards = () => inFamily(t, 'smiths', (db) => db.selectFrom('dashboards').selectAll().orderBy('id').execute());

async function addDashboard(name: string, size = 'medium'): Promise<number> {
  const res = await t.post('/smiths/manage/dashboards', { name, size }, admin);
  expect(res.status).toBe(303);
  return (await dashboards()).find((d) => d.name === name)!.id;
}

describe('the admin overview', () => {
  it('shows the default dashboard, how to add the first chore, and the display links page', async () => {
    const res = await t.get('/smiths/manage', admin);
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).toContain('Family Dashboard');
    expect(html).toContain('Default');
    expect(html).toContain('Getting started');
    expect(html).toContain('href="/smiths/manage/chores/new"');
    expect(html).toContain('href="/smiths/manage/countdowns/new"');
    expect(html).toContain('href="/smiths/manage/displays"');
  });

  it('sends anonymous visitors to sign in, and refuses members and viewers', async () => {
    const anonymous = await t.get('/smiths/manage');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/smiths/login?next=%2Fsmiths%2Fmanage');
    for (const cookie of [kid, grandpa]) {
      const res = await t.get('/smiths/manage', cookie);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Only an admin of the family can do this.');
    }
  });
});

describe('adding, renaming and resizing dashboards', () => {
  it('adds a dashboard with a layout size', async () => {
    const res = await t.post('/smiths/manage/dashboards', { name: '  Kitchen  ', size: 'large' }, admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/smiths/manage?done=dashboard-added');
    const kitchen = (await dashboards()).find((d) => d.name === 'Kitchen')!;
    expect(kitchen).toMatchObject({ size: 'large', is_default: 0 });
    const hub = await pageText(await t.get(res.headers.get('location')!, admin));
    expect(hub).toContain('The dashboard was added.');
    expect(hub).toContain('Kitchen');
  });

  it('refuses an empty name, a name that is too long, and an unknown size, keeping what was typed', async () => {
    const before = await count(t, 'smiths', 'dashboards');
    const empty = await t.post('/smiths/manage/dashboards', { name: '   ', size: 'small' }, admin);
    expect(empty.status).toBe(400);
    expect(fieldError(await empty.text(), 'name')).toBe('Please give the dashboard a name.');

    const long = await t.post('/smiths/manage/dashboards', { name: 'x'.repeat(41), size: 'small' }, admin);
    expect(long.status).toBe(400);
    const longHtml = await long.text();
    expect(fieldError(longHtml, 'name')).toBe('A dashboard name can have at most 40 characters.');
    expect(longHtml).toContain(`value="${'x'.repeat(41)}"`);

    const size = await t.post('/smiths/manage/dashboards', { name: 'Hall', size: 'huge' }, admin);
    expect(size.status).toBe(400);
    const sizeHtml = await size.text();
    expect(fieldError(sizeHtml, 'size')).toBe('Please choose a layout.');
    expect(sizeHtml).toContain('value="Hall"');
    expect(await count(t, 'smiths', 'dashboards')).toBe(before);
  });

  it('renames and resizes a dashboard', async () => {
    const id = await addDashboard('Hallway', 'small');
    const page = await t.get(`/smiths/manage/dashboards/${id}`, admin);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="Hallway"');

    const res = await t.post(`/smiths/manage/dashboards/${id}`, { name: 'Front hall', size: 'medium' }, admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/smiths/manage/dashboards/${id}?saved=1`);
    expect((await dashboards()).find((d) => d.id === id)).toMatchObject({ name: 'Front hall', size: 'medium' });

    const bad = await t.post(`/smiths/manage/dashboards/${id}`, { name: '', size: 'medium' }, admin);
    expect(bad.status).toBe(400);
    expect((await dashboards()).find((d) => d.id === id)!.name).toBe('Front hall');
  });

  it('lets an admin choose the default dashboard', async () => {
    const id = await addDashboard("Kids' room");
    const res = await t.post(`/smiths/manage/dashboards/${id}/default`, {}, admin);
    expect(res.status).toBe(303);
    let all = await dashboards();
    expect(all.filter((d) => d.is_default === 1).map((d) => d.id)).toEqual([id]);
    // And back, so the other tests find "Family Dashboard" as the default.
    const family = all.find((d) => d.name === 'Family Dashboard')!;
    await t.post(`/smiths/manage/dashboards/${family.id}/default`, {}, admin);
    all = await dashboards();
    expect(all.filter((d) => d.is_default === 1).map((d) => d.name)).toEqual(['Family Dashboard']);
  });
});

describe('deleting dashboards', () => {
  it('moves the chores and countdowns of a deleted dashboard to the default one, and says so', async () => {
    const id = await addDashboard('Garage');
    const family = (await dashboards()).find((d) => d.is_default === 1)!;
    await t.post('/smiths/manage/chores/new', { name: 'Sweep the garage', icon: '🧹', dashboard_id: String(id), mode: 'weekly', rotation: 'Estelle\nMum', start_date: '' }, admin);
    await t.post('/smiths/manage/countdowns/new', { name: 'Car inspection', icon: '🚗', dashboard_id: String(id), kind: 'once', year: '2099', month: '5', day: '1' }, admin);
    await inFamily(t, 'smiths', (db) => db.insertInto('display_links').values({ dashboard_id: id, token_hash: 'x'.repeat(64), label: 'Garage tablet' }).execute());

    const page = await pageText(await t.get(`/smiths/manage/dashboards/${id}`, admin));
    expect(page).toContain('Its 1 chore and 1 countdown will move to “Family Dashboard”, the default dashboard.');
    expect(page).toContain('Its 1 display link will stop working.');

    const res = await t.post(`/smiths/manage/dashboards/${id}/delete`, {}, admin);
    expect(res.status).toBe(303);
    const hub = await pageText(await t.get(res.headers.get('location')!, admin));
    expect(hub).toContain('The dashboard was deleted. Its 1 chore and 1 countdown are now on “Family Dashboard”. Its 1 display link stopped working.');

    const moved = await inFamily(t, 'smiths', async (db) => ({
      chores: await db.selectFrom('chores').select(['name', 'dashboard_id']).where('name', '=', 'Sweep the garage').execute(),
      countdowns: await db.selectFrom('countdowns').select(['name', 'dashboard_id']).where('name', '=', 'Car inspection').execute(),
      links: await db.selectFrom('display_links').select('id').where('dashboard_id', '=', id).execute(),
      entries: await db.selectFrom('chore_entries').innerJoin('chores', 'chores.id', 'chore_entries.chore_id').select('chore_entries.id').where('chores.name', '=', 'Sweep the garage').execute(),
    }));
    expect(moved.chores).toEqual([{ name: 'Sweep the garage', dashboard_id: family.id }]);
    expect(moved.countdowns).toEqual([{ name: 'Car inspection', dashboard_id: family.id }]);
    expect(moved.links).toEqual([]);
    expect(moved.entries).toHaveLength(2);
    expect((await dashboards()).some((d) => d.id === id)).toBe(false);
  });

  it('refuses to delete the default dashboard, and says what to do instead', async () => {
    const family = (await dashboards()).find((d) => d.is_default === 1)!;
    const before = await dashboards();
    const res = await t.post(`/smiths/manage/dashboards/${family.id}/delete`, {}, admin);
    expect(res.status).toBe(400);
    expect(await pageText(res)).toContain('Make another dashboard the default first, then delete this one.');
    expect(await dashboards()).toEqual(before);
  });

  it('refuses to delete a family\'s last dashboard', async () => {
    const only = await inFamily(t, 'jones', (db) => db.selectFrom('dashboards').select('id').execute());
    expect(only).toHaveLength(1);
    const page = await pageText(await t.get(`/jones/manage/dashboards/${only[0]!.id}`, jonesAdmin));
    expect(page).toContain('the last one cannot be deleted');
    const res = await t.post(`/jones/manage/dashboards/${only[0]!.id}/delete`, {}, jonesAdmin);
    expect(res.status).toBe(400);
    expect(await pageText(res)).toContain('A family needs at least one dashboard, so the last one cannot be deleted.');
    expect(await count(t, 'jones', 'dashboards')).toBe(1);
  });
});

describe('who may manage dashboards', () => {
  it('refuses members and viewers with 403, changing nothing', async () => {
    const id = await addDashboard('Playroom');
    const before = await dashboards();
    for (const cookie of [kid, grandpa]) {
      const attempts = [
        await t.get(`/smiths/manage/dashboards/${id}`, cookie),
        await t.post('/smiths/manage/dashboards', { name: 'Sneaky', size: 'small' }, cookie),
        await t.post(`/smiths/manage/dashboards/${id}`, { name: 'Renamed', size: 'small' }, cookie),
        await t.post(`/smiths/manage/dashboards/${id}/default`, {}, cookie),
        await t.post(`/smiths/manage/dashboards/${id}/delete`, {}, cookie),
      ];
      expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    }
    expect(await dashboards()).toEqual(before);
  });

  it('answers 404 for another family\'s dashboard or a made-up id', async () => {
    const id = await addDashboard('Only in the Smiths');
    for (const path of [`/jones/manage/dashboards/${id}`, '/jones/manage/dashboards/abc', '/jones/manage/dashboards/0']) {
      expect((await t.get(path, jonesAdmin)).status, path).toBe(404);
    }
    for (const path of [`/jones/manage/dashboards/${id}`, `/jones/manage/dashboards/${id}/default`, `/jones/manage/dashboards/${id}/delete`]) {
      expect((await t.post(path, { name: 'Hijack', size: 'small' }, jonesAdmin)).status, path).toBe(404);
    }
    expect((await dashboards()).find((d) => d.id === id)!.name).toBe('Only in the Smiths');
  });
});

describe('what a dashboard shows, and in what order', () => {
  it('shows chores and countdowns on a new dashboard, and lets an admin choose and order them', async () => {
    const id = await addDashboard('Kids room');
    expect((await dashboards()).find((d) => d.id === id)!.sections).toBe('chores,countdowns');
    const chore = await t.post('/smiths/manage/chores/new', { dashboard_id: String(id), name: 'Feed the cat', icon: '🐈', mode: 'daily', rotation: 'Sam', start_date: '' }, admin);
    expect(chore.status).toBe(303);
    const countdown = await t.post('/smiths/manage/countdowns/new', { dashboard_id: String(id), name: 'Summer holidays', icon: '🏖️', kind: 'yearly', year: '', month: '7', day: '20' }, admin);
    expect(countdown.status).toBe(303);

    // Countdowns first, then chores.
    const reorder = await t.post(`/smiths/manage/dashboards/${id}`, { name: 'Kids room', size: 'medium', sections: ['chores', 'countdowns'], position_chores: '2', position_countdowns: '1' }, admin);
    expect(reorder.status).toBe(303);
    expect((await dashboards()).find((d) => d.id === id)!.sections).toBe('countdowns,chores');
    const page = await (await t.get(`/smiths/d/${id}`, admin)).text();
    expect(page.indexOf('dash-section countdowns')).toBeGreaterThan(-1);
    expect(page.indexOf('dash-section countdowns')).toBeLessThan(page.indexOf('dash-section chores'));

    // Only countdowns: the chore stays in the family (and on the hub) but not on the dashboard.
    const only = await t.post(`/smiths/manage/dashboards/${id}`, { name: 'Kids room', size: 'medium', sections: 'countdowns', position_chores: '1', position_countdowns: '2' }, admin);
    expect(only.status).toBe(303);
    const shown = await (await t.get(`/smiths/d/${id}`, admin)).text();
    expect(shown).toContain('Summer holidays');
    expect(shown).not.toContain('Feed the cat');
    const hub = await pageText(await t.get('/smiths/manage', admin));
    expect(hub).toContain('Feed the cat');
    const edit = await pageText(await t.get(`/smiths/manage/dashboards/${id}`, admin));
    expect(edit).toMatch(/id="f-sections-countdowns" name="sections" value="countdowns" checked/);
    expect(edit).not.toMatch(/id="f-sections-chores" name="sections" value="chores" checked/);
  });

  it('refuses a dashboard that shows nothing, or a kind DinkyDash does not have, and changes nothing', async () => {
    const id = await addDashboard('Hall way');
    for (const sections of [undefined, 'weather-on-mars']) {
      const form: Record<string, string> = { name: 'Renamed', size: 'medium', position_chores: '1', position_countdowns: '2' };
      if (sections) form.sections = sections;
      const res = await t.post(`/smiths/manage/dashboards/${id}`, form, admin);
      expect(res.status).toBe(400);
      const html = await pageText(res);
      expect(html).toContain(sections ? 'Please choose kinds of card from the list.' : 'Please choose at least one kind of card to show.');
      expect((await dashboards()).find((d) => d.id === id)).toMatchObject({ name: 'Hall way', sections: 'chores,countdowns' });
    }
  });
});
