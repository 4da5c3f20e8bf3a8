// Sign-in throttling per family and client address, in memory: after 10
// failures in 15 minutes the next attempt is answered 429 without hashing
// (hashing is the expensive part, and the Pi has two to four cores).

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;
/** Bounds memory if someone sprays addresses: the oldest keys go first. */
const MAX_KEYS = 10_000;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const times = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (times.length) failures.set(key, times);
  else failures.delete(key);
  return times;
}

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export function signInRetryAfter(key: string, now = Date.now()): number {
  const times = recent(key, now);
  if (times.length < MAX_FAILURES) return 0;
  const oldestThatCounts = times[times.length - MAX_FAILURES]!;
  return Math.max(1, Math.ceil((oldestThatCounts + WINDOW_MS - now) / 1000));
}

export function recordSignInFailure(key: string, now = Date.now()): void {
  const times = recent(key, now);
  times.push(now);
  failures.delete(key);
  failures.set(key, times.slice(-MAX_FAILURES));
  if (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
}

export function clearSignInFailures(key: string): void {
  failures.delete(key);
}

export function signInThrottleKey(slug: string, address: string): string {
  return `${slug}\u0000${address}`;
}
