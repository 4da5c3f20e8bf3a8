import { field, type FormBody } from '../../http/form.js';
import { cleanText } from '../../views/clean-text.js';
import { isWeatherUnits, type WeatherUnits } from './forecast.js';
import { checkCoordinates, placeName, PLACE_NAME_MAX, readChoice, searchProblem, type WeatherPlace } from './place.js';
import { searchPlaces } from './open-meteo.js';
import type { WeatherFormState } from './settings-form.js';
import type { Translate } from '../../i18n/i18n.js';

// What the weather's forms in the family settings send, checked: a place
// chosen from the search's results, or typed coordinates; and the units. Any
// problem gets a message at its field and nothing is saved.

export type CheckedWeatherForm =
  | { ok: true; place: WeatherPlace; units: WeatherUnits }
  /** `searchAgain`: the refused form was the search's results, to be shown again. */
  | { ok: false; state: WeatherFormState; searchAgain: boolean };

export function checkWeatherForm(body: FormBody, t: Translate): CheckedWeatherForm {
  const units = field(body, 'units');
  const unitsProblem = t('weather.problemUnits');
  if (field(body, 'how') === 'search') {
    const q = field(body, 'q');
    const chosen = field(body, 'place');
    const place = readChoice(chosen);
    const errors = {
      place: place ? undefined : t('weather.problemChoosePlace'),
      units_search: isWeatherUnits(units) ? undefined : unitsProblem,
    };
    if (place && isWeatherUnits(units)) return { ok: true, place, units };
    return { ok: false, searchAgain: true, state: { q, chosen, searchUnits: units, errors, refused: true } };
  }
  const values = { place_name: field(body, 'place_name'), latitude: field(body, 'latitude'), longitude: field(body, 'longitude'), units };
  const coordinates = checkCoordinates(values.latitude, values.longitude, t);
  const name = coordinates.ok ? placeName(values.place_name, coordinates.latitude, coordinates.longitude) : cleanText(values.place_name);
  const errors = {
    ...(coordinates.ok ? {} : coordinates.errors),
    place_name: name === null || name.length > PLACE_NAME_MAX ? t('weather.problemNameLong', { count: PLACE_NAME_MAX }) : undefined,
    units: isWeatherUnits(units) ? undefined : unitsProblem,
  };
  if (coordinates.ok && name !== null && isWeatherUnits(units) && !errors.place_name) {
    return { ok: true, place: { name, latitude: coordinates.latitude, longitude: coordinates.longitude }, units };
  }
  return { ok: false, searchAgain: false, state: { q: '', coordinates: values, errors, refused: true } };
}

/** Searches for places by name, for the settings page: the results, or a message at the search field. */
export async function weatherSearch(q: string, t: Translate): Promise<{ state: WeatherFormState; status: 200 | 400 }> {
  const problem = searchProblem(q, t);
  if (problem) return { state: { q, errors: { q: problem } }, status: 400 };
  const found = await searchPlaces(q);
  if (!found.ok) {
    return { state: { q, errors: { q: t('weather.searchFailed') } }, status: 200 };
  }
  if (found.places.length === 0) {
    return { state: { q, errors: { q: t('weather.searchNone', { name: cleanText(q) }) } }, status: 200 };
  }
  return { state: { q, places: found.places, errors: {} }, status: 200 };
}
