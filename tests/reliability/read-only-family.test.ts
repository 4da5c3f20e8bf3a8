import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser, startLiveServer } from '../helpers/live-server.js';
import { runCli } from '../helpers/cli.js';
import { createFamilyFileAtVersion } from '../helpers/old-family.js';
import { setUpNewFamily } from '../../src/family/new-family.js';
import { startServer, type RunningServer } from '../../src/server.js';

// A family file the owner made read-only (chmod a-w), or one on a file system
// that went read-only (an SD card with errors): the family can still look at
// everything, every change gets a clear 503 and saves nothing, and other
// families carry on. The server runs as root in CI, which the kernel would let
// write anyway: DinkyDash honours the mode bits itself.
const dataDir = makeDataDir();
const file = (slug: string, dir = dataDir) => path.join(dir, 'tenants', `${slug}.db`);
const digest = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const PASSWORD = 'frozen peas 42';
let server: RunningServer;

beforeAll(async () => {
  for (const slug of ['frozen', 'lively']) {
    await setUpNewFamily(dataDir, { slug, name: `The ${slug}`, timeZone: 'UTC', admin: { username: 'mum', password: PASSWORD, displayName: 'Mum' } });
  }
  await createFamilyFileAtVersion(dataDir, 'old-frozen', 1, 'The old frozen');
  fs.chmodSync(file('old-frozen'), 0o444);
  server = await startLiveServer(dataDir);
});

async function signedIn(slug: string) {
  const client = browser(server.url);
  const res = await client.post(`/${slug}/login`, { username: 'mum', password: PASSWORD });
  expect(res.status, `sign-in to ${slug}`).toBe(303);
  return client;
}

const renameMe = (client: ReturnType<typeof browser>, slug: string, name: string) =>
  client.post(`/${slug}/me`, { display_name: name, color: '#2563eb', avatar: '🦊' });

function displayName(slug: string, dir = dataDir): string {
  const sqlite = new Database(file(slug, dir), { readonly: true });
  try {
    return (sqlite.prepare("select display_name from members where username = 'mum'").get() as { display_name: string }).display_name;
  } finally {
    sqlite.close();
  }
}

describe('a family file made read-only by the owner (chmod a-w)', () => {
  it('still shows its pages, refuses every change with a clear 503, and leaves the file untouched', async () => {
    const mum = await signedIn('frozen');
    const other = await signedIn('lively');
    const link = await mum.post('/frozen/manage/displays', { dashboard_id: '1', label: 'Kitchen' });
    const display = /\/frozen\/display\/[a-z2-7]{32}/.exec(await link.text())?.[0];
    expect(display, 'a display link').toBeDefined();
    // The server has the family open read-write when the owner freezes it.
    expect((await mum.get('/frozen/')).status).toBe(200);
    fs.chmodSync(file('frozen'), 0o444);
    const before = digest(file('frozen'));

    // The kitchen display (no session) keeps showing the dashboard.
    const wall = await browser(server.url).get(display!);
    expect(wall.status).toBe(200);
    expect(await wall.text()).toContain('The frozen');
    // Every page says so before anyone tries to change something.
    for (const [page, client] of [['/frozen/', mum], ['/frozen/me', mum], ['/frozen/manage', mum], ['/frozen/login', browser(server.url)]] as const) {
      const res = await client.get(page);
      expect(res.status, page).toBe(200);
      expect(await res.text(), page).toContain('read-only on the Pi just now');
    }
    expect(await (await other.get('/lively/')).text()).not.toContain('read-only');
    const refused = await renameMe(mum, 'frozen', 'Mama');
    expect(refused.status).toBe(503);
    const text = await refused.text();
    expect(text).toContain('read-only');
    expect(text).toContain('not saved');
    expect(text).toContain('href="/frozen/"'); // a way back, not a dead end
    expect(text).not.toMatch(/SqliteError|\.[jt]s:\d+|node_modules/);
    // Signing in needs a new session, which cannot be saved either: a clear page, not a 500.
    const signIn = await browser(server.url).post('/frozen/login', { username: 'mum', password: PASSWORD });
    expect(signIn.status).toBe(503);
    expect(await signIn.text()).toContain('read-only');

    expect(digest(file('frozen'))).toBe(before);
    expect(fs.existsSync(`${file('frozen')}-journal`)).toBe(false);
    expect(displayName('frozen')).toBe('Mum');

    // Other families are unaffected.
    expect((await renameMe(other, 'lively', 'Mother')).status).toBe(303);
    expect(displayName('lively')).toBe('Mother');

    // Writable again: the next change is saved, without restarting the server.
    fs.chmodSync(file('frozen'), 0o644);
    expect((await renameMe(mum, 'frozen', 'Mama')).status).toBe(303);
    expect(displayName('frozen')).toBe('Mama');
  });

  it('is named by check, and migrate will not update an old one', async () => {
    fs.chmodSync(file('frozen'), 0o444);
    try {
      const check = await runCli(dataDir, ['check', '--json']);
      expect(check.code).toBe(1);
      const report = JSON.parse(check.stdout) as { families: { slug: string; ok: boolean; problems: string[] }[] };
      const bad = report.families.filter((f) => !f.ok);
      expect(bad.map((f) => f.slug).sort()).toEqual(['frozen', 'old-frozen']);
      expect(bad.find((f) => f.slug === 'frozen')!.problems.join(' ')).toMatch(/read-only.*chmod u\+w/);
      // Read-only is not damage: no advice to restore a backup over it.
      const words = await runCli(dataDir, ['check']);
      expect(words.stderr).toMatch(/PROBLEM +frozen: cannot be changed: the file is read-only/);
      expect(words.stdout).not.toContain('restore');

      const old = digest(file('old-frozen'));
      const migrate = await runCli(dataDir, ['migrate']);
      expect(migrate.code).toBe(1);
      expect(migrate.stderr + migrate.stdout).toMatch(/old-frozen.*not migrated: the file is read-only/);
      expect(digest(file('old-frozen'))).toBe(old);

      // The server cannot update it either, and says so instead of showing an older family.
      const res = await fetch(`${server.url}/old-frozen/login`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/must update the file first.*read-only/);
      expect(digest(file('old-frozen'))).toBe(old);
    } finally {
      fs.chmodSync(file('frozen'), 0o644);
    }
  });
});

describe('a data folder on a read-only file system', () => {
  it('serves the families read-only, saves nothing, and saves again once it is writable', async () => {
    const source = makeDataDir('dinkydash-ro-source-');
    await setUpNewFamily(source, { slug: 'card', name: 'The card', timeZone: 'UTC', admin: { username: 'mum', password: PASSWORD, displayName: 'Mum' } });
    // Signed in while the card was still writable.
    const writable = await startServer({ dataDir: source, port: 0, host: '127.0.0.1' });
    const mum = browser(writable.url);
    expect((await mum.post('/card/login', { username: 'mum', password: PASSWORD })).status).toBe(303);
    await writable.stop();

    // What the kernel does to an SD card with errors: the same files, suddenly read-only.
    const mountPoint = makeDataDir('dinkydash-ro-');
    try {
      execFileSync('mount', ['--bind', source, mountPoint], { stdio: 'pipe' });
      execFileSync('mount', ['-o', 'remount,ro,bind', mountPoint], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(`This test needs to bind-mount a folder read-only as root: ${(err as Error).message}`);
    }
    const live = await startServer({ dataDir: mountPoint, port: 0, host: '127.0.0.1' });
    try {
      const client = browser(live.url);
      const cookie = { cookie: mum.cookie };
      const before = digest(file('card', mountPoint));
      const page = await client.get('/card/', cookie);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('The card');
      const refused = await client.post('/card/me', { display_name: 'Mama', color: '#2563eb', avatar: '🦊' }, cookie);
      expect(refused.status).toBe(503);
      expect(await refused.text()).toContain('read-only');
      expect(digest(file('card', mountPoint))).toBe(before);

      const check = await runCli(mountPoint, ['check', '--json']);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('read-only file system');

      // The owner fixes it while the server runs: the next change is saved.
      execFileSync('mount', ['-o', 'remount,rw,bind', mountPoint], { stdio: 'pipe' });
      expect((await client.post('/card/me', { display_name: 'Mama', color: '#2563eb', avatar: '🦊' }, cookie)).status).toBe(303);
      expect(displayName('card', mountPoint)).toBe('Mama');
    } finally {
      await live.stop();
      execFileSync('umount', ['-l', mountPoint]);
    }
  });
});
