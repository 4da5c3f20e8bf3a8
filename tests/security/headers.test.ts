import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, PASSWORD, createTestFamily, makeTestApp } from '../helpers/family-app.js';

const t = makeTestApp();
let admin: string;

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN]);
  admin = await t.signIn('smiths', 'mum', PASSWORD);
});

describe('response headers', () => {
  it('send a CSP with no inline script, nosniff, a referrer policy and frame protection on every page', async () => {
    for (const path of ['/', '/smiths/login', '/smiths/', '/smiths/members', '/smiths/settings', '/smiths/manage', '/smiths/me', '/nobody/', '/healthz']) {
      const res = await t.get(path, admin);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc, path).toBe("'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('serve no inline script on any page', async () => {
    for (const path of ['/', '/smiths/login', '/smiths/', '/smiths/members', '/smiths/settings', '/smiths/manage']) {
      const html = await (await t.get(path, admin)).text();
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toMatch(/\bsrc="\/static\//);
      expect(html, path).not.toMatch(/\son[a-z]+="/); // no inline event handlers
    }
  });
});
