import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { readForm, field, checkbox, type FormBody } from '../http/form.js';
import { requireMember, requireRole } from '../accounts/auth.js';
import { getFamilySettings, updateFamilySettings } from './queries.js';
import { timeZoneOptions } from '../views/time-zone-options.js';
import { CheckboxField, FormProblem, SelectField, TextField, type FieldErrors, Notice, hasErrors } from '../views/form.js';
import { DATE_FORMATS, isDateFormat, validateTimeOfDay, validateTimeZone } from '../calendar/family-time.js';
import { familyNameProblem } from './new-family.js';
import { colorProblem } from '../accounts/member-fields.js';
import { cleanText } from '../views/clean-text.js';
import { CLOCK_FORMATS, isClockFormat } from '../dashboards/wall-clock.js';
import type { ClockFormat, FamilySettings, Theme, WeekStart } from './tables.js';
import { WeatherSettingsSection, type WeatherFormState } from '../kinds/weather/settings-form.js';
import { checkWeatherForm, weatherSearch } from '../kinds/weather/settings-input.js';
import { getForecastRow, getWeatherSettings, setWeatherPlace } from '../kinds/weather/queries.js';

/** Admins edit the family's name, time zone, look, clock, night hours, and the weather's place. */
export const settingsRoutes = new Hono<FamilyEnv>();
settingsRoutes.use('/settings/*', requireMember, requireRole('admin'));

const THEMES: readonly { value: Theme; label: string }[] = [
  { value: 'auto', label: 'Follow the device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];


const WEEK_STARTS: readonly { value: WeekStart; label: string }[] = [
  { value: 'monday', label: 'Monday' },
  { value: 'sunday', label: 'Sunday' },
];

function isWeekStart(value: unknown): value is WeekStart {
  return WEEK_STARTS.some((w) => w.value === value);
}

type SettingsValues = Record<'name' | 'time_zone' | 'theme' | 'accent_color' | 'date_format' | 'clock' | 'week_start' | 'night_start' | 'night_end', string> & { night_mode: boolean; display_can_complete: boolean };

function valuesOf(settings: FamilySettings): SettingsValues {
  return { ...settings, night_mode: settings.night_mode === 1, display_can_complete: settings.display_can_complete === 1 };
}

function readValues(body: FormBody): SettingsValues {
  return {
    name: field(body, 'name'),
    time_zone: field(body, 'time_zone'),
    theme: field(body, 'theme'),
    accent_color: field(body, 'accent_color'),
    date_format: field(body, 'date_format'),
    clock: field(body, 'clock'),
    week_start: field(body, 'week_start'),
    night_mode: checkbox(body, 'night_mode'),
    night_start: field(body, 'night_start'),
    night_end: field(body, 'night_end'),
    display_can_complete: checkbox(body, 'display_can_complete'),
  };
}

function problems(v: SettingsValues): FieldErrors {
  return {
    name: familyNameProblem(v.name) ?? undefined,
    time_zone: validateTimeZone(v.time_zone) ?? undefined,
    theme: THEMES.some((t) => t.value === v.theme) ? undefined : 'Please choose a theme.',
    accent_color: colorProblem(v.accent_color) ?? undefined,
    date_format: isDateFormat(v.date_format) ? undefined : 'Please choose a date format.',
    clock: isClockFormat(v.clock) ? undefined : 'Please choose a 12-hour or a 24-hour clock.',
    week_start: isWeekStart(v.week_start) ? undefined : 'Please choose Monday or Sunday.',
    night_start: validateTimeOfDay(v.night_start) ?? undefined,
    night_end: validateTimeOfDay(v.night_end) ?? undefined,
  };
}

async function renderSettings(c: Context<FamilyEnv>, values: SettingsValues | null, errors: FieldErrors = {}, notice?: string, status = 200, weather: WeatherFormState = { q: '', errors: {} }) {
  const settings = await getFamilySettings(c.var.db);
  const weatherSettings = await getWeatherSettings(c.var.db);
  const forecast = await getForecastRow(c.var.db);
  const v = values ?? valuesOf(settings);
  const slug = c.var.family.slug;
  c.status(status as 200);
  return c.render(
    <>
      <h1>Family settings</h1>
      <Notice message={notice} />
      <FormProblem message={hasErrors(errors) ? 'Nothing was saved. Please check the fields marked below.' : undefined} />
      <form method="post" action={`/${slug}/settings`} class="card">
        <TextField label="Family name" name="name" value={v.name} error={errors.name} required maxlength={80} />
        <SelectField label="Time zone" name="time_zone" value={v.time_zone} options={timeZoneOptions(v.time_zone)} error={errors.time_zone} hint="Decides when 'today' starts for chores and countdowns." />
        <SelectField label="Theme" name="theme" value={v.theme} options={THEMES} error={errors.theme} />
        <TextField label="Accent colour" name="accent_color" type="color" value={v.accent_color} error={errors.accent_color} />
        <SelectField label="Date format" name="date_format" value={v.date_format} options={DATE_FORMATS} error={errors.date_format} />
        <SelectField label="Clock" name="clock" value={v.clock} options={CLOCK_FORMATS} error={errors.clock} hint="How the time reads in the dashboard's header and on wall displays." />
        <SelectField label="First day of the week" name="week_start" value={v.week_start} options={WEEK_STARTS} error={errors.week_start} hint="Where the calendar's weeks and months begin." />
        <fieldset>
          <legend>Night mode for wall displays</legend>
          <CheckboxField label="Dim displays at night" name="night_mode" checked={v.night_mode} hint="A tap wakes the screen for a minute." />
          <TextField label="From" name="night_start" type="time" value={v.night_start} error={errors.night_start} />
          <TextField label="Until" name="night_end" type="time" value={v.night_end} error={errors.night_end} />
        </fieldset>
        <CheckboxField label="Wall displays may mark chores done" name="display_can_complete" checked={v.display_can_complete} hint="Anyone at the display can then tap a chore to mark it done." />
        <button class="button" type="submit">
          Save settings
        </button>
      </form>
      <WeatherSettingsSection slug={slug} settings={weatherSettings} row={forecast} state={weather} now={Date.now()} />
    </>,
    { title: 'Settings', current: 'settings' },
  );
}

settingsRoutes.get('/settings', (c) => {
  const saved = c.req.query('saved');
  if (saved === 'weather') return renderSettings(c, null, {}, undefined, 200, { q: '', errors: {}, notice: "The weather's place was saved." });
  return renderSettings(c, null, {}, saved ? 'Saved.' : undefined);
});

settingsRoutes.post('/settings', async (c) => {
  const body = await readForm(c);
  const values = readValues(body);
  // A form from before the calendar has no week_start: the family's stays (any value sent is checked).
  if (!('week_start' in body)) values.week_start = (await getFamilySettings(c.var.db)).week_start;
  const errors = problems(values);
  if (hasErrors(errors)) return renderSettings(c, values, errors, undefined, 400);
  await updateFamilySettings(c.var.db, {
    name: cleanText(values.name),
    time_zone: values.time_zone,
    theme: values.theme as Theme,
    accent_color: values.accent_color.toLowerCase(),
    date_format: values.date_format,
    clock: values.clock as ClockFormat,
    week_start: values.week_start as WeekStart,
    night_mode: values.night_mode ? 1 : 0,
    night_start: values.night_start,
    night_end: values.night_end,
    display_can_complete: values.display_can_complete ? 1 : 0,
  });
  return c.redirect(`/${c.var.family.slug}/settings?saved=1`, 303);
});

// The weather's place: a search (GET: it changes nothing) shows places as radio
// buttons; choosing one, or giving coordinates, saves it (POST).
settingsRoutes.get('/settings/weather', async (c) => {
  const q = c.req.query('q');
  if (q === undefined) return c.redirect(`/${c.var.family.slug}/settings#weather`, 303);
  const { state, status } = await weatherSearch(q);
  return renderSettings(c, null, {}, undefined, status, state);
});

settingsRoutes.post('/settings/weather', async (c) => {
  const checked = checkWeatherForm(await readForm(c));
  if (!checked.ok) {
    const state = checked.searchAgain ? { ...checked.state, places: (await weatherSearch(checked.state.q)).state.places ?? [] } : checked.state;
    return renderSettings(c, null, {}, undefined, 400, state);
  }
  await setWeatherPlace(c.var.db, checked.place, checked.units);
  return c.redirect(`/${c.var.family.slug}/settings?saved=weather#weather`, 303);
});
