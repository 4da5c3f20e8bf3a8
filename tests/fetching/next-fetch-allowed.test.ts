import { describe, expect, it } from 'vitest';
import { FEED_MIN_INTERVAL_MS, nextFetchAllowed } from '../../src/fetching/polite-fetch.js';

describe('nextFetchAllowed', () => {
  const now = new Date('2025-03-01T12:00:00Z');
  const minutesBefore = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  it('allows a feed never tried', () => {
    expect(nextFetchAllowed(null, now)).toBe(true);
  });

  it('waits 15 minutes between attempts by default', () => {
    expect(FEED_MIN_INTERVAL_MS).toBe(15 * 60_000);
    expect(nextFetchAllowed(minutesBefore(14), now)).toBe(false);
    expect(nextFetchAllowed(minutesBefore(15), now)).toBe(true);
    expect(nextFetchAllowed(minutesBefore(60).getTime(), now.getTime())).toBe(true);
  });

  it('takes another interval', () => {
    expect(nextFetchAllowed(minutesBefore(30), now, 60 * 60_000)).toBe(false);
    expect(nextFetchAllowed(minutesBefore(61), now, 60 * 60_000)).toBe(true);
  });

  it('allows a fetch when the clock went back, rather than waiting for it to catch up', () => {
    expect(nextFetchAllowed(new Date('2025-03-02T12:00:00Z'), now)).toBe(true);
  });
});
