import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { startLiveServer } from '../helpers/live-server.js';
import { runCli } from '../helpers/cli.js';
import { setUpNewFamily } from '../../src/family/new-family.js';
import type { RunningServer } from '../../src/server.js';

// A damaged family file costs that family a clear 503 page and nothing else.
const dataDir = makeDataDir();
const file = (slug: string) => path.join(dataDir, 'tenants', `${slug}.db`);
let server: RunningServer;

beforeAll(async () => {
  for (const slug of ['healthy', 'truncated', 'scribbled', 'words']) {
    await setUpNewFamily(dataDir, { slug, name: `The ${slug}`, timeZone: 'UTC', admin: { username: 'mum', password: 'damaged goods' } });
  }
  const truncated = fs.readFileSync(file('truncated'));
  fs.writeFileSync(file('truncated'), truncated.subarray(0, Math.floor(truncated.length / 3)));
  const scribbled = fs.readFileSync(file('scribbled'));
  scribbled.fill(0x5a, 4096, 4096 * 6); // pages 2-6: the schema's tables and their roots
  fs.writeFileSync(file('scribbled'), scribbled);
  fs.writeFileSync(file('words'), 'Dear diary, this is not a database. '.repeat(200));
  server = await startLiveServer(dataDir);
});

describe('damaged family files', () => {
  it('get a clear 503 page, and every other family is unaffected', async () => {
    for (const slug of ['truncated', 'scribbled', 'words']) {
      for (const page of ['login', '']) {
        const res = await fetch(`${server.url}/${slug}/${page}`);
        expect(res.status, `${slug}/${page}`).toBe(503);
        const text = await res.text();
        expect(text, slug).toMatch(/cannot be opened|damaged/);
        expect(text, slug).not.toMatch(/SqliteError|\.[jt]s:\d+|node_modules/);
      }
      const healthy = await fetch(`${server.url}/healthy/login`);
      expect(healthy.status).toBe(200);
      expect(await healthy.text()).toContain('The healthy');
    }
  });

  it('are named by check, which exits 1', async () => {
    const result = await runCli(dataDir, ['check', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { families: { slug: string; ok: boolean }[] };
    const bad = report.families.filter((f) => !f.ok).map((f) => f.slug).sort();
    expect(bad).toEqual(['scribbled', 'truncated', 'words']);
  });
});
