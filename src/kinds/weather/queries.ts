import type { FamilyDb } from '../../tenants/family-database.js';
import type { WeatherForecastTable } from './tables.js';
import type { StoredForecast, WeatherUnits } from './forecast.js';
import type { WeatherPlace } from './place.js';

/** The family's place and units, and the time zone its days are cut in. */
export interface WeatherSettings {
  place: string;
  latitude: number | null;
  longitude: number | null;
  units: WeatherUnits;
  timeZone: string;
}

export async function getWeatherSettings(db: FamilyDb): Promise<WeatherSettings> {
  const s = await db
    .selectFrom('family_settings')
    .select(['weather_place', 'weather_latitude', 'weather_longitude', 'weather_units', 'time_zone'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { place: s.weather_place, latitude: s.weather_latitude, longitude: s.weather_longitude, units: s.weather_units, timeZone: s.time_zone };
}

export async function setWeatherPlace(db: FamilyDb, place: WeatherPlace, units: WeatherUnits): Promise<void> {
  await db
    .updateTable('family_settings')
    .set({ weather_place: place.name, weather_latitude: place.latitude, weather_longitude: place.longitude, weather_units: units })
    .where('id', '=', 1)
    .execute();
}

export type ForecastRow = WeatherForecastTable;

/** The kept forecast and how the last attempt went; undefined before the first attempt. */
export function getForecastRow(db: FamilyDb): Promise<ForecastRow | undefined> {
  return db.selectFrom('weather_forecast').selectAll().where('id', '=', 1).executeTakeFirst();
}

export function samePlace(a: { latitude: number | null; longitude: number | null }, b: { latitude: number | null; longitude: number | null }): boolean {
  return a.latitude === b.latitude && a.longitude === b.longitude;
}

/**
 * Keeps how an attempt for `place` went. A new forecast replaces the copy; a
 * failure keeps the last good copy of the same place, and forgets one of
 * another place (it would never be shown for this one), so the row always
 * says which place was tried last and when.
 */
export async function saveForecastAttempt(
  db: FamilyDb,
  place: { latitude: number; longitude: number },
  at: number,
  outcome: { ok: true; forecast: StoredForecast } | { ok: false; reason: string },
): Promise<void> {
  const where = { latitude: place.latitude, longitude: place.longitude };
  let values: Omit<ForecastRow, 'id'>;
  if (outcome.ok) {
    values = { ...where, forecast: JSON.stringify(outcome.forecast), fetched_at: at, checked_at: at, error: null };
  } else {
    const kept = await getForecastRow(db);
    values = kept && samePlace(kept, place) ? { ...where, forecast: kept.forecast, fetched_at: kept.fetched_at, checked_at: at, error: outcome.reason } : { ...where, forecast: null, fetched_at: null, checked_at: at, error: outcome.reason };
  }
  await db
    .insertInto('weather_forecast')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
