import { hash, verify } from '@node-rs/argon2';
import { PasswordChecks } from './rate-limit.js';
import type { Translate } from '../i18n/i18n.js';

// argon2id with OWASP's minimum settings (19 MiB, 2 iterations, 1 lane):
// about 30 ms on a Pi 4, and memory that a Pi with 1 GB can spare.
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot import)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** The same password typed on a phone and a laptop can differ in Unicode form; NFC makes them one. */
function normalize(password: string): string {
  return password.normalize('NFC');
}

/** Why a new password cannot be used, or null. Any Unicode; length counted in characters; never truncated. */
export function passwordProblem(password: string, t: Translate): string | null {
  const length = [...normalize(password)].length;
  if (length < PASSWORD_MIN) return t('accounts.passwordShort', { count: PASSWORD_MIN });
  if (length > PASSWORD_MAX) return t('accounts.passwordLong', { count: PASSWORD_MAX });
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalize(password));
  } catch {
    return false;
  }
}

/** One budget for every route where a visitor makes the Pi hash a password (sign-in, /me/password, joining). */
export const passwordChecks = new PasswordChecks();
