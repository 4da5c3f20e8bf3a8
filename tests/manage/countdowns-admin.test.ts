import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/family-app.js';
import { addDays } from '../../src/calendar/civil-date.js';
import { berlinToday, count, fieldError, fieldErrors, inFamily, pageText, smithsAndJoneses } from './manage-helpers.js';

const t = makeTestApp();
let admin: string;
let kid: string;
let grandpa: string;
let jonesAdmin: string;

beforeAll(async () => {
  ({ admin, kid, grandpa, jonesAdmin } = await smithsAndJoneses(t));
});

function countdownForm(overrides: Record<string, string> = {}): Record<string, string> {
  return { name: "Estelle's birthday", icon: '🎂', dashboard_id: '1', kind: 'yearly', year: '', month: '3', day: '14', ...overrides };
}

const countdownNamed = (name: string) => inFamily(t, 'smiths', (db) => db.selectFrom('countdowns').selectAll().where('name', '=', name).executeTakeFirst());

async function createCountdown(overrides: Record<string, string> = {}) {
  const form = countdownForm(overrides);
  const res = await t.post('/smiths/manage/countdowns/new', form, admin);
  expect(res.status, await res.clone().text()).toBe(303);
  expect(res.headers.get('location')).toBe('/smiths/manage?done=countdown-added');
  return (await countdownNamed(form.name!))!;
}

describe('adding a countdown', () => {
  it('shows a form with month, day and year', async () => {
    const res = await t.get('/smiths/manage/countdowns/new', admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<select[^>]*name="month"/);
    expect(html).toMatch(/name="day"/);
    expect(html).toMatch(/name="year"/);
    expect(html).toContain('Every year (birthdays, holidays)');
  });

  it('stores a yearly date without a year, and a one-off date with one', async () => {
    const birthday = await createCountdown({ year: '2015' });
    expect(birthday).toMatchObject({ kind: 'yearly', year: null, month: 3, day: 14, icon: '🎂', dashboard_id: 1 });
    const trip = await createCountdown({ name: 'Trip to Oslo', icon: '✈️', kind: 'once', year: '2031', month: '7', day: '1' });
    expect(trip).toMatchObject({ kind: 'once', year: 2031, month: 7, day: 1 });
  });

  it('accepts 29 February as a yearly date', async () => {
    const leap = await createCountdown({ name: 'Leap day party', month: '2', day: '29' });
    expect(leap).toMatchObject({ kind: 'yearly', month: 2, day: 29 });
  });

  it('refuses impossible dates and other bad fields at the field, keeping the values and storing nothing', async () => {
    const before = await count(t, 'smiths', 'countdowns');
    const cases: [Record<string, string>, string, string][] = [
      [{ month: '4', day: '31' }, 'day', 'April only has 30 days.'],
      [{ kind: 'once', year: '2027', month: '2', day: '30' }, 'day', 'February 2027 only has 28 days.'],
      [{ kind: 'once', year: '2027', month: '2', day: '29' }, 'day', 'February 2027 only has 28 days.'],
      [{ kind: 'once', year: '', month: '5', day: '1' }, 'year', 'A one-off date needs a year.'],
      [{ kind: 'once', year: '1492', month: '5', day: '1' }, 'year', 'Year must be between 1900 and 2200.'],
      [{ month: '13' }, 'month', 'Month must be between 1 and 12.'],
      [{ day: '' }, 'day', 'Day must be between 1 and 31.'],
      [{ day: 'soon' }, 'day', 'Day must be between 1 and 31.'],
      [{ kind: 'monthly' }, 'kind', 'Please choose whether the date comes back every year or happens once.'],
      [{ name: '' }, 'name', 'Please give the countdown a name.'],
      [{ name: 'y'.repeat(61) }, 'name', 'A countdown name can have at most 60 characters.'],
      [{ dashboard_id: '77' }, 'dashboard_id', 'Please choose a dashboard.'],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await t.post('/smiths/manage/countdowns/new', countdownForm({ name: 'Summer holiday', ...overrides }), admin);
      expect(res.status, message).toBe(400);
      const html = await pageText(res);
      expect(fieldError(html, field), JSON.stringify(fieldErrors(html))).toBe(message);
      if (!('name' in overrides)) expect(html).toContain('value="Summer holiday"');
    }
    expect(await count(t, 'smiths', 'countdowns')).toBe(before);
  });
});

describe('a one-off date in the past', () => {
  it('asks at the year field before saving it, keeps what was typed, and saves it once confirmed', async () => {
    const before = await count(t, 'smiths', 'countdowns');
    const form = countdownForm({ name: 'Ski trip', icon: '⛷️', kind: 'once', year: '2020', month: '3', day: '1' });
    const asked = await t.post('/smiths/manage/countdowns/new', form, admin);
    expect(asked.status).toBe(400);
    const html = await pageText(asked);
    expect(fieldError(html, 'year')).toContain('That date is in the past — save it anyway?');
    expect(html).toContain('value="Ski trip"');
    expect(html).toContain('value="2020"');
    expect(html).toMatch(/<input type="checkbox" id="f-confirm_past" name="confirm_past"(?! checked)/);
    expect(await count(t, 'smiths', 'countdowns')).toBe(before);

    // Yesterday is past too; today is not.
    const yesterday = addDays(berlinToday(), -1);
    const today = berlinToday();
    const dateOf = (d: typeof today) => ({ kind: 'once', year: String(d.year), month: String(d.month), day: String(d.day) });
    expect((await t.post('/smiths/manage/countdowns/new', countdownForm({ name: 'Yesterday', ...dateOf(yesterday) }), admin)).status).toBe(400);
    expect((await createCountdown({ name: 'Today', ...dateOf(today) })).year).toBe(today.year);

    const saved = await createCountdown({ ...form, confirm_past: 'on' });
    expect(saved).toMatchObject({ kind: 'once', year: 2020, month: 3, day: 1 });

    // Editing it later with its date unchanged does not ask again; moving it to another past date does.
    expect((await t.post(`/smiths/manage/countdowns/${saved.id}`, { ...form, name: 'Ski trip 2020' }, admin)).status).toBe(303);
    const moved = await t.post(`/smiths/manage/countdowns/${saved.id}`, { ...form, name: 'Ski trip 2020', day: '2' }, admin);
    expect(moved.status).toBe(400);
    expect(fieldError(await pageText(moved), 'year')).toContain('save it anyway?');
    expect(await countdownNamed('Ski trip 2020')).toMatchObject({ day: 1 });
  });
});

describe('the admin list of countdowns', () => {
  it('shows days remaining in the family\'s time zone, and past one-offs marked as past', async () => {
    const soon = addDays(berlinToday(), 10);
    await createCountdown({ name: 'Camp', kind: 'once', year: String(soon.year), month: String(soon.month), day: String(soon.day) });
    const tomorrow = addDays(berlinToday(), 1);
    await createCountdown({ name: 'Grandpa visits', kind: 'yearly', month: String(tomorrow.month), day: String(tomorrow.day) });
    await createCountdown({ name: 'Old trip', kind: 'once', year: '2020', month: '5', day: '1', confirm_past: 'on' });
    const html = await pageText(await t.get('/smiths/manage', admin));
    const line = (name: string) => new RegExp(`>${name}</a><span class="muted"><strong>([^<]*)</strong>([^<]*)<`).exec(html);
    expect(line('Camp')![1]).toBe('10 days');
    expect(line('Grandpa visits')![1]).toBe('Tomorrow');
    expect(line('Grandpa visits')![2]).toContain('every year');
    expect(line('Old trip')![1]).toMatch(/^\d+ days ago$/);
    expect(line('Old trip')![2]).toContain('past');
    // Upcoming ones come first, soonest first; past ones last.
    expect(html.indexOf('>Grandpa visits<')).toBeLessThan(html.indexOf('>Camp<'));
    expect(html.indexOf('>Camp<')).toBeLessThan(html.indexOf('>Old trip<'));
  });
});

describe('editing and deleting a countdown', () => {
  it('turns a yearly date into a one-off date', async () => {
    const c = await createCountdown({ name: 'School starts' });
    const page = await pageText(await t.get(`/smiths/manage/countdowns/${c.id}`, admin));
    expect(page).toContain('value="School starts"');
    const res = await t.post(`/smiths/manage/countdowns/${c.id}`, countdownForm({ name: 'School starts', kind: 'once', year: '2030', month: '9', day: '2' }), admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/smiths/manage?done=countdown-saved');
    expect(await countdownNamed('School starts')).toMatchObject({ id: c.id, kind: 'once', year: 2030, month: 9, day: 2 });
  });

  it('refuses an impossible date on edit and keeps the stored one', async () => {
    const c = await createCountdown({ name: 'Halloween', month: '10', day: '31' });
    const res = await t.post(`/smiths/manage/countdowns/${c.id}`, countdownForm({ name: 'Halloween', month: '9', day: '31' }), admin);
    expect(res.status).toBe(400);
    expect(fieldError(await pageText(res), 'day')).toBe('September only has 30 days.');
    expect(await countdownNamed('Halloween')).toEqual(c);
  });

  it('deletes a countdown', async () => {
    const c = await createCountdown({ name: 'Dentist' });
    const res = await t.post(`/smiths/manage/countdowns/${c.id}/delete`, {}, admin);
    expect(res.status).toBe(303);
    expect(await pageText(await t.get(res.headers.get('location')!, admin))).toContain('The countdown was deleted.');
    expect(await countdownNamed('Dentist')).toBeUndefined();
  });
});

describe('who may manage countdowns', () => {
  it('refuses members and viewers with 403, changing nothing', async () => {
    const c = await createCountdown({ name: 'Guarded' });
    const before = await count(t, 'smiths', 'countdowns');
    for (const cookie of [kid, grandpa]) {
      const attempts = [
        await t.get('/smiths/manage/countdowns/new', cookie),
        await t.get(`/smiths/manage/countdowns/${c.id}`, cookie),
        await t.post('/smiths/manage/countdowns/new', countdownForm({ name: 'Sneaky' }), cookie),
        await t.post(`/smiths/manage/countdowns/${c.id}`, countdownForm({ name: 'Changed' }), cookie),
        await t.post(`/smiths/manage/countdowns/${c.id}/delete`, {}, cookie),
      ];
      expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    }
    expect(await countdownNamed('Guarded')).toEqual(c);
    expect(await count(t, 'smiths', 'countdowns')).toBe(before);
  });

  it('answers 404 for another family\'s countdown', async () => {
    const c = await createCountdown({ name: 'Smiths only' });
    expect((await t.get(`/jones/manage/countdowns/${c.id}`, jonesAdmin)).status).toBe(404);
    expect((await t.post(`/jones/manage/countdowns/${c.id}`, countdownForm(), jonesAdmin)).status).toBe(404);
    expect((await t.post(`/jones/manage/countdowns/${c.id}/delete`, {}, jonesAdmin)).status).toBe(404);
    expect(await countdownNamed('Smiths only')).toEqual(c);
  });
});
