import { clockTick, lookAt } from '../kinds/index.js';
import type { FamilyLease, FamilyPool } from '../tenants/pool.js';
import { dashboardEtag } from '../dashboards/freshness.js';
import { familyDay, isNight, type FamilyDay } from '../dashboards/family-day.js';
import { now } from '../dashboards/clock.js';
import { findWorkingDisplayLink, isDisplayToken, type DisplayContext } from './display-link-queries.js';

// Where a display stands now, and the ETag that names it: shared by the
// display's routes (routes.tsx) and the answer to its unchanged polls
// (unchanged-polls.ts), which must agree to the character.

export type DisplayKind = 'display-page' | 'display-content';

/** Where a display stands at `at`: its link, the family's day and night, and the ETag of what it shows. */
export interface DisplayNow {
  display: DisplayContext;
  at: Date;
  family: FamilyDay;
  night: boolean | undefined;
  etag: string;
}

function viewerTag(display: DisplayContext): string {
  return `d${display.display_can_complete === 1 ? 1 : 0}`;
}

/** The ETag of a display's page (with night mode, part of its first render) or of its refreshed content. */
export function displayEtag(kind: DisplayKind, version: string, slug: string, display: DisplayContext, family: FamilyDay, at: Date, night?: boolean): string {
  return dashboardEtag({ kind, version, slug, id: display.link_id, revision: display.revision, day: family.day, viewer: viewerTag(display), night, tick: clockTick(display.dashboard_sections, at.getTime()) });
}

/**
 * The display link's state now, or null for a token no working link has.
 * Looking at a display may start a refresh of its calendar or weather (lookAt).
 */
export async function displayNow(pool: FamilyPool, lease: FamilyLease, version: string, token: string, kind: DisplayKind): Promise<DisplayNow | null> {
  const display = isDisplayToken(token) ? await findWorkingDisplayLink(lease, token) : undefined;
  return display ? displayAt(pool, lease, version, display, kind) : null;
}

/** Where this display link, already found, stands now (as displayNow). */
export function displayAt(pool: FamilyPool, lease: FamilyLease, version: string, display: DisplayContext, kind: DisplayKind): DisplayNow {
  const at = now();
  lookAt({ pool, slug: lease.slug, settings: display, at: at.getTime() }, display.dashboard_sections);
  const family = familyDay(display.time_zone, at);
  const night = kind === 'display-page' ? isNight(display, family.timeZone, at) : undefined;
  return { display, at, family, night, etag: displayEtag(kind, version, lease.slug, display, family, at, night) };
}
