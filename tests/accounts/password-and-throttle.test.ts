import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/accounts/password.js';
import { AttemptWindow, ConcurrencyLimit, PASSWORD_CHECK_LIMITS, PasswordChecks, clientNetwork, isRefused, refusalMessage } from '../../src/accounts/rate-limit.js';
import { usernameKey, usernameProblem } from '../../src/accounts/username.js';
import { english } from '../../src/i18n/i18n.js';

describe('passwords', () => {
  it('are hashed with argon2id, 19 MiB, 2 iterations, 1 lane', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'correct hors')).toBe(false);
  });

  it('are never truncated: the 256th character counts', async () => {
    const long = 'ä'.repeat(255);
    const hash = await hashPassword(`${long}x`);
    expect(await verifyPassword(hash, `${long}y`)).toBe(false);
    expect(await verifyPassword(hash, `${long}x`)).toBe(true);
  });

  it('accept any Unicode, the same in either normal form', async () => {
    const composed = 'Ünïcödé 🔑 пароль';
    const hash = await hashPassword(composed);
    expect(await verifyPassword(hash, composed.normalize('NFD'))).toBe(true);
  });

  it('need 8 to 256 characters, counted as characters', () => {
    expect(passwordProblem('1234567', english.t)).toContain('at least 8');
    expect(passwordProblem('🔑🔑🔑🔑🔑🔑🔑🔑', english.t)).toBeNull();
    expect(passwordProblem('x'.repeat(256), english.t)).toBeNull();
    expect(passwordProblem('x'.repeat(257), english.t)).toContain('at most 256');
  });

  it('refuse a malformed stored hash without throwing', async () => {
    expect(await verifyPassword('not a hash', 'whatever1')).toBe(false);
  });
});

describe('usernames', () => {
  it('are the same whatever their case or Unicode form', () => {
    expect(usernameKey('Estelle')).toBe(usernameKey('ESTELLE'));
    expect(usernameKey('Jürgen')).toBe(usernameKey('Ju\u0308rgen'));
    expect(usernameProblem('zoë', english.t)).toBeNull();
    expect(usernameProblem('a b', english.t)).not.toBeNull();
  });
});

describe('throttles', () => {
  const MAX = 10;
  const WINDOW = 15 * 60 * 1000;

  it('allow ten attempts in fifteen minutes, then ask to wait until the oldest ages out', () => {
    let now = 1_000_000;
    const attempts = new AttemptWindow(MAX, WINDOW, () => now);
    const key = 'family\u0000203.0.113.9';
    for (let i = 0; i < MAX; i++) {
      expect(attempts.retryAfter(key)).toBe(0);
      expect(attempts.reserve(key)).not.toBeNull();
      now += 1000;
    }
    expect(attempts.reserve(key)).toBeNull();
    expect(attempts.retryAfter(key)).toBe(Math.ceil((WINDOW - 10_000) / 1000));
    now = 1_000_000 + WINDOW + 1;
    expect(attempts.retryAfter(key)).toBe(0);
    expect(attempts.retryAfter('another key')).toBe(0);
  });

  it('give an attempt back only when it is released (it succeeded)', () => {
    let now = 0;
    const attempts = new AttemptWindow(2, WINDOW, () => now);
    const first = attempts.reserve('k')!;
    now += 5;
    attempts.reserve('k');
    expect(attempts.reserve('k')).toBeNull();
    attempts.release('k', first);
    expect(attempts.reserve('k')).not.toBeNull();
    expect(attempts.reserve('k')).toBeNull();
  });

  it('refuse work beyond the cap at once, and free a slot when work ends', () => {
    const running = new ConcurrencyLimit(2);
    expect(running.tryAcquire('smiths')).toBe(true);
    expect(running.tryAcquire('smiths')).toBe(true);
    expect(running.tryAcquire('smiths')).toBe(false);
    expect(running.tryAcquire('jones')).toBe(true);
    running.release('smiths');
    expect(running.tryAcquire('smiths')).toBe(true);
  });

  it('count IPv6 clients by their /64 and IPv4 clients by their address', () => {
    expect(clientNetwork('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:0:0:0:9%eth0')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('2001:db8:1:3::1')).not.toBe(clientNetwork('2001:db8:1:2::1'));
    expect(clientNetwork('192.168.1.7')).toBe('192.168.1.7');
    expect(clientNetwork('::ffff:192.168.1.7')).toBe('192.168.1.7');
  });

  it('count a password check before it hashes: of 100 concurrent wrong guesses at most the limit are hashed', async () => {
    let now = 0;
    const checks = new PasswordChecks({ ...PASSWORD_CHECK_LIMITS, atOnce: 100 }, () => now);
    let hashed = 0;
    const wrong = async () => {
      hashed++;
      await new Promise((r) => setTimeout(r, 5));
      return false;
    };
    const outcomes = await Promise.all(Array.from({ length: 100 }, () => checks.check({ family: 'smiths', client: '10.0.0.9', username: 'mum' }, wrong)));
    expect(hashed).toBe(PASSWORD_CHECK_LIMITS.perClient);
    expect(outcomes.filter(isRefused)).toHaveLength(100 - PASSWORD_CHECK_LIMITS.perClient);
    // The same username from other clients: its own limit (20) stops them, wherever they come from.
    for (let i = 0; i < 30; i++) await checks.check({ family: 'smiths', client: `10.0.1.${i}`, username: 'MUM' }, wrong);
    expect(hashed).toBe(PASSWORD_CHECK_LIMITS.perUsername);
    // Another member is not locked out; the window ends.
    expect(await checks.check({ family: 'smiths', client: '10.0.2.1', username: 'dad' }, async () => true)).toBe('passed');
    now += PASSWORD_CHECK_LIMITS.windowMs;
    expect(await checks.check({ family: 'smiths', client: '10.0.0.9', username: 'mum' }, async () => true)).toBe('passed');
  });

  it('caps the checks running at once per family, answering the rest at once', async () => {
    const checks = new PasswordChecks();
    let release!: () => void;
    const held = new Promise<boolean>((r) => (release = () => r(true)));
    const first = checks.check({ family: 'smiths', client: '10.0.0.1', username: 'a' }, () => held);
    const second = checks.check({ family: 'smiths', client: '10.0.0.2', username: 'b' }, () => held);
    const third = await checks.check({ family: 'smiths', client: '10.0.0.3', username: 'c' }, async () => true);
    expect(isRefused(third) && refusalMessage(third, english.t)).toContain('try again in a moment');
    // Hashing a new member's password (joining by invitation) waits for the same slots.
    expect(isRefused(await checks.hash('smiths', async () => 'hashed'))).toBe(true);
    expect(await checks.hash('jones', async () => 'hashed')).toBe('hashed');
    expect(await checks.check({ family: 'jones', client: '10.0.0.3', username: 'c' }, async () => true)).toBe('passed');
    release();
    expect([await first, await second]).toEqual(['passed', 'passed']);
    expect(await checks.check({ family: 'smiths', client: '10.0.0.3', username: 'c' }, async () => true)).toBe('passed');
  });
});
