import type { FamilyLease } from '../tenants/pool.js';

// A dashboard's HTML is a pure function of what its ETag names (the family's
// data revision, the family's day, who looks, the app's version and, for
// kinds that change with the clock, the step of time), of the minute its
// clock shows, and of the language it is written in. The ETag already lets a
// browser keep its copy (a 304); this lets the server keep its own: the bytes
// rendered for one ETag, minute and language are sent again until the
// revision moves (a write, or the file changed on disk) or the minute turns.
// The first request after a change still renders from scratch.
//
// Within that minute the copy's data-ms-until-midnight is the one of its first
// render, up to a minute long: app.js's refresh at midnight may come up to a
// minute late, after the 30-second poll has already brought the new day.
//
// Kept with the family's open handle: a family's screens and members ask
// again and again while it is open. A wall display's refreshed content is also
// kept for the family beyond its handle (`keep: 'family'`, as its rows are,
// dashboard-queries.ts): a display of one of many families is then answered
// with no file opened and nothing rendered after its handle was evicted. That
// costs the content's bytes (some 10-30 KB) for each of at most the 1,024
// families the pool remembers, so only the last two displays' of each.

/** Renderings kept per family: with its handle, one per screen, or member and dashboard, and page or fragment; beyond it, two. */
const KEPT = { handle: 16, family: 2 } as const;

interface Rendered {
  tag: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface RenderedKey {
  /** Which rendering of whose, e.g. "display-page:3" or "content:m2:1": one kept each. */
  slot: string;
  etag: string;
  /** The instant it is rendered for: its clock shows this minute. */
  at: number;
  language: string;
  /** Anything else the HTML depends on that the ETag does not name (a test's ?retry=). */
  also?: string | number | undefined;
}

/** The UTF-8 bytes rendered for this ETag, minute and language, if they were kept; else `render()`'s, kept. */
export async function renderedOnce(family: FamilyLease, key: RenderedKey, render: () => Promise<string>, keep: 'handle' | 'family' = 'handle'): Promise<Uint8Array<ArrayBuffer>> {
  // A new map whenever the revision moves: what was kept for the old data goes with it.
  const kept = await family.remember(`rendered-for-${keep}`, async () => new Map<string, Rendered>(), keep);
  const tag = `${key.etag}|${Math.floor(key.at / 60_000)}|${key.language}|${key.also ?? ''}`;
  const hit = kept.get(key.slot);
  if (hit && hit.tag === tag) return hit.bytes;
  const bytes = Buffer.from(await render(), 'utf8');
  if (!kept.has(key.slot) && kept.size >= KEPT[keep]) kept.clear();
  kept.set(key.slot, { tag, bytes });
  return bytes;
}
