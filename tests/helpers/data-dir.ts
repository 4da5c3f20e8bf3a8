import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A fresh data folder on real disk, removed after the test file. */
export function makeDataDir(prefix = 'dinkydash-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tenantFiles(dataDir: string): string[] {
  try {
    return fs.readdirSync(path.join(dataDir, 'tenants')).sort();
  } catch {
    return [];
  }
}
