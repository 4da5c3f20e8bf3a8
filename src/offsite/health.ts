import { offsiteConfigured } from './config.js';
import { judgeOffsite, readOffsiteStatus, type OffsiteHealth } from './status-file.js';

/**
 * How the off-box copies stand, from DATA/offsite/status.json alone (no
 * restic, no password): for /healthz and `family list`. Null when off-box
 * copies are not set up, so those say nothing about them.
 */
export function offsiteHealth(dataDir: string, env: NodeJS.ProcessEnv = process.env, now = new Date()): OffsiteHealth | null {
  if (!offsiteConfigured(env)) return null;
  const status = readOffsiteStatus(dataDir);
  return judgeOffsite(status.lastCopy?.time ?? null, status.lastRun, now);
}
