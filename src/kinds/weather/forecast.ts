// The forecast as DinkyDash keeps it in the family file (weather_forecast.forecast):
// Open-Meteo's answer trimmed to what the card shows. Pure: parsing the answer,
// reading the stored copy back, and changing its units.

export type WeatherUnits = 'metric' | 'imperial';

export function isWeatherUnits(value: unknown): value is WeatherUnits {
  return value === 'metric' || value === 'imperial';
}

export interface ForecastDay {
  /** YYYY-MM-DD in the family's time zone. */
  date: string;
  code: number | null;
  max: number | null;
  min: number | null;
  /** The day's highest chance of rain or snow, in per cent. */
  rain: number | null;
}

export interface StoredForecast {
  /** The units the temperatures are in (the family's setting when it was fetched). */
  units: WeatherUnits;
  /** The zone the days were cut in. */
  timeZone: string;
  /** Conditions when it was fetched; `time` is the place's wall-clock time (YYYY-MM-DDTHH:MM). */
  current: { time: string; temperature: number; code: number | null; isDay: boolean } | null;
  days: ForecastDay[];
}

export type ParsedForecast = { ok: true; forecast: StoredForecast } | { ok: false; reason: string };

const NOT_UNDERSTOOD = 'The weather service sent an answer DinkyDash does not understand.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function column(daily: Record<string, unknown>, name: string, length: number): (number | null)[] {
  const values = daily[name];
  return Array.from({ length }, (_, i) => (Array.isArray(values) ? numberOrNull(values[i]) : null));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Open-Meteo's forecast answer (JSON text) as the copy to keep, or why it is no forecast. */
export function parseForecastAnswer(body: string, units: WeatherUnits, timeZone: string): ParsedForecast {
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return { ok: false, reason: NOT_UNDERSTOOD };
  }
  if (!isRecord(answer) || !isRecord(answer.daily)) return { ok: false, reason: NOT_UNDERSTOOD };
  const dates = answer.daily.time;
  if (!Array.isArray(dates) || dates.length === 0 || !dates.every((d) => typeof d === 'string' && ISO_DATE.test(d))) {
    return { ok: false, reason: NOT_UNDERSTOOD };
  }
  const codes = column(answer.daily, 'weather_code', dates.length);
  const max = column(answer.daily, 'temperature_2m_max', dates.length);
  const min = column(answer.daily, 'temperature_2m_min', dates.length);
  const rain = column(answer.daily, 'precipitation_probability_max', dates.length);
  const days = (dates as string[]).map((date, i): ForecastDay => ({ date, code: codes[i]!, max: max[i]!, min: min[i]!, rain: rain[i]! }));
  let current: StoredForecast['current'] = null;
  if (isRecord(answer.current)) {
    const temperature = numberOrNull(answer.current.temperature_2m);
    const time = answer.current.time;
    if (temperature !== null && typeof time === 'string') {
      current = { time, temperature, code: numberOrNull(answer.current.weather_code), isDay: answer.current.is_day !== 0 };
    }
  }
  return { ok: true, forecast: { units, timeZone, current, days } };
}

/** A stored copy read back; null when it is missing or not one of ours. */
export function readStoredForecast(text: string | null): StoredForecast | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value) || !isWeatherUnits(value.units) || !Array.isArray(value.days)) return null;
    return value as unknown as StoredForecast;
  } catch {
    return null;
  }
}

function convert(value: number | null, from: WeatherUnits, to: WeatherUnits): number | null {
  if (value === null || from === to) return value;
  return to === 'imperial' ? (value * 9) / 5 + 32 : ((value - 32) * 5) / 9;
}

/** The copy in other units: a family that switches units sees them at once, before the next fetch. */
export function inUnits(forecast: StoredForecast, units: WeatherUnits): StoredForecast {
  if (forecast.units === units) return forecast;
  const from = forecast.units;
  return {
    ...forecast,
    units,
    current: forecast.current ? { ...forecast.current, temperature: convert(forecast.current.temperature, from, units)! } : null,
    days: forecast.days.map((day) => ({ ...day, max: convert(day.max, from, units), min: convert(day.min, from, units) })),
  };
}
