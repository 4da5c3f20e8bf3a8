import { english, type Translate } from '../../i18n/i18n.js';
import { cleanText } from '../../views/clean-text.js';

// The family's place for the weather: found by name with Open-Meteo's
// geocoding, or given as coordinates. Pure: checking what an admin typed,
// reading the geocoding answer, and the choice a result's radio button carries.

export interface WeatherPlace {
  /** As the family sees it: "Berlin, Germany". */
  name: string;
  latitude: number;
  longitude: number;
}

export const PLACE_NAME_MAX = 100;
/** A search needs this many characters (Open-Meteo answers nothing to fewer). */
export const SEARCH_MIN = 2;

// Degrees as people write them: 52.52, -13.4, +8, 52,52 (a decimal comma), −3.7 (a minus sign).
const DEGREES = /^[+\-\u2212]?\d{1,3}(?:[.,]\d+)?$/;

/** Parses degrees, or null when the text is not a number. */
export function parseDegrees(text: string): number | null {
  const trimmed = text.trim();
  if (!DEGREES.test(trimmed)) return null;
  const value = Number(trimmed.replace('\u2212', '-').replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** Rounded to 4 decimals (about 11 m): the forecast's grid is kilometres wide, and the file need not hold the house. */
export function roundDegrees(value: number): number {
  return Math.round(value * 10_000) / 10_000 + 0; // + 0: never -0
}

export type CheckedCoordinates =
  | { ok: true; latitude: number; longitude: number }
  | { ok: false; errors: { latitude?: string; longitude?: string } };

/** Latitude −90..90 and longitude −180..180, each with a message at its field. */
export function checkCoordinates(latitudeText: string, longitudeText: string, t: Translate): CheckedCoordinates {
  const latitude = parseDegrees(latitudeText);
  const longitude = parseDegrees(longitudeText);
  const errors: { latitude?: string; longitude?: string } = {};
  if (latitude === null || latitude < -90 || latitude > 90) {
    errors.latitude = t('weather.problemLatitude');
  }
  if (longitude === null || longitude < -180 || longitude > 180) {
    errors.longitude = t('weather.problemLongitude');
  }
  if (latitude === null || longitude === null || errors.latitude || errors.longitude) return { ok: false, errors };
  return { ok: true, latitude: roundDegrees(latitude), longitude: roundDegrees(longitude) };
}

/** Coordinates as a short text: "52.52, 13.41". */
export function coordinatesText(latitude: number, longitude: number): string {
  return `${latitude}, ${longitude}`;
}

/** The place's name: what the admin typed, cleaned; the coordinates when nothing was typed. Null when too long. */
export function placeName(typed: string, latitude: number, longitude: number): string | null {
  const name = cleanText(typed);
  if (name.length > PLACE_NAME_MAX) return null;
  return name || coordinatesText(latitude, longitude);
}

/** Why a search text cannot be searched for, or null. */
export function searchProblem(text: string, t: Translate): string | null {
  const name = cleanText(text);
  if (name.length < SEARCH_MIN) return t('weather.problemSearchShort', { count: SEARCH_MIN });
  if (name.length > PLACE_NAME_MAX) return t('weather.problemSearchLong', { count: PLACE_NAME_MAX });
  return null;
}

/** One of the geocoding's answers. */
export interface FoundPlace extends WeatherPlace {
  /** The name with its region and country, to tell places of one name apart: "Springfield, Illinois, United States". */
  label: string;
  timeZone: string | null;
}

/** Open-Meteo's geocoding answer (JSON text) as places; null when it is not such an answer. No `results` means nothing was found. */
export function parseGeocodingAnswer(body: string): FoundPlace[] | null {
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return null;
  const results = (answer as { results?: unknown }).results;
  if (results === undefined) return [];
  if (!Array.isArray(results)) return null;
  const places: FoundPlace[] = [];
  for (const result of results) {
    if (typeof result !== 'object' || result === null) continue;
    const r = result as Record<string, unknown>;
    const name = cleanText(r.name);
    const { latitude, longitude } = r;
    if (!name || typeof latitude !== 'number' || typeof longitude !== 'number') continue;
    if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) continue;
    const parts = [name, cleanText(r.admin1), cleanText(r.country)].filter((part, i, all) => part && all.indexOf(part) === i);
    places.push({
      name: [name, cleanText(r.country)].filter(Boolean).join(', ').slice(0, PLACE_NAME_MAX),
      label: parts.join(', '),
      latitude: roundDegrees(latitude),
      longitude: roundDegrees(longitude),
      timeZone: typeof r.timezone === 'string' ? r.timezone : null,
    });
  }
  return places;
}

/** What a result's radio button sends: "latitude,longitude,name" (the name may hold commas; the numbers cannot). */
export function choiceValue(place: WeatherPlace): string {
  return `${place.latitude},${place.longitude},${place.name}`;
}

/** The place a radio button chose, checked like typed coordinates; null when the value is not one of ours. */
export function readChoice(value: string): WeatherPlace | null {
  const match = /^([^,]*),([^,]*),(.*)$/s.exec(value);
  if (!match) return null;
  const checked = checkCoordinates(match[1]!, match[2]!, english.t); // its messages are not shown
  if (!checked.ok) return null;
  const name = placeName(match[3]!, checked.latitude, checked.longitude);
  return name === null ? null : { name, latitude: checked.latitude, longitude: checked.longitude };
}
