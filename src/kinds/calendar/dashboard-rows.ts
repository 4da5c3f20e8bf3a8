import type { DashboardQuery } from '../kind.js';
import type { CalendarEvent } from './calendar-event.js';
import type { CalendarRows, FeedRow, PersonRow } from './calendar-queries.js';
import type { FamilyEvent, FamilyEventChange } from './tables.js';

// The calendar's share of the dashboard's one statement (see
// chores/dashboard-rows.ts). The calendar is the family's, the same on every
// dashboard that shows it; only the series that can occur near today are
// read (their stored span, with two days' slack for any zone's offset).

/** How many days the card looks ahead, today included. */
export const CARD_DAYS = 7;

const DAY_MS = 86_400_000;

export const calendarDashboardQuery: DashboardQuery<CalendarRows> = {
  columns: [
    `select json_group_array(json_object('id', id, 'name', name, 'color', color, 'member_id', member_id,
            'fetched_at', fetched_at, 'checked_at', checked_at, 'error', error) order by position, id) from calendar_feeds`,
    `select json_group_array(json_array(feed_id, json(event)) order by id) from calendar_feed_events
       where first_start < (:day + ${CARD_DAYS + 2}) * ${DAY_MS} and (last_end is null or last_end > (:day - 2) * ${DAY_MS})`,
    `select json_group_array(json_object('id', id, 'title', title, 'all_day', all_day, 'start_date', start_date, 'start_time', start_time,
            'end_date', end_date, 'end_time', end_time, 'repeat', repeat, 'repeat_days', repeat_days, 'repeat_until', repeat_until,
            'repeat_count', repeat_count, 'who', who, 'location', location, 'note', note, 'uid', uid)) from family_events`,
    `select json_group_array(json_object('id', id, 'event_id', event_id, 'occurrence_date', occurrence_date, 'cancelled', cancelled,
            'title', title, 'all_day', all_day, 'start_date', start_date, 'start_time', start_time, 'end_date', end_date,
            'end_time', end_time, 'location', location, 'note', note)) from family_event_changes`,
    `select json_group_array(json_object('id', id, 'name', display_name, 'color', color, 'avatar', avatar, 'image_id', image_id, 'birth_date', birth_date)) from members`,
    `select json_group_array(json_object('id', id, 'name', name, 'color', color, 'avatar', avatar, 'image_id', image_id, 'birth_date', birth_date)) from named_people`,
  ],
  read([feeds, series, events, changes, members, named]) {
    const feedSeries = new Map<number, CalendarEvent[]>();
    for (const [feedId, event] of JSON.parse(series!) as Array<[number, CalendarEvent]>) {
      let list = feedSeries.get(feedId);
      if (!list) feedSeries.set(feedId, (list = []));
      list.push(event);
    }
    return {
      feeds: JSON.parse(feeds!) as FeedRow[],
      feedSeries,
      // Only the columns the agenda reads are selected; the rest of a row is not needed here.
      familyEvents: JSON.parse(events!) as FamilyEvent[],
      changes: JSON.parse(changes!) as FamilyEventChange[],
      members: JSON.parse(members!) as PersonRow[],
      named: JSON.parse(named!) as PersonRow[],
    };
  },
};
