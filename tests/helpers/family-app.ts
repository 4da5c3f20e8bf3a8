import { afterAll } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { FamilyPool } from '../../src/tenants/pool.js';
import { setUpNewFamily } from '../../src/family/new-family.js';
import { hashPassword } from '../../src/accounts/password.js';
import { insertMember } from '../../src/accounts/member-queries.js';
import type { Role } from '../../src/accounts/tables.js';
import { makeDataDir } from './data-dir.js';
import type { SignupMode } from '../../src/config.js';

export const ORIGIN = 'http://localhost';

export interface TestApp {
  dataDir: string;
  pool: FamilyPool;
  app: App;
  /** GET with an optional session cookie. */
  get(path: string, cookie?: string, headers?: Record<string, string>): Promise<Response>;
  /** A form POST from our own origin (passes the CSRF check). */
  post(path: string, form: Record<string, string | string[]> | FormData, cookie?: string, headers?: Record<string, string>): Promise<Response>;
  /** Signs in and returns the Cookie header value. */
  signIn(slug: string, username: string, password: string, remember?: boolean): Promise<string>;
}

/** The whole app on a fresh data folder, driven in-process with app.request(). */
export function makeTestApp(options: { signup?: SignupMode; maxFamilies?: number; dataDir?: string } = {}): TestApp {
  const dataDir = options.dataDir ?? makeDataDir();
  const pool = new FamilyPool({ dataDir });
  afterAll(() => pool.close(0));
  const app = createApp({ pool, config: { dataDir, signup: options.signup ?? 'open', maxFamilies: options.maxFamilies, version: 'test' } });
  const get = async (path: string, cookie?: string, headers: Record<string, string> = {}) =>
    app.request(`${ORIGIN}${path}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const post = async (path: string, form: Record<string, string | string[]> | FormData, cookie?: string, headers: Record<string, string> = {}) => {
    let body: URLSearchParams | FormData;
    if (form instanceof FormData) body = form;
    else {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    return app.request(`${ORIGIN}${path}`, { method: 'POST', body, headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}), ...headers } });
  };
  const signIn = async (slug: string, username: string, password: string, remember = false) => {
    const res = await post(`/${slug}/login`, { username, password, ...(remember ? { remember: 'on' } : {}) });
    if (res.status !== 303) throw new Error(`sign-in as ${username} failed with ${res.status}`);
    return sessionCookieFrom(res);
  };
  return { dataDir, pool, app, get, post, signIn };
}

export function sessionCookieFrom(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /dinkydash_session=([^;]*)/.exec(header);
  if (!match) throw new Error('no session cookie in the response');
  return `dinkydash_session=${match[1]}`;
}

export interface TestMember {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
}

/** A family with an admin (the first member) and further members, on disk. */
export async function createTestFamily(t: TestApp, slug: string, members: TestMember[], options: { name?: string; timeZone?: string; language?: string } = {}): Promise<void> {
  const [admin, ...others] = members;
  if (!admin || admin.role !== 'admin') throw new Error('the first test member must be an admin');
  await setUpNewFamily(t.dataDir, {
    slug,
    name: options.name ?? `Family ${slug}`,
    timeZone: options.timeZone ?? 'Europe/Berlin',
    language: options.language,
    admin: { username: admin.username, password: admin.password, displayName: admin.displayName },
  });
  for (const m of others) {
    const passwordHash = await hashPassword(m.password);
    await t.pool.withFamily(slug, ({ db }) => insertMember(db, { username: m.username, displayName: m.displayName ?? m.username, role: m.role, passwordHash }));
  }
}

export const PASSWORD = 'correct horse battery';
export const ADMIN: TestMember = { username: 'mum', password: PASSWORD, role: 'admin', displayName: 'Mum' };
export const KID: TestMember = { username: 'estelle', password: PASSWORD, role: 'member', displayName: 'Estelle' };
export const GRANDPA: TestMember = { username: 'grandpa', password: PASSWORD, role: 'viewer', displayName: 'Grandpa' };
