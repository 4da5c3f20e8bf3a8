import type { FamilyDb } from '../../tenants/family-database.js';
import { defineKind } from '../kind.js';
import { calendarDashboardQuery } from './dashboard-rows.js';
import { calendarCards } from './card.js';
import { calendarHub } from './hub.js';
import { calendarAdminRoutes } from './admin-routes.js';
import { calendarMemberRoutes } from './member-routes.js';
import { maskFeedUrl } from '../../fetching/feed-url.js';
import { startFeedRefreshIfStale } from './feed-refresh.js';

/**
 * The family calendar: the calendars it subscribes to, its own events and
 * its birthdays, today and the next days. The family's, the same on every
 * dashboard that shows it; families tick it per dashboard.
 */
export const calendar = defineKind({
  name: 'calendar',
  title: (t) => t('calendar.title'),
  count: (_n, t) => t('calendar.count'),
  addLabel: (t) => t('calendar.add'),
  shownByDefault: false,
  dashboard: calendarDashboardQuery,
  cards: calendarCards,
  adminRoutes: calendarAdminRoutes,
  memberRoutes: calendarMemberRoutes,
  hub: calendarHub,

  // Avatars on entries are members' and named people's photos, counted there.
  imageInUse: async () => false,
  async imageOnDashboard(db, _dashboardId, imageId) {
    const member = await db.selectFrom('members').select('id').where('image_id', '=', imageId).executeTakeFirst();
    const person = await db.selectFrom('named_people').select('id').where('image_id', '=', imageId).executeTakeFirst();
    return member !== undefined || person !== undefined;
  },
  countOnDashboard: async () => 0,
  moveToDashboard: async () => 0,
  onLook: ({ pool, slug, at }) => void startFeedRefreshIfStale(pool, slug, at),
  // Events end, start ("Now") and a failing feed's copy ages by the minute.
  changesEveryMs: 60_000,

  // Feed addresses are secrets: exported masked. Fetched copies are left out (they are the feeds' data, fetched again on import).
  async exportRows(db: FamilyDb) {
    const feeds = await db.selectFrom('calendar_feeds').selectAll().orderBy('position').orderBy('id').execute();
    const events = await db.selectFrom('family_events').selectAll().orderBy('id').execute();
    const changes = await db.selectFrom('family_event_changes').selectAll().orderBy('id').execute();
    const people = await db.selectFrom('named_people').select(['id', 'name', 'kind', 'birth_date', 'color', 'avatar', 'image_id']).orderBy('id').execute();
    return {
      calendars: feeds.map((f) => ({ id: f.id, name: f.name, color: f.color, memberId: f.member_id, url: maskFeedUrl(f.url), fetchedAt: f.fetched_at, error: f.error })),
      familyEvents: events.map((e) => ({ ...e, changes: changes.filter((c) => c.event_id === e.id) })),
      namedPeople: people,
    };
  },
});
