import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { defaultDashboardName } from '../../src/family/new-family.js';
import { createFamily } from '../../src/tenants/create-family.js';
import { hashPassword } from '../../src/accounts/password.js';
import { insertMember } from '../../src/accounts/member-queries.js';
import { familyFilePath } from '../../src/tenants/paths.js';

// Shared by the owner command tests: a live server over a temp data folder,
// families made the way `family create` makes them, and ways to look inside
// (or break) a family file.

export const PASSWORD = 'correct horse battery';

const madeDirs: string[] = [];
const servers: RunningServer[] = [];
// Registered when a test file imports this module, so servers started and
// folders made inside hooks and tests are cleaned up too.
afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  for (const dir of madeDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder on real disk (a data folder, or a place for files to restore), removed after the test file. */
export function tempDir(prefix = 'dinkydash-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

/** A server on a loopback port, stopped after the test file. */
export async function startTestServer(dataDir: string): Promise<RunningServer> {
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1' });
  servers.push(server);
  return server;
}

let passwordHash: Promise<string> | undefined;

/** A family as `family create --admin anna` leaves it (the password is hashed once per test file: argon2 is slow on purpose). */
export async function createTestFamily(dataDir: string, slug: string, admin = 'anna'): Promise<string> {
  const hash = await (passwordHash ??= hashPassword(PASSWORD));
  return createFamily(dataDir, { slug, name: `The ${slug}`, timeZone: 'Europe/Berlin' }, async (db) => {
    await db.insertInto('dashboards').values({ name: defaultDashboardName('en'), is_default: 1 }).execute();
    await insertMember(db, { username: admin, displayName: admin, role: 'admin', passwordHash: hash });
  });
}

/** Rows of a query on any SQLite file, through a read-only handle. */
export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function dashboardNames(file: string): string[] {
  return query<{ name: string }>(file, 'select name from dashboards order by id').map((r) => r.name);
}

/** Overwrites pages in the middle of the file with garbage (what a failing SD card does). */
export function damagePages(file: string, firstPage = 3, pages = 4, pageSize = 4096): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(pages * pageSize, 0xa5), 0, pages * pageSize, firstPage * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

/** Files a command left behind while building (names starting with '.'), in tenants/ and the folders next to it. */
export function leftoverTempFiles(dataDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.startsWith('.') || entry.name.endsWith('.partial')) found.push(full);
    }
  };
  walk(dataDir);
  return found;
}

export function familyFile(dataDir: string, slug: string): string {
  return familyFilePath(dataDir, slug);
}

export function auditLines(dataDir: string): Array<Record<string, unknown>> {
  const file = path.join(dataDir, 'audit.log');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}
