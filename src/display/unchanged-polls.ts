import type { FamilyLease, FamilyPool } from '../tenants/pool.js';
import { runInFamilyScope } from '../tenants/scope.js';
import { incomingOf, parsedHeader } from '../http/client.js';
import { etagMatches, notModifiedResponse } from '../dashboards/freshness.js';
import { recallWorkingDisplayLink } from './display-link-queries.js';
import { displayAt } from './display-state.js';

/**
 * A wall display's poll that finds nothing changed: every screen asks every
 * 30 seconds, all day long, and almost every answer is this 304. It is
 * answered in front of the app, with no promise and no router: the family's
 * handle must be open already and its link read at the current revision (the
 * poll before did both), and then the answer is the same lease, scope and
 * ETag as the display's route gives (routes.tsx, display-state.ts). Anything
 * else (no If-None-Match, a change, a family not open, an unknown link, a
 * missing or unreadable file, an error) goes on to the app as usual.
 */

type Fetch = (request: Request, env?: unknown, executionCtx?: never) => Response | Promise<Response>;

/** The app's fetch, with the displays' unchanged polls answered in front of it. */
export function answeringUnchangedPolls(pool: FamilyPool, version: string, appFetch: Fetch): Fetch {
  return (request, env, executionCtx) => {
    if (request.method === 'GET') {
      const unchanged = unchangedPoll(pool, version, request, env);
      if (unchanged) return unchanged;
    }
    return appFetch(request, env, executionCtx);
  };
}

/** `/<slug>/display/<token>/content`'s slug and token, or null for any other path. */
export function displayPollPath(path: string): { slug: string; token: string } | null {
  const query = path.indexOf('?');
  const parts = (query === -1 ? path : path.slice(0, query)).split('/');
  // An escaped character goes to the app, which decodes it.
  if (parts.length !== 5 || parts[0] !== '' || parts[2] !== 'display' || parts[4] !== 'content' || path.includes('%')) return null;
  return { slug: parts[1]!, token: parts[3]! };
}

function unchangedPoll(pool: FamilyPool, version: string, request: Request, env: unknown): Response | null {
  // Served by Node, the path and header are read from what Node has parsed: the
  // adapter's Request builds its URL and a fetch Headers only when asked.
  const incoming = incomingOf(env);
  const ifNoneMatch = incoming ? parsedHeader(incoming, 'if-none-match') : (request.headers.get('if-none-match') ?? undefined);
  if (!ifNoneMatch) return null;
  const found = displayPollPath(incoming?.url ?? pathOf(request.url));
  if (!found) return null;
  const lease = openLease(pool, found.slug);
  if (!lease) return null;
  try {
    return runInFamilyScope(lease, () => {
      const display = recallWorkingDisplayLink(lease, found.token)?.value;
      if (!display) return null;
      const { etag } = displayAt(pool, lease, version, display, 'display-content');
      return etagMatches(ifNoneMatch, etag) ? notModifiedResponse(etag) : null;
    });
  } catch {
    return null;
  } finally {
    lease.release();
  }
}

/** The family's handle if it is open and its file sound; undefined for anything the app must look at. */
function openLease(pool: FamilyPool, slug: string): FamilyLease | undefined {
  try {
    return pool.leaseIfOpen(slug);
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start === -1 ? '/' : url.slice(start);
}
