import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from '../../migrations/index.js';
import { migrateFile } from '../../src/tenants/migrate.js';
import { FamilyPool } from '../../src/tenants/pool.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { createFamilyFileAtVersion } from '../helpers/old-family.js';
import { FamilyUnreadableError } from '../../src/tenants/errors.js';

describe('migrations', () => {
  it('migrate an older file to the latest schema when it is first opened', async () => {
    const dataDir = makeDataDir();
    const file = await createFamilyFileAtVersion(dataDir, 'elders', 1, 'The Elders');
    const pool = new FamilyPool({ dataDir });
    const settings = await pool.withFamily('elders', async ({ db, sqlite }) => {
      expect(sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      await db.insertInto('dashboards').values({ name: 'Kitchen' }).execute();
      return db.selectFrom('family_settings').select('name').executeTakeFirstOrThrow();
    });
    await pool.close(0);
    expect(settings.name).toBe('The Elders');
    expect(fs.existsSync(file)).toBe(true);
  });

  it('leave the file exactly as it was when a step fails', async () => {
    const dataDir = makeDataDir();
    const file = await createFamilyFileAtVersion(dataDir, 'fragile', 1);
    const before = fs.readFileSync(file);
    const failing: Migration = {
      version: 3,
      name: 'fails halfway',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('step 3 broke');
      },
    };
    const sqlite = new Database(file);
    await expect(migrateFile(sqlite, 'fragile', { migrations: [MIGRATIONS[0]!, MIGRATIONS[1]!, failing] })).rejects.toThrow('step 3 broke');
    expect(sqlite.pragma('user_version', { simple: true })).toBe(1);
    sqlite.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuse a database that is not a DinkyDash family', async () => {
    const dataDir = makeDataDir();
    fs.mkdirSync(`${dataDir}/tenants`);
    const stray = new Database(`${dataDir}/tenants/stray.db`);
    stray.exec('create table notes (body text)');
    await expect(migrateFile(stray, 'stray')).rejects.toBeInstanceOf(FamilyUnreadableError);
    expect(stray.pragma('user_version', { simple: true })).toBe(0);
    stray.close();
  });
});
