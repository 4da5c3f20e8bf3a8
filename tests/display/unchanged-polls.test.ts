import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { startLiveServer } from '../helpers/live-server.js';
import { generateToken } from '../../src/accounts/session.js';
import { createDisplayLink } from '../../src/display/display-link-queries.js';
import { answeringUnchangedPolls, displayPollPath } from '../../src/display/unchanged-polls.js';
import { defaultDashboardId, setSettings } from '../dashboards/seed.js';

// A wall display's unchanged poll is answered in front of the app
// (src/display/unchanged-polls.ts). What it answers must be what the display's
// route would have answered, and anything it is not sure of must reach the app.

const t = makeTestApp();
/** Every request the front door passed on to the app. */
const passedOn: string[] = [];
const front = answeringUnchangedPolls(t.pool, 'test', (request, env) => {
  passedOn.push(new URL(request.url).pathname);
  return t.app.fetch(request, env);
});

async function newDisplay(slug: string): Promise<string> {
  const token = generateToken();
  const dashboardId = await defaultDashboardId(t, slug);
  await t.pool.withFamily(slug, ({ db }) => createDisplayLink(db, dashboardId, token, 'Kitchen'));
  return `/${slug}/display/${token}/content`;
}

/** The display's poll through the front door; `passed` says whether the app saw it. */
async function poll(content: string, etag?: string, init: RequestInit = {}): Promise<{ res: Response; passed: boolean }> {
  const before = passedOn.length;
  const headers: Record<string, string> = { 'hx-request': 'true', ...(etag ? { 'if-none-match': etag } : {}) };
  const res = await front(new Request(`http://localhost${content}`, { headers, ...init }));
  return { res, passed: passedOn.length > before };
}

/** A first poll, as a display makes after loading its page: content and the ETag to send back. */
async function firstPoll(content: string): Promise<string> {
  const { res, passed } = await poll(content);
  expect(res.status).toBe(200);
  expect(passed).toBe(true);
  return res.headers.get('etag')!;
}

/** A poll the front door must pass on, and the app's answer to it: its status and a text it shows. */
async function expectPassedOn(content: string, etag: string, status: number, text: string): Promise<Response> {
  const { res, passed } = await poll(content, etag);
  expect(passed).toBe(true);
  expect(res.status).toBe(status);
  expect(await res.text()).toContain(text);
  return res;
}

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => (out[name] = value));
  return out;
}

/** Another program writing the family's file, as the owner's CLI does. */
function writeFromOutside(slug: string, sql: string): void {
  const db = new Database(path.join(t.dataDir, 'tenants', `${slug}.db`));
  try {
    db.prepare(sql).run();
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN]);
  await createTestFamily(t, 'jones', [{ ...ADMIN, username: 'jo' }]);
});

describe('displayPollPath', () => {
  it("finds the slug and token of a display's content, with or without a query", () => {
    expect(displayPollPath('/smiths/display/abc/content')).toEqual({ slug: 'smiths', token: 'abc' });
    expect(displayPollPath('/smiths/display/abc/content?_=1')).toEqual({ slug: 'smiths', token: 'abc' });
  });

  it('leaves every other path, and any escaped character, to the app', () => {
    for (const p of ['/smiths/display/abc', '/smiths/display/abc/content/', '/smiths/d/1/content', '/a/smiths/display/abc/content', '/smiths/display/a%62c/content', '/sm%69ths/display/abc/content']) {
      expect(displayPollPath(p)).toBeNull();
    }
  });
});

describe('the front door of unchanged polls', () => {
  it("answers an unchanged poll itself, with the very headers the display's route gives its 304", async () => {
    const content = await newDisplay('smiths');
    const etag = await firstPoll(content);
    const { res, passed } = await poll(content, etag);
    expect(res.status).toBe(304);
    expect(passed).toBe(false);
    expect(await res.text()).toBe('');
    // The route's own 304: a HEAD request goes past the front door to it.
    const routes = await poll(content, etag, { method: 'HEAD' });
    expect(routes.passed).toBe(true);
    expect(routes.res.status).toBe(304);
    expect(headersOf(res)).toEqual(headersOf(routes.res));
    expect(headersOf(res)).toMatchObject({ etag, 'cache-control': 'no-store', vary: 'HX-Request, Cookie', 'x-frame-options': 'DENY' });
    // A query string changes nothing.
    expect((await poll(`${content}?_=${Date.now()}`, etag)).res.status).toBe(304);
  });

  it("passes on a poll with no ETag, an old ETag, or a change written through the family's handle", async () => {
    const content = await newDisplay('smiths');
    const etag = await firstPoll(content);
    expect((await poll(content)).passed).toBe(true);
    const old = await poll(content, etag.replace('.t', '.x'));
    expect(old.passed).toBe(true);
    expect(old.res.status).toBe(200);
    await setSettings(t, 'smiths', { name: 'The Smiths, renamed' });
    const changed = await expectPassedOn(content, etag, 200, 'The Smiths, renamed');
    // And then the new ETag is answered in front again.
    const again = await poll(content, changed.headers.get('etag')!);
    expect(again).toMatchObject({ passed: false });
    expect(again.res.status).toBe(304);
  });

  it('passes on a poll once another program has written the family file, and shows the change', async () => {
    const content = await newDisplay('jones');
    const etag = await firstPoll(content);
    expect((await poll(content, etag)).passed).toBe(false);
    writeFromOutside('jones', "update family_settings set name = 'Jones, from the CLI' where id = 1");
    await expectPassedOn(content, etag, 200, 'Jones, from the CLI');
  });

  it('passes on a poll of a revoked link, a missing family file, and a family whose handle is closed', async () => {
    const content = await newDisplay('jones');
    let etag = await firstPoll(content);
    // Closed (idle, evicted): the app opens it again; the next poll is answered in front.
    t.pool.forget('jones');
    const reopened = await poll(content, etag);
    expect(reopened.passed).toBe(true);
    etag = reopened.res.headers.get('etag') ?? etag;
    expect((await poll(content, etag)).passed).toBe(false);
    // The file away: the display's message, never an old 304.
    const file = path.join(t.dataDir, 'tenants', 'jones.db');
    fs.renameSync(file, `${file}.away`);
    try {
      await expectPassedOn(content, etag, 404, 'This display is not connected to a family right now');
    } finally {
      fs.renameSync(`${file}.away`, file);
    }
    const back = await poll(content, etag);
    etag = back.res.headers.get('etag') ?? etag;
    expect((await poll(content, etag)).passed).toBe(false);
    // Revoked by another program: turned off, not 304.
    writeFromOutside('jones', "update display_links set revoked_at = datetime('now')");
    await expectPassedOn(content, etag, 404, 'This display link was turned off');
  });
});

describe('unchanged polls on the real server', () => {
  let base = '';
  let content = '';
  beforeAll(async () => {
    content = await newDisplay('smiths');
    await t.pool.close(0);
    base = (await startLiveServer(t.dataDir)).url;
  });

  it('answers 304 with the security headers, reading the path and header Node parsed', async () => {
    const first = await fetch(`${base}${content}`, { headers: { 'hx-request': 'true' } });
    expect(first.status).toBe(200);
    await first.text();
    const etag = first.headers.get('etag')!;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}${content}`, { headers: { 'hx-request': 'true', 'if-none-match': etag } });
      expect(res.status).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    writeFromOutside('smiths', "update family_settings set name = 'Smiths on the wall' where id = 1");
    const changed = await fetch(`${base}${content}`, { headers: { 'hx-request': 'true', 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('Smiths on the wall');
  });
});
