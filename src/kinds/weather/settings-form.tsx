import { useRequestContext } from 'hono/jsx-renderer';
import type { FamilyEnv } from '../../http/env.js';
import type { I18n, Translate } from '../../i18n/i18n.js';
import { FormProblem, Notice, SelectField, TextField, describedBy, type FieldErrors, hasErrors } from '../../views/form.js';
import { choiceValue, coordinatesText, PLACE_NAME_MAX, SEARCH_MIN, type FoundPlace } from './place.js';
import { ago } from './card.js';
import type { ForecastRow, WeatherSettings } from './queries.js';
import { samePlace } from './queries.js';
import type { WeatherUnits } from './forecast.js';

// The weather's part of the family settings page: find the place by name
// (search, then a list of radio buttons, then save: no JavaScript needed), or
// give its coordinates; and the units.

export const WEATHER_UNITS: readonly WeatherUnits[] = ['metric', 'imperial'];

function unitOptions(t: Translate): { value: WeatherUnits; label: string }[] {
  return [
    { value: 'metric', label: t('weather.celsius') },
    { value: 'imperial', label: t('weather.fahrenheit') },
  ];
}

/** The reader's language, for the components below (they render inside the settings page's c.render). */
function words(): I18n {
  return useRequestContext<FamilyEnv>().var.i18n;
}

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
  const { t } = words();
  if (s.latitude === null || s.longitude === null) {
    return <p>{t('weather.settingsNoPlace')}</p>;
  }
  const copy = row && samePlace(row, s) ? row : undefined;
  return (
    <>
      <p>
        {t('weather.settingsFor', { place: s.place || coordinatesText(s.latitude, s.longitude), coordinates: coordinatesText(s.latitude, s.longitude), unit: s.units === 'imperial' ? '°F' : '°C' })}{' '}
        {copy?.fetched_at != null ? t('weather.settingsLastUpdate', { ago: ago(props.now - copy.fetched_at, t) }) : t('weather.settingsFetchedWhenOpen')}
      </p>
      {copy?.error ? <p class="muted">{t('weather.settingsLastFailed', { error: copy.error })}</p> : null}
    </>
  );
}

function SearchResults(props: { slug: string; state: WeatherFormState; places: readonly FoundPlace[]; units: string }) {
  const { state } = props;
  const { t } = words();
  const id = 'f-place';
  const error = state.errors.place;
  return (
    <form method="post" action={`/${props.slug}/settings/weather#weather`} class="weather-results">
      <input type="hidden" name="how" value="search" />
      <input type="hidden" name="q" value={state.q} />
      <fieldset class={error ? 'has-error' : undefined} aria-describedby={describedBy(id, null, error)}>
        <legend>{t('weather.placesCalled', { name: state.q })}</legend>
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
      <SelectField label={t('weather.units')} name="units" id="f-units-search" value={props.units} options={unitOptions(t)} error={state.errors.units_search} />
      <button class="button" type="submit">
        {t('weather.usePlace')}
      </button>
    </form>
  );
}

export function WeatherSettingsSection(props: { slug: string; settings: WeatherSettings; row: ForecastRow | undefined; state: WeatherFormState; now: number }) {
  const { slug, settings, state } = props;
  const errors = state.errors;
  const coordinates = state.coordinates ?? savedCoordinates(settings);
  const { t } = words();
  return (
    <section class="card weather-settings" id="weather" aria-labelledby="weather-heading">
      <h2 id="weather-heading">{t('weather.title')}</h2>
      <Notice message={state.notice} />
      <Status settings={settings} row={props.row} now={props.now} />
      <FormProblem message={state.refused && hasErrors(errors) ? t('weather.notSaved') : undefined} />
      <form method="get" action={`/${slug}/settings/weather#weather`} role="search" class="weather-search">
        <TextField
          label={t('weather.find')}
          name="q"
          value={state.q}
          error={errors.q}
          required
          minlength={SEARCH_MIN}
          maxlength={PLACE_NAME_MAX}
          placeholder={t('weather.findPlaceholder')}
          hint={t('weather.findHint')}
        />
        <button class="button secondary" type="submit">
          {t('weather.search')}
        </button>
      </form>
      {state.places?.length ? <SearchResults slug={slug} state={state} places={state.places} units={state.searchUnits ?? settings.units} /> : null}
      <form method="post" action={`/${slug}/settings/weather#weather`} class="weather-coordinates">
        <input type="hidden" name="how" value="coordinates" />
        <fieldset>
          <legend>{t('weather.orCoordinates')}</legend>
          <TextField label={t('weather.latitude')} name="latitude" value={coordinates.latitude} error={errors.latitude} required inputmode="decimal" hint={t('weather.latitudeHint')} />
          <TextField label={t('weather.longitude')} name="longitude" value={coordinates.longitude} error={errors.longitude} required inputmode="decimal" hint={t('weather.longitudeHint')} />
          <TextField label={t('weather.nameOnCard')} name="place_name" value={coordinates.place_name} error={errors.place_name} maxlength={PLACE_NAME_MAX} hint={t('weather.nameOnCardHint')} />
          <SelectField label={t('weather.units')} name="units" id="f-units" value={coordinates.units} options={unitOptions(t)} error={errors.units} />
          <button class="button" type="submit">
            {t('weather.savePlace')}
          </button>
        </fieldset>
      </form>
    </section>
  );
}
