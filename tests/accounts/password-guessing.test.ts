import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser, startLiveServer } from '../helpers/live-server.js';
import { setUpNewFamily } from '../../src/family/new-family.js';
import { hashPassword } from '../../src/accounts/password.js';
import { insertMember } from '../../src/accounts/member-queries.js';
import type { RunningServer } from '../../src/server.js';

// Password guessing against the real server on a loopback port. Every argon2
// hash the server computes is counted at the library itself, so the count
// does not depend on timing or on how the routes are written.
const argon2Calls = vi.hoisted(() => ({ count: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    hash: (...args: Parameters<typeof real.hash>) => (argon2Calls.count++, real.hash(...args)),
    verify: (...args: Parameters<typeof real.verify>) => (argon2Calls.count++, real.verify(...args)),
  };
});

const PASSWORD = 'correct horse battery';
const STACK = /\bat \S+ \(|\.[jt]sx?:\d+:\d+|node:internal|SqliteError|TypeError/;
let server: RunningServer;

beforeAll(async () => {
  const dataDir = makeDataDir();
  for (const slug of ['smiths', 'jones', 'browns']) {
    await setUpNewFamily(dataDir, { slug, name: `The ${slug}`, timeZone: 'Europe/Berlin', admin: { username: 'mum', password: PASSWORD } });
  }
  server = await startLiveServer(dataDir);
  const kidHash = await hashPassword(PASSWORD);
  await server.pool.withFamily('browns', ({ db }) => insertMember(db, { username: 'estelle', displayName: 'Estelle', role: 'member', passwordHash: kidHash }));
});

/** Hashes computed while `fn` runs. */
async function hashesDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = argon2Calls.count;
  await fn();
  return argon2Calls.count - before;
}

function guess(slug: string, password: string, from?: string, username = 'mum') {
  return fetch(`${server.url}/${slug}/login`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ username, password }),
    headers: { origin: server.url, ...(from ? { 'x-forwarded-for': from } : {}) },
  });
}

describe('password guessing', () => {
  it('hashes at most 10 of 100 concurrent wrong guesses from one client, and answers the rest 429 with a readable page', async () => {
    const answers: Response[] = [];
    const hashed = await hashesDuring(async () => {
      answers.push(...(await Promise.all(Array.from({ length: 100 }, (_, i) => guess('smiths', `guess number ${i}`)))));
    });
    console.log(`burst: ${hashed} hashes for 100 concurrent guesses`);
    expect(hashed).toBeLessThanOrEqual(10);
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 400 || s === 429), statuses.join(',')).toBe(true);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await refused.text();
    expect(page).toMatch(/try again/);
    expect(page).toContain('name="password"');
    expect(page).not.toMatch(STACK);

    // Kept up one after another, the client still gets exactly 10 in the window, and then not even the right password is hashed.
    const total = hashed + (await hashesDuring(async () => {
      for (let i = 0; i < 30; i++) await (await guess('smiths', `slow guess ${i}`)).text();
    }));
    expect(total).toBe(10);
    let right!: Response;
    expect(await hashesDuring(async () => (right = await guess('smiths', PASSWORD)))).toBe(0);
    expect(right.status).toBe(429);
    expect(right.headers.get('set-cookie')).toBeNull();
  });

  it('counts IPv6 privacy addresses of one /64 as one client, and other networks apart', async () => {
    const hashed = await hashesDuring(async () => {
      for (let i = 1; i <= 15; i++) {
        const res = await guess('jones', `v6 guess ${i}`, `2001:db8:5:6:${i.toString(16)}:aaaa:bbbb:${(1000 + i).toString(16)}`);
        expect(res.status, `guess ${i}`).toBe(i <= 10 ? 400 : 429);
      }
    });
    expect(hashed).toBe(10);
    expect((await guess('jones', PASSWORD, '2001:db8:5:7::1')).status).toBe(303);
  });

  it('limits guesses at one username from many clients, without locking out other members', async () => {
    const answers: number[] = [];
    const hashed = await hashesDuring(async () => {
      for (let i = 1; i <= 25; i++) answers.push((await guess('browns', `spray ${i}`, `10.9.${i}.1`, 'estelle')).status);
    });
    expect(hashed).toBe(20);
    expect(answers.slice(20)).toEqual([429, 429, 429, 429, 429]);
    expect((await guess('browns', PASSWORD, '10.9.99.1', 'estelle')).status).toBe(429);
    expect((await guess('browns', PASSWORD, '10.9.99.1', 'mum')).status).toBe(303);
  });

  it('puts /me/password under the same throttle: a stolen session cannot guess the current password', async () => {
    const thief = browser(server.url);
    expect((await thief.post('/browns/login', { username: 'mum', password: PASSWORD }, { 'x-forwarded-for': '10.8.0.1' })).status).toBe(303);
    // Two wrong sign-ins from this client already count against the same ten.
    for (let i = 0; i < 2; i++) expect((await guess('browns', `sign-in guess ${i}`, '10.8.0.1')).status).toBe(400);
    const statuses: number[] = [];
    const hashed = await hashesDuring(async () => {
      for (let i = 0; i < 12; i++) {
        const res = await thief.post('/browns/me/password', { current_password: `guess ${i}`, password: 'taken over now' }, { 'x-forwarded-for': '10.8.0.1' });
        statuses.push(res.status);
        if (res.status === 429) expect(await res.text()).toContain('Too many attempts');
      }
    });
    expect(hashed).toBe(8);
    expect(statuses).toEqual([...Array(8).fill(400), ...Array(4).fill(429)]);
    const refused = await thief.post('/browns/me/password', { current_password: PASSWORD, password: 'taken over now' }, { 'x-forwarded-for': '10.8.0.1' });
    expect(refused.status).toBe(429);
    expect((await guess('browns', PASSWORD, '10.8.0.2')).status).toBe(303);
  });
});
