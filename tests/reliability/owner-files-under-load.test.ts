import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser, startLiveServer } from '../helpers/live-server.js';
import { runCli } from '../helpers/cli.js';
import { setUpNewFamily } from '../../src/family/new-family.js';
import type { RunningServer } from '../../src/server.js';

// The owner's plain file operations — cp out, rm, mv in (over a live family and
// as a comeback) — in a loop, with the real commands, while clients read and
// write as fast as they can. Every page must show only its own family, every
// write the server acknowledged must be in a file of that family (the removed
// and replaced ones are kept through a hard link, so "lost by the removal"
// can be checked too), and a removed family is never recreated.
const SECONDS = Number(process.env.OWNER_LOOP_SECONDS ?? 8);
const CLIENTS = 8;
const SLUGS = ['alpha', 'bravo', 'charlie', 'delta'] as const;
type Slug = (typeof SLUGS)[number];
const REMOVED: Slug = 'bravo'; // removed, and moved back in
const REPLACED: Slug = 'charlie'; // a copy moved in over the live file
const COPIED: Slug = 'alpha'; // copied out while in use
const PASSWORD = 'owner loops 2026';
const run = promisify(execFile);

const dataDir = makeDataDir();
const outside = makeDataDir('dinkydash-outside-');
const tenant = (slug: string) => path.join(dataDir, 'tenants', `${slug}.db`);
let server: RunningServer;
const clients = new Map<Slug, ReturnType<typeof browser>>();

beforeAll(async () => {
  for (const slug of SLUGS) {
    await setUpNewFamily(dataDir, { slug, name: `Family ${slug}`, timeZone: 'UTC', admin: { username: 'mum', password: PASSWORD } });
  }
  // A small pool, so handles are evicted and reopened all the time too.
  server = await startLiveServer(dataDir, { maxOpen: 2 });
  for (const slug of SLUGS) {
    const client = browser(server.url);
    expect((await client.post(`/${slug}/login`, { username: 'mum', password: PASSWORD })).status).toBe(303);
    clients.set(slug, client);
  }
});

/** What one file of a family holds: its name and the names of the countdowns written to it. */
function readFamilyFile(file: string): { name: string; countdowns: string[] } {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { name } = sqlite.prepare('select name from family_settings').get() as { name: string };
    const countdowns = (sqlite.prepare('select name from countdowns').all() as { name: string }[]).map((r) => r.name);
    return { name, countdowns };
  } finally {
    sqlite.close();
  }
}

function quickCheckPasses(file: string): boolean {
  try {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return sqlite.pragma('quick_check', { simple: true }) === 'ok';
    } finally {
      sqlite.close();
    }
  } catch {
    return false;
  }
}

interface Tally {
  reads: number;
  acknowledged: Map<Slug, string[]>;
  /** Answers no client should ever see, with where they came from. */
  wrong: string[];
  notFound: number;
  replacedUnderfoot: number;
}

async function clientLoop(deadline: number, id: number, tally: Tally, removedNow: () => boolean): Promise<void> {
  let n = 0;
  while (Date.now() < deadline) {
    const slug = SLUGS[Math.floor(Math.random() * SLUGS.length)]!;
    const client = clients.get(slug)!;
    const write = Math.random() < 0.2;
    const name = `w-${slug}-${id}-${n++}`;
    const res = write
      ? await client.post(`/${slug}/manage/countdowns/new`, { name, icon: '🎂', dashboard_id: '1', kind: 'yearly', year: '', month: '3', day: '14' })
      : await client.get(`/${slug}/manage`);
    const body = await res.text();
    if (res.status === 404 && slug === REMOVED) {
      tally.notFound++;
      continue;
    }
    // A write racing the mv over its family: refused with a clear "not saved, try again".
    if (write && res.status === 503 && slug === REPLACED && body.includes('was replaced on the Pi')) {
      tally.replacedUnderfoot++;
      continue;
    }
    if (write && res.status === 303 && res.headers.get('location') === `/${slug}/manage?done=countdown-added`) {
      tally.acknowledged.get(slug)!.push(name);
      continue;
    }
    if (!write && res.status === 200) {
      tally.reads++;
      const names = [...body.matchAll(/Family (alpha|bravo|charlie|delta)\b/g)].map((m) => m[1]);
      const written = [...body.matchAll(/w-(alpha|bravo|charlie|delta)-/g)].map((m) => m[1]);
      if (names.length === 0) tally.wrong.push(`${slug}: the page does not name the family`);
      for (const other of [...names, ...written]) if (other !== slug) tally.wrong.push(`${slug}: the page shows ${other}'s data`);
      continue;
    }
    tally.wrong.push(`${write ? 'POST' : 'GET'} ${slug}: ${res.status} ${res.headers.get('location') ?? ''} ${body.slice(0, 120)} (removed now: ${removedNow()})`);
  }
}

describe("the owner's file operations in a loop, under load", () => {
  it('never show one family to another, lose no acknowledged write, and never recreate a removed family', async () => {
    const kept = path.join(outside, 'kept'); // hard links to every removed or replaced file
    const staging = path.join(dataDir, 'tenants', '.staging'); // same file system, so mv is one step
    fs.mkdirSync(kept);
    fs.mkdirSync(staging);
    const generations = new Map<Slug, string[]>(SLUGS.map((s) => [s, [tenant(s)]]));
    const tally: Tally = { reads: 0, acknowledged: new Map(SLUGS.map((s) => [s, []])), wrong: [], notFound: 0, replacedUnderfoot: 0 };
    const copies = { taken: 0, sound: 0 };
    let removed = false;
    let rounds = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, id) => clientLoop(deadline, id, tally, () => removed)));
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    while (Date.now() < deadline) {
      rounds++;
      // cp out, while clients write to it: a copy that SQLite finds sound is that family's.
      const copy = path.join(outside, `${COPIED}-${rounds}.db`);
      await run('cp', [tenant(COPIED), copy]);
      copies.taken++;
      if (quickCheckPasses(copy)) {
        copies.sound++;
        const held = readFamilyFile(copy);
        expect(held.name).toBe(`Family ${COPIED}`);
        expect(held.countdowns.filter((c) => !c.startsWith(`w-${COPIED}-`))).toEqual([]);
      }
      fs.rmSync(copy);

      // rm: the family is gone, answers 404, and stays gone.
      const removedFile = path.join(kept, `${REMOVED}-${rounds}.db`);
      await run('ln', [tenant(REMOVED), removedFile]);
      await run('rm', [tenant(REMOVED)]);
      removed = true;
      generations.get(REMOVED)!.push(removedFile);
      await pause(60);
      expect((await clients.get(REMOVED)!.get(`/${REMOVED}/manage`)).status).toBe(404);
      expect(fs.existsSync(tenant(REMOVED))).toBe(false);

      // mv in: the family comes back from its removed file, copied at rest.
      await run('cp', [removedFile, path.join(staging, `${REMOVED}.db`)]);
      await run('mv', [path.join(staging, `${REMOVED}.db`), tenant(REMOVED)]);
      removed = false;

      // mv over a live family: a consistent copy of it replaces it. Writes acknowledged
      // in between stay in the replaced file (kept through its link).
      const snapshot = new Database(tenant(REPLACED), { readonly: true });
      await snapshot.backup(path.join(staging, `${REPLACED}.db`));
      snapshot.close();
      const replacedFile = path.join(kept, `${REPLACED}-${rounds}.db`);
      await run('ln', [tenant(REPLACED), replacedFile]);
      await run('mv', [path.join(staging, `${REPLACED}.db`), tenant(REPLACED)]);
      generations.get(REPLACED)!.push(replacedFile);
      await pause(60);
    }
    await load;
    await pause(50);

    expect(tally.wrong).toEqual([]);
    expect(rounds).toBeGreaterThan(3);
    expect(tally.notFound).toBeGreaterThan(0);
    // Every file any family ever had passes SQLite's integrity check and holds only its own family.
    for (const [slug, files] of generations) {
      const found = new Set<string>();
      for (const file of files) {
        expect(quickCheckPasses(file), file).toBe(true);
        const held = readFamilyFile(file);
        expect(held.name).toBe(`Family ${slug}`);
        for (const name of held.countdowns) {
          expect(name.startsWith(`w-${slug}-`), `${name} in ${file}`).toBe(true);
          found.add(name);
        }
      }
      const acknowledged = tally.acknowledged.get(slug)!;
      expect(acknowledged.length, slug).toBeGreaterThan(0);
      expect(acknowledged.filter((name) => !found.has(name)), `${slug}: acknowledged writes in none of its files`).toEqual([]);
    }
    const check = await runCli(dataDir, ['check', '--json']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const total = tally.reads + [...tally.acknowledged.values()].reduce((n, a) => n + a.length, 0);
    console.log(
      `owner file operations: ${rounds} rounds in ${SECONDS} s; ${total} requests answered (${tally.reads} reads, ` +
        `${total - tally.reads} acknowledged writes, ${tally.notFound} 404s while removed, ${tally.replacedUnderfoot} writes refused as the file was replaced under them); ${copies.sound} of ${copies.taken} live copies sound`,
    );
  }, (SECONDS + 30) * 1000);
});
