import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];
// Registered once per test file at import: folders made inside tests and hooks are removed too.
afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh data folder on real disk, removed after the test file. */
export function makeDataDir(prefix = 'dinkydash-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function tenantFiles(dataDir: string): string[] {
  try {
    return fs.readdirSync(path.join(dataDir, 'tenants')).sort();
  } catch {
    return [];
  }
}
