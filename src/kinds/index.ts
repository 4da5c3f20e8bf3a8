import type { CardKind, Look } from './kind.js';
import { chores } from './chores/kind.js';
import { countdowns } from './countdowns/kind.js';
import { calendar } from './calendar/kind.js';
import { weather } from './weather/kind.js';

export type { CardKind } from './kind.js';

/**
 * Every kind of card, in the order the manage hub lists them and new
 * dashboards show them. A static list, like migrations/index.ts: adding a
 * kind is a migration, a folder under src/kinds/, and one line here
 * (docs/architecture.md has the recipe).
 */
export const CARD_KINDS: readonly CardKind[] = [chores, countdowns, calendar, weather];

/** The kind with this name, if DinkyDash has it. */
export function findKind(name: string): CardKind | undefined {
  return CARD_KINDS.find((kind) => kind.name === name);
}

/** The kinds a dashboard shows, in its order, from its `sections` column; names of kinds this DinkyDash lacks are skipped. */
export function kindsOfDashboard(sections: string): CardKind[] {
  const kinds: CardKind[] = [];
  for (const name of sections.split(',')) {
    const kind = findKind(name.trim());
    if (kind && !kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}

/**
 * Tells the kinds someone looks at a dashboard (see CardKind.onLook): those
 * it shows when its sections are known (a display knows them before its 304;
 * the signed-in page does not, and then every kind is told).
 */
export function lookAt(look: Look, sections?: string): void {
  for (const kind of sections === undefined ? CARD_KINDS : kindsOfDashboard(sections)) kind.onLook?.(look);
}

/**
 * Which step of time a dashboard showing these kinds is in, for its ETag
 * (CardKind.changesEveryMs); null when none of its cards changes with the
 * clock, so "nothing changed" stays a free 304 all day.
 */
export function clockTick(sections: string, at: number): number | null {
  let step = Infinity;
  for (const kind of kindsOfDashboard(sections)) if (kind.changesEveryMs) step = Math.min(step, kind.changesEveryMs);
  return step === Infinity ? null : Math.floor(at / step);
}

/** The `sections` value of a new dashboard. */
export function defaultSections(): string {
  return CARD_KINDS.filter((kind) => kind.shownByDefault)
    .map((kind) => kind.name)
    .join(',');
}
