import { field, type FormBody } from '../../http/form.js';
import { cleanText } from '../../views/clean-text.js';
import { isWeatherUnits, type WeatherUnits } from './forecast.js';
import { checkCoordinates, placeName, PLACE_NAME_MAX, readChoice, searchProblem, type WeatherPlace } from './place.js';
import { searchPlaces } from './open-meteo.js';
import { UNITS_PROBLEM, type WeatherFormState } from './settings-form.js';

// What the weather's forms in the family settings send, checked: a place
// chosen from the search's results, or typed coordinates; and the units. Any
// problem gets a message at its field and nothing is saved.

export type CheckedWeatherForm =
  | { ok: true; place: WeatherPlace; units: WeatherUnits }
  /** `searchAgain`: the refused form was the search's results, to be shown again. */
  | { ok: false; state: WeatherFormState; searchAgain: boolean };

export function checkWeatherForm(body: FormBody): CheckedWeatherForm {
  const units = field(body, 'units');
  if (field(body, 'how') === 'search') {
    const q = field(body, 'q');
    const chosen = field(body, 'place');
    const place = readChoice(chosen);
    const errors = {
      place: place ? undefined : 'Please choose one of the places.',
      units_search: isWeatherUnits(units) ? undefined : UNITS_PROBLEM,
    };
    if (place && isWeatherUnits(units)) return { ok: true, place, units };
    return { ok: false, searchAgain: true, state: { q, chosen, searchUnits: units, errors, refused: true } };
  }
  const values = { place_name: field(body, 'place_name'), latitude: field(body, 'latitude'), longitude: field(body, 'longitude'), units };
  const coordinates = checkCoordinates(values.latitude, values.longitude);
  const name = coordinates.ok ? placeName(values.place_name, coordinates.latitude, coordinates.longitude) : cleanText(values.place_name);
  const errors = {
    ...(coordinates.ok ? {} : coordinates.errors),
    place_name: name === null || name.length > PLACE_NAME_MAX ? `Please keep the name to ${PLACE_NAME_MAX} characters.` : undefined,
    units: isWeatherUnits(units) ? undefined : UNITS_PROBLEM,
  };
  if (coordinates.ok && name !== null && isWeatherUnits(units) && !errors.place_name) {
    return { ok: true, place: { name, latitude: coordinates.latitude, longitude: coordinates.longitude }, units };
  }
  return { ok: false, searchAgain: false, state: { q: '', coordinates: values, errors, refused: true } };
}

/** Searches for places by name, for the settings page: the results, or a message at the search field. */
export async function weatherSearch(q: string): Promise<{ state: WeatherFormState; status: 200 | 400 }> {
  const problem = searchProblem(q);
  if (problem) return { state: { q, errors: { q: problem } }, status: 400 };
  const found = await searchPlaces(q);
  if (!found.ok) {
    return { state: { q, errors: { q: 'The place search did not work just now. Please try again in a moment, or give the coordinates below.' } }, status: 200 };
  }
  if (found.places.length === 0) {
    return { state: { q, errors: { q: `No place called “${cleanText(q)}” was found. Check the spelling, or give the coordinates below.` } }, status: 200 };
  }
  return { state: { q, places: found.places, errors: {} }, status: 200 };
}
