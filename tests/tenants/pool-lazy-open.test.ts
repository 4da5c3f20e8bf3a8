import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FamilyPool } from '../../src/tenants/pool.js';
import { createFamily } from '../../src/tenants/create-family.js';
import { FamilyBusyError } from '../../src/tenants/errors.js';
import { runInFamilyScope } from '../../src/tenants/scope.js';
import { makeDataDir } from '../helpers/data-dir.js';

// A family file found sound and unchanged since is opened by its first
// statement, not by the lease: a wall display whose results are remembered
// then costs no open and no close (src/tenants/pool.ts, openFamilyHandle).

const pools: FamilyPool[] = [];
function pool(dataDir: string) {
  const p = new FamilyPool({ dataDir });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close(0)));
});

const family = (slug: string) => ({ slug, name: `Family ${slug}`, timeZone: 'Europe/Berlin' });

/** How many descriptors this process holds on `file` (Linux: /proc/self/fd). */
function descriptorsOn(file: string): number {
  const real = fs.realpathSync(file);
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === real;
    } catch {
      return false;
    }
  }).length;
}

/** A family read once (so found sound) and then evicted: its next handle is not opened by the lease. */
async function checkedAndEvicted(slug: string): Promise<{ p: FamilyPool; file: string }> {
  const dataDir = makeDataDir();
  const file = await createFamily(dataDir, family(slug));
  const p = pool(dataDir);
  await names(p, slug);
  p.forget(slug);
  return { p, file };
}

/** A backup of the family made elsewhere, with one dashboard, ready to be moved in. */
async function backupElsewhere(slug: string): Promise<string> {
  const other = makeDataDir();
  const backup = await createFamily(other, family(slug));
  const q = pool(other);
  await q.withFamily(slug, ({ db }) => db.insertInto('dashboards').values({ name: 'From backup' }).execute());
  await q.close(0);
  return backup;
}

const names = (p: FamilyPool, slug: string) => p.withFamily(slug, ({ db }) => db.selectFrom('dashboards').select('name').orderBy('id').execute());

describe('a family known sound and unchanged', () => {
  it('is opened by its first statement, and not at all while its results are remembered', async () => {
    const dataDir = makeDataDir();
    const file = await createFamily(dataDir, family('lazy'));
    const p = pool(dataDir);
    const remembered = (slug: string) => p.withFamily(slug, (lease) => lease.remember('names', () => lease.db.selectFrom('dashboards').select('name').execute()));
    expect(await remembered('lazy')).toEqual([]); // first open: checked, then read
    p.forget('lazy');
    expect(descriptorsOn(file)).toBe(0);

    const lease = await p.lease('lazy');
    expect(descriptorsOn(file)).toBe(0);
    lease.release();
    expect(await remembered('lazy')).toEqual([]);
    expect(descriptorsOn(file)).toBe(0);
    expect(await names(p, 'lazy')).toEqual([]);
    expect(descriptorsOn(file)).toBe(1);
  });

  it('serves a file moved in while its predecessor was leased unopened', async () => {
    const { p, file } = await checkedAndEvicted('swap');
    const backup = await backupElsewhere('swap');
    const lease = await p.lease('swap');
    fs.renameSync(backup, file);
    expect(await names(p, 'swap')).toEqual([{ name: 'From backup' }]);
    lease.release();
    expect(await names(p, 'swap')).toEqual([{ name: 'From backup' }]);
  });

  it('refuses to open the old handle for a statement once the file was replaced under its lease', async () => {
    const { p, file } = await checkedAndEvicted('under');
    const backup = await backupElsewhere('under');
    const lease = await p.lease('under');
    fs.renameSync(backup, file);
    await expect(runInFamilyScope(lease, () => lease.db.selectFrom('dashboards').select('name').execute())).rejects.toBeInstanceOf(FamilyBusyError);
    lease.release();
    expect(await names(p, 'under')).toEqual([{ name: 'From backup' }]);
  });

  it('is checked again when another program changed it, before anything is read', async () => {
    const { p, file } = await checkedAndEvicted('changed');
    await p.withFamily('changed', () => undefined); // leased, and kept in the pool, unopened
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = new Database(file);
    outside.pragma('journal_mode = wal');
    outside.prepare("insert into dashboards (name) values ('Theirs')").run();
    outside.close();
    expect(await names(p, 'changed')).toEqual([{ name: 'Theirs' }]);
    // The checks ran: families use a rollback journal, and the pool switched it back.
    const check = new Database(file, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });
});
