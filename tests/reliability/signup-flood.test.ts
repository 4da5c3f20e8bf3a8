import { describe, expect, it } from 'vitest';
import { makeDataDir, tenantFiles } from '../helpers/data-dir.js';
import { startLiveServer } from '../helpers/live-server.js';

// One anonymous client on the LAN (as nginx passes it on: X-Forwarded-For
// from loopback) creating families as fast as it can, 8 requests at a time.
// SIGNUP_FLOOD_SECONDS=30 for the figure in docs/reliability.md.
const SECONDS = Number(process.env.SIGNUP_FLOOD_SECONDS ?? 3);

describe('a sign-up flood', () => {
  it(`creates at most three families from one client network in ${SECONDS} s`, async () => {
    const dataDir = makeDataDir();
    const server = await startLiveServer(dataDir);
    const until = Date.now() + SECONDS * 1000;
    const statuses = new Map<number, number>();
    let n = 0;
    const flood = async (worker: number) => {
      while (Date.now() < until) {
        const slug = `flood-${worker}-${n++}`;
        const res = await fetch(`${server.url}/signup`, {
          method: 'POST',
          redirect: 'manual',
          body: new URLSearchParams({ family_name: slug, slug, username: 'mum', password: 'flooding the pi', time_zone: 'UTC' }),
          headers: { origin: server.url, 'x-forwarded-for': '192.168.1.66' },
        });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => flood(i)));
    const created = tenantFiles(dataDir).filter((f) => f.endsWith('.db')).length;
    console.log(`sign-up flood: ${n} requests in ${SECONDS} s, ${created} families created, answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(created).toBeLessThanOrEqual(3);
    expect([...statuses.keys()].every((s) => s === 303 || s === 429)).toBe(true);
  }, (SECONDS + 60) * 1000);
});
