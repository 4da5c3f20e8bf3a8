import { FormProblem, Notice, SelectField, TextField, describedBy, type FieldErrors, hasErrors } from '../../views/form.js';
import { choiceValue, coordinatesText, PLACE_NAME_MAX, SEARCH_MIN, type FoundPlace } from './place.js';
import { ago } from './card.js';
import type { ForecastRow, WeatherSettings } from './queries.js';
import { samePlace } from './queries.js';
import type { WeatherUnits } from './forecast.js';

// The weather's part of the family settings page: find the place by name
// (search, then a list of radio buttons, then save: no JavaScript needed), or
// give its coordinates; and the units.

export const WEATHER_UNITS: readonly { value: WeatherUnits; label: string }[] = [
  { value: 'metric', label: 'Celsius (°C)' },
  { value: 'imperial', label: 'Fahrenheit (°F)' },
];

export const UNITS_PROBLEM = 'Please choose Celsius or Fahrenheit.';

export interface CoordinateValues {
  place_name: string;
  latitude: string;
  longitude: string;
  units: string;
}

/** What the weather's forms show: the search and its results, the coordinates, and the messages at their fields. */
export interface WeatherFormState {
  q: string;
  /** The search's results, once searched. */
  places?: readonly FoundPlace[];
  /** The ticked result (its radio value) and the units next to the results. */
  chosen?: string;
  searchUnits?: string;
  /** The coordinates form as sent; the saved place when absent. */
  coordinates?: CoordinateValues;
  /** q, place, units_search (the search's forms); latitude, longitude, place_name, units (the coordinates form). */
  errors: FieldErrors;
  /** Whether a save was refused (the search itself saves nothing). */
  refused?: boolean;
  notice?: string;
}

export function savedCoordinates(s: WeatherSettings): CoordinateValues {
  return {
    place_name: s.place,
    latitude: s.latitude === null ? '' : String(s.latitude),
    longitude: s.longitude === null ? '' : String(s.longitude),
    units: s.units,
  };
}

function Status(props: { settings: WeatherSettings; row: ForecastRow | undefined; now: number }) {
  const { settings: s, row } = props;
  if (s.latitude === null || s.longitude === null) {
    return <p>No place chosen yet. Choose one here, then tick Weather on a dashboard's page to show the card.</p>;
  }
  const copy = row && samePlace(row, s) ? row : undefined;
  return (
    <>
      <p>
        The weather is for <strong>{s.place || coordinatesText(s.latitude, s.longitude)}</strong> ({coordinatesText(s.latitude, s.longitude)}), in {s.units === 'imperial' ? '°F' : '°C'}.{' '}
        {copy?.fetched_at != null
          ? `Last update ${ago(props.now - copy.fetched_at)}.`
          : 'The forecast is fetched while a dashboard that shows the weather is open.'}
      </p>
      {copy?.error ? <p class="muted">The last attempt failed: {copy.error}</p> : null}
    </>
  );
}

function SearchResults(props: { slug: string; state: WeatherFormState; places: readonly FoundPlace[]; units: string }) {
  const { state } = props;
  const id = 'f-place';
  const error = state.errors.place;
  return (
    <form method="post" action={`/${props.slug}/settings/weather#weather`} class="weather-results">
      <input type="hidden" name="how" value="search" />
      <input type="hidden" name="q" value={state.q} />
      <fieldset class={error ? 'has-error' : undefined} aria-describedby={describedBy(id, null, error)}>
        <legend>Places called “{state.q}”</legend>
        {props.places.map((place, i) => {
          const value = choiceValue(place);
          return (
            <div class="field checkbox">
              <input type="radio" id={`${id}-${i}`} name="place" value={value} required checked={state.chosen === value} />
              <label for={`${id}-${i}`}>
                {place.label} <span class="muted">({coordinatesText(place.latitude, place.longitude)})</span>
              </label>
            </div>
          );
        })}
        {error ? (
          <p class="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </fieldset>
      <SelectField label="Units" name="units" id="f-units-search" value={props.units} options={WEATHER_UNITS} error={state.errors.units_search} />
      <button class="button" type="submit">
        Use this place
      </button>
    </form>
  );
}

export function WeatherSettingsSection(props: { slug: string; settings: WeatherSettings; row: ForecastRow | undefined; state: WeatherFormState; now: number }) {
  const { slug, settings, state } = props;
  const errors = state.errors;
  const coordinates = state.coordinates ?? savedCoordinates(settings);
  return (
    <section class="card weather-settings" id="weather" aria-labelledby="weather-heading">
      <h2 id="weather-heading">Weather</h2>
      <Notice message={state.notice} />
      <Status settings={settings} row={props.row} now={props.now} />
      <FormProblem message={state.refused && hasErrors(errors) ? "The weather's place was not saved. Please check the fields marked below." : undefined} />
      <form method="get" action={`/${slug}/settings/weather#weather`} role="search" class="weather-search">
        <TextField
          label="Find your town or city"
          name="q"
          value={state.q}
          error={errors.q}
          required
          minlength={SEARCH_MIN}
          maxlength={PLACE_NAME_MAX}
          placeholder="e.g. Berlin"
          hint="The forecast comes from Open-Meteo, free and without an account."
        />
        <button class="button secondary" type="submit">
          Search
        </button>
      </form>
      {state.places?.length ? <SearchResults slug={slug} state={state} places={state.places} units={state.searchUnits ?? settings.units} /> : null}
      <form method="post" action={`/${slug}/settings/weather#weather`} class="weather-coordinates">
        <input type="hidden" name="how" value="coordinates" />
        <fieldset>
          <legend>Or give the coordinates</legend>
          <TextField label="Latitude" name="latitude" value={coordinates.latitude} error={errors.latitude} required inputmode="decimal" hint="From −90 to 90; north of the equator is positive, e.g. 52.52 for Berlin." />
          <TextField label="Longitude" name="longitude" value={coordinates.longitude} error={errors.longitude} required inputmode="decimal" hint="From −180 to 180; east of Greenwich is positive, e.g. 13.41 for Berlin." />
          <TextField label="Name on the card" name="place_name" value={coordinates.place_name} error={errors.place_name} maxlength={PLACE_NAME_MAX} hint="Optional, e.g. Home." />
          <SelectField label="Units" name="units" id="f-units" value={coordinates.units} options={WEATHER_UNITS} error={errors.units} />
          <button class="button" type="submit">
            Save the place
          </button>
        </fieldset>
      </form>
    </section>
  );
}
