import type { HubPart } from '../kind.js';

// The weather belongs to the whole family, not to one dashboard: the hub lists
// nothing under each dashboard (its "Weather place" button leads to the family
// settings, where the place is chosen).

export const weatherHub: HubPart<null> = {
  load: async () => null,
  count: () => 0,
  list: () => null,
};
