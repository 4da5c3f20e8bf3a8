import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { FamilyEnv } from '../http/env.js';
import type { FamilyDb } from '../tenants/family-database.js';
import type { CivilDate } from '../calendar/civil-date.js';
import type { DateFormat } from '../calendar/family-time.js';
import type { ClockFormat, FamilySettings } from '../family/tables.js';
import type { Dashboard } from '../dashboards/tables.js';
import type { FamilyPool } from '../tenants/pool.js';
import type { I18n, Translate } from '../i18n/i18n.js';

// What a kind of card (chores, countdowns, …) provides. Everything about one
// kind lives in its folder under src/kinds/; the dashboard, the wall display,
// the manage hub, dashboard deletion, image clean-up and export loop over the
// list in src/kinds/index.ts and know nothing else about it.

/** Addresses a card links to; they differ between the signed-in page and a wall display. */
export interface ContentLinks {
  /** Where the refresh poll fetches the dashboard's content. */
  content: string;
  /** Where a chore's done/undo form posts. */
  choreAction(choreId: number, action: 'done' | 'undo'): string;
  /** A stored image (an item's picture, a member's photo). */
  image(imageId: number): string;
}

/** What every card of a dashboard is built from. */
export interface CardContext {
  today: CivilDate;
  /** The family's time zone (IANA), for cards that show times. */
  timeZone: string;
  /** The instant the page is drawn (ms): a running event is "now", a forecast has an age. */
  now: number;
  /** How the family reads times: 12- or 24-hour. */
  clock: ClockFormat;
  dateFormat: DateFormat;
  links: ContentLinks;
  /** Whether done/undo buttons are shown (members, admins, displays allowed to). */
  canComplete: boolean;
  /** The words and conventions of the reader's language (a wall display: the family's), in the family's zone and clock. */
  i18n: I18n;
}

/**
 * A kind's share of the one statement that loads a dashboard: scalar
 * subqueries (JSON text, usually) that may name `:dashboard` (the dashboard's
 * id) and `:day` (the family's day number). One statement for every kind on a
 * dashboard is one file lock and one trip through the driver.
 */
export interface DashboardQuery<Rows> {
  columns: readonly string[];
  /** Turns the columns' values, in order, into the kind's rows. */
  read(values: readonly string[]): Rows;
}

/** What the manage hub shows of a kind for one dashboard. */
export interface HubPart<HubData> {
  load(db: FamilyDb, settings: FamilySettings, today: CivilDate): Promise<HubData>;
  /** How many items the dashboard has (the hub says "nothing yet" when every kind has none). */
  count(data: HubData, dashboardId: number): number;
  /** The list of the dashboard's items, linking to their admin pages; called when count > 0. */
  list(data: HubData, dashboard: Dashboard, slug: string, settings: FamilySettings, today: CivilDate, i18n: I18n): Child;
}

export interface CardKind<Rows = unknown, HubData = unknown> {
  /** Stable identifier: stored in dashboards.sections, the section's CSS class, its admin path /<slug>/manage/<name>. */
  name: string;
  /** The section's heading ("Chores"), in the reader's language. */
  title(t: Translate): string;
  /** "1 chore", "3 chores". */
  count(n: number, t: Translate): string;
  /** The button on the hub that adds one ("Add a chore"), at /<slug>/manage/<name>/new?dashboard=<id>. */
  addLabel(t: Translate): string;
  /** Shown on new dashboards unless the admin chooses otherwise. */
  shownByDefault: boolean;

  dashboard: DashboardQuery<Rows>;
  /** The section's cards (each an <li class="dash-card">, HTML with every family value escaped), in order; none when empty. */
  cards(rows: Rows, ctx: CardContext): string[];

  /** Admin pages, mounted at /<slug>/manage/<name> for admins. */
  adminRoutes: Hono<FamilyEnv>;
  /** Routes of signed-in members under /<slug>/ (say, marking a chore done); each route says who may use it. */
  memberRoutes?: Hono<FamilyEnv>;
  hub: HubPart<HubData>;

  /** Whether the kind shows this image anywhere in the family (an image is deleted only when no kind does). */
  imageInUse(db: FamilyDb, imageId: number): Promise<boolean>;
  /** Whether the dashboard's card shows this image (a wall display may fetch only those). */
  imageOnDashboard(db: FamilyDb, dashboardId: number, imageId: number): Promise<boolean>;

  /** How many items a dashboard has. */
  countOnDashboard(db: FamilyDb, dashboardId: number): Promise<number>;
  /** Moves a deleted dashboard's items to the end of another one; returns how many moved. Runs in the deletion's transaction. */
  moveToDashboard(db: FamilyDb, fromId: number, toId: number): Promise<number>;

  /**
   * Called on every look at a dashboard or wall display that may show the
   * kind (before the 304 check, so polls count): a kind whose data is fetched
   * from elsewhere starts a refresh in the background here. Returns at once.
   */
  onLook?(look: Look): void;

  /**
   * For a kind whose cards change with the clock and not only with the
   * family's data (a calendar entry that is over, "Now", "updated 3 h ago"):
   * how often they may change, in ms. A dashboard showing it then renders
   * anew at least that often instead of answering "not modified".
   */
  changesEveryMs?: number;

  /** Its part of `dinkydash export`: top-level keys of the export document (no secrets). */
  exportRows(db: FamilyDb): Promise<Record<string, unknown[]>>;
}

/** Someone looks at a family's dashboard or display. */
export interface Look {
  pool: FamilyPool;
  slug: string;
  settings: FamilySettings;
  /** The instant (ms). */
  at: number;
}

/** Lets each kind keep its own row types while the list holds them all. */
export function defineKind<Rows, HubData>(kind: CardKind<Rows, HubData>): CardKind {
  return kind as unknown as CardKind;
}
