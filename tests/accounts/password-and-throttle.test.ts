import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/accounts/password.js';
import { MAX_FAILURES, WINDOW_MS, clearSignInFailures, recordSignInFailure, signInRetryAfter } from '../../src/accounts/rate-limit.js';
import { usernameKey, usernameProblem } from '../../src/accounts/username.js';

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
    expect(passwordProblem('1234567')).toContain('at least 8');
    expect(passwordProblem('🔑🔑🔑🔑🔑🔑🔑🔑')).toBeNull();
    expect(passwordProblem('x'.repeat(256))).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toContain('at most 256');
  });

  it('refuse a malformed stored hash without throwing', async () => {
    expect(await verifyPassword('not a hash', 'whatever1')).toBe(false);
  });
});

describe('usernames', () => {
  it('are the same whatever their case or Unicode form', () => {
    expect(usernameKey('Estelle')).toBe(usernameKey('ESTELLE'));
    expect(usernameKey('Jürgen')).toBe(usernameKey('Ju\u0308rgen'));
    expect(usernameProblem('zoë')).toBeNull();
    expect(usernameProblem('a b')).not.toBeNull();
  });
});

describe('sign-in throttling', () => {
  it('allows ten failures in fifteen minutes, then asks to wait until the oldest ages out', () => {
    const key = 'family\u0000203.0.113.9';
    const start = 1_000_000;
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(signInRetryAfter(key, start + i * 1000)).toBe(0);
      recordSignInFailure(key, start + i * 1000);
    }
    expect(signInRetryAfter(key, start + 10_000)).toBe(Math.ceil((WINDOW_MS - 10_000) / 1000));
    expect(signInRetryAfter(key, start + WINDOW_MS + 1)).toBe(0);
    clearSignInFailures(key);
    expect(signInRetryAfter(key, start + 10_000)).toBe(0);
  });
});
