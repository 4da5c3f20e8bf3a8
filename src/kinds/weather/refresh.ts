import { runOutsideAnyFamily } from '../../tenants/scope.js';
import type { FamilyPool } from '../../tenants/pool.js';
import type { FamilySettings } from '../../family/tables.js';
import { FamilyNotFoundError } from '../../tenants/errors.js';
import { fetchForecast } from './open-meteo.js';
import { getForecastRow, getWeatherSettings, samePlace, saveForecastAttempt } from './queries.js';

// Keeping the family's forecast fresh, politely: at most one attempt every 30
// minutes per family, and only while someone looks at a dashboard that shows
// the weather. The page never waits: it shows the copy in the file, and the
// refresh writes the new one for the next poll (the write moves the family's
// revision, so displays pick it up). The network call holds no lease and no
// transaction; the answer is written with pool.withFamily.

export const WEATHER_REFRESH_EVERY_MS = 30 * 60 * 1000;

export type RefreshOutcome =
  /** A new forecast was kept. */
  | 'fetched'
  /** The attempt failed; the last good copy stays, with the reason. */
  | 'failed'
  /** The copy is recent enough: nothing was fetched. */
  | 'fresh'
  | 'no-place'
  /** The admin chose another place while the forecast was on its way: it was dropped. */
  | 'place-changed'
  /** The family file could not be read or written (gone, busy, read-only). */
  | 'unavailable';

type Place = { latitude: number | null; longitude: number | null };

interface PoolWeather {
  /** Per family: the place last tried and when; lets a poll skip the file entirely. */
  tried: Map<string, { key: string; at: number }>;
  /** Per family: the refresh under way, shared by everyone who asks meanwhile. */
  running: Map<string, Promise<RefreshOutcome>>;
}

const pools = new WeakMap<FamilyPool, PoolWeather>();

function stateOf(pool: FamilyPool): PoolWeather {
  let state = pools.get(pool);
  if (!state) pools.set(pool, (state = { tried: new Map(), running: new Map() }));
  return state;
}

function keyOf(place: Place): string {
  return `${place.latitude},${place.longitude}`;
}


/** Whether a dashboard's `sections` column includes the weather. */
export function showsWeather(sections: string): boolean {
  return sections.split(',').some((name) => name.trim() === 'weather');
}

export interface LookOptions {
  /** The `sections` of the dashboard being looked at, when known: one without the weather starts nothing. */
  sections?: string | undefined;
  /** The instant of the look (ms); now by default. */
  at?: number | undefined;
}

/**
 * The hook for the dashboard and display routes, called on every look (before
 * the ETag's 304, so that polls count): if the family has a place, the
 * dashboard shows the weather (when its sections are known), and the family's
 * copy is older than 30 minutes or for another place, starts a refresh in the
 * background and returns at once. Costs a map lookup while the copy is fresh.
 * The promise is for tests; routes ignore it.
 */
export function startWeatherRefreshIfStale(
  pool: FamilyPool,
  slug: string,
  settings: Pick<FamilySettings, 'weather_latitude' | 'weather_longitude'>,
  options: LookOptions = {},
): Promise<RefreshOutcome> | null {
  const at = options.at ?? Date.now();
  if (options.sections !== undefined && !showsWeather(options.sections)) return null;
  const place = { latitude: settings.weather_latitude, longitude: settings.weather_longitude };
  if (place.latitude === null || place.longitude === null) return null;
  const state = stateOf(pool);
  const running = state.running.get(slug);
  if (running) return running;
  const tried = state.tried.get(slug);
  if (tried && tried.key === keyOf(place) && at - tried.at >= 0 && at - tried.at < WEATHER_REFRESH_EVERY_MS) return null;
  return runOutsideAnyFamily(() => refreshWeather(pool, slug, { at }));
}

export interface RefreshOptions {
  /** The instant of the attempt (ms); now by default. */
  at?: number;
  /** Fetch even if the copy is recent. */
  force?: boolean;
}

/** Refreshes the family's forecast if it is stale (or `force`); concurrent calls for one family share one refresh. Never rejects. */
export function refreshWeather(pool: FamilyPool, slug: string, options: RefreshOptions = {}): Promise<RefreshOutcome> {
  const state = stateOf(pool);
  let running = state.running.get(slug);
  if (!running) {
    running = refreshOnce(pool, slug, state, options)
      .catch((error: unknown) => {
        if (!(error instanceof FamilyNotFoundError)) console.warn(`[dinkydash] weather for ${slug} not refreshed:`, error instanceof Error ? error.message : error);
        return 'unavailable' as const;
      })
      .finally(() => state.running.delete(slug));
    state.running.set(slug, running);
  }
  return running;
}

async function refreshOnce(pool: FamilyPool, slug: string, state: PoolWeather, options: RefreshOptions): Promise<RefreshOutcome> {
  const at = options.at ?? Date.now();
  const { settings, row, readOnly } = await pool.withFamily(slug, async ({ db, readOnly }) => ({ settings: await getWeatherSettings(db), row: await getForecastRow(db), readOnly }));
  const { latitude, longitude } = settings;
  if (latitude === null || longitude === null) return 'no-place';
  // A forecast that cannot be kept is not fetched; a chmod back is noticed at the next look.
  if (readOnly !== null) return 'unavailable';
  const place = { latitude, longitude };
  const age = row?.checked_at == null ? null : at - row.checked_at;
  if (!options.force && row && samePlace(row, place) && age !== null && age >= 0 && age < WEATHER_REFRESH_EVERY_MS) {
    state.tried.set(slug, { key: keyOf(place), at: row.checked_at! });
    return 'fresh';
  }

  const outcome = await fetchForecast(place, settings.units, settings.timeZone);
  // Whatever happens to the write, this place was tried now: no new attempt for 30 minutes.
  state.tried.set(slug, { key: keyOf(place), at });

  const kept = await pool.withFamily(slug, ({ db }) =>
    db.transaction().execute(async (trx) => {
      if (!samePlace(await getWeatherSettings(trx), place)) return false;
      await saveForecastAttempt(trx, place, at, outcome);
      return true;
    }),
  );
  if (!kept) return 'place-changed';
  return outcome.ok ? 'fetched' : 'failed';
}
