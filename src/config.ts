import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type SignupMode = 'open' | 'closed';

/** Settings of one running server, from CLI flags and environment. */
export interface AppConfig {
  dataDir: string;
  signup: SignupMode;
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
