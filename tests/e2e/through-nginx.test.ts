import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser, startLiveServer } from '../helpers/live-server.js';
import { freePort, startNginx, type RunningNginx } from '../appliance/nginx-harness.js';

// The real server behind the real nginx site (nginx/dinkydash.conf), both on loopback ports.
const PASSWORD = 'through the proxy 1';
let nginx: RunningNginx;

beforeAll(async () => {
  const server = await startLiveServer(makeDataDir());
  nginx = await startNginx({ listenPort: await freePort(), upstreamPort: Number(new URL(server.url).port) });
});
afterAll(() => nginx?.stop());

describe('behind nginx', () => {
  it('signs up, signs in and changes data: the Origin check passes through the proxy', async () => {
    const b = browser(nginx.origin);
    const signUp = await b.post('/signup', { family_name: 'The Proxies', slug: 'proxies', username: 'mum', password: PASSWORD, time_zone: 'Europe/Berlin' });
    expect(signUp.status).toBe(303);
    expect(signUp.headers.get('location')).toBe('/proxies/');
    const add = await b.post('/proxies/members', { username: 'kid', display_name: 'Kid', role: 'member', password: PASSWORD, color: '#16a34a', avatar: '🦊' });
    expect(add.status).toBe(200);
    expect(await add.text()).toContain('Kid was added.');

    const kid = browser(nginx.origin);
    const signIn = await kid.post('/proxies/login', { username: 'kid', password: PASSWORD });
    expect(signIn.status).toBe(303);
    expect((await kid.get('/proxies/me')).status).toBe(200);
  });

  it('refuses a cross-site POST through the proxy', async () => {
    const res = await fetch(`${nginx.origin}/signup`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ family_name: 'Evil', slug: 'evil', username: 'x', password: PASSWORD }),
      headers: { origin: 'http://evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await fetch(`${nginx.origin}/evil/login`)).status).toBe(404);
  });

  it('serves static assets compressed and cacheable', async () => {
    const page = await (await fetch(`${nginx.origin}/`)).text();
    const css = /href="(\/static\/app\.css\?v=[^"]+)"/.exec(page)![1]!;
    const res = await fetch(`${nginx.origin}${css}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('uploads a photo with a chore and refreshes a wall display through the proxy', async () => {
    const b = browser(nginx.origin);
    expect((await b.post('/proxies/login', { username: 'mum', password: PASSWORD })).status).toBe(303);
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#e11d48' } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('name', 'Walk the dog');
    form.append('icon', '');
    form.append('dashboard_id', String(await firstDashboardId(b)));
    form.append('mode', 'daily');
    form.append('rotation', 'Mum\nKid');
    form.append('image', new Blob([photo], { type: 'image/jpeg' }), 'dog.jpg');
    const created = await b.post('/proxies/manage/chores/new', form);
    expect(created.status).toBe(303);

    const link = await b.post('/proxies/manage/displays', { dashboard_id: String(await firstDashboardId(b)), label: 'Kitchen' });
    const display = /\/proxies\/display\/([a-z2-7]{32})/.exec(await link.text())![0];
    const page = await fetch(`${nginx.origin}${display}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Walk the dog');
    const image = /src="(\/proxies\/display\/[a-z2-7]{32}\/images\/\d+)"/.exec(html)![1]!;
    const picture = await fetch(`${nginx.origin}${image}`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/webp');

    const content = await fetch(`${nginx.origin}${display}/content`, { headers: { 'hx-request': 'true', 'accept-encoding': 'gzip' } });
    expect(content.status).toBe(200);
    const etag = content.headers.get('etag')!;
    await content.text();
    const poll = await fetch(`${nginx.origin}${display}/content`, { headers: { 'hx-request': 'true', 'if-none-match': etag, 'accept-encoding': 'gzip' } });
    expect(poll.status).toBe(304);
  });

  it('lets the app explain a photo over 5 MB at the form field, and nginx a far larger one', async () => {
    const b = browser(nginx.origin);
    expect((await b.post('/proxies/login', { username: 'mum', password: PASSWORD })).status).toBe(303);
    const dashboardId = await firstDashboardId(b);
    const form = new FormData();
    form.append('name', 'Feed the cat');
    form.append('icon', '🐈');
    form.append('dashboard_id', String(dashboardId));
    form.append('mode', 'daily');
    form.append('rotation', 'Mum\nKid');
    form.append('image', new Blob([new Uint8Array(6 * 1024 * 1024 + 200_000)], { type: 'image/jpeg' }), 'big.jpg');
    const tooBig = await b.post('/proxies/manage/chores/new', form);
    expect(tooBig.status).toBe(400);
    const page = await tooBig.text();
    expect(page).toContain('the limit is 5 MB');
    expect(page).toContain('Feed the cat'); // the other values are kept

    const huge = new FormData();
    huge.append('image', new Blob([new Uint8Array(9 * 1024 * 1024)], { type: 'image/jpeg' }), 'huge.jpg');
    const res = await b.post('/proxies/manage/chores/new', huge);
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/5 MB/);
  });
});

async function firstDashboardId(b: ReturnType<typeof browser>): Promise<number> {
  const hub = await (await b.get('/proxies/manage')).text();
  return Number(/\/manage\/dashboards\/(\d+)/.exec(hub)![1]);
}
