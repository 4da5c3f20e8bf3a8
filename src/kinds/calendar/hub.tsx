import type { HubPart } from '../kind.js';

// The calendar belongs to the whole family, not to one dashboard: the hub
// lists nothing under each dashboard, and its "Calendars" button leads to the
// subscriptions page.

export const calendarHub: HubPart<null> = {
  load: async () => null,
  count: () => 0,
  list: () => null,
};
