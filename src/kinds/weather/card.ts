import { formatIsoDate, parseIsoDate } from '../../calendar/civil-date.js';
import type { I18n } from '../../i18n/i18n.js';
import type { CardContext } from '../kind.js';
import { escapeHtml as e } from '../card-html.js';
import { ago } from '../../views/ago.js';
import { inUnits, type ForecastDay, type WeatherUnits } from './forecast.js';
import { weatherLook, type WeatherLook } from './weather-codes.js';
import { samePlace } from './queries.js';
import type { WeatherRows } from './dashboard-rows.js';

// The weather card: now (big), today's high and low, and the next days as
// small columns. With no internet it shows the last good copy and says so
// quietly; the rest of the dashboard never depends on it.

/** "Now" is shown only from a copy this recent; an older copy shows the day's forecast instead. */
const CURRENT_MAX_AGE_MS = 3 * 60 * 60 * 1000;
/** A copy this old says how old it is, even when nothing failed (nobody looked for a while). */
const OLD_COPY_MS = 3 * 60 * 60 * 1000;
/** How many days after today the card shows. */
const NEXT_DAYS = 4;
/** A chance of rain below this is not worth a word. */
const RAIN_WORTH_SAYING = 20;

export interface WeatherDayView {
  name: string;
  look: WeatherLook;
  high: string;
  low: string;
}

export type WeatherCardView =
  | { state: 'no-place' }
  | { state: 'none-yet'; place: string }
  | {
      state: 'forecast';
      place: string;
      /** The big part: the temperature now (null when the copy is too old for "now"), and how it looks. */
      now: { temperature: string | null; look: WeatherLook } | null;
      today: { high: string; low: string; rain: number | null } | null;
      days: WeatherDayView[];
      /** "Weather: offline, last update 3 h ago", or null. */
      note: string | null;
    };

/** A temperature as the card prints it: whole degrees, a real minus sign. */
export function degrees(value: number | null): string {
  if (value === null) return '–';
  const n = Math.round(value) + 0;
  return n < 0 ? `\u2212${-n}°` : `${n}°`;
}

export function unitSymbol(units: WeatherUnits): string {
  return units === 'imperial' ? 'F' : 'C';
}

export { ago };

function dayName(date: string, i18n: I18n): string {
  const d = parseIsoDate(date);
  return d ? i18n.weekdayName(i18nWeekday(d), 'short') : date;
}

/** 1 = Monday … 7 = Sunday. */
function i18nWeekday(d: { year: number; month: number; day: number }): number {
  return ((new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7) + 1;
}

export function buildWeatherView(rows: WeatherRows, ctx: Pick<CardContext, 'today' | 'now' | 'i18n'>): WeatherCardView {
  const { i18n } = ctx;
  const { t } = i18n;
  if (rows.latitude === null || rows.longitude === null) return { state: 'no-place' };
  const place = rows.place || `${rows.latitude}, ${rows.longitude}`;
  const copy = rows.copy;
  if (!copy || !copy.forecast || copy.fetchedAt === null || !samePlace(copy, rows)) return { state: 'none-yet', place };

  const forecast = inUnits(copy.forecast, rows.units);
  const age = ctx.now - copy.fetchedAt;
  const todayIso = formatIsoDate(ctx.today);
  const todays: ForecastDay | undefined = forecast.days.find((day) => day.date === todayIso);
  const current = forecast.current && age < CURRENT_MAX_AGE_MS ? forecast.current : null;
  const now = current
    ? { temperature: degrees(current.temperature), look: weatherLook(current.code, current.isDay) }
    : todays
      ? { temperature: null, look: weatherLook(todays.code) }
      : null;
  const failed = copy.error !== null && (copy.checkedAt ?? 0) >= copy.fetchedAt;
  const note = failed ? t('weather.offline', { ago: ago(age, t) }) : age >= OLD_COPY_MS ? t('weather.lastUpdate', { ago: ago(age, t) }) : null;
  return {
    state: 'forecast',
    place,
    now,
    today: todays ? { high: degrees(todays.max), low: degrees(todays.min), rain: todays.rain } : null,
    days: forecast.days
      .filter((day) => day.date > todayIso)
      .slice(0, NEXT_DAYS)
      .map((day) => ({ name: dayName(day.date, i18n), look: weatherLook(day.code), high: degrees(day.max), low: degrees(day.min) })),
    note,
  };
}

function emptyCard(title: string, line: string, extraClass: string): string {
  return (
    `<li class="dash-card weather-card ${extraClass}" id="weather-card"><span class="card-icon" aria-hidden="true">🌤️</span>` +
    `<div class="card-body"><h3 class="card-title">${e(title)}</h3><p class="card-line weather-note">${e(line)}</p></div></li>`
  );
}

export function weatherCardHtml(view: WeatherCardView, units: WeatherUnits, t: I18n['t']): string {
  if (view.state === 'no-place') return emptyCard(t('weather.title'), t('weather.noPlace'), 'weather-empty');
  if (view.state === 'none-yet') return emptyCard(view.place, t('weather.noneYet'), 'weather-empty');
  const unit = unitSymbol(units);
  const big = view.now
    ? `<div class="weather-now"><span class="weather-icon" aria-hidden="true">${e(view.now.look.emoji)}</span>` +
      (view.now.temperature ? `<p class="weather-temp">${e(view.now.temperature)}<span class="weather-unit">${unit}</span></p>` : '') +
      '</div>'
    : '';
  const todayParts = [
    view.now ? `<span class="weather-word">${e(t(view.now.look.word))}</span>` : '',
    view.today ? e(t('weather.highLow', { high: view.today.high, low: view.today.low })) : '',
    view.today?.rain != null && view.today.rain >= RAIN_WORTH_SAYING ? e(t('weather.rain', { percent: Math.round(view.today.rain) })) : '',
  ].filter(Boolean);
  const days = view.days.length
    ? `<ol class="weather-days" aria-label="${e(t('weather.nextDays'))}">` +
      view.days
        .map(
          (d) =>
            `<li class="weather-day"><span class="weather-day-name">${e(d.name)}</span>` +
            `<span class="weather-day-icon" aria-hidden="true">${e(d.look.emoji)}</span><span class="visually-hidden">${e(t(d.look.word))}, </span>` +
            `<span class="weather-day-temps"><span class="visually-hidden">${e(t('weather.dayHigh'))} </span>${e(d.high)} <span class="visually-hidden">${e(t('weather.dayLow'))} </span><span class="weather-low">${e(d.low)}</span></span></li>`,
        )
        .join('') +
      '</ol>'
    : '';
  return (
    `<li class="dash-card weather-card${view.note ? ' is-stale' : ''}" id="weather-card">${big}` +
    `<div class="card-body"><h3 class="card-title">${e(view.place)}</h3>` +
    (todayParts.length ? `<p class="card-line weather-today">${todayParts.join(' · ')}</p>` : '') +
    (view.note ? `<p class="card-line weather-note">${e(view.note)}</p>` : '') +
    `</div>${days}</li>`
  );
}

/** The one weather card (the weather is the family's, the same on every dashboard that shows it). */
export function weatherCards(rows: WeatherRows, ctx: CardContext): string[] {
  return [weatherCardHtml(buildWeatherView(rows, ctx), rows.units, ctx.i18n.t)];
}
