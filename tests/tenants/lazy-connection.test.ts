import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FamilyPool } from '../../src/tenants/pool.js';
import { createFamily } from '../../src/tenants/create-family.js';
import { FamilyBusyError, FamilyNotFoundError, FamilyTooNewError } from '../../src/tenants/errors.js';
import { runInFamilyScope } from '../../src/tenants/scope.js';
import { markFileNewer } from '../helpers/old-family.js';
import { LATEST_SCHEMA_VERSION } from '../../src/tenants/migrate.js';
import { familyFilePath } from '../../src/tenants/paths.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { isOpenHere } from '../helpers/open-files.js';

// A family file found sound before and unchanged since is connected to only
// when a query needs it (src/tenants/pool.ts): a display answered from what
// is remembered of the family opens no file. Seen here as the process's open
// file descriptors.

const pools: FamilyPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close(0)));
});


describe('a family connected to when first queried', () => {
  it('is opened and checked at its first lease, and after that only when a query runs', async () => {
    const dataDir = makeDataDir();
    await createFamily(dataDir, { slug: 'alpha', name: 'Alpha', timeZone: 'Europe/Berlin' });
    const file = familyFilePath(dataDir, 'alpha');
    const pool = new FamilyPool({ dataDir });
    pools.push(pool);
    // First lease: the file is checked (and so opened) before anything is lent.
    const first = await pool.lease('alpha');
    expect(isOpenHere(file)).toBe(true);
    first.release();
    pool.forget('alpha');
    expect(isOpenHere(file)).toBe(false);

    const lease = await pool.lease('alpha');
    try {
      expect(isOpenHere(file)).toBe(false);
      const names = await pool.withFamily('alpha', ({ db }) => db.selectFrom('family_settings').select('name').execute());
      expect(names).toEqual([{ name: 'Alpha' }]);
      expect(isOpenHere(file)).toBe(true);
    } finally {
      lease.release();
    }
  });

  it('uses a sound family file moved in between the lease and its first query, and refuses one it would have to check first', async () => {
    const dataDir = makeDataDir();
    for (const slug of ['alpha', 'beta']) await createFamily(dataDir, { slug, name: slug === 'alpha' ? 'Alpha' : 'Beta', timeZone: 'Europe/Berlin' });
    const pool = new FamilyPool({ dataDir });
    pools.push(pool);
    const moveIn = (file: string) => {
      fs.copyFileSync(file, path.join(dataDir, 'incoming.db'));
      fs.renameSync(path.join(dataDir, 'incoming.db'), familyFilePath(dataDir, 'alpha'));
    };
    const firstQueryAfter = async (change: () => unknown) => {
      await pool.withFamily('alpha', ({ db }) => db.selectFrom('dashboards').select('id').execute());
      pool.forget('alpha');
      const lease = await pool.lease('alpha');
      try {
        await change();
        return await runInFamilyScope(lease, () => lease.db.selectFrom('family_settings').select('name').execute());
      } finally {
        lease.release();
      }
    };
    // An owner restores a sound family file over alpha's while a request holds the lease: the request reads it.
    expect(await firstQueryAfter(() => moveIn(familyFilePath(dataDir, 'beta')))).toEqual([{ name: 'Beta' }]);
    // One saved by a newer DinkyDash is not read unchecked: "busy, try again", and the next lease refuses it properly.
    const newer = path.join(dataDir, 'newer.db');
    fs.copyFileSync(familyFilePath(dataDir, 'beta'), newer);
    markFileNewer(newer, LATEST_SCHEMA_VERSION + 1);
    await expect(firstQueryAfter(() => moveIn(newer))).rejects.toBeInstanceOf(FamilyBusyError);
    await expect(pool.lease('alpha')).rejects.toBeInstanceOf(FamilyTooNewError);
    // Replaced while a request holds its lease, and another request already leased the new file
    // (which retired the first one's handle): the first request's query still gets an answer.
    fs.copyFileSync(familyFilePath(dataDir, 'beta'), familyFilePath(dataDir, 'alpha'));
    expect(
      await firstQueryAfter(() => {
        moveIn(familyFilePath(dataDir, 'beta'));
        return pool.withFamily('alpha', () => undefined);
      }),
    ).toEqual([{ name: 'Beta' }]);
    // Removed before the first query: not found, as for the next lease.
    moveIn(familyFilePath(dataDir, 'beta'));
    await expect(firstQueryAfter(() => fs.rmSync(familyFilePath(dataDir, 'alpha')))).rejects.toBeInstanceOf(FamilyNotFoundError);
  });
});
