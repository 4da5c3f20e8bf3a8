import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser } from '../helpers/live-server.js';
import { BIN, runCli } from '../helpers/cli.js';

// The Pi's owner must never lose a family: a server killed mid-write, and a
// full disk, leave every family intact and every acknowledged write saved.
const PASSWORD = 'never lose data';
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

async function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, '--data', dataDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = / at (http:\/\/[^/\s]+)\//.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

function countdownForm(name: string) {
  return { name, icon: '🎈', kind: 'yearly', month: '6', day: '15', dashboard_id: '1' }; // a new family's default dashboard
}

function countdownNames(file: string): Set<string> {
  const db = new Database(file, { readonly: true });
  try {
    return new Set((db.prepare('select name from countdowns').all() as { name: string }[]).map((r) => r.name));
  } finally {
    db.close();
  }
}

describe('faults', () => {
  it('keeps every acknowledged write and a sound file when the server is killed with -9 mid-writes, again and again', async () => {
    const dataDir = makeDataDir();
    const slugs = ['crash', 'bang', 'boom'];
    const acknowledged = new Map<string, string[]>(slugs.map((s) => [s, []]));
    let server = await serve(dataDir);
    const clients = new Map<string, ReturnType<typeof browser>>();
    for (const slug of slugs) {
      const b = browser(server.url);
      expect((await b.post('/signup', { family_name: `Family ${slug}`, slug, username: 'mum', password: PASSWORD, time_zone: 'UTC' })).status).toBe(303);
      clients.set(slug, b);
    }
    for (let round = 0; round < 3; round++) {
      let stop = false;
      // Two writers per family; each client keeps its session cookie across restarts.
      const writers = slugs.flatMap((slug) =>
        [0, 1].map(async (w) => {
          const b = clients.get(slug)!;
          for (let i = 0; !stop; i++) {
            const name = `r${round}-w${w}-${i}`;
            try {
              const res = await b.post(`/${slug}/manage/countdowns/new`, countdownForm(name));
              if (res.status === 303) acknowledged.get(slug)!.push(name);
            } catch {
              return; // the server is gone
            }
          }
        }),
      );
      // Killed at a different moment each round.
      await new Promise((resolve) => setTimeout(resolve, 700 + round * 300));
      server.child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);

      const check = await runCli(dataDir, ['check', '--json']);
      expect(check.code, `round ${round}: ${check.stdout}${check.stderr}`).toBe(0);
      for (const slug of slugs) {
        const saved = countdownNames(path.join(dataDir, 'tenants', `${slug}.db`));
        expect(acknowledged.get(slug)!.filter((n) => !saved.has(n)), `round ${round}, ${slug}`).toEqual([]);
      }
      server = await serve(dataDir);
      for (const slug of slugs) clients.set(slug, browser(server.url, clients.get(slug)!.cookie));
    }
    for (const slug of slugs) expect(acknowledged.get(slug)!.length, slug).toBeGreaterThan(3);

    // And it serves again: the sessions survived, and a new write is saved.
    for (const slug of slugs) expect((await clients.get(slug)!.post(`/${slug}/manage/countdowns/new`, countdownForm('after restart'))).status).toBe(303);
    server.child.kill('SIGTERM');
  }, 90_000);

  it('refuses writes with a clear message on a full disk, corrupts nothing, and resumes when space returns', async () => {
    const mountPoint = makeDataDir('dinkydash-full-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(`This test needs to mount a small tmpfs as root: ${(err as Error).message}`);
    }
    try {
      // Made by the owner: a visitor's sign-up is refused on a disk this small (less than 200 MB free).
      const created = await runCli(mountPoint, ['family', 'create', 'full', '--name', 'Full Disk', '--admin', 'mum', '--time-zone', 'UTC'], { input: `${PASSWORD}\n` });
      expect(created.code, created.stderr).toBe(0);
      const server = await serve(mountPoint);
      const b = browser(server.url);
      expect((await b.post('/full/login', { username: 'mum', password: PASSWORD })).status).toBe(303);
      expect((await b.post('/full/manage/countdowns/new', countdownForm('before'))).status).toBe(303);
      // Fill what is left of the disk.
      const filler = path.join(mountPoint, 'filler');
      const fd = fs.openSync(filler, 'w');
      try {
        const chunk = Buffer.alloc(4096, 1);
        for (;;) fs.writeSync(fd, chunk);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        fs.closeSync(fd);
      }
      let refused: Response | undefined;
      for (let i = 0; i < 50 && !refused; i++) {
        const res = await b.post('/full/manage/countdowns/new', countdownForm(`while full ${i}`));
        if (res.status !== 303) refused = res;
      }
      expect(refused, 'a write that needs space must be refused').toBeDefined();
      expect(refused!.status).toBe(503);
      const page = await refused!.text();
      expect(page).toContain('run out of storage space');
      expect(page).not.toMatch(/SqliteError|\.[jt]s:\d+/);
      // Reading still works, and the file is sound.
      expect((await b.get('/full/')).status).toBe(200);
      fs.rmSync(filler);
      const check = await runCli(mountPoint, ['check', '--json']);
      expect(check.code, check.stderr).toBe(0);
      expect((await b.post('/full/manage/countdowns/new', countdownForm('after'))).status).toBe(303);
      const names = countdownNames(path.join(mountPoint, 'tenants', 'full.db'));
      expect(names.has('before')).toBe(true);
      expect(names.has('after')).toBe(true);
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    } finally {
      execFileSync('umount', ['-l', mountPoint]);
    }
  }, 60_000);
});

describe('a hot journal left by a crash', () => {
  it('is rolled back before check and backup read the family', async () => {
    const dataDir = makeDataDir();
    const { setUpNewFamily } = await import('../../src/family/new-family.js');
    await setUpNewFamily(dataDir, { slug: 'hot', name: 'Hot', timeZone: 'UTC' });
    const file = path.join(dataDir, 'tenants', 'hot.db');
    // A writer that spills half a transaction into the file, then dies before COMMIT.
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(file)});
      db.pragma('cache_size = 1');
      db.exec('begin immediate');
      const add = db.prepare("insert into countdowns (dashboard_id, name, icon, kind, month, day) values (1, ?, 'x', 'yearly', 1, 1)");
      for (let i = 0; i < 3000; i++) add.run('uncommitted ' + 'x'.repeat(200) + i);
      process.kill(process.pid, 'SIGKILL');`;
    await new Promise((resolve) => spawn(process.execPath, ['-e', script], { cwd: path.resolve('.') }).once('exit', resolve));
    expect(fs.existsSync(`${file}-journal`)).toBe(true);

    const check = await runCli(dataDir, ['check', '--json']);
    expect(check.code, check.stderr + check.stdout).toBe(0);
    const backup = await runCli(dataDir, ['backup', 'hot', '--json']);
    expect(backup.code, backup.stderr).toBe(0);
    expect(countdownNames(file).size).toBe(0); // the uncommitted rows were rolled back
  });
});
