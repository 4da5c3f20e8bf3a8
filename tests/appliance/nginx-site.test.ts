// The nginx site in front of DinkyDash (nginx/dinkydash.conf), checked with
// the real nginx: Debian's nginx accepts it, and a running nginx forwards,
// compresses, caches, limits uploads and keeps strangers out as promised.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENABLED_MODULES_DIR, enabledModules, freePorts, nginxBinary, sitePath, startNginx, testNginxConfig, writeNginxConfig, type RunningNginx } from './nginx-harness.js';
import { installAdvice } from '../helpers/test-needs.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

interface SeenRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
  bodyBytes: number;
}

const pageHtml = `<!doctype html><title>Smiths</title>${'<p>Whose turn is it to feed the dog?</p>'.repeat(100)}`;
const css = `body { font-family: sans-serif; }\n${'.chore { margin: 0 auto; }\n'.repeat(100)}`;

/** Stands in for the app: answers every request and remembers what it saw. */
function startFakeApp(port: number): Promise<{ seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, bodyBytes });
      if (req.url === '/static/app.css') {
        res.writeHead(200, { 'Content-Type': 'text/css' });
        res.end(css);
      } else if (req.url === '/static/versioned.css') {
        res.writeHead(200, { 'Content-Type': 'text/css', 'Cache-Control': 'public, max-age=31536000, immutable' });
        res.end(css);
      } else if (req.method === 'POST') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ bodyBytes }));
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(pageHtml);
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () =>
      resolve({ seen, close: () => new Promise<void>((done) => server.close(() => done())) }),
    );
  });
}

describe('nginx site: configuration', () => {
  it('is accepted by nginx inside Debian\'s own nginx.conf, as bin/install-pi installs it', () => {
    nginxBinary();
    const debianConf = '/etc/nginx/nginx.conf';
    expect(fs.existsSync(debianConf), 'Debian\'s /etc/nginx/nginx.conf is missing; install nginx with: apt-get install -y nginx').toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-nginx-t-'));
    try {
      // Debian's file as it is, with this site instead of sites-enabled, the
      // machine's enabled modules loaded from where nginx keeps them (the
      // temporary prefix would send their relative paths into dir), and the
      // pid and logs moved out of the system's folders.
      const modules = enabledModules();
      expect(
        modules.modules.length,
        `no dynamic nginx module is enabled in ${ENABLED_MODULES_DIR}, so this check cannot show that the site works beside one. ${installAdvice('libnginx-mod-http-echo')}`,
      ).toBeGreaterThan(0);
      const conf = fs
        .readFileSync(debianConf, 'utf8')
        .replace(/^\s*include \/etc\/nginx\/modules-enabled\/\*\.conf;$/m, () => modules.directives)
        .replace(/^\s*include \/etc\/nginx\/sites-enabled\/\*;$/m, `include ${sitePath};`)
        .replace(/^pid .*;$/m, `pid ${dir}/nginx.pid;`)
        .replace(/^(\s*)error_log .*;$/gm, `$1error_log ${dir}/error.log;`)
        .replace(/^(\s*)access_log .*;$/gm, `$1access_log ${dir}/access.log;`);
      expect(conf).toContain(`include ${sitePath};`);
      expect(conf).not.toContain(ENABLED_MODULES_DIR);
      const confPath = path.join(dir, 'nginx.conf');
      fs.writeFileSync(confPath, conf);
      const result = testNginxConfig(confPath);
      // (Run as a normal user, nginx only warns that it cannot switch to www-data.)
      const problems = result.output.split('\n').filter((line) => /\[(warn|emerg|alert|crit|error)\]/.test(line) && !line.includes('"user" directive'));
      expect(problems).toEqual([]);
      expect(result.ok, result.output).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is rejected by nginx -t when broken, so the check above means something', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-nginx-t-'));
    try {
      const broken = path.join(dir, 'site.conf');
      fs.writeFileSync(broken, fs.readFileSync(sitePath, 'utf8').replace('client_max_body_size 8m;', 'client_max_body_size six megabytes;'));
      const result = testNginxConfig(writeNginxConfig(dir, broken));
      expect(result.ok).toBe(false);
      expect(result.output).toContain('client_max_body_size');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('nginx site: in front of the app', () => {
  let nginx: RunningNginx;
  let app: Awaited<ReturnType<typeof startFakeApp>>;

  beforeAll(async () => {
    const [listenPort = 0, upstreamPort = 0] = await freePorts(2);
    app = await startFakeApp(upstreamPort);
    // Lets a test pretend to come from another address (X-Test-Client), to
    // check the allow/deny rules that otherwise only see 127.0.0.1.
    nginx = await startNginx({ listenPort, upstreamPort, extraHttp: '    set_real_ip_from 127.0.0.1;\n    real_ip_header X-Test-Client;' });
  });

  afterAll(async () => {
    await nginx?.stop();
    await app?.close();
  });

  it('passes pages to the app with the client\'s address, host and scheme', async () => {
    const reply = await request(`${nginx.origin}/smiths/`, {
      headers: { Host: 'kitchen-pi.local', 'X-Forwarded-For': '6.6.6.6', 'X-Test-Client': '192.168.1.20' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(pageHtml);
    const seen = app.seen.at(-1);
    expect(seen?.url).toBe('/smiths/');
    expect(seen?.headers.host).toBe('kitchen-pi.local');
    expect(seen?.headers['x-real-ip']).toBe('192.168.1.20');
    // A client cannot smuggle in another address through its own header.
    expect(seen?.headers['x-forwarded-for']).toBe('192.168.1.20');
    expect(seen?.headers['x-forwarded-proto']).toBe('http');
  });

  it('compresses pages and stylesheets for browsers that accept gzip', async () => {
    for (const url of ['/smiths/', '/static/app.css']) {
      const reply = await request(`${nginx.origin}${url}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(reply.headers['content-encoding'], url).toBe('gzip');
      expect(reply.body.length).toBeLessThan(1000);
      expect(zlib.gunzipSync(reply.body).toString()).toBe(url.endsWith('.css') ? css : pageHtml);
    }
  });

  it('lets browsers keep /static/ files for a month unless the app says otherwise', async () => {
    const plain = await request(`${nginx.origin}/static/app.css`);
    expect(plain.headers['cache-control']).toBe('public, max-age=2592000');
    const versioned = await request(`${nginx.origin}/static/versioned.css`);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await request(`${nginx.origin}/smiths/`);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('lets a form of up to 8 MB reach the app only on the routes that take a picture, so the app can explain the 5 MB limit itself', async () => {
    const photo = Buffer.alloc(7 * 1024 * 1024, 7);
    for (const url of ['/smiths/manage/chores/new', '/smiths/manage/chores/12', '/smiths/manage/countdowns/new', '/the-browsers-2/manage/countdowns/3']) {
      const reply = await request(`${nginx.origin}${url}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(photo.length) },
        body: photo,
      });
      expect(reply.status, url).toBe(200);
      expect(JSON.parse(reply.body.toString()), url).toEqual({ bodyBytes: photo.length });
    }
  });

  it('lets an ordinary form of up to 64 KB through, and answers a larger one itself, without bothering the app', async () => {
    const form = Buffer.alloc(64 * 1024, 'a');
    const fits = await request(`${nginx.origin}/smiths/login`, { method: 'POST', headers: { 'Content-Length': String(form.length) }, body: form });
    expect(fits.status).toBe(200);
    const before = app.seen.length;
    const large = Buffer.alloc(64 * 1024 + 1, 'a');
    for (const url of ['/smiths/login', '/signup', '/smiths/manage/chores/12/delete', '/smiths/manage/dashboards/new', '/smiths/members']) {
      const reply = await request(`${nginx.origin}${url}`, { method: 'POST', headers: { 'Content-Length': String(large.length) }, body: large });
      expect(reply.status, url).toBe(413);
      expect(reply.body.toString(), url).toContain('That was too large to send');
    }
    expect(app.seen.length).toBe(before);
  });

  it('answers a far too large upload with a readable page, without bothering the app', async () => {
    const before = app.seen.length;
    const huge = Buffer.alloc(9 * 1024 * 1024, 7);
    const reply = await request(`${nginx.origin}/smiths/manage/chores/new`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(huge.length) },
      body: huge,
    });
    expect(reply.status).toBe(413);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.body.toString()).toContain('Photos can be at most 5 MB');
    expect(app.seen.length).toBe(before);
  });

  it('answers devices on the home network and turns away everyone else', async () => {
    const homeNetwork = ['127.0.0.1', '10.1.2.3', '172.20.0.5', '192.168.178.40', 'fd12:3456::5', 'fe80::1', '::1'];
    const outside = ['8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:db8::1'];
    for (const address of homeNetwork) {
      const reply = await request(`${nginx.origin}/smiths/`, { headers: { 'X-Test-Client': address } });
      expect(reply.status, address).toBe(200);
    }
    for (const address of outside) {
      const reply = await request(`${nginx.origin}/smiths/`, { headers: { 'X-Test-Client': address } });
      expect(reply.status, address).toBe(403);
    }
  });

  it('shows a self-reloading "starting" page while the app is down', async () => {
    const [listenPort = 0, deadPort = 0] = await freePorts(2);
    const lonely = await startNginx({ listenPort, upstreamPort: deadPort });
    try {
      const reply = await request(`${lonely.origin}/smiths/`);
      expect(reply.status).toBe(503);
      expect(reply.headers['retry-after']).toBe('5');
      expect(reply.body.toString()).toContain('<meta http-equiv="refresh" content="5">');
      expect(reply.body.toString()).toContain('DinkyDash is starting');
    } finally {
      await lonely.stop();
    }
  });
});
