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

  it('sends at most 40 entries of a crowded week and counts the rest in "+ N more"; entries that end leave, the count with them', async () => {
    await showCalendar('calendar,chores');
    // 60 half-hour meetings, one every 10 minutes from 10:00 in Berlin, and the dentist at 10:00.
    const meetings = Array.from({ length: 60 }, (_, i) => {
      const start = 600 + i * 10;
      const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return { title: `Meeting ${i + 1}`, all_day: 0, start_date: '2026-02-14', start_time: time(start), end_date: '2026-02-14', end_time: time(start + 30), uid: `meeting-${i}` };
    });
    await t.pool.withFamily('smiths', ({ db }) => db.insertInto('family_events').values(meetings).execute());
    setClock(new Date('2026-02-14T08:30:00Z')); // 09:30 in Berlin: all 61 are ahead
    const morning = await (await t.get(`${display}/content`)).text();
    expect(morning.match(/class="dash-card calendar-entry/g)).toHaveLength(40);
    expect(morning).toContain('<li class="dash-more" data-beyond="21">+ 21 more</li>');
    expect(morning).toContain('Meeting 39');
    expect(morning).not.toContain('Meeting 40<');
    // 16:00 in Berlin: the dentist and the 34 meetings that ended by then are gone; 26 remain, all sent.
    setClock(new Date('2026-02-14T15:00:00Z'));
    const afternoon = await (await t.get(`${display}/content`)).text();
    expect(afternoon).not.toContain('data-beyond');
    expect(afternoon.match(/class="dash-card calendar-entry/g)).toHaveLength(26);
    expect(afternoon).toContain('Meeting 60');
  });
});
