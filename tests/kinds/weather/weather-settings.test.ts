import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, KID, createTestFamily, makeTestApp } from '../../helpers/family-app.js';
import { json, onlyLoopback, refusedOrigin, startStandIn, type StandIn } from './stand-in.js';

// The weather's place in the family settings: found by name with the geocoding
// (search, radio buttons, save: no JavaScript), or given as coordinates; bad
// input gets a message at its field and saves nothing. The geocoding is a
// stand-in server on 127.0.0.1, reached through DINKYDASH_GEOCODING_URL.

const seen = onlyLoopback();
const t = makeTestApp();
let geo: StandIn;
let admin: string;
let kid: string;

const SPRINGFIELDS = {
  results: [
    { id: 4250542, name: 'Springfield', latitude: 39.80172, longitude: -89.64371, elevation: 182, country_code: 'US', timezone: 'America/Chicago', country: 'United States', admin1: 'Illinois' },
    { id: 4409896, name: 'Springfield', latitude: 37.21533, longitude: -93.29824, elevation: 397, country_code: 'US', timezone: 'America/Chicago', country: 'United States', admin1: 'Missouri' },
  ],
  generationtime_ms: 1.2,
};

async function weatherSettings() {
  return t.pool.withFamily('smiths', ({ db }) =>
    db.selectFrom('family_settings').select(['weather_place', 'weather_latitude', 'weather_longitude', 'weather_units']).executeTakeFirstOrThrow(),
  );
}

/** A field's block of the form, from its <div class="field…"> to the next field. */
function fieldBlock(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`);
  expect(at, id).toBeGreaterThan(-1);
  const start = html.lastIndexOf('<div class="field', at);
  const end = html.indexOf('<div class="field', at);
  return html.slice(start, end === -1 ? undefined : end);
}

beforeAll(async () => {
  geo = await startStandIn(json(SPRINGFIELDS));
  process.env.DINKYDASH_GEOCODING_URL = geo.origin;
  await createTestFamily(t, 'smiths', [ADMIN, KID]);
  admin = await t.signIn('smiths', ADMIN.username, ADMIN.password);
  kid = await t.signIn('smiths', KID.username, KID.password);
});

beforeEach(() => {
  process.env.DINKYDASH_GEOCODING_URL = geo.origin;
  geo.answer = json(SPRINGFIELDS);
});

describe('finding the place by name', () => {
  it('lists the places found as radio buttons, and saves the one chosen (no JavaScript)', async () => {
    const before = await t.get('/smiths/settings', admin);
    const page = await before.text();
    expect(page).toContain('<h2 id="weather-heading">Weather</h2>');
    expect(page).toContain('No place chosen yet.');
    expect(page).toMatch(/<form method="get" action="\/smiths\/settings\/weather#weather" role="search"/);

    const res = await t.get('/smiths/settings/weather?q=Springfield', admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    const asked = geo.requests.at(-1)!;
    expect(asked.pathname).toBe('/v1/search');
    expect(Object.fromEntries(asked.searchParams)).toEqual({ name: 'Springfield', count: '5', language: 'en', format: 'json' });
    expect(html).toContain('<legend>Places called “Springfield”</legend>');
    expect(html).toContain('<input type="radio" id="f-place-0" name="place" value="39.8017,-89.6437,Springfield, United States" required=""/>');
    expect(html).toContain('Springfield, Illinois, United States <span class="muted">(39.8017, -89.6437)</span>');
    expect(html).toContain('Springfield, Missouri, United States');
    expect(html).toMatch(/<form method="post" action="\/smiths\/settings\/weather#weather" class="weather-results"><input type="hidden" name="how" value="search"\/>/);
    expect(html).toContain('value="Springfield"'); // the search box keeps the text
    expect(await weatherSettings()).toEqual({ weather_place: '', weather_latitude: null, weather_longitude: null, weather_units: 'metric' });

    const saved = await t.post('/smiths/settings/weather', { how: 'search', q: 'Springfield', place: '37.2153,-93.2982,Springfield, United States', units: 'imperial' }, admin);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/smiths/settings?saved=weather#weather');
    expect(await weatherSettings()).toEqual({ weather_place: 'Springfield, United States', weather_latitude: 37.2153, weather_longitude: -93.2982, weather_units: 'imperial' });

    const after = await (await t.get('/smiths/settings?saved=weather', admin)).text();
    expect(after).toContain('The weather&#39;s place was saved.');
    expect(after).toContain('The weather is for Springfield, United States (37.2153, -93.2982), in °F.');
    expect(fieldBlock(after, 'f-latitude')).toContain('value="37.2153"');
    expect(fieldBlock(after, 'f-units')).toMatch(/<option value="imperial" selected="">Fahrenheit/);
  });

  it('asks again when no place was ticked, showing the places again and saving nothing', async () => {
    const before = await weatherSettings();
    const forms: Record<string, string>[] = [{ how: 'search', q: 'Springfield', units: 'metric' }, { how: 'search', q: 'Springfield', units: 'metric', place: '91,10,Beyond the pole' }];
    for (const form of forms) {
      const res = await t.post('/smiths/settings/weather', form, admin);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('The weather&#39;s place was not saved. Please check the fields marked below.');
      expect(html).toContain('<p class="field-error" id="f-place-error" role="alert">Please choose one of the places.</p>');
      expect(html).toContain('id="f-place-1"');
      expect(await weatherSettings()).toEqual(before);
    }
    const badUnits = await t.post('/smiths/settings/weather', { how: 'search', q: 'Springfield', place: '39.8017,-89.6437,Springfield, United States', units: 'kelvin' }, admin);
    expect(badUnits.status).toBe(400);
    expect(fieldBlock(await badUnits.text(), 'f-units-search')).toContain('Please choose Celsius or Fahrenheit.');
    expect(await weatherSettings()).toEqual(before);
  });

  it('says at the search field when there is nothing to search for, nothing found, or no answer', async () => {
    const asked = geo.requests.length;
    const short = await t.get('/smiths/settings/weather?q=B', admin);
    expect(short.status).toBe(400);
    expect(fieldBlock(await short.text(), 'f-q')).toContain('Please type at least 2 letters');
    expect(geo.requests.length).toBe(asked);

    geo.answer = json({ generationtime_ms: 0.4 });
    const none = await (await t.get('/smiths/settings/weather?q=Atlantis', admin)).text();
    expect(fieldBlock(none, 'f-q')).toContain('No place called “Atlantis” was found.');
    expect(none).not.toContain('name="place"');

    geo.answer = json({ error: true, reason: 'Something broke' }, 500);
    const broken = await t.get('/smiths/settings/weather?q=Berlin', admin);
    expect(broken.status).toBe(200);
    expect(fieldBlock(await broken.text(), 'f-q')).toContain('The place search did not work just now. Please try again in a moment, or give the coordinates below.');

    process.env.DINKYDASH_GEOCODING_URL = await refusedOrigin();
    const offline = await (await t.get('/smiths/settings/weather?q=Berlin', admin)).text();
    expect(fieldBlock(offline, 'f-q')).toContain('The place search did not work just now. Please try again in a moment, or give the coordinates below.');
  });

  it('is for admins only', async () => {
    const before = await weatherSettings();
    const asked = geo.requests.length;
    expect((await t.get('/smiths/settings/weather?q=Springfield', kid)).status).toBe(403);
    expect((await t.post('/smiths/settings/weather', { how: 'coordinates', latitude: '1', longitude: '2', units: 'metric' }, kid)).status).toBe(403);
    expect((await t.get('/smiths/settings/weather?q=Springfield')).status).toBe(303);
    expect(geo.requests.length).toBe(asked);
    expect(await weatherSettings()).toEqual(before);
  });
});

describe('giving the coordinates', () => {
  it('saves them, with the name given or the coordinates as the name', async () => {
    const res = await t.post('/smiths/settings/weather', { how: 'coordinates', latitude: ' 52,52 ', longitude: '\u221213.4', place_name: '  Home ', units: 'metric' }, admin);
    expect(res.status).toBe(303);
    expect(await weatherSettings()).toEqual({ weather_place: 'Home', weather_latitude: 52.52, weather_longitude: -13.4, weather_units: 'metric' });
    await t.post('/smiths/settings/weather', { how: 'coordinates', latitude: '-90', longitude: '180', place_name: '', units: 'imperial' }, admin);
    expect(await weatherSettings()).toEqual({ weather_place: '-90, 180', weather_latitude: -90, weather_longitude: 180, weather_units: 'imperial' });
  });

  it('refuses a latitude outside −90..90 or a longitude outside −180..180 at the field, and saves nothing', async () => {
    const before = await weatherSettings();
    const cases: Array<[string, string, 'f-latitude' | 'f-longitude', string]> = [
      ['91', '10', 'f-latitude', 'Please give a latitude between −90'],
      ['-90.5', '10', 'f-latitude', 'Please give a latitude between −90'],
      ['north', '10', 'f-latitude', 'Please give a latitude between −90'],
      ['', '10', 'f-latitude', 'Please give a latitude between −90'],
      ['10', '180.01', 'f-longitude', 'Please give a longitude between −180'],
      ['10', '-181', 'f-longitude', 'Please give a longitude between −180'],
      ['10', '1e2', 'f-longitude', 'Please give a longitude between −180'],
      ['10', '', 'f-longitude', 'Please give a longitude between −180'],
    ];
    for (const [latitude, longitude, id, message] of cases) {
      const res = await t.post('/smiths/settings/weather', { how: 'coordinates', latitude, longitude, place_name: 'Renamed', units: 'metric' }, admin);
      expect(res.status, `${latitude} ${longitude}`).toBe(400);
      const html = await res.text();
      expect(html).toContain('The weather&#39;s place was not saved.');
      const block = fieldBlock(html, id);
      expect(block).toContain('class="field has-error"');
      expect(block).toContain(`id="${id}-error"`);
      expect(block).toContain(message);
      expect(block).toContain(`value="${id === 'f-latitude' ? latitude : longitude}"`); // what was typed stays
      const other = fieldBlock(html, id === 'f-latitude' ? 'f-longitude' : 'f-latitude');
      expect(other).not.toContain('has-error');
      expect(await weatherSettings()).toEqual(before);
    }
    const both = await (await t.post('/smiths/settings/weather', { how: 'coordinates', latitude: '100', longitude: '200', units: 'metric' }, admin)).text();
    expect(fieldBlock(both, 'f-latitude')).toContain('has-error');
    expect(fieldBlock(both, 'f-longitude')).toContain('has-error');
    const units = await t.post('/smiths/settings/weather', { how: 'coordinates', latitude: '1', longitude: '2', units: 'celsius' }, admin);
    expect(units.status).toBe(400);
    expect(fieldBlock(await units.text(), 'f-units')).toContain('Please choose Celsius or Fahrenheit.');
    const long = await t.post('/smiths/settings/weather', { how: 'coordinates', latitude: '1', longitude: '2', place_name: 'x'.repeat(101), units: 'metric' }, admin);
    expect(long.status).toBe(400);
    expect(fieldBlock(await long.text(), 'f-place_name')).toContain('Please keep the name to 100 characters.');
    expect(await weatherSettings()).toEqual(before);
  });

  it('leaves the rest of the settings alone', async () => {
    const res = await t.post('/smiths/settings/weather', { how: 'coordinates', latitude: '48.1374', longitude: '11.5755', place_name: 'Munich', units: 'metric' }, admin);
    expect(res.status).toBe(303);
    const settings = await t.pool.withFamily('smiths', ({ db }) => db.selectFrom('family_settings').select(['name', 'time_zone', 'clock']).executeTakeFirstOrThrow());
    expect(settings).toEqual({ name: 'Family smiths', time_zone: 'Europe/Berlin', clock: '24' });
  });
});

describe('the weather on the manage hub', () => {
  it('leads to the family settings', async () => {
    const hub = await (await t.get('/smiths/manage', admin)).text();
    expect(hub).toMatch(/href="\/smiths\/manage\/weather\/new\?dashboard=\d+">Weather place/);
    for (const path of ['/smiths/manage/weather', '/smiths/manage/weather/new?dashboard=1']) {
      const res = await t.get(path, admin);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/smiths/settings#weather');
    }
  });
});

describe('the network', () => {
  it('was only ever 127.0.0.1', () => {
    expect(seen.hosts).toContain('127.0.0.1');
    expect(seen.hosts.every((host) => host === '127.0.0.1')).toBe(true);
  });
});
