import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestFamily, makeTestApp } from '../../helpers/family-app.js';
import { resetClock, setClock } from '../../../src/dashboards/clock.js';
import { defaultDashboardId } from '../../dashboards/seed.js';

// A calendar card changes with the clock, not only with the family's data: an
// event that is over leaves the wall, a running one is "Now". So a dashboard
// that shows the calendar must not answer "not modified" all day; one that
// shows only chores still does.

const t = makeTestApp();
let admin: string;
let display: string;
let dashboardId: number;

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN], { timeZone: 'Europe/Berlin' });
  admin = await t.signIn('smiths', ADMIN.username, ADMIN.password);
  dashboardId = await defaultDashboardId(t, 'smiths');
  await t.pool.withFamily('smiths', ({ db }) =>
    db
      .insertInto('family_events')
      .values({ title: 'Dentist', all_day: 0, start_date: '2026-02-14', start_time: '10:00', end_date: '2026-02-14', end_time: '11:00', uid: 'dentist-1' })
      .execute(),
  );
  const link = await t.post('/smiths/manage/displays', { dashboard_id: String(dashboardId), label: 'Kitchen' }, admin);
  display = /http:\/\/localhost(\/smiths\/display\/[a-z2-7]{32})/.exec(await link.text())![1]!;
});
afterAll(() => resetClock());

async function showCalendar(sections: string) {
  await t.pool.withFamily('smiths', ({ db }) => db.updateTable('dashboards').set({ sections }).where('id', '=', dashboardId).execute());
}

describe('a dashboard showing the calendar', () => {
  it('renders anew when the minute changes: an event that is over leaves the wall display and the dashboard', async () => {
    await showCalendar('calendar,chores');
    setClock(new Date('2026-02-14T08:30:00Z')); // 09:30 in Berlin
    for (const [path, cookie] of [[`${display}/content`, undefined], [`/smiths/d/${dashboardId}/content`, admin]] as const) {
      setClock(new Date('2026-02-14T08:30:00Z'));
      const before = await t.get(path, cookie);
      expect(await before.text()).toContain('Dentist');
      const etag = before.headers.get('etag')!;
      // Still the same minute: nothing changed.
      setClock(new Date('2026-02-14T08:30:40Z'));
      expect((await t.get(path, cookie, { 'If-None-Match': etag })).status).toBe(304);
      // 12:30 in Berlin: the dentist is over.
      setClock(new Date('2026-02-14T11:30:00Z'));
      const after = await t.get(path, cookie, { 'If-None-Match': etag });
      expect(after.status).toBe(200);
      expect(await after.text()).not.toContain('Dentist');
    }
  });

  it('a dashboard without time-dependent kinds keeps answering 304 all day', async () => {
    await showCalendar('chores,countdowns');
    setClock(new Date('2026-02-14T08:30:00Z'));
    const first = await t.get(`${display}/content`);
    setClock(new Date('2026-02-14T20:30:00Z'));
    expect((await t.get(`${display}/content`, undefined, { 'If-None-Match': first.headers.get('etag')! })).status).toBe(304);
  });
});
