import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { runCli } from '../helpers/cli.js';

// A family is one regular file. A symbolic link in data/tenants/ (beta.db ->
// alpha.db) would serve alpha's family, sessions and all, at /beta/: the
// server refuses it like a missing family and tells the owner in its log, and
// `dinkydash check` names it.

const t = makeTestApp();
const tenant = (name: string) => path.join(t.dataDir, 'tenants', name);
let alphaCookie: string;

beforeAll(async () => {
  await createTestFamily(t, 'alpha', [ADMIN], { name: 'The Alphas' });
  await createTestFamily(t, 'gamma', [ADMIN], { name: 'The Gammas' });
  alphaCookie = await t.signIn('alpha', ADMIN.username, ADMIN.password);
  fs.symlinkSync('alpha.db', tenant('beta.db'));
});

afterEach(() => vi.restoreAllMocks());

describe('a family path that is not a regular file', () => {
  it('is not served: a symbolic link to another family answers "not a family file", sessions of the target included, and is logged once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const anonymous = await t.get('/beta/login');
    expect(anonymous.status).toBe(404);
    const page = await anonymous.text();
    expect(page).toContain('Not a family file');
    expect(page).not.toContain('The Alphas');
    // alpha's session cookie must not open alpha's family at beta's address.
    const signedIn = await t.get('/beta/', alphaCookie);
    expect(signedIn.status).toBe(404);
    expect(await signedIn.text()).not.toContain('The Alphas');
    const login = await t.post('/beta/login', { username: ADMIN.username, password: ADMIN.password });
    expect(login.status).toBe(404);
    expect(login.headers.get('set-cookie')).toBeNull();
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(lines.filter((l) => l.includes('"beta"'))).toEqual(['[dinkydash] The family "beta" cannot be served: it is a symbolic link to alpha.db, not a family file (a family must be a regular file: copy the file itself there instead).']);
    // The real family is untouched.
    expect((await t.get('/alpha/', alphaCookie)).status).toBe(200);
  });

  it('is refused at the next request when an open family is replaced by a link', async () => {
    const cookie = await t.signIn('gamma', ADMIN.username, ADMIN.password);
    expect((await t.get('/gamma/', cookie)).status).toBe(200);
    const moved = path.join(t.dataDir, 'gamma-elsewhere.db');
    fs.renameSync(tenant('gamma.db'), moved);
    fs.symlinkSync(moved, tenant('gamma.db'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await t.get('/gamma/', cookie);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Not a family file');
    expect(t.pool.isOpen('gamma')).toBe(false);
    // Put back as a file, it is served again.
    fs.rmSync(tenant('gamma.db'));
    fs.renameSync(moved, tenant('gamma.db'));
    expect((await t.get('/gamma/', cookie)).status).toBe(200);
  });

  it('is named by `dinkydash check`: a link, a folder and a named pipe, without hanging on the pipe', async () => {
    fs.mkdirSync(tenant('folder.db'));
    execFileSync('mkfifo', [tenant('pipe.db')]);
    const result = await runCli(t.dataDir, ['check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('dinkydash: PROBLEM  beta: a symbolic link to alpha.db, not a family file (a family must be a regular file: copy the file itself there instead)');
    expect(result.stderr).toContain('dinkydash: PROBLEM  folder: a folder, not a family file');
    expect(result.stderr).toContain('dinkydash: PROBLEM  pipe: a named pipe, not a family file');
    expect(result.stdout).toContain('ok       alpha:');
    const json = JSON.parse((await runCli(t.dataDir, ['check', '--json'])).stdout) as { families: { slug: string; ok: boolean }[] };
    expect(json.families.filter((f) => !f.ok).map((f) => f.slug).sort()).toEqual(['beta', 'folder', 'pipe']);
  });
});
