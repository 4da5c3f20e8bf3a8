import fs from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../migrations/index.js';
import { migrateFile } from '../../src/tenants/migrate.js';
import { familyFilePath } from '../../src/tenants/paths.js';

/** A family file as an older DinkyDash left it: migrated only up to `version`. */
export async function createFamilyFileAtVersion(dataDir: string, slug: string, version: number, name = slug): Promise<string> {
  const file = familyFilePath(dataDir, slug);
  fs.mkdirSync(`${dataDir}/tenants`, { recursive: true });
  const sqlite = new Database(file);
  await migrateFile(sqlite, slug, { initialize: true, migrations: MIGRATIONS.filter((m) => m.version <= version) });
  sqlite.prepare("insert into family_settings (id, name, time_zone) values (1, ?, 'Europe/Berlin')").run(name);
  sqlite.close();
  return file;
}

/** Pretends a newer DinkyDash saved the file. */
export function markFileNewer(file: string, version: number): void {
  const sqlite = new Database(file);
  sqlite.pragma(`user_version = ${version}`);
  sqlite.close();
}
