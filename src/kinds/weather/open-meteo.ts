import { weatherGet } from './weather-get.js';
import { parseForecastAnswer, type ParsedForecast, type WeatherUnits } from './forecast.js';
import { parseGeocodingAnswer, type FoundPlace } from './place.js';
import { cleanText } from '../../views/clean-text.js';
import { feedsMayUsePrivateAddresses } from '../../fetching/address-policy.js';

// Open-Meteo (https://open-meteo.com): free, no key. The forecast API and the
// geocoding API, at addresses the owner may replace (a mirror, a test's
// stand-in server) with DINKYDASH_WEATHER_URL and DINKYDASH_GEOCODING_URL.

export const WEATHER_URL_VARIABLE = 'DINKYDASH_WEATHER_URL';
export const GEOCODING_URL_VARIABLE = 'DINKYDASH_GEOCODING_URL';
const DEFAULT_WEATHER_URL = 'https://api.open-meteo.com';
const DEFAULT_GEOCODING_URL = 'https://geocoding-api.open-meteo.com';

/** How many places a search offers. */
export const SEARCH_RESULTS = 5;

const FORECAST_LIMITS = { timeoutMs: 15_000, maxBytes: 256 * 1024 };
// An admin is waiting for the settings page: a shorter wait.
const SEARCH_LIMITS = { timeoutMs: 8_000, maxBytes: 256 * 1024 };

type Env = Record<string, string | undefined>;

function base(env: Env, variable: string, fallback: string): string {
  return (env[variable]?.trim() || fallback).replace(/\/+$/, '');
}

/**
 * Open-Meteo is on the internet, and nothing else may be reached unless the
 * owner says so: by pointing the weather elsewhere (the address is the
 * owner's, never a family's), or with DINKYDASH_FEEDS_ALLOW_PRIVATE=1.
 */
function mayUsePrivateAddresses(env: Env, variable: string): boolean {
  return Boolean(env[variable]?.trim()) || feedsMayUsePrivateAddresses(env);
}

export function forecastUrl(place: { latitude: number; longitude: number }, units: WeatherUnits, timeZone: string, env: Env = process.env): string {
  const query = new URLSearchParams({
    latitude: String(place.latitude),
    longitude: String(place.longitude),
    current: 'temperature_2m,weather_code,is_day',
    daily: 'weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max',
    timezone: timeZone,
    forecast_days: '5',
    temperature_unit: units === 'imperial' ? 'fahrenheit' : 'celsius',
  });
  return `${base(env, WEATHER_URL_VARIABLE, DEFAULT_WEATHER_URL)}/v1/forecast?${query}`;
}

export function geocodingUrl(name: string, env: Env = process.env): string {
  const query = new URLSearchParams({ name: cleanText(name), count: String(SEARCH_RESULTS), language: 'en', format: 'json' });
  return `${base(env, GEOCODING_URL_VARIABLE, DEFAULT_GEOCODING_URL)}/v1/search?${query}`;
}

/** The forecast for a place, in the family's units and days; never throws. */
export async function fetchForecast(place: { latitude: number; longitude: number }, units: WeatherUnits, timeZone: string, env: Env = process.env): Promise<ParsedForecast> {
  const result = await weatherGet(forecastUrl(place, units, timeZone, env), { ...FORECAST_LIMITS, allowPrivate: mayUsePrivateAddresses(env, WEATHER_URL_VARIABLE) });
  if (result.kind === 'failed') return { ok: false, reason: result.reason };
  return parseForecastAnswer(result.body, units, timeZone);
}

export type SearchResult = { ok: true; places: FoundPlace[] } | { ok: false; reason: string };

/** Places of that name (at most SEARCH_RESULTS); never throws. */
export async function searchPlaces(name: string, env: Env = process.env): Promise<SearchResult> {
  const result = await weatherGet(geocodingUrl(name, env), { ...SEARCH_LIMITS, allowPrivate: mayUsePrivateAddresses(env, GEOCODING_URL_VARIABLE) });
  if (result.kind === 'failed') return { ok: false, reason: result.reason.replace('weather service', 'place search') };
  const places = parseGeocodingAnswer(result.body);
  return places ? { ok: true, places: places.slice(0, SEARCH_RESULTS) } : { ok: false, reason: 'The place search sent an answer DinkyDash does not understand.' };
}
