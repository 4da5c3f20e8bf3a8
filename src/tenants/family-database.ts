import type { Kysely } from 'kysely';
import type { FamilySettingsTable } from '../family/tables.js';
import type { InvitationsTable, MembersTable, SessionsTable } from '../accounts/tables.js';
import type { ImagesTable } from '../images/tables.js';
import type { DashboardsTable, DisplayLinksTable } from '../dashboards/tables.js';
import type { ChoreCompletionsTable, ChoreEntriesTable, ChoresTable } from '../kinds/chores/tables.js';
import type { CountdownsTable } from '../kinds/countdowns/tables.js';
import type { CalendarFeedEventsTable, CalendarFeedsTable, CalendarLinksTable, FamilyEventChangesTable, FamilyEventsTable, NamedPeopleTable } from '../kinds/calendar/tables.js';
import type { WeatherForecastTable } from '../kinds/weather/tables.js';

/** The tables of one family file, as its latest migration leaves them. */
export interface FamilyDatabase {
  family_settings: FamilySettingsTable;
  members: MembersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  images: ImagesTable;
  dashboards: DashboardsTable;
  display_links: DisplayLinksTable;
  chores: ChoresTable;
  chore_entries: ChoreEntriesTable;
  chore_completions: ChoreCompletionsTable;
  countdowns: CountdownsTable;
  calendar_feeds: CalendarFeedsTable;
  calendar_feed_events: CalendarFeedEventsTable;
  family_events: FamilyEventsTable;
  family_event_changes: FamilyEventChangesTable;
  named_people: NamedPeopleTable;
  calendar_links: CalendarLinksTable;
  weather_forecast: WeatherForecastTable;
}

export type FamilyDb = Kysely<FamilyDatabase>;
