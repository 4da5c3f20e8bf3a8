import { defineKind } from '../kind.js';
import { weatherDashboardQuery } from './dashboard-rows.js';
import { weatherCards } from './card.js';
import { weatherHub } from './hub.js';
import { weatherAdminRoutes } from './admin-routes.js';
import { getWeatherSettings } from './queries.js';
import { startWeatherRefreshIfStale } from './refresh.js';

/**
 * The weather for the family's place (Open-Meteo): now, today's high and low,
 * and the next days. One card, the same on every dashboard that shows it;
 * families tick it per dashboard. The place is chosen in the family settings;
 * refresh.ts keeps the forecast fresh while someone looks.
 */
export const weather = defineKind({
  name: 'weather',
  title: (t) => t('weather.title'),
  count: (_n, t) => t('weather.count'),
  addLabel: (t) => t('weather.add'),
  shownByDefault: false,
  dashboard: weatherDashboardQuery,
  cards: weatherCards,
  adminRoutes: weatherAdminRoutes,
  hub: weatherHub,

  // The weather has no pictures and no items of its own on a dashboard.
  imageInUse: async () => false,
  imageOnDashboard: async () => false,
  countOnDashboard: async () => 0,
  moveToDashboard: async () => 0,
  onLook: ({ pool, slug, settings, at }) => void startWeatherRefreshIfStale(pool, slug, settings, { at }),
  // "Now" goes and "offline, last update 3 h ago" ages with the clock.
  changesEveryMs: 10 * 60_000,

  async exportRows(db) {
    const s = await getWeatherSettings(db);
    return { weather: [{ place: s.place, latitude: s.latitude, longitude: s.longitude, units: s.units }] };
  },
});
