import type { DashboardQuery } from '../kind.js';
import { isWeatherUnits, readStoredForecast, type StoredForecast, type WeatherUnits } from './forecast.js';

/** What the weather card is drawn from: the family's place and the kept copy. The weather is the family's, the same on every dashboard. */
export interface WeatherRows {
  place: string;
  latitude: number | null;
  longitude: number | null;
  units: WeatherUnits;
  /** The kept forecast and how the last attempt went; null before the first attempt. */
  copy: {
    latitude: number | null;
    longitude: number | null;
    forecast: StoredForecast | null;
    fetchedAt: number | null;
    checkedAt: number | null;
    error: string | null;
  } | null;
}

type Cells = [string, number | null, number | null, string, number | null, number | null, string | null, number | null, number | null, string | null, number | null];

/** The weather's share of the dashboard's one statement (see chores/dashboard-rows.ts): one row, whatever the dashboard. */
export const weatherDashboardQuery: DashboardQuery<WeatherRows> = {
  columns: [
    `select json_array(s.weather_place, s.weather_latitude, s.weather_longitude, s.weather_units,
            f.latitude, f.longitude, f.forecast, f.fetched_at, f.checked_at, f.error, f.id)
       from family_settings s left join weather_forecast f on f.id = 1 where s.id = 1`,
  ],
  read([json]) {
    const [place, latitude, longitude, units, copyLatitude, copyLongitude, forecast, fetchedAt, checkedAt, error, copyId] = JSON.parse(json!) as Cells;
    return {
      place,
      latitude,
      longitude,
      units: isWeatherUnits(units) ? units : 'metric',
      copy: copyId === null ? null : { latitude: copyLatitude, longitude: copyLongitude, forecast: readStoredForecast(forecast), fetchedAt, checkedAt, error },
    };
  },
};
