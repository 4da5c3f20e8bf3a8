import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, GRANDPA, KID, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { resetClock, setClock } from '../../src/dashboards/clock.js';
import { dayNumber } from '../../src/calendar/civil-date.js';
import { addChore, defaultDashboardId, setSettings } from './seed.js';
import { isOpenHere } from '../helpers/open-files.js';

// A dashboard's HTML is kept per ETag, minute and language, and sent again
// (src/dashboards/rendered-once.ts). Whatever changes what a family should
// see must still show at once: a write through the app, a file changed by
// another program, the minute on the clock, who looks, the family's language.

// Saturday, 14 February 2026, 12:00 in Berlin.
const NOON = new Date('2026-02-14T11:00:00Z');
const TODAY = dayNumber({ year: 2026, month: 2, day: 14 });

const t = makeTestApp();
let admin: string;
let kid: string;
let grandpa: string;
let dashboardId: number;
let display: string;

beforeAll(async () => {
  setClock(NOON);
  await createTestFamily(t, 'smiths', [ADMIN, KID, GRANDPA], { timeZone: 'Europe/Berlin' });
  admin = await t.signIn('smiths', ADMIN.username, ADMIN.password);
  kid = await t.signIn('smiths', KID.username, KID.password);
  grandpa = await t.signIn('smiths', GRANDPA.username, GRANDPA.password);
  dashboardId = await defaultDashboardId(t, 'smiths');
  await addChore(t, 'smiths', { dashboardId, name: 'Feed the cat', anchorDay: TODAY, people: [{ name: 'Estelle' }] });
  const res = await t.post('/smiths/manage/displays', { dashboard_id: String(dashboardId), label: 'Kitchen' }, admin);
  display = /http:\/\/localhost(\/smiths\/display\/[a-z2-7]{32})/.exec(await res.text())![1]!;
});
afterAll(() => resetClock());

const text = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.text();
};
const clockOf = (html: string) => /<time class="dash-time"[^>]*>([^<]*)/.exec(html)?.[1];

describe('a dashboard rendered once and sent again', () => {
  it('is the same page, byte for byte, for the same data and minute, with its ETag', async () => {
    for (const [where, cookie] of [[display, undefined], [`${display}/content`, undefined], ['/smiths/', kid], [`/smiths/d/${dashboardId}/content`, kid]] as const) {
      const first = await t.get(where, cookie);
      const again = await t.get(where, cookie);
      expect(await text(again)).toBe(await text(first));
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    }
  });

  it('shows a chore added through the app at once', async () => {
    expect(await text(await t.get(display))).not.toContain('Water the plants');
    await addChore(t, 'smiths', { dashboardId, name: 'Water the plants', anchorDay: TODAY, people: [{ name: 'Estelle' }] });
    expect(await text(await t.get(display))).toContain('Water the plants');
    expect(await text(await t.get('/smiths/', kid))).toContain('Water the plants');
  });

  it('shows a change another program made to the family file', async () => {
    await text(await t.get(`${display}/content`));
    await text(await t.get('/smiths/', kid));
    // As `sqlite3` or a restore in place would: the server did not write it.
    const file = new Database(path.join(t.dataDir, 'tenants', 'smiths.db'));
    file.prepare("update chores set name = 'Feed the cat and the fish' where name = 'Feed the cat'").run();
    file.close();
    expect(fs.existsSync(path.join(t.dataDir, 'tenants', 'smiths.db-journal'))).toBe(false);
    expect(await text(await t.get(`${display}/content`))).toContain('Feed the cat and the fish');
    expect(await text(await t.get('/smiths/', kid))).toContain('Feed the cat and the fish');
  });

  it('shows the new minute on its clock, and the new day at midnight', async () => {
    try {
      setClock(new Date('2026-02-14T11:05:10Z'));
      const before = await text(await t.get(display));
      expect(clockOf(before)).toBe('12:05');
      setClock(new Date('2026-02-14T11:06:00Z'));
      expect(clockOf(await text(await t.get(display)))).toBe('12:06');
      expect(clockOf(await text(await t.get('/smiths/', kid)))).toBe('12:06');
      setClock(new Date('2026-02-14T23:00:30Z'));
      const sunday = await text(await t.get(display));
      expect(clockOf(sunday)).toBe('00:00');
      expect(sunday).toContain('data-date="2026-02-15"');
    } finally {
      setClock(NOON);
    }
  });

  it('is kept for each member: no one gets the buttons or language of another', async () => {
    await setSettings(t, 'smiths', { language: 'en' });
    const asKid = await text(await t.get('/smiths/', kid));
    expect(asKid).toContain('class="chore-button done"');
    // Grandpa may only look: no Done buttons, though the kid's page was rendered just before for the same data.
    const asGrandpa = await text(await t.get('/smiths/', grandpa));
    expect(asGrandpa).not.toContain('class="chore-button done"');
    expect(asGrandpa).toContain('Water the plants');
    // The admin chose German for herself: her page is German, the kid's stays English.
    await t.pool.withFamily('smiths', ({ db }) => db.updateTable('members').set({ language: 'de' }).where('username', '=', ADMIN.username).execute());
    expect(await text(await t.get('/smiths/', admin))).toContain('lang="de"');
    expect(await text(await t.get('/smiths/', kid))).toContain('lang="en"');
  });

  it("answers a display whose family's handle was closed with the same bytes, without opening the family's file", async () => {
    const file = path.join(t.dataDir, 'tenants', 'smiths.db');
    // The first handle on the file since the writes above reads it (a new revision: a new ETag once).
    t.pool.forget('smiths');
    const before = await t.get(`${display}/content`);
    const html = await text(before);
    t.pool.forget('smiths');
    expect(isOpenHere(file)).toBe(false);
    const again = await t.get(`${display}/content`);
    expect(await text(again)).toBe(html);
    expect(again.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(isOpenHere(file)).toBe(false);
    // A change made meanwhile by another program is seen at once all the same.
    const other = new Database(file);
    other.prepare("update chores set name = 'Feed the dog' where name = 'Feed the cat and the fish'").run();
    other.close();
    expect(await text(await t.get(`${display}/content`))).toContain('Feed the dog');
  });

  it('follows the family language on the wall display', async () => {
    const english = await text(await t.get(display));
    expect(english).toContain('lang="en"');
    await setSettings(t, 'smiths', { language: 'de' });
    const german = await text(await t.get(display));
    expect(german).toContain('lang="de"');
    await setSettings(t, 'smiths', { language: 'en' });
  });
});
