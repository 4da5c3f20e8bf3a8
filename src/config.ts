import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Who may create a family from the start page: anyone (`open`), only the
 * owner with the command line (`closed`), or anyone until the first family
 * exists (`first`: what bin/install-pi sets, so a Pi on a LAN is not open to
 * the neighbours once its family is made).
 */
export const SIGNUP_MODES = ['open', 'closed', 'first'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** Settings of one running server, from CLI flags and environment. */
export interface AppConfig {
  dataDir: string;
  signup: SignupMode;
  /** Sign-up is refused once this many families exist (the owner can still create more). Unset: no cap. */
  maxFamilies?: number;
  version: string;
}

/** The folder holding package.json, found from this file whether it runs from src/ or dist/src/. */
export const PROJECT_ROOT = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      readFileSync(path.join(dir, 'package.json'));
      return dir;
    } catch {
      dir = path.dirname(dir);
    }
  }
  throw new Error('DinkyDash cannot find its package.json.');
})();

export const APP_VERSION: string = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export function defaultDataDir(): string {
  return process.env.DINKYDASH_DATA || './data';
}
