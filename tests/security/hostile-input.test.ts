import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, KID, PASSWORD, createTestFamily, makeTestApp, ORIGIN } from '../helpers/family-app.js';

// Hostile input over every form and route: never a 500, never a stack trace,
// never a stored script, never a file outside data/tenants/.
const t = makeTestApp();
let admin: string;
let kid: string;
const STACK = /\bat \S+ \(|\.[jt]sx?:\d+:\d+|node:internal|node_modules|SqliteError|TypeError/;

const NASTY = [
  '',
  ' ',
  'a'.repeat(10_000),
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1; --",
  "'); DROP TABLE members; --",
  '../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  '\u0000\u0001\u0002',
  '\u202e\u200b\ufeff',
  '𝕳𝖊𝖑𝖑𝖔 👨‍👩‍👧‍👦 🏳️‍🌈',
  '\ud800',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  'NaN',
  '[object Object]',
  '{"a":1}',
];

const FORMS: [string, string[]][] = [
  ['/signup', ['family_name', 'slug', 'username', 'display_name', 'password', 'time_zone']],
  ['/smiths/login', ['username', 'password', 'next', 'remember']],
  ['/smiths/members', ['username', 'display_name', 'role', 'password', 'color', 'avatar']],
  ['/smiths/members/1', ['display_name', 'role', 'color', 'avatar', 'birth_date']],
  ['/smiths/members/2/password', ['password']],
  ['/smiths/invitations', ['role', 'note']],
  ['/smiths/me', ['display_name', 'color', 'avatar', 'birth_date']],
  ['/smiths/me/password', ['current_password', 'password']],
  ['/smiths/settings', ['name', 'time_zone', 'theme', 'accent_color', 'date_format', 'clock', 'week_start', 'night_start', 'night_end', 'night_mode']],
  ['/smiths/manage/dashboards', ['name', 'size']],
  ['/smiths/manage/dashboards/1', ['name', 'size']],
  ['/smiths/manage/chores/new', ['name', 'icon', 'dashboard_id', 'mode', 'rotation', 'start_date']],
  ['/smiths/manage/countdowns/new', ['name', 'icon', 'dashboard_id', 'kind', 'year', 'month', 'day']],
  ['/smiths/manage/displays', ['dashboard_id', 'label']],
  ['/smiths/chores/1/done', ['done_by']],
  ['/smiths/calendar/events/new', ['title', 'date', 'all_day', 'start_time', 'end_date', 'end_time', 'repeat', 'repeat_days', 'repeat_until', 'repeat_count', 'who', 'location', 'note']],
  ['/smiths/manage/calendar/people', ['name', 'kind', 'birth_date', 'birth_year_unknown', 'color', 'avatar']],
  ['/smiths/manage/calendar/links', ['label']],
];

function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN, KID]);
  await createTestFamily(t, 'jones', [{ ...ADMIN, username: 'dad' }]);
  admin = await t.signIn('smiths', 'mum', PASSWORD);
  kid = await t.signIn('smiths', 'estelle', PASSWORD);
});

describe('hostile input', () => {
  it('answers every nasty value in every form field without a 500 or a stack trace, and stores no script', async () => {
    const before = listing(t.dataDir).filter((f) => !f.startsWith('tenants/'));
    let cases = 0;
    for (const [action, names] of FORMS) {
      for (const value of NASTY) {
        for (const cookie of [admin, kid, undefined]) {
          const form = Object.fromEntries(names.map((n) => [n, value]));
          const res = await t.post(action, form, cookie);
          cases++;
          const body = await res.text();
          expect(res.status, `${action} ${JSON.stringify(value).slice(0, 40)}`).toBeLessThan(500);
          expect(body, action).not.toMatch(STACK);
          expect(body, action).not.toContain('<script>alert(1)</script>');
          expect(body, action).not.toContain('<img src=x onerror');
        }
      }
    }
    // Whatever was stored renders escaped on every page.
    for (const page of ['/smiths/', '/smiths/members', '/smiths/manage', '/smiths/settings', '/smiths/me', '/smiths/manage/displays', '/smiths/calendar', '/smiths/calendar/month', '/smiths/manage/calendar', '/smiths/manage/calendar/people']) {
      const html = await (await t.get(page, admin)).text();
      expect(html, page).not.toContain('<script>alert(1)</script>');
      expect(html, page).not.toMatch(/<img src=x onerror/);
    }
    // No file appeared anywhere but in data/tenants/, and no family was made from a nasty slug.
    expect(listing(t.dataDir).filter((f) => !f.startsWith('tenants/'))).toEqual(before);
    expect(fs.readdirSync(path.join(t.dataDir, 'tenants')).every((f) => /^[a-z0-9][a-z0-9-]{1,39}\.db$/.test(f))).toBe(true);
    expect(cases).toBeGreaterThan(800);
  });

  it('answers random bytes in every form, path segment and multipart body without a 500', async () => {
    // Seeded, so a failure can be replayed: FUZZ_SEED=<seed> npx vitest run tests/security/hostile-input.test.ts
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const random = mulberry32(seed);
    const int = (n: number) => Math.floor(random() * n);
    const bytes = (max: number) => Buffer.from(Array.from({ length: int(max) }, () => int(256)));
    const percent = (b: Buffer) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('');
    const before = listing(t.dataDir).filter((f) => !f.startsWith('tenants/'));
    let cases = 0;
    const expectCalm = async (res: Response, what: string) => {
      cases++;
      const body = await res.text();
      expect(res.status, `${what} (FUZZ_SEED=${seed})`).toBeLessThan(500);
      expect(body, `${what} (FUZZ_SEED=${seed})`).not.toMatch(STACK);
    };
    for (const [action, names] of FORMS) {
      for (let i = 0; i < 12; i++) {
        // Any bytes at all, percent-encoded: invalid UTF-8, NULs, control characters, huge values.
        const fields = names.filter(() => random() < 0.8).map((n) => `${n}=${percent(bytes(i % 4 === 0 ? 6000 : 40))}`);
        if (random() < 0.3) fields.push(`${percent(bytes(20))}=${percent(bytes(20))}`);
        const res = await t.app.request(`${ORIGIN}${action}`, {
          method: 'POST',
          body: fields.join('&'),
          headers: { cookie: [admin, kid, ''][i % 3]!, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        });
        await expectCalm(res, `POST ${action} random urlencoded #${i}`);
      }
      for (let i = 0; i < 4; i++) {
        // A multipart body of random parts, sometimes cut short, sometimes with a file.
        const boundary = `b${int(1e9)}`;
        const parts = names.map((n) => {
          const file = random() < 0.3 ? `; filename="${bytes(10).toString('latin1')}"\r\nContent-Type: image/jpeg` : '';
          return Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${n}"${file}\r\n\r\n`, 'latin1'), bytes(3000), Buffer.from('\r\n')]);
        });
        let body = Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
        if (i % 2) body = body.subarray(0, int(body.length));
        const res = await t.app.request(`${ORIGIN}${action}`, {
          method: 'POST',
          body,
          headers: { cookie: admin, origin: ORIGIN, 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        await expectCalm(res, `POST ${action} random multipart #${i}`);
      }
    }
    const shapes = ['/{s}/', '/smiths/{s}', '/smiths/images/{s}', '/smiths/manage/chores/{s}', '/smiths/members/{s}', '/smiths/display/{s}/content', '/smiths/d/{s}', '/static/{s}', '/smiths/calendar/events/{s}', '/smiths/calendar/ical/{s}', '/smiths/calendar/week?date={s}'];
    for (let i = 0; i < 240; i++) {
      const shape = shapes[i % shapes.length]!;
      const res = await t.get(shape.replace('{s}', percent(bytes(60))), admin);
      await expectCalm(res, `GET ${shape} random #${i}`);
    }
    expect(listing(t.dataDir).filter((f) => !f.startsWith('tenants/'))).toEqual(before);
    expect(fs.readdirSync(path.join(t.dataDir, 'tenants')).every((f) => /^[a-z0-9][a-z0-9-]{1,39}\.db$/.test(f))).toBe(true);
    expect(cases).toBe(FORMS.length * 16 + 240);
  });

  it('answers odd paths, ids, methods and bodies with 4xx, never 500', async () => {
    const paths = [
      '/smiths/images/abc', '/smiths/images/-1', '/smiths/images/99999999999999999999', '/smiths/images/1%00', '/smiths/images/..%2f..%2fetc%2fpasswd',
      '/smiths/d/0', '/smiths/d/x', '/smiths/d/1/content', '/smiths/manage/chores/1e3', '/smiths/manage/countdowns/%27', '/smiths/members/NaN',
      '/smiths/display/short', '/smiths/display/' + 'a'.repeat(32), '/smiths/display/' + 'a'.repeat(32) + '/images/1', '/smiths/join/zzz',
      '/jones/manage', '/static/../package.json', '/static/app.css%00', '/%00/', '/smiths/%ff', '/smiths/' + 'x'.repeat(5000),
    ];
    for (const p of paths) {
      const res = await t.get(p, admin);
      expect(res.status, p).toBeLessThan(500);
      expect(await res.text(), p).not.toMatch(STACK);
    }
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await t.app.request(`${ORIGIN}/smiths/members`, { method, headers: { cookie: admin, origin: ORIGIN } });
      expect(res.status, method).toBeLessThan(500);
    }
    const bodies: [string, string][] = [
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nunterminated'],
      ['multipart/form-data', 'no boundary at all'],
      ['application/x-www-form-urlencoded', '%zz=%zz&&&==='],
      ['application/json', '{"name": "json"}'],
      ['text/plain', 'plain'],
    ];
    for (const [type, body] of bodies) {
      const res = await t.app.request(`${ORIGIN}/smiths/manage/chores/new`, { method: 'POST', body, headers: { cookie: admin, origin: ORIGIN, 'content-type': type } });
      expect(res.status, type).toBeLessThan(500);
      expect(await res.text(), type).not.toMatch(STACK);
    }
  });
});

/** A small seeded PRNG (mulberry32): the same seed gives the same cases. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
