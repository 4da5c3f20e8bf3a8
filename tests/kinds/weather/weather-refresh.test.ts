import fs from 'node:fs';
import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, createTestFamily, makeTestApp } from '../../helpers/family-app.js';
import { resetClock, setClock } from '../../../src/dashboards/clock.js';
import { getFamilySettings } from '../../../src/family/queries.js';
import { refreshWeather, startWeatherRefreshIfStale, WEATHER_REFRESH_EVERY_MS } from '../../../src/kinds/weather/refresh.js';
import { weather } from '../../../src/kinds/weather/kind.js';
import { familyFilePath } from '../../../src/tenants/paths.js';
import { weatherGet } from '../../../src/kinds/weather/weather-get.js';
import { forecastAnswer, json, onlyLoopback, refusedOrigin, startStandIn, type StandIn } from './stand-in.js';

// The forecast: fetched from a stand-in for Open-Meteo on 127.0.0.1 (through
// DINKYDASH_WEATHER_URL), kept in the family file with its last good copy, and
// drawn as the weather card on the family's dashboard.

const seen = onlyLoopback();
const t = makeTestApp();
let api: StandIn;
let admin: string;
const cookies: Record<string, string> = {};

const NOW = Date.parse('2026-03-10T10:00:00Z'); // 11:00 in Berlin
const HOUR = 3_600_000;
const IMPERIAL = { temperature: 45.3, max: [49.3, 52.2, 58.1, 34.5, 64.4], min: [35.8, 39.9, 41, 25.5, 49.1] };

/** Open-Meteo as it answers: in the units asked for. */
const forecasts: http.RequestListener = (req, res) => {
  const imperial = new URL(req.url ?? '/', 'http://x').searchParams.get('temperature_unit') === 'fahrenheit';
  json(forecastAnswer('2026-03-10', imperial ? IMPERIAL : {}))(req, res);
};

async function newFamily(slug: string, place: { latitude: string; longitude: string; units?: string } | null = { latitude: '52.52', longitude: '13.41' }) {
  await createTestFamily(t, slug, [ADMIN], { timeZone: 'Europe/Berlin' });
  cookies[slug] = await t.signIn(slug, ADMIN.username, ADMIN.password);
  await t.pool.withFamily(slug, ({ db }) => db.updateTable('dashboards').set({ sections: 'chores,countdowns,weather' }).execute());
  if (place) {
    const res = await t.post(`/${slug}/settings/weather`, { how: 'coordinates', place_name: 'Berlin', units: 'metric', ...place }, cookies[slug]);
    expect(res.status).toBe(303);
  }
}

function forecastRow(slug: string) {
  return t.pool.withFamily(slug, ({ db }) => db.selectFrom('weather_forecast').selectAll().executeTakeFirst());
}

async function card(slug: string): Promise<string> {
  const res = await t.get(`/${slug}/`, cookies[slug]);
  expect(res.status).toBe(200);
  const html = await res.text();
  const start = html.indexOf('<li class="dash-card weather-card');
  expect(start, 'the weather card').toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</li></ol></li>', start) > -1 ? html.indexOf('</li></ol></li>', start) + 15 : html.indexOf('</li>', start) + 5);
}

function forecastRequests(): URL[] {
  return api.requests.filter((url) => url.pathname === '/v1/forecast');
}

beforeAll(async () => {
  api = await startStandIn(forecasts);
  process.env.DINKYDASH_WEATHER_URL = api.origin;
  setClock(new Date(NOW));
  await newFamily('smiths');
  admin = cookies.smiths!;
});

beforeEach(() => {
  process.env.DINKYDASH_WEATHER_URL = api.origin;
  api.answer = forecasts;
  setClock(new Date(NOW));
});

afterAll(() => resetClock());

describe('a refresh', () => {
  it("stores the forecast, asked for the family's place, zone and units", async () => {
    expect(await card('smiths')).toContain('No weather yet');
    expect(await refreshWeather(t.pool, 'smiths', { at: NOW })).toBe('fetched');
    const asked = forecastRequests().at(-1)!;
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      latitude: '52.52',
      longitude: '13.41',
      current: 'temperature_2m,weather_code,is_day',
      daily: 'weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max',
      timezone: 'Europe/Berlin',
      forecast_days: '5',
      temperature_unit: 'celsius',
    });
    const row = (await forecastRow('smiths'))!;
    expect(row).toMatchObject({ id: 1, latitude: 52.52, longitude: 13.41, fetched_at: NOW, checked_at: NOW, error: null });
    const kept = JSON.parse(row.forecast!);
    expect(kept.units).toBe('metric');
    expect(kept.current).toEqual({ time: '2026-03-10T11:00', temperature: 7.4, code: 2, isDay: true });
    expect(kept.days.map((d: { date: string }) => d.date)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']);
    // Within 30 minutes a copy is fresh: nothing is fetched.
    const asked2 = forecastRequests().length;
    expect(await refreshWeather(t.pool, 'smiths', { at: NOW + 29 * 60_000 })).toBe('fresh');
    expect(forecastRequests().length).toBe(asked2);
  });

  it('draws the card from the stored forecast (metric)', async () => {
    const html = await card('smiths');
    expect(html).toContain('<span class="weather-icon" aria-hidden="true">⛅</span><p class="weather-temp">7°<span class="weather-unit">C</span></p>');
    expect(html).toContain('<h3 class="card-title">Berlin</h3>');
    expect(html).toContain('<span class="weather-word">Partly cloudy</span> · High 10° · Low 2° · Rain 35%');
    expect(html).toMatch(/<span class="weather-day-name">Wed<\/span><span class="weather-day-icon" aria-hidden="true">🌧️<\/span><span class="visually-hidden">Rain, <\/span>/);
    expect(html).toContain('<span class="weather-day-name">Sat</span>');
    expect(html).not.toContain('weather-note');
  });

  it('draws it in imperial units at once, and fetches them in Fahrenheit next time', async () => {
    const res = await t.post('/smiths/settings/weather', { how: 'coordinates', place_name: 'Berlin', latitude: '52.52', longitude: '13.41', units: 'imperial' }, admin);
    expect(res.status).toBe(303);
    let html = await card('smiths');
    expect(html).toContain('<p class="weather-temp">45°<span class="weather-unit">F</span></p>'); // converted from the metric copy
    expect(html).toContain('High 49° · Low 36°');
    expect(await refreshWeather(t.pool, 'smiths', { at: NOW, force: true })).toBe('fetched');
    expect(forecastRequests().at(-1)!.searchParams.get('temperature_unit')).toBe('fahrenheit');
    expect(JSON.parse((await forecastRow('smiths'))!.forecast!).units).toBe('imperial');
    html = await card('smiths');
    expect(html).toContain('<p class="weather-temp">45°<span class="weather-unit">F</span></p>');
    expect(html).toContain('High 49° · Low 36°');
    expect(html).toContain('<span class="weather-low">26°</span>');
    await t.post('/smiths/settings/weather', { how: 'coordinates', place_name: 'Berlin', latitude: '52.52', longitude: '13.41', units: 'metric' }, admin);
    expect(await card('smiths')).toContain('<p class="weather-temp">7°<span class="weather-unit">C</span></p>');
    expect(await refreshWeather(t.pool, 'smiths', { at: NOW, force: true })).toBe('fetched');
  });
});

describe('with no internet', () => {
  it('keeps the last good copy on a 500, and the card says quietly that it is offline', async () => {
    const before = (await forecastRow('smiths'))!;
    api.answer = json({ error: true, reason: 'Internal' }, 500);
    const at = NOW + 3 * HOUR;
    expect(await refreshWeather(t.pool, 'smiths', { at })).toBe('failed');
    const row = (await forecastRow('smiths'))!;
    expect(row).toMatchObject({ forecast: before.forecast, fetched_at: NOW, checked_at: at });
    expect(row.error).toMatch(/^The weather service at 127\.0\.0\.1:\d+ answered 500\.$/);
    setClock(new Date(at + 60_000));
    const html = await card('smiths');
    expect(html).toContain('<p class="card-line weather-note">Weather: offline, last update 3 h ago</p>');
    expect(html).toContain('High 10° · Low 2°'); // the last good copy
    expect(html).not.toContain('weather-temp'); // "now" from three hours ago would mislead
    expect(html).not.toContain('500');
    // The admin sees why in the settings.
    const settings = await (await t.get('/smiths/settings', admin)).text();
    expect(settings).toMatch(/The last attempt failed: The weather service at 127\.0\.0\.1:\d+ answered 500\./);
  });

  it('keeps it when the connection is refused, too', async () => {
    process.env.DINKYDASH_WEATHER_URL = await refusedOrigin();
    const at = NOW + 4 * HOUR;
    expect(await refreshWeather(t.pool, 'smiths', { at })).toBe('failed');
    const row = (await forecastRow('smiths'))!;
    expect(row).toMatchObject({ fetched_at: NOW, checked_at: at });
    expect(row.error).toMatch(/^The server 127\.0\.0\.1:\d+ refused the connection/);
    setClock(new Date(at + 60_000));
    const html = await card('smiths');
    expect(html).toContain('Weather: offline, last update 4 h ago');
    expect(html).toContain('High 10° · Low 2°');
    // The next good answer clears it.
    process.env.DINKYDASH_WEATHER_URL = api.origin;
    expect(await refreshWeather(t.pool, 'smiths', { at: at + HOUR })).toBe('fetched');
    expect((await forecastRow('smiths'))!.error).toBeNull();
  });

  it('says "No weather yet" when the first attempt fails, and the rest of the page works', async () => {
    await newFamily('joneses');
    process.env.DINKYDASH_WEATHER_URL = await refusedOrigin();
    expect(await refreshWeather(t.pool, 'joneses', { at: NOW })).toBe('failed');
    expect(await forecastRow('joneses')).toMatchObject({ forecast: null, fetched_at: null, checked_at: NOW });
    const res = await t.get('/joneses/', cookies.joneses);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h3 class="card-title">Berlin</h3><p class="card-line weather-note">No weather yet</p>');
    expect(html).toContain('dash-date');
  });

  it('a family without a place gets no request, and a card that asks for one', async () => {
    await newFamily('browns', null);
    const asked = forecastRequests().length;
    expect(await refreshWeather(t.pool, 'browns', { at: NOW })).toBe('no-place');
    expect(forecastRequests().length).toBe(asked);
    expect(await card('browns')).toContain('No place chosen yet');
  });

  it('fetches nothing for a family whose file is read-only: the forecast could not be kept', async () => {
    await newFamily('greens');
    const file = familyFilePath(t.dataDir, 'greens');
    fs.chmodSync(file, 0o444);
    try {
      const asked = forecastRequests().length;
      expect(await refreshWeather(t.pool, 'greens', { at: NOW })).toBe('unavailable');
      expect(forecastRequests().length).toBe(asked);
    } finally {
      fs.chmodSync(file, 0o644);
    }
    expect(await refreshWeather(t.pool, 'greens', { at: NOW })).toBe('fetched');
  });
});

describe('the background refresh', () => {
  it('starts when a look at the dashboard finds the copy stale, and never makes the page wait', async () => {
    await newFamily('millers');
    const settings = await t.pool.withFamily('millers', ({ db }) => getFamilySettings(db));
    let answer: (() => void) | undefined;
    api.answer = (req, res) => {
      answer = () => forecasts(req, res);
    };
    const asked = forecastRequests().length;

    const started = performance.now();
    const refresh = startWeatherRefreshIfStale(t.pool, 'millers', settings, { sections: 'chores,weather', at: NOW });
    expect(performance.now() - started).toBeLessThan(50);
    expect(refresh).toBeInstanceOf(Promise);
    await vi.waitFor(() => expect(answer).toBeDefined());

    // The stand-in holds its answer: the page is served meanwhile, from the file.
    const page = performance.now();
    expect(await card('millers')).toContain('No weather yet');
    expect(performance.now() - page).toBeLessThan(2_000);

    // Others looking meanwhile share the same refresh.
    expect(startWeatherRefreshIfStale(t.pool, 'millers', settings, { sections: 'weather', at: NOW })).toBe(refresh);
    expect(refreshWeather(t.pool, 'millers')).toBe(refresh);

    answer!();
    expect(await refresh).toBe('fetched');
    expect(forecastRequests().length).toBe(asked + 1);
    expect(await card('millers')).toContain('<p class="weather-temp">7°<span class="weather-unit">C</span></p>');

    // Polite: nothing more for 30 minutes, then once again.
    api.answer = forecasts;
    expect(startWeatherRefreshIfStale(t.pool, 'millers', settings, { sections: 'weather', at: NOW + 29 * 60_000 })).toBeNull();
    expect(forecastRequests().length).toBe(asked + 1);
    const later = startWeatherRefreshIfStale(t.pool, 'millers', settings, { at: NOW + WEATHER_REFRESH_EVERY_MS });
    expect(await later).toBe('fetched');
    expect(forecastRequests().length).toBe(asked + 2);
  });

  it('is not started for a dashboard without the weather, or a family without a place', async () => {
    const settings = await t.pool.withFamily('millers', ({ db }) => getFamilySettings(db));
    expect(startWeatherRefreshIfStale(t.pool, 'millers', settings, { sections: 'chores,countdowns', at: NOW + 5 * HOUR })).toBeNull();
    expect(startWeatherRefreshIfStale(t.pool, 'millers', { ...settings, weather_latitude: null }, { at: NOW + 5 * HOUR })).toBeNull();
  });

  it('starts at once for a new place, and drops a forecast that arrives after the place changed again', async () => {
    let answer: (() => void) | undefined;
    api.answer = (req, res) => {
      answer = () => forecasts(req, res);
    };
    const before = await forecastRow('millers');
    await t.post('/millers/settings/weather', { how: 'coordinates', place_name: 'Munich', latitude: '48.1374', longitude: '11.5755', units: 'metric' }, cookies.millers);
    const munich = await t.pool.withFamily('millers', ({ db }) => getFamilySettings(db));
    const refresh = startWeatherRefreshIfStale(t.pool, 'millers', munich, { sections: 'weather', at: NOW + WEATHER_REFRESH_EVERY_MS + 60_000 });
    expect(refresh).toBeInstanceOf(Promise);
    await vi.waitFor(() => expect(answer).toBeDefined());
    expect(forecastRequests().at(-1)!.searchParams.get('latitude')).toBe('48.1374');
    expect(await card('millers')).toContain('<h3 class="card-title">Munich</h3><p class="card-line weather-note">No weather yet</p>');
    await t.post('/millers/settings/weather', { how: 'coordinates', place_name: 'Hamburg', latitude: '53.55', longitude: '10', units: 'metric' }, cookies.millers);
    answer!();
    expect(await refresh).toBe('place-changed');
    expect(await forecastRow('millers')).toEqual(before);
  });
});

describe('the weather client', () => {
  const LIMITS = { timeoutMs: 300, maxBytes: 1000, allowPrivate: true };

  it('gives up after its time-out and past its size cap, with a sentence naming the host only', async () => {
    api.answer = () => {}; // never answers
    const started = performance.now();
    const slow = await weatherGet(`${api.origin}/v1/forecast?secret=1`, LIMITS);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(slow).toEqual({ kind: 'failed', reason: expect.stringMatching(/^DinkyDash could not get an answer from the weather service at 127\.0\.0\.1:\d+; it will try again later\.$/) });
    api.answer = (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('x'.repeat(5000));
    expect(await weatherGet(`${api.origin}/v1/forecast`, LIMITS)).toMatchObject({ kind: 'failed' });
    api.answer = json({ ok: 1 });
    expect(await weatherGet(`${api.origin}/v1/forecast`, LIMITS)).toEqual({ kind: 'fetched', body: '{"ok":1}' });
  });

  it('connects to loopback and private addresses only when allowed (the owner set the address)', async () => {
    api.answer = json({ ok: 1 });
    const asked = api.requests.length;
    expect(await weatherGet(`${api.origin}/v1/forecast`, { ...LIMITS, allowPrivate: false })).toMatchObject({ kind: 'failed' });
    expect(api.requests.length).toBe(asked);
  });
});

describe('export', () => {
  it("gives the family's place and units", async () => {
    const rows = await t.pool.withFamily('smiths', ({ db }) => weather.exportRows(db));
    expect(rows).toEqual({ weather: [{ place: 'Berlin', latitude: 52.52, longitude: 13.41, units: 'metric' }] });
  });
});

describe('the network', () => {
  it('was only ever 127.0.0.1', () => {
    expect(seen.hosts).toContain('127.0.0.1');
    expect(seen.hosts.every((host) => host === '127.0.0.1')).toBe(true);
  });
});
