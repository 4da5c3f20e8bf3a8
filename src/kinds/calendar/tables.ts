import type { Generated, Selectable } from 'kysely';

/** A calendar the family already keeps elsewhere (an ICS address), with the state of its last fetch. */
export interface CalendarFeedsTable {
  id: Generated<number>;
  name: string;
  color: Generated<string>;
  member_id: number | null;
  /** A secret (a private Google address, say): shown masked, never logged. */
  url: string;
  etag: string | null;
  last_modified: string | null;
  /** When the stored copy of its events was fetched (ms). */
  fetched_at: number | null;
  /** The last attempt, good or not (ms). */
  checked_at: number | null;
  /** Why the last attempt failed, for admins; null when it worked. */
  error: string | null;
  position: Generated<number>;
  created_at: Generated<string>;
}

/** One event series of a feed, as src/kinds/calendar/ical-parse.ts gives it, with the span it can occur in (UTC ms). */
export interface CalendarFeedEventsTable {
  id: Generated<number>;
  feed_id: number;
  first_start: number;
  /** Null when it repeats forever. */
  last_end: number | null;
  /** The CalendarEvent as JSON. */
  event: string;
}

export type FamilyEventRepeat = 'none' | 'daily' | 'weekly' | 'monthly' | 'yearly';

/** An event of the family's own, in the family's wall-clock time. */
export interface FamilyEventsTable {
  id: Generated<number>;
  title: string;
  all_day: number;
  start_date: string;
  start_time: string | null;
  /** The last day, included. */
  end_date: string;
  end_time: string | null;
  repeat: Generated<FamilyEventRepeat>;
  /** Weekly: the days, e.g. MO,WE,FR. */
  repeat_days: Generated<string>;
  repeat_until: string | null;
  repeat_count: number | null;
  /** JSON: who it is for, [{"member": id} | {"person": id} | {"name": text}]. */
  who: Generated<string>;
  location: Generated<string>;
  note: Generated<string>;
  uid: string;
  created_by: number | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

/** One occurrence of a repeating family event changed or cancelled; null fields keep the series' values. */
export interface FamilyEventChangesTable {
  id: Generated<number>;
  event_id: number;
  occurrence_date: string;
  cancelled: Generated<number>;
  title: string | null;
  all_day: number | null;
  start_date: string | null;
  start_time: string | null;
  end_date: string | null;
  end_time: string | null;
  location: string | null;
  note: string | null;
}

/** Someone who is not a member (Grandma, the dog): named in rotations, with a birthday. */
export interface NamedPeopleTable {
  id: Generated<number>;
  name: string;
  kind: Generated<'person' | 'pet'>;
  /** YYYY-MM-DD, or --MM-DD when the year is not known. */
  birth_date: string | null;
  color: Generated<string>;
  avatar: Generated<string>;
  image_id: number | null;
  created_at: Generated<string>;
}

/** The private iCalendar address of the family's own events and birthdays. */
export interface CalendarLinksTable {
  id: Generated<number>;
  token_hash: string;
  label: Generated<string>;
  created_at: Generated<string>;
  revoked_at: string | null;
}

export type CalendarFeed = Selectable<CalendarFeedsTable>;
export type FamilyEvent = Selectable<FamilyEventsTable>;
export type FamilyEventChange = Selectable<FamilyEventChangesTable>;
export type NamedPerson = Selectable<NamedPeopleTable>;
