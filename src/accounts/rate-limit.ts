import { isIPv4, isIPv6 } from 'node:net';
import { USERNAME_MAX, usernameKey } from './username.js';
import type { Translate } from '../i18n/i18n.js';

// Every throttle of DinkyDash, as small classes created where they are used
// (the Lucia guide's rate-limit.ts). In memory: a restart forgets them, and
// nobody on the LAN can make the Pi restart.

/** Milliseconds since the epoch; injected in tests. */
export type Clock = () => number;

/** Bounds memory if someone sprays addresses or usernames: the oldest keys go first. */
const MAX_KEYS = 10_000;

/**
 * At most `max` attempts per key in a sliding window. An attempt is reserved
 * *before* the work it guards and given back only when that work succeeded,
 * so a burst of concurrent attempts cannot all pass the check before the
 * first of them is counted.
 */
export class AttemptWindow {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length) this.attempts.set(key, times);
    else this.attempts.delete(key);
    return times;
  }

  /** Seconds until `key` may make another attempt, or 0 when it may now. Reserves nothing. */
  retryAfter(key: string): number {
    const now = this.now();
    const times = this.recent(key, now);
    if (times.length < this.max) return 0;
    const oldestThatCounts = times[times.length - this.max]!;
    return Math.max(1, Math.ceil((oldestThatCounts + this.windowMs - now) / 1000));
  }

  /** Counts an attempt now, or returns null when none is left; the number returned identifies it for release(). */
  reserve(key: string): number | null {
    const now = this.now();
    const times = this.recent(key, now);
    if (times.length >= this.max) return null;
    times.push(now);
    // Re-inserted, so the map's order is by last use and the oldest key is dropped first.
    this.attempts.delete(key);
    this.attempts.set(key, times);
    if (this.attempts.size > MAX_KEYS) this.attempts.delete(this.attempts.keys().next().value!);
    return now;
  }

  /** Gives back an attempt that succeeded. */
  release(key: string, reservation: number): void {
    const times = this.attempts.get(key);
    const at = times?.lastIndexOf(reservation) ?? -1;
    if (at >= 0) times!.splice(at, 1);
  }
}

/** At most `max` pieces of work running at once per key; the rest are refused at once rather than queued. */
export class ConcurrencyLimit {
  private readonly running = new Map<string, number>();

  constructor(readonly max: number) {}

  tryAcquire(key: string): boolean {
    const n = this.running.get(key) ?? 0;
    if (n >= this.max) return false;
    this.running.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = (this.running.get(key) ?? 1) - 1;
    if (n > 0) this.running.set(key, n);
    else this.running.delete(key);
  }
}

/**
 * The network a client is counted by. An IPv6 host picks a new address from
 * its /64 whenever it likes (privacy addresses), so IPv6 clients are counted
 * by their /64; IPv4 ones by their address.
 */
export function clientNetwork(address: string): string {
  const plain = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped) return mapped[1]!;
  if (isIPv4(plain) || !isIPv6(plain)) return plain;
  const [head = '', tail = ''] = plain.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = plain.includes('::') ? (tail ? tail.split(':') : []) : [];
  // An embedded IPv4 tail (::1.2.3.4) is two groups; it lies outside the /64 anyway.
  const tailLength = tailGroups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailLength)).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export const PASSWORD_CHECK_LIMITS = {
  /** Wrong passwords per family and client network… */
  perClient: 10,
  /** …and per family and username, from anywhere (more, so one client never locks a member out alone). */
  perUsername: 20,
  windowMs: 15 * 60 * 1000,
  /** Password hashes running at once per family: each takes ~30 ms and 19 MiB on a Pi. */
  atOnce: 2,
};

/** A password check that was not made: answer 429 with Retry-After and `refusalMessage`. */
export interface Refused {
  /** 'busy': hashing slots are full (a moment); 'too-many': too many wrong attempts (minutes). */
  refused: 'busy' | 'too-many';
  retryAfterSeconds: number;
}

/** A Retry-After in a person's words: "1 minute", "14 minutes". */
export function waitFor(seconds: number, t: Translate): string {
  return t('accounts.minutes', { count: Math.ceil(seconds / 60) });
}

/** Why the check was not made, in the reader's language. */
export function refusalMessage(refusal: Refused, t: Translate): string {
  return refusal.refused === 'busy' ? t('accounts.busy') : t('accounts.tooMany', { wait: waitFor(refusal.retryAfterSeconds, t) });
}

export type PasswordCheckOutcome = 'passed' | 'failed' | Refused;

export function isRefused(outcome: unknown): outcome is Refused {
  return typeof outcome === 'object' && outcome !== null && 'refused' in outcome;
}

/**
 * The throttle in front of every password hash a visitor can cause: signing
 * in, changing one's password, joining by invitation. One instance holds one
 * budget, whichever route spends it.
 */
export class PasswordChecks {
  private readonly perClient: AttemptWindow;
  private readonly perUsername: AttemptWindow;
  private readonly running: ConcurrencyLimit;

  constructor(limits = PASSWORD_CHECK_LIMITS, now: Clock = Date.now) {
    this.perClient = new AttemptWindow(limits.perClient, limits.windowMs, now);
    this.perUsername = new AttemptWindow(limits.perUsername, limits.windowMs, now);
    this.running = new ConcurrencyLimit(limits.atOnce);
  }

  /**
   * Runs `verify` (which hashes) if this family, client and username have
   * attempts left and the family has a hashing slot free. The attempt is
   * counted before `verify` starts and given back only if it passed.
   */
  async check(who: { family: string; client: string; username: string }, verify: () => Promise<boolean>): Promise<PasswordCheckOutcome> {
    const clientKey = `${who.family}\u0000${clientNetwork(who.client)}`;
    // Cut to a username's greatest length: a key is kept for 15 minutes, and a form may send 10,000 characters.
    const userKey = `${who.family}\u0000${usernameKey(who.username).slice(0, USERNAME_MAX)}`;
    // Everything from here to verify() runs in one turn of the event loop: no other request can slip in between.
    const wait = Math.max(this.perClient.retryAfter(clientKey), this.perUsername.retryAfter(userKey));
    if (wait > 0) return { refused: 'too-many', retryAfterSeconds: wait };
    if (!this.running.tryAcquire(who.family)) return { refused: 'busy', retryAfterSeconds: 1 };
    const byClient = this.perClient.reserve(clientKey)!;
    const byUsername = this.perUsername.reserve(userKey)!;
    let passed = false;
    try {
      passed = await verify();
      return passed ? 'passed' : 'failed';
    } finally {
      this.running.release(who.family);
      if (passed) {
        this.perClient.release(clientKey, byClient);
        this.perUsername.release(userKey, byUsername);
      }
    }
  }

  /** Hashing that is not a guess (a new member's password): only the family's slots limit it. */
  async hash<T>(family: string, work: () => Promise<T>): Promise<T | Refused> {
    if (!this.running.tryAcquire(family)) return { refused: 'busy', retryAfterSeconds: 1 };
    try {
      return await work();
    } finally {
      this.running.release(family);
    }
  }
}
