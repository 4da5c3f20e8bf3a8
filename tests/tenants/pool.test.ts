import v8 from 'node:v8';
import vm from 'node:vm';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, afterEach } from 'vitest';
import { FamilyPool } from '../../src/tenants/pool.js';
import { createFamily } from '../../src/tenants/create-family.js';
import { FamilyExistsError, FamilyNotFoundError, FamilyTooNewError, NoFamilyBoundError } from '../../src/tenants/errors.js';
import { familyFilePath } from '../../src/tenants/paths.js';
import { makeDataDir, tenantFiles } from '../helpers/data-dir.js';
import { markFileNewer } from '../helpers/old-family.js';

const pools: FamilyPool[] = [];
function pool(dataDir: string, options: { maxOpen?: number; idleCloseMs?: number } = {}) {
  const p = new FamilyPool({ dataDir, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close(0)));
});

const family = (slug: string) => ({ slug, name: `Family ${slug}`, timeZone: 'Europe/Berlin' });

async function addDashboard(p: FamilyPool, slug: string, name: string) {
  return p.withFamily(slug, async ({ db }) => {
    const row = await db.insertInto('dashboards').values({ name }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
}

describe('families are files', () => {
  it('keeps two families apart even when their row ids are the same', async () => {
    const dataDir = makeDataDir();
    await createFamily(dataDir, family('alpha'));
    await createFamily(dataDir, family('beta'));
    const p = pool(dataDir);
    const a = await addDashboard(p, 'alpha', 'Alpha kitchen');
    const b = await addDashboard(p, 'beta', 'Beta kitchen');
    expect(a).toBe(b); // same id in both files
    const seen = async (slug: string) =>
      p.withFamily(slug, ({ db }) => db.selectFrom('dashboards').select('name').where('id', '=', a).execute());
    expect(await seen('alpha')).toEqual([{ name: 'Alpha kitchen' }]);
    expect(await seen('beta')).toEqual([{ name: 'Beta kitchen' }]);
  });

  it('never creates a family by asking for it', async () => {
    const dataDir = makeDataDir();
    const p = pool(dataDir);
    await expect(p.lease('nobody')).rejects.toBeInstanceOf(FamilyNotFoundError);
    expect(tenantFiles(dataDir)).toEqual([]);
  });

  it('creates a family atomically and never over an existing one', async () => {
    const dataDir = makeDataDir();
    await createFamily(dataDir, family('alpha'));
    const before = fs.readFileSync(familyFilePath(dataDir, 'alpha'));
    await expect(createFamily(dataDir, { ...family('alpha'), name: 'Impostor' })).rejects.toBeInstanceOf(FamilyExistsError);
    expect(fs.readFileSync(familyFilePath(dataDir, 'alpha')).equals(before)).toBe(true);
    expect(tenantFiles(dataDir)).toEqual(['alpha.db']);
  });

  it('leaves nothing behind when creation fails halfway', async () => {
    const dataDir = makeDataDir();
    await expect(
      createFamily(dataDir, family('broken'), async (db) => {
        await db.insertInto('dashboards').values({ name: 'Kitchen' }).execute();
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(tenantFiles(dataDir)).toEqual([]);
  });

  it('refuses data access with no family bound, or through another family\'s scope', async () => {
    const dataDir = makeDataDir();
    await createFamily(dataDir, family('alpha'));
    await createFamily(dataDir, family('beta'));
    const p = pool(dataDir);
    const alpha = await p.lease('alpha');
    try {
      await expect(alpha.db.selectFrom('dashboards').selectAll().execute()).rejects.toBeInstanceOf(NoFamilyBoundError);
      await p.withFamily('beta', async () => {
        await expect(alpha.db.selectFrom('dashboards').selectAll().execute()).rejects.toThrow(/inside the scope of family "beta"/);
      });
    } finally {
      alpha.release();
    }
  });

  it('refuses a file saved by a newer DinkyDash and leaves it untouched', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('future'));
    markFileNewer(file, 99);
    const before = fs.readFileSync(file);
    const p = pool(dataDir);
    await expect(p.lease('future')).rejects.toBeInstanceOf(FamilyTooNewError);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['future.db']);
  });
});

describe('the pool', () => {
  it('never closes a leased handle under eviction pressure', async () => {
    const dataDir = makeDataDir();
    await createFamily(dataDir, family('busy'));
    for (let i = 0; i < 100; i++) await createFamily(dataDir, family(`other-${i}`));
    const p = pool(dataDir, { maxOpen: 8 });
    await p.withFamily('busy', async ({ db }) => {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('dashboards').values({ name: 'Before' }).execute();
        // While this transaction is open, 100 other families come and go.
        await Promise.all(Array.from({ length: 100 }, (_, i) => p.withFamily(`other-${i}`, ({ db: other }) => other.selectFrom('dashboards').selectAll().execute())));
        expect(p.openCount).toBeLessThanOrEqual(9);
        await trx.insertInto('dashboards').values({ name: 'After' }).execute();
      });
    });
    const names = await p.withFamily('busy', ({ db }) => db.selectFrom('dashboards').select('name').orderBy('id').execute());
    expect(names.map((n) => n.name)).toEqual(['Before', 'After']);
    expect(p.openCount).toBeLessThanOrEqual(8);
  });

  it('gives a revision that moves with every change, ours or another program\'s, and only then', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('watched'));
    const p = pool(dataDir);
    const revision = () => p.withFamily('watched', (lease) => lease.revision());
    const first = await revision();
    expect(await revision()).toBe(first);
    await p.withFamily('watched', ({ db }) => db.selectFrom('dashboards').selectAll().execute());
    expect(await revision()).toBe(first); // reads change nothing
    await addDashboard(p, 'watched', 'Ours');
    const afterOurs = await revision();
    expect(afterOurs).not.toBe(first);
    expect(await revision()).toBe(afterOurs); // our own write counts once
    await new Promise((resolve) => setTimeout(resolve, 20));
    const other = new Database(file);
    other.prepare("insert into dashboards (name) values ('Theirs')").run();
    other.close();
    const afterTheirs = await revision();
    expect(afterTheirs).not.toBe(afterOurs);
    expect(await revision()).toBe(afterTheirs);
    // Closed and reopened on the same, unchanged file: the same revision, so displays keep their 304s.
    p.forget('watched');
    const reopened = await revision();
    expect(reopened).toBe(await revision());
    await addDashboard(p, 'watched', 'After reopening');
    expect(await revision()).not.toBe(reopened);
  });

  it('remembers a result for as long as the revision stays the same', async () => {
    const dataDir = makeDataDir();
    await createFamily(dataDir, family('memo'));
    const p = pool(dataDir);
    let computed = 0;
    const names = () => p.withFamily('memo', (lease) => lease.remember('names', async () => (computed++, lease.db.selectFrom('dashboards').select('name').execute())));
    expect(await names()).toEqual([]);
    expect(await names()).toEqual([]);
    expect(computed).toBe(1);
    await addDashboard(p, 'memo', 'Kitchen');
    expect(await names()).toEqual([{ name: 'Kitchen' }]);
    expect(computed).toBe(2);
    // Evicted and reopened: the file is unchanged since the last read, so the result still holds.
    p.forget('memo');
    await names();
    const afterReopen = computed;
    p.forget('memo');
    expect(await names()).toEqual([{ name: 'Kitchen' }]);
    expect(computed).toBe(afterReopen);
  });

  it('lets a closed handle go although a result it computed is still remembered', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const dataDir = makeDataDir();
    await createFamily(dataDir, family('first'));
    await createFamily(dataDir, family('second'));
    const p = pool(dataDir, { maxOpen: 1 });
    let handle: WeakRef<object> | undefined;
    const names = await p.withFamily('first', (lease) => {
      handle = new WeakRef(lease.sqlite);
      return lease.remember('names', () => lease.db.selectFrom('dashboards').select('name').execute());
    });
    await p.withFamily('second', () => null); // evicts and closes the first family's handle
    expect(p.isOpen('first')).toBe(false);
    for (let i = 0; i < 5 && handle!.deref(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
    }
    expect(handle!.deref(), 'the closed handle is still reachable').toBeUndefined();
    // ...and the result is still remembered for the unchanged file.
    const again = await p.withFamily('first', (lease) => lease.remember('names', async () => [{ name: 'computed again' }]));
    expect(again).toEqual(names);
  });

  it('checks a file again when it changed while no handle was open', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('recheck'));
    const p = pool(dataDir);
    await addDashboard(p, 'recheck', 'Kitchen');
    p.forget('recheck');
    await p.withFamily('recheck', () => undefined);
    p.forget('recheck');
    await new Promise((resolve) => setTimeout(resolve, 20));
    markFileNewer(file, 99);
    await expect(p.lease('recheck')).rejects.toBeInstanceOf(FamilyTooNewError);
  });

  it('closes idle handles after the idle time', async () => {
    const dataDir = makeDataDir();
    await createFamily(dataDir, family('sleepy'));
    const p = pool(dataDir, { idleCloseMs: 50 });
    await addDashboard(p, 'sleepy', 'Kitchen');
    expect(p.isOpen('sleepy')).toBe(true);
    p.sweep(Date.now() + 51);
    expect(p.isOpen('sleepy')).toBe(false);
  });

  it('notices a removed file: not found, handle closed, file not recreated', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('gone'));
    const p = pool(dataDir);
    await addDashboard(p, 'gone', 'Kitchen');
    fs.rmSync(file);
    await expect(p.lease('gone')).rejects.toBeInstanceOf(FamilyNotFoundError);
    expect(p.isOpen('gone')).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a write into a file removed while its handle is leased', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('vanish'));
    const p = pool(dataDir);
    await p.withFamily('vanish', async ({ db }) => {
      fs.rmSync(file);
      await expect(db.insertInto('dashboards').values({ name: 'Lost' }).execute()).rejects.toMatchObject({ code: 'SQLITE_READONLY_DBMOVED' });
    });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('serves the new file after a backup is moved in over a family', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('swap'));
    const p = pool(dataDir);
    await addDashboard(p, 'swap', 'Original');
    // A backup made elsewhere, then moved into place.
    const other = makeDataDir();
    const backup = await createFamily(other, family('swap'));
    const q = pool(other);
    await addDashboard(q, 'swap', 'From backup');
    await q.close(0);
    fs.renameSync(backup, file);
    const names = await p.withFamily('swap', ({ db }) => db.selectFrom('dashboards').select('name').execute());
    expect(names).toEqual([{ name: 'From backup' }]);
  });

  it('lets a write in progress finish before opening a file moved in over the family', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('midway'));
    const p = pool(dataDir);
    const other = makeDataDir();
    const incoming = await createFamily(other, family('midway'));
    const q = pool(other);
    await addDashboard(q, 'midway', 'Moved in');
    await q.close(0);
    const kept = path.join(other, 'replaced.db');

    const writer = await p.lease('midway');
    // A request halfway through a transaction: its journal lies beside the family's path.
    // A tiny page cache makes SQLite spill the transaction into the file before COMMIT,
    // as a large one would: the journal is then synced and would be rolled back.
    writer.sqlite.pragma('cache_size = 2');
    writer.sqlite.exec('begin immediate');
    for (let i = 0; i < 50; i++) writer.sqlite.prepare('insert into dashboards (name) values (?)').run(i ? 'x'.repeat(1000) : 'Halfway');
    expect(fs.existsSync(`${file}-journal`)).toBe(true);
    fs.linkSync(file, kept);
    fs.renameSync(incoming, file); // the owner's mv
    // A request for the family now must not take that journal for the new file's hot journal.
    const reader = p.withFamily('midway', ({ db }) => db.selectFrom('dashboards').select('name').execute());
    await new Promise((resolve) => setTimeout(resolve, 30));
    writer.sqlite.exec('commit');
    writer.release();

    expect(await reader).toEqual([{ name: 'Moved in' }]);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const old = new Database(kept, { readonly: true });
    expect(old.prepare("select count(*) n from dashboards where name = 'Halfway'").get()).toEqual({ n: 1 });
    old.close();
  });

  it('holds every committed write in a plain copy of the file', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('copyme'));
    const p = pool(dataDir);
    await addDashboard(p, 'copyme', 'Committed');
    const copyDir = makeDataDir();
    fs.mkdirSync(path.join(copyDir, 'tenants'));
    fs.copyFileSync(file, familyFilePath(copyDir, 'copyme'));
    const q = pool(copyDir);
    const names = await q.withFamily('copyme', ({ db }) => db.selectFrom('dashboards').select('name').execute());
    expect(names).toEqual([{ name: 'Committed' }]);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('-wal') || f.includes('-shm'))).toEqual([]);
  });
});
