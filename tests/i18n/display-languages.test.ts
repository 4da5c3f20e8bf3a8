import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, KID, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { englishLeft, pageWords } from '../helpers/english-left.js';
import { resetClock, setClock } from '../../src/dashboards/clock.js';
import { dayNumber } from '../../src/calendar/civil-date.js';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';
import { addChore, addCountdown, cardHtml, defaultDashboardId, memberIdOf } from '../dashboards/seed.js';
import { addEvent, addFeed, ics } from '../kinds/calendar/calendar-helpers.js';
import { inFamily } from '../manage/manage-helpers.js';

// The wall display, the signed-in dashboard and the calendar's pages of a
// family in each language: no English left (apart from what the family
// typed), countdowns of 0, 1, 2 and 5 days worded by the language's plural
// rules, and dates in the family's zone. The family lives in Auckland: at
// 11:00 UTC on Saturday 14 February it is already Sunday the 15th there.

const NOW = new Date('2026-02-14T11:00:00Z');
const TODAY = { year: 2026, month: 2, day: 15 };
const ZONE = 'Pacific/Auckland';

// What the family typed: never translated.
const TYPED = ['Familie Kowalski', 'Mum', 'Estelle', 'Spülmaschine', 'Katzenklo', 'Zoobesuch', 'Kino', 'Sommerferien', 'Oma Jadwiga', 'Schwimmen', 'Waldfest', 'Verein', 'Küche', 'Wellington', 'E', '🙂'];

const t = makeTestApp();
const families = new Map<Language, { admin: string; display: string }>();

async function familyOf(language: Language): Promise<void> {
  const slug = `fam-${language}`;
  await createTestFamily(t, slug, [ADMIN, KID], { name: 'Familie Kowalski', timeZone: ZONE, language });
  const admin = await t.signIn(slug, ADMIN.username, ADMIN.password);
  const dashboard = await defaultDashboardId(t, slug);
  const kid = await memberIdOf(t, slug, KID.username);
  const day = dayNumber(TODAY);
  await inFamily(t, slug, (db) => db.updateTable('dashboards').set({ sections: 'chores,countdowns,calendar,weather' }).execute());
  await addChore(t, slug, { dashboardId: dashboard, name: 'Spülmaschine', anchorDay: day, people: [{ memberId: kid }, { name: 'Oma Jadwiga' }] });
  const done = await addChore(t, slug, { dashboardId: dashboard, name: 'Katzenklo', anchorDay: day, people: [{ memberId: kid }] });
  await addChore(t, slug, { dashboardId: dashboard, name: 'Küche', anchorDay: day, people: [] });
  await inFamily(t, slug, (db) => db.insertInto('chore_completions').values({ chore_id: done, day, done_by_member_id: kid, done_by_name: 'Estelle' }).execute());
  // Countdowns 0, 1, 2 and 5 days away (the family's day is the 15th).
  for (const [name, d] of [['Zoobesuch', 15], ['Kino', 16], ['Waldfest', 17], ['Sommerferien', 20]] as const) {
    await addCountdown(t, slug, { dashboardId: dashboard, name, kind: 'once', year: 2026, month: 2, day: d });
  }
  // A birthday (Estelle turns 9 on the 20th), an own event today, a feed's all-day event tomorrow.
  await inFamily(t, slug, (db) => db.updateTable('members').set({ birth_date: '2017-02-20' }).where('id', '=', kid).execute());
  await addEvent(t, slug, admin, { title: 'Schwimmen', date: '2026-02-15', start_time: '16:30', end_time: '17:30', who: [`member:${kid}`] });
  await addFeed(t, slug, 'Verein', ics('UID:fest@verein\nDTSTART;VALUE=DATE:20260216\nDTEND;VALUE=DATE:20260217\nSUMMARY:Waldfest'), ZONE);
  // The weather, fetched just now.
  await inFamily(t, slug, async (db) => {
    await db.updateTable('family_settings').set({ weather_place: 'Wellington', weather_latitude: -41.29, weather_longitude: 174.78, weather_units: 'metric' }).execute();
    const dates = ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19'];
    const days = dates.map((date, i) => ({ date, code: [2, 63, 0, 73, 95][i]!, max: [19.6, 21.2, 14.5, 11.4, 18][i]!, min: [12.1, 14.4, 5, -3.6, 9.5][i]!, rain: [35, 80, 0, 60, null][i]! }));
    const forecast = { units: 'metric', timeZone: ZONE, current: { time: '2026-02-15T00:00', temperature: 17.4, code: 2, isDay: true }, days };
    await db.insertInto('weather_forecast').values({ id: 1, latitude: -41.29, longitude: 174.78, forecast: JSON.stringify(forecast), fetched_at: Date.now(), checked_at: Date.now(), error: null }).execute();
  });
  const made = await t.post(`/${slug}/manage/displays`, { dashboard_id: String(dashboard), label: 'Küche' }, admin);
  const display = new RegExp(`http://localhost(/${slug}/display/[a-z2-7]{32})`).exec(await made.text())?.[1];
  if (!display) throw new Error('no display link');
  families.set(language, { admin, display });
}

beforeAll(async () => {
  setClock(NOW);
  for (const language of LANGUAGES) await familyOf(language);
}, 60_000);
afterAll(() => resetClock());

const lang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1];

/** What each language says on the display. */
const EXPECTED: Record<Language, { date: string; days: [string, string, string, string]; turns: string; allDay: string; weather: string; more: string }> = {
  en: { date: 'Sunday, 15 February 2026', days: ['Today!', 'Tomorrow', '2 days', '5 days'], turns: 'Estelle turns 9', allDay: 'All day', weather: 'Partly cloudy', more: '+ {count} more' },
  de: { date: 'Sonntag, 15. Februar 2026', days: ['Heute!', 'Morgen', '2 Tage', '5 Tage'], turns: 'Estelle wird 9', allDay: 'Ganztägig', weather: 'Teils bewölkt', more: '+ {count} weitere' },
  fr: { date: 'dimanche 15 février 2026', days: ['Aujourd’hui !', 'Demain', '2 jours', '5 jours'], turns: 'Estelle fête ses 9 ans', allDay: 'Toute la journée', weather: 'Partiellement nuageux', more: '+ {count} de plus' },
  es: { date: 'domingo, 15 de febrero de 2026', days: ['¡Hoy!', 'Mañana', '2 días', '5 días'], turns: 'Estelle cumple 9 años', allDay: 'Todo el día', weather: 'Parcialmente nublado', more: '+ {count} más' },
};

const countdownText = (html: string, id: number) => pageWords(cardHtml(html, `countdown-${id}`)).replace(/\n/g, ' ');

describe('the wall display in each language', () => {
  for (const language of LANGUAGES) {
    it(`${language}: speaks the family's language, with no English left over`, async () => {
      const res = await t.get(families.get(language)!.display);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(lang(html)).toBe(language);
      const want = EXPECTED[language];
      // The family's date, in its zone (Auckland is already on the 15th).
      expect(html).toMatch(new RegExp(`class="dash-date"[^>]*>${want.date}</h1>`));
      // Countdowns of 0, 1, 2 and 5 days.
      const words = pageWords(html).replace(/\n/g, ' ');
      for (const [i, text] of want.days.entries()) expect(countdownText(html, i + 1), text).toContain(text);
      expect(words).toContain(want.turns);
      expect(words).toContain(want.allDay);
      expect(words).toContain(want.weather);
      expect(html).toContain(`data-words="${JSON.stringify({ more: want.more }).slice(0, -1).replace(/"/g, '&quot;')}`);
      if (language !== 'en') expect(englishLeft(html, language, TYPED)).toEqual([]);
    });
  }
});

describe('the signed-in pages in each language', () => {
  for (const language of LANGUAGES) {
    if (language === 'en') continue;
    it(`${language}: the dashboard, the calendar's pages, an event's form, the chore, countdown and calendar admin pages and the settings have no English left over`, async () => {
      const { admin } = families.get(language)!;
      const pages = ['/', '/calendar', '/calendar/week', '/calendar/month', '/settings', '/calendar/events/new', '/calendar/events/1', '/manage/chores/new', '/manage/chores/1', '/manage/countdowns/new', '/manage/countdowns/1', '/manage/calendar', '/manage/calendar/people'];
      for (const path of pages) {
        const res = await t.get(`/fam-${language}${path}`, admin);
        expect(res.status, path).toBe(200);
        const html = await res.text();
        expect(lang(html), path).toBe(language);
        // The settings page's time zone list holds IANA names, the same in every language.
        // Addresses (a feed's, the example of one) and Google's product name in Spanish are not English words.
        expect(englishLeft(html, language, [...TYPED, ZONE.replace('_', ' '), 'https://calendar.google.com/calendar/ical/…/basic.ics', 'https://calendar.example/', 'Google Calendar']), path).toEqual([]);
      }
    });
  }
});
