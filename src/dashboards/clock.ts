// "Now" for everything the dashboards show (today's turn, countdowns, night
// mode, the ETag's day). Tests move it to another day; nothing else should.

type Now = () => Date;

const systemNow: Now = () => new Date();
let current: Now = systemNow;

/** The current instant, as the dashboards see it. */
export function now(): Date {
  return current();
}

/** Makes the dashboards see another "now" (tests only). */
export function setClock(next: Now | Date): void {
  current = next instanceof Date ? () => new Date(next.getTime()) : next;
}

export function resetClock(): void {
  current = systemNow;
}
