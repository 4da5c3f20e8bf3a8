import { beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import type { CardKind } from '../../src/kinds/kind.js';
import { ADMIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { addChore, addDashboard, addImage, defaultDashboardId } from '../dashboards/seed.js';
import { exportFamily } from '../../src/owner/export.js';
import { STICKERS_TABLE } from './sticker-kind.js';

// A new kind is one line in the list: here the test adds that line.
vi.mock('../../src/kinds/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/kinds/index.js')>();
  const { stickers: kind } = await import('./sticker-kind.js');
  (original.CARD_KINDS as CardKind[]).push(kind);
  return original;
});

const t = makeTestApp();
let admin: string;
let kitchen: number;
let hall: number;
let imageId: number;

async function run(query: ReturnType<typeof sql>) {
  return t.pool.withFamily('smiths', ({ db }) => query.execute(db));
}

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN], { timeZone: 'Europe/Berlin' });
  admin = await t.signIn('smiths', ADMIN.username, ADMIN.password);
  kitchen = await defaultDashboardId(t, 'smiths');
  hall = await addDashboard(t, 'smiths', 'Hall');
  await run(STICKERS_TABLE);
  imageId = await addImage(t, 'smiths', new Uint8Array([82, 73, 70, 70, 1, 2, 3]), 'a'.repeat(64));
  await run(sql`insert into stickers (dashboard_id, name, image_id) values (${hall}, ${'Gold star <for Sam>'}, ${imageId})`);
});

describe('a kind registered in the list', () => {
  it('can be chosen for a dashboard, and then shows on it and on its wall display', async () => {
    const form = await (await t.get(`/smiths/manage/dashboards/${hall}`, admin)).text();
    expect(form).toContain('value="stickers"');
    const saved = await t.post(`/smiths/manage/dashboards/${hall}`, { name: 'Hall', size: 'medium', sections: ['stickers', 'chores'], position_stickers: '1', position_chores: '2', position_countdowns: '3' }, admin);
    expect(saved.status).toBe(303);
    const page = await (await t.get(`/smiths/d/${hall}`, admin)).text();
    expect(page).toContain('dash-section stickers');
    expect(page).toContain('Gold star &lt;for Sam&gt;');
    expect(page).toContain(`/smiths/images/${imageId}`);

    const link = await t.post('/smiths/manage/displays', { dashboard_id: String(hall), label: 'Hall tablet' }, admin);
    const path = /http:\/\/localhost(\/smiths\/display\/[a-z2-7]{32})/.exec(await link.text())![1]!;
    const display = await (await t.get(path)).text();
    expect(display).toContain('Gold star &lt;for Sam&gt;');
    // The display may fetch the sticker's picture, because its dashboard shows it.
    const picture = await t.get(`${path}/images/${imageId}`);
    expect(picture.status).toBe(200);
  });

  it('is listed on the manage hub, with its add button and its admin pages', async () => {
    const hub = await (await t.get('/smiths/manage', admin)).text();
    expect(hub).toContain('Sticker: Gold star');
    expect(hub).toContain(`href="/smiths/manage/stickers/new?dashboard=${hall}"`);
    const adminPage = await t.get('/smiths/manage/stickers/new', admin);
    expect(adminPage.status).toBe(200);
    expect(await adminPage.text()).toContain('Add a sticker');
    expect((await t.get('/smiths/manage/stickers/new')).status).toBe(303); // sign in first
  });

  it('keeps a picture it still shows when the last chore using it is deleted', async () => {
    const choreId = await addChore(t, 'smiths', { dashboardId: kitchen, name: 'Shared picture', imageId, anchorDay: 20000, people: [{ name: 'Sam' }] });
    const deleted = await t.post(`/smiths/manage/chores/${choreId}/delete`, {}, admin);
    expect(deleted.status).toBe(303);
    const left = await run(sql`select id from images where id = ${imageId}`);
    expect(left.rows).toHaveLength(1);
  });

  it('has its part in export, and moves with a deleted dashboard', async () => {
    const exported = await exportFamily(t.dataDir, 'smiths');
    expect(exported.stickers).toEqual([{ id: 1, dashboardId: hall, name: 'Gold star <for Sam>', imageId }]);
    const res = await t.post(`/smiths/manage/dashboards/${hall}/delete`, {}, admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('stickers=1');
    const moved = await run(sql`select dashboard_id from stickers`);
    expect(moved.rows).toEqual([{ dashboard_id: kitchen }]);
    const hub = await (await t.get(res.headers.get('location')!, admin)).text();
    expect(hub).toContain('1 sticker is now on');
  });
});

