import { describe, expect, it } from 'vitest';
import { weatherLook } from '../../../../src/kinds/weather/weather-codes.js';
import { inUnits, parseForecastAnswer, readStoredForecast } from '../../../../src/kinds/weather/forecast.js';
import { checkCoordinates, choiceValue, parseDegrees, parseGeocodingAnswer, placeName, readChoice, searchProblem } from '../../../../src/kinds/weather/place.js';
import { fetchForecast, forecastUrl, geocodingUrl, searchPlaces } from '../../../../src/kinds/weather/open-meteo.js';
import { ago, buildWeatherView, degrees, weatherCardHtml, weatherCards } from '../../../../src/kinds/weather/card.js';
import { weatherDashboardQuery, type WeatherRows } from '../../../../src/kinds/weather/dashboard-rows.js';
import type { CardContext } from '../../../../src/kinds/kind.js';
import { forecastAnswer } from '../../../kinds/weather/stand-in.js';
import { english } from '../../../../src/i18n/i18n.js';

const TODAY = { year: 2026, month: 3, day: 10 };
const FETCHED = Date.parse('2026-03-10T10:00:00Z');
const ctx = (now = FETCHED + 5 * 60_000): CardContext => ({
  today: TODAY,
  timeZone: 'Europe/Berlin',
  now,
  clock: '24',
  dateFormat: 'long',
  links: { content: '/x', choreAction: () => '/x', image: () => '/x' },
  canComplete: false,
  i18n: english,
});

function stored(units: 'metric' | 'imperial' = 'metric', answer = forecastAnswer('2026-03-10')) {
  const parsed = parseForecastAnswer(JSON.stringify(answer), units, 'Europe/Berlin');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.forecast;
}

function rows(overrides: Partial<WeatherRows> = {}, copy: Partial<NonNullable<WeatherRows['copy']>> = {}): WeatherRows {
  return {
    place: 'Berlin, Germany',
    latitude: 52.52,
    longitude: 13.41,
    units: 'metric',
    copy: { latitude: 52.52, longitude: 13.41, forecast: stored(), fetchedAt: FETCHED, checkedAt: FETCHED, error: null, ...copy },
    ...overrides,
  };
}

describe('WMO weather codes', () => {
  it('map to an emoji and a short word', () => {
    expect(weatherLook(0)).toEqual({ emoji: '☀️', word: 'weather.code.clear' });
    expect(weatherLook(2)).toEqual({ emoji: '⛅', word: 'weather.code.partlyCloudy' });
    expect(weatherLook(63)).toEqual({ emoji: '🌧️', word: 'weather.code.rain' });
    expect(weatherLook(73)).toEqual({ emoji: '❄️', word: 'weather.code.snow' });
    expect(weatherLook(95)).toEqual({ emoji: '⛈️', word: 'weather.code.thunderstorm' });
    expect(english.t(weatherLook(45).word)).toBe('Fog');
    expect(weatherLook(0, false)).toEqual({ emoji: '🌙', word: 'weather.code.clear' });
    expect(weatherLook(63, false).emoji).toBe('🌧️');
  });

  it('read every code Open-Meteo sends, and anything else as plain "Weather"', () => {
    for (const code of [0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 71, 73, 75, 77, 80, 81, 82, 85, 86, 95, 96, 99]) {
      expect(english.t(weatherLook(code).word), String(code)).not.toBe('Weather');
    }
    expect(weatherLook(42)).toEqual({ emoji: '🌡️', word: 'weather.code.unknown' });
    expect(english.t(weatherLook(null).word)).toBe('Weather');
  });
});

describe("Open-Meteo's forecast answer", () => {
  it('is trimmed to what the card shows', () => {
    const f = stored();
    expect(f.units).toBe('metric');
    expect(f.timeZone).toBe('Europe/Berlin');
    expect(f.current).toEqual({ time: '2026-03-10T11:00', temperature: 7.4, code: 2, isDay: true });
    expect(f.days).toHaveLength(5);
    expect(f.days[0]).toEqual({ date: '2026-03-10', code: 2, max: 9.6, min: 2.1, rain: 35 });
    expect(f.days[4]!.rain).toBeNull();
    expect(readStoredForecast(JSON.stringify(f))).toEqual(f);
  });

  it('is refused when it is not a forecast', () => {
    for (const body of ['', 'not json', '[]', '{}', '{"daily":{}}', '{"daily":{"time":["yesterday"]}}', '{"error":true,"reason":"Latitude must be in range of -90 to 90°."}']) {
      const parsed = parseForecastAnswer(body, 'metric', 'UTC');
      expect(parsed.ok, body).toBe(false);
    }
    expect(readStoredForecast('{"units":"kelvin","days":[]}')).toBeNull();
    expect(readStoredForecast('nope')).toBeNull();
    expect(readStoredForecast(null)).toBeNull();
  });

  it('changes units for a family that switched before the next fetch', () => {
    const f = inUnits(stored('metric'), 'imperial');
    expect(f.units).toBe('imperial');
    expect(f.current!.temperature).toBeCloseTo(45.32);
    expect(f.days[3]!.min).toBeCloseTo(25.52);
    expect(inUnits(f, 'metric').days[0]!.max).toBeCloseTo(9.6);
  });
});

describe('the place', () => {
  it('takes coordinates as people write them', () => {
    expect(parseDegrees('52.52')).toBe(52.52);
    expect(parseDegrees(' -13.4 ')).toBe(-13.4);
    expect(parseDegrees('\u22123.7')).toBe(-3.7);
    expect(parseDegrees('52,52')).toBe(52.52);
    expect(parseDegrees('+8')).toBe(8);
    for (const bad of ['', 'north', '1e2', '52.5.2', '--3', 'NaN', 'Infinity', '0x10', '52°']) expect(parseDegrees(bad), bad).toBeNull();
  });

  it('checks latitude −90..90 and longitude −180..180, each at its field', () => {
    expect(checkCoordinates('52.520008', '13.404954', english.t)).toEqual({ ok: true, latitude: 52.52, longitude: 13.405 });
    expect(checkCoordinates('-90', '180', english.t)).toEqual({ ok: true, latitude: -90, longitude: 180 });
    expect(checkCoordinates('-0.00001', '0', english.t)).toEqual({ ok: true, latitude: 0, longitude: 0 });
    const both = checkCoordinates('91', '-180.5', english.t);
    expect(both.ok).toBe(false);
    if (!both.ok) {
      expect(both.errors.latitude).toContain('between −90');
      expect(both.errors.longitude).toContain('between −180');
    }
    const one = checkCoordinates('45', 'east', english.t);
    expect(one.ok || one.errors.latitude).toBe(undefined);
  });

  it('names typed coordinates by themselves when no name is given', () => {
    expect(placeName('  Home  ', 1, 2)).toBe('Home');
    expect(placeName('', 52.52, 13.41)).toBe('52.52, 13.41');
    expect(placeName('x'.repeat(101), 1, 2)).toBeNull();
  });

  it('needs two letters to search', () => {
    expect(searchProblem('B', english.t)).toContain('at least 2');
    expect(searchProblem('  ', english.t)).toContain('at least 2');
    expect(searchProblem('Berlin', english.t)).toBeNull();
    expect(searchProblem('x'.repeat(101), english.t)).toContain('at most');
  });

  it("reads the geocoding's results, and none when it found nothing", () => {
    const places = parseGeocodingAnswer(
      JSON.stringify({
        results: [
          { id: 1, name: 'Springfield', latitude: 39.80172, longitude: -89.64371, country: 'United States', admin1: 'Illinois', timezone: 'America/Chicago' },
          { id: 2, name: 'Berlin', latitude: 52.52437, longitude: 13.41053, country: 'Germany', admin1: 'Berlin', timezone: 'Europe/Berlin' },
          { id: 3, name: 'Nowhere', latitude: 'x', longitude: 1 },
        ],
      }),
    );
    expect(places).toEqual([
      { name: 'Springfield, United States', label: 'Springfield, Illinois, United States', latitude: 39.8017, longitude: -89.6437, timeZone: 'America/Chicago' },
      { name: 'Berlin, Germany', label: 'Berlin, Germany', latitude: 52.5244, longitude: 13.4105, timeZone: 'Europe/Berlin' },
    ]);
    expect(parseGeocodingAnswer('{"generationtime_ms":0.5}')).toEqual([]);
    expect(parseGeocodingAnswer('<html>')).toBeNull();
  });

  it("carries a result's place in its radio button, checked again when it comes back", () => {
    const value = choiceValue({ name: 'Springfield, Illinois, United States', latitude: 39.8017, longitude: -89.6437 });
    expect(value).toBe('39.8017,-89.6437,Springfield, Illinois, United States');
    expect(readChoice(value)).toEqual({ name: 'Springfield, Illinois, United States', latitude: 39.8017, longitude: -89.6437 });
    expect(readChoice('99,1,Beyond the pole')).toBeNull();
    expect(readChoice('52.5,13.4')).toBeNull();
    expect(readChoice('')).toBeNull();
    expect(readChoice('1,2,')).toEqual({ name: '1, 2', latitude: 1, longitude: 2 });
  });
});

describe("Open-Meteo's addresses", () => {
  it('ask for what the card shows, in the family zone and units', () => {
    const url = new URL(forecastUrl({ latitude: 52.52, longitude: 13.41 }, 'imperial', 'America/New_York', {}));
    expect(url.origin + url.pathname).toBe('https://api.open-meteo.com/v1/forecast');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      latitude: '52.52',
      longitude: '13.41',
      current: 'temperature_2m,weather_code,is_day',
      daily: 'weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max',
      timezone: 'America/New_York',
      forecast_days: '5',
      temperature_unit: 'fahrenheit',
    });
    expect(new URL(forecastUrl({ latitude: 1, longitude: 2 }, 'metric', 'UTC', {})).searchParams.get('temperature_unit')).toBe('celsius');
    expect(geocodingUrl('São Paulo', {})).toBe('https://geocoding-api.open-meteo.com/v1/search?name=S%C3%A3o+Paulo&count=5&language=en&format=json');
  });

  it('are replaced by DINKYDASH_WEATHER_URL and DINKYDASH_GEOCODING_URL', () => {
    const env = { DINKYDASH_WEATHER_URL: 'http://127.0.0.1:9/mirror/', DINKYDASH_GEOCODING_URL: ' http://127.0.0.1:8 ' };
    expect(forecastUrl({ latitude: 1, longitude: 2 }, 'metric', 'UTC', env)).toMatch(/^http:\/\/127\.0\.0\.1:9\/mirror\/v1\/forecast\?latitude=1&/);
    expect(geocodingUrl('Berlin', env)).toMatch(/^http:\/\/127\.0\.0\.1:8\/v1\/search\?name=Berlin&/);
    expect(forecastUrl({ latitude: 1, longitude: 2 }, 'metric', 'UTC', { DINKYDASH_WEATHER_URL: '' })).toMatch(/^https:\/\/api\.open-meteo\.com\//);
  });

  it('that are not web addresses fail with a sentence, without a request', async () => {
    const env = { DINKYDASH_WEATHER_URL: 'not an address', DINKYDASH_GEOCODING_URL: 'nope' };
    expect(await fetchForecast({ latitude: 1, longitude: 2 }, 'metric', 'UTC', env)).toEqual({ ok: false, reason: expect.stringContaining('is not a web address') });
    expect(await searchPlaces('Berlin', env)).toEqual({ ok: false, reason: expect.stringContaining('is not a web address') });
  });
});

describe('the card', () => {
  it('prints temperatures in whole degrees with a real minus sign', () => {
    expect(degrees(7.4)).toBe('7°');
    expect(degrees(-3.6)).toBe('\u22124°');
    expect(degrees(-0.4)).toBe('0°');
    expect(degrees(null)).toBe('–');
    expect([ago(10_000, english.t), ago(25 * 60_000, english.t), ago(3 * 3_600_000 + 59 * 60_000, english.t), ago(50 * 3_600_000, english.t)]).toEqual(['just now', '25 min ago', '3 h ago', '2 days ago']);
  });

  it('shows now, today and the next four days (metric)', () => {
    const html = weatherCards(rows(), ctx()).join('');
    expect(html).toMatch(/^<li class="dash-card weather-card" id="weather-card">/);
    expect(html).toContain('<span class="weather-icon" aria-hidden="true">⛅</span><p class="weather-temp">7°<span class="weather-unit">C</span></p>');
    expect(html).toContain('<h3 class="card-title">Berlin, Germany</h3>');
    expect(html).toContain('<span class="weather-word">Partly cloudy</span> · High 10° · Low 2° · Rain 35%');
    const days = [...html.matchAll(/<span class="weather-day-name">(\w+)<\/span><span class="weather-day-icon" aria-hidden="true">([^<]+)<\/span>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(days).toEqual(['Wed 🌧️', 'Thu ☀️', 'Fri ❄️', 'Sat ⛈️']);
    expect(html).toContain('high </span>1° <span class="visually-hidden">low </span><span class="weather-low">\u22124°</span>');
    expect(html).not.toContain('weather-note');
  });

  it('shows the family’s units (imperial), converting a copy fetched in the other', () => {
    const fetchedImperial = weatherCards(rows({ units: 'imperial' }, { forecast: stored('imperial', forecastAnswer('2026-03-10', { temperature: 45.3, max: [49, 52, 58, 34.5, 64], min: [36, 40, 41, 25.5, 49] })) }), ctx()).join('');
    expect(fetchedImperial).toContain('<p class="weather-temp">45°<span class="weather-unit">F</span></p>');
    expect(fetchedImperial).toContain('High 49° · Low 36°');
    const converted = weatherCards(rows({ units: 'imperial' }), ctx()).join('');
    expect(converted).toContain('<p class="weather-temp">45°<span class="weather-unit">F</span></p>');
    expect(converted).toContain('High 49° · Low 36°');
  });

  it('starts the days at the family’s today, even from an older copy', () => {
    const view = buildWeatherView(rows(), { today: { year: 2026, month: 3, day: 12 }, now: FETCHED + 2 * 86_400_000, i18n: english });
    expect(view.state).toBe('forecast');
    if (view.state !== 'forecast') return;
    expect(view.today).toEqual({ high: '15°', low: '5°', rain: 0 });
    expect(view.now).toEqual({ temperature: null, look: { emoji: '☀️', word: 'weather.code.clear' } });
    expect(view.days.map((d) => d.name)).toEqual(['Fri', 'Sat']);
    expect(view.note).toBe('Last update 2 days ago');
  });

  it('says quietly that it is offline, with the age of the copy it shows', () => {
    const html = weatherCards(rows({}, { checkedAt: FETCHED + 3 * 3_600_000, error: 'DinkyDash could not reach the weather service at 127.0.0.1:9 (ECONNREFUSED).' }), ctx(FETCHED + 3 * 3_600_000 + 60_000)).join('');
    expect(html).toContain('<p class="card-line weather-note">Weather: offline, last update 3 h ago</p>');
    expect(html).toContain('High 10° · Low 2°');
    expect(html).not.toContain('ECONNREFUSED');
    expect(html).toContain('weather-card is-stale');
  });

  it('says "No weather yet" before the first forecast of the place, and asks for a place when there is none', () => {
    expect(weatherCards(rows({}, { forecast: null, fetchedAt: null, error: 'refused' }), ctx()).join('')).toContain('<p class="card-line weather-note">No weather yet</p>');
    expect(weatherCards(rows({ copy: null }), ctx()).join('')).toContain('No weather yet');
    // A copy of the place chosen before is not this place's weather.
    expect(weatherCards(rows({ latitude: 48.14, longitude: 11.58, place: 'Munich' }), ctx()).join('')).toContain('<h3 class="card-title">Munich</h3><p class="card-line weather-note">No weather yet</p>');
    expect(weatherCards(rows({ latitude: null, longitude: null, place: '' }), ctx()).join('')).toContain('No place chosen yet');
  });

  it('escapes the place’s name', () => {
    const html = weatherCardHtml({ state: 'none-yet', place: '<b>Home</b> & "garden"' }, 'metric', english.t);
    expect(html).toContain('&lt;b&gt;Home&lt;/b&gt; &amp; &quot;garden&quot;');
  });

  it('reads its rows from the dashboard statement’s JSON', () => {
    const f = stored();
    const read = weatherDashboardQuery.read([JSON.stringify(['Berlin', 52.52, 13.41, 'imperial', 52.52, 13.41, JSON.stringify(f), FETCHED, FETCHED, null, 1])]);
    expect(read).toEqual({ place: 'Berlin', latitude: 52.52, longitude: 13.41, units: 'imperial', copy: { latitude: 52.52, longitude: 13.41, forecast: f, fetchedAt: FETCHED, checkedAt: FETCHED, error: null } });
    expect(weatherDashboardQuery.read([JSON.stringify(['', null, null, 'metric', null, null, null, null, null, null, null])]).copy).toBeNull();
  });
});
