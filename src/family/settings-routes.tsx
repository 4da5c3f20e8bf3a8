import { Hono, type Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { readForm, field, checkbox, type FormBody } from '../http/form.js';
import { requireMember, requireRole } from '../accounts/auth.js';
import { getFamilySettings, updateFamilySettings } from './queries.js';
import { TimeZoneField } from '../views/time-zone-field.js';
import { CheckboxField, FormProblem, SelectField, TextField, type FieldErrors, Notice, hasErrors } from '../views/form.js';
import { formatFamilyDate, isDateFormat, validateTimeOfDay, validateTimeZone, type DateFormat } from '../calendar/family-time.js';
import type { I18n } from '../i18n/i18n.js';
import { familyI18n } from '../i18n/request-language.js';
import { isLanguage, languageOptions } from '../i18n/languages.js';
import { familyNameProblem } from './new-family.js';
import { colorProblem } from '../accounts/member-fields.js';
import { cleanText } from '../views/clean-text.js';
import { isClockFormat } from '../dashboards/wall-clock.js';
import type { ClockFormat, FamilySettings, Theme, WeekStart } from './tables.js';
import { WeatherSettingsSection, type WeatherFormState } from '../kinds/weather/settings-form.js';
import { checkWeatherForm, weatherSearch } from '../kinds/weather/settings-input.js';
import { getForecastRow, getWeatherSettings, setWeatherPlace } from '../kinds/weather/queries.js';

/** Admins edit the family's name, time zone, look, clock, night hours, and the weather's place. */
export const settingsRoutes = new Hono<FamilyEnv>();
settingsRoutes.use('/settings/*', requireMember, requireRole('admin'));

const THEMES = ['auto', 'light', 'dark'] as const satisfies readonly Theme[];
const WEEK_STARTS = ['monday', 'sunday'] as const satisfies readonly WeekStart[];

function isWeekStart(value: unknown): value is WeekStart {
  return WEEK_STARTS.some((w) => w === value);
}

/** The choices of the form's selects, in the reader's language (examples by Intl). */
function choices(i18n: I18n) {
  const { t } = i18n;
  const example = { year: 2026, month: 11, day: 22 };
  const dated = (format: DateFormat) => formatFamilyDate(example, format, i18n);
  const at = (clock: ClockFormat) => familyI18n({ language: i18n.lang, time_zone: 'UTC', clock }).time(15, 5);
  return {
    themes: [
      { value: 'auto', label: t('settings.themeAuto') },
      { value: 'light', label: t('settings.themeLight') },
      { value: 'dark', label: t('settings.themeDark') },
    ] satisfies { value: (typeof THEMES)[number]; label: string }[],
    dateFormats: [
      { value: 'long', label: dated('long') },
      { value: 'dmy', label: t('settings.dateFormatDmy', { example: dated('dmy') }) },
      { value: 'mdy', label: t('settings.dateFormatMdy', { example: dated('mdy') }) },
      { value: 'iso', label: t('settings.dateFormatIso', { example: dated('iso') }) },
    ] satisfies { value: DateFormat; label: string }[],
    clocks: [
      { value: '24', label: t('settings.clock24', { example: at('24') }) },
      { value: '12', label: t('settings.clock12', { example: at('12') }) },
    ] satisfies { value: ClockFormat; label: string }[],
    weekStarts: [
      { value: 'monday', label: i18n.weekdayName(1) },
      { value: 'sunday', label: i18n.weekdayName(7) },
    ] satisfies { value: (typeof WEEK_STARTS)[number]; label: string }[],
  };
}

type SettingsValues = Record<'name' | 'language' | 'time_zone' | 'theme' | 'accent_color' | 'date_format' | 'clock' | 'week_start' | 'night_start' | 'night_end', string> & { night_mode: boolean; display_can_complete: boolean };

function valuesOf(settings: FamilySettings): SettingsValues {
  return { ...settings, night_mode: settings.night_mode === 1, display_can_complete: settings.display_can_complete === 1 };
}

function readValues(body: FormBody): SettingsValues {
  return {
    name: field(body, 'name'),
    language: field(body, 'language'),
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

function problems(v: SettingsValues, i18n: I18n): FieldErrors {
  const { t } = i18n;
  return {
    name: familyNameProblem(v.name, t) ?? undefined,
    language: isLanguage(v.language) ? undefined : t('settings.problemLanguage'),
    time_zone: validateTimeZone(v.time_zone, t) ?? undefined,
    theme: THEMES.some((theme) => theme === v.theme) ? undefined : t('settings.problemTheme'),
    accent_color: colorProblem(v.accent_color, t) ?? undefined,
    date_format: isDateFormat(v.date_format) ? undefined : t('settings.problemDateFormat'),
    clock: isClockFormat(v.clock) ? undefined : t('settings.problemClock'),
    week_start: isWeekStart(v.week_start) ? undefined : t('settings.problemWeekStart', { monday: i18n.weekdayName(1), sunday: i18n.weekdayName(7) }),
    night_start: validateTimeOfDay(v.night_start, t) ?? undefined,
    night_end: validateTimeOfDay(v.night_end, t) ?? undefined,
  };
}

async function renderSettings(c: Context<FamilyEnv>, values: SettingsValues | null, errors: FieldErrors = {}, notice?: string, status = 200, weather: WeatherFormState = { q: '', errors: {} }) {
  const settings = await getFamilySettings(c.var.db);
  const weatherSettings = await getWeatherSettings(c.var.db);
  const forecast = await getForecastRow(c.var.db);
  const v = values ?? valuesOf(settings);
  const slug = c.var.family.slug;
  const i18n = c.var.i18n;
  const { t } = i18n;
  const options = choices(i18n);
  c.status(status as 200);
  return c.render(
    <>
      <h1>{t('settings.heading')}</h1>
      <Notice message={notice} />
      <FormProblem message={hasErrors(errors) ? t('form.nothingSaved') : undefined} />
      <form method="post" action={`/${slug}/settings`} class="card">
        <TextField label={t('settings.name')} name="name" value={v.name} error={errors.name} required maxlength={80} />
        <SelectField label={t('settings.language')} name="language" value={v.language} options={languageOptions()} error={errors.language} hint={t('settings.languageHint')} />
        <TimeZoneField t={t} value={v.time_zone} deviceZone="offer" error={errors.time_zone} hint={t('settings.timeZoneHint')} />
        <SelectField label={t('settings.theme')} name="theme" value={v.theme} options={options.themes} error={errors.theme} />
        <TextField label={t('settings.accent')} name="accent_color" type="color" value={v.accent_color} error={errors.accent_color} />
        <SelectField label={t('settings.dateFormat')} name="date_format" value={v.date_format} options={options.dateFormats} error={errors.date_format} />
        <SelectField label={t('settings.clock')} name="clock" value={v.clock} options={options.clocks} error={errors.clock} hint={t('settings.clockHint')} />
        <SelectField label={t('settings.weekStart')} name="week_start" value={v.week_start} options={options.weekStarts} error={errors.week_start} hint={t('settings.weekStartHint')} />
        <fieldset>
          <legend>{t('settings.night')}</legend>
          <CheckboxField label={t('settings.nightMode')} name="night_mode" checked={v.night_mode} hint={t('settings.nightModeHint')} />
          <TextField label={t('settings.nightFrom')} name="night_start" type="time" value={v.night_start} error={errors.night_start} />
          <TextField label={t('settings.nightUntil')} name="night_end" type="time" value={v.night_end} error={errors.night_end} />
        </fieldset>
        <CheckboxField label={t('settings.displayCanComplete')} name="display_can_complete" checked={v.display_can_complete} hint={t('settings.displayCanCompleteHint')} />
        <button class="button" type="submit">
          {t('settings.submit')}
        </button>
      </form>
      <WeatherSettingsSection slug={slug} settings={weatherSettings} row={forecast} state={weather} now={Date.now()} />
    </>,
    { title: t('settings.title'), current: 'settings' },
  );
}

settingsRoutes.get('/settings', (c) => {
  const saved = c.req.query('saved');
  if (saved === 'weather') return renderSettings(c, null, {}, undefined, 200, { q: '', errors: {}, notice: c.var.i18n.t('settings.weatherSaved') });
  return renderSettings(c, null, {}, saved ? c.var.i18n.t('form.saved') : undefined);
});

settingsRoutes.post('/settings', async (c) => {
  const body = await readForm(c);
  const values = readValues(body);
  // A form from before the calendar has no week_start: the family's stays (any value sent is checked).
  if (!('week_start' in body)) values.week_start = (await getFamilySettings(c.var.db)).week_start;
  // Nor a form from before the family had a language.
  if (!('language' in body)) values.language = (await getFamilySettings(c.var.db)).language;
  const errors = problems(values, c.var.i18n);
  if (hasErrors(errors)) return renderSettings(c, values, errors, undefined, 400);
  await updateFamilySettings(c.var.db, {
    name: cleanText(values.name),
    language: values.language,
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
  const { state, status } = await weatherSearch(q, c.var.i18n.t);
  return renderSettings(c, null, {}, undefined, status, state);
});

settingsRoutes.post('/settings/weather', async (c) => {
  const checked = checkWeatherForm(await readForm(c), c.var.i18n.t);
  if (!checked.ok) {
    const state = checked.searchAgain ? { ...checked.state, places: (await weatherSearch(checked.state.q, c.var.i18n.t)).state.places ?? [] } : checked.state;
    return renderSettings(c, null, {}, undefined, 400, state);
  }
  await setWeatherPlace(c.var.db, checked.place, checked.units);
  return c.redirect(`/${c.var.family.slug}/settings?saved=weather#weather`, 303);
});
