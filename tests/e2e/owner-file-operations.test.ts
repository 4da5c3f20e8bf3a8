import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, tenantFiles } from '../helpers/data-dir.js';
import { browser, startLiveServer } from '../helpers/live-server.js';
import { setUpNewFamily } from '../../src/family/new-family.js';
import { markFileNewer } from '../helpers/old-family.js';
import type { RunningServer } from '../../src/server.js';

const PASSWORD = 'kitchen wall 2026';
const STACK_TRACE = /\bat \S+ \(|\.[jt]s:\d+|node:internal|node_modules/;
const dataDir = makeDataDir();
let server: RunningServer;
const file = (slug: string) => path.join(dataDir, 'tenants', `${slug}.db`);

async function signUp(slug: string, name: string) {
  const b = browser(server.url);
  const res = await b.post('/signup', { family_name: name, slug, username: 'mum', password: PASSWORD, time_zone: 'Europe/Berlin' });
  expect(res.status).toBe(303);
  return b;
}

async function addMember(b: ReturnType<typeof browser>, slug: string, username: string) {
  const res = await b.post(`/${slug}/members`, { username, display_name: username, role: 'member', password: PASSWORD, color: '#16a34a', avatar: '🦊' });
  expect(res.status).toBe(200);
}

function usernamesIn(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('select username from members order by id').all() as { username: string }[]).map((r) => r.username);
  } finally {
    db.close();
  }
}

/** A GET with the path sent exactly as written (fetch would normalise "%2e%2e"). */
function rawGet(rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  server = await startLiveServer(dataDir);
});

describe('the owner works with family files while the server runs', () => {
  it('answers /healthz with status, version and open family handles', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', version: expect.any(String), openFamilies: expect.any(Number) });
  });

  it('a file copied with cp after a write holds the write', async () => {
    const b = await signUp('copied', 'The Copies');
    await addMember(b, 'copied', 'kid1');
    const copy = path.join(makeDataDir(), 'copied.db');
    fs.copyFileSync(file('copied'), copy);
    expect(usernamesIn(copy)).toEqual(['mum', 'kid1']);
    expect(tenantFiles(dataDir).filter((f) => f.startsWith('copied'))).toEqual(['copied.db']);
  });

  it('a removed file gives 404 at the next request, its handle is closed, and it is never recreated', async () => {
    const b = await signUp('removed', 'The Removed');
    expect((await b.get('/removed/')).status).toBe(200);
    fs.rmSync(file('removed'));
    expect((await b.get('/removed/')).status).toBe(404);
    expect((await b.get('/removed/login')).status).toBe(404);
    const write = await b.post('/removed/members', { username: 'ghost', display_name: 'Ghost', role: 'member', password: PASSWORD, color: '#000000', avatar: 'G' });
    expect(write.status).toBe(404);
    expect(server.pool.isOpen('removed')).toBe(false);
    expect(fs.existsSync(file('removed'))).toBe(false);
    expect(tenantFiles(dataDir).filter((f) => f.startsWith('removed'))).toEqual([]);
  });

  it('a file moved in over a family is served at the next request', async () => {
    const b = await signUp('swapped', 'The Originals');
    expect(await (await fetch(`${server.url}/swapped/login`)).text()).toContain('The Originals');
    const elsewhere = makeDataDir();
    await setUpNewFamily(elsewhere, { slug: 'swapped', name: 'The Replacements', timeZone: 'UTC', admin: { username: 'dad', password: PASSWORD } });
    fs.renameSync(path.join(elsewhere, 'tenants', 'swapped.db'), file('swapped'));
    const page = await (await fetch(`${server.url}/swapped/login`)).text();
    expect(page).toContain('The Replacements');
    // The old session lived in the old file: it is gone with it.
    expect((await b.get('/swapped/')).status).toBe(303);
  });

  it('a file moved in as a new family is served at once', async () => {
    const elsewhere = makeDataDir();
    await setUpNewFamily(elsewhere, { slug: 'arrivals', name: 'The Arrivals', timeZone: 'UTC', admin: { username: 'dad', password: PASSWORD } });
    expect((await fetch(`${server.url}/arrivals/login`)).status).toBe(404);
    fs.renameSync(path.join(elsewhere, 'tenants', 'arrivals.db'), file('arrivals'));
    const res = await fetch(`${server.url}/arrivals/login`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('The Arrivals');
  });

  it('never creates a family by asking for it, and refuses every odd address', async () => {
    for (const address of ['/nobody/', '/nobody/login', '/%2e%2e/', '/..%2f..%2fetc/', '/Smiths/', '/a/', '/x'.padEnd(44, 'x') + '/', '/.hidden/', '/healthz/x', '/-dash/']) {
      const res = await rawGet(address);
      // "/%2e%2e/" is resolved to "/" by URL parsing, before any routing: the start page, not a family.
      if (res.status === 200) expect(res.body, address).toContain('Go to my family');
      else expect([301, 404], address).toContain(res.status);
      if (res.status === 404) expect(res.body, address).not.toMatch(STACK_TRACE);
    }
    const post = await fetch(`${server.url}/nobody/login`, { method: 'POST', body: new URLSearchParams({ username: 'a', password: 'b' }), headers: { origin: server.url } });
    expect(post.status).toBe(404);
    expect(tenantFiles(dataDir).some((f) => f.startsWith('nobody') || f.startsWith('.'))).toBe(false);
    expect(fs.readdirSync(dataDir).sort()).toEqual(expect.arrayContaining(['tenants']));
  });

  it('answers a family saved by a newer DinkyDash with a clear 503 page and leaves the file alone', async () => {
    await signUp('future', 'The Futures');
    server.pool.forget('future');
    markFileNewer(file('future'), 999);
    const before = fs.readFileSync(file('future'));
    const res = await fetch(`${server.url}/future/login`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('needs a newer DinkyDash');
    expect(fs.readFileSync(file('future')).equals(before)).toBe(true);
    // Other families are unaffected.
    expect((await fetch(`${server.url}/arrivals/login`)).status).toBe(200);
  });

  it('answers a file that is not a database with a clear 503 page', async () => {
    fs.writeFileSync(file('garbage'), 'not a database, just words '.repeat(100));
    const res = await fetch(`${server.url}/garbage/login`);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain('cannot be opened');
    expect(text).not.toMatch(STACK_TRACE);
  });
});
