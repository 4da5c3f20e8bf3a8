import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { FamilyPool } from '../src/tenants/pool.js';
import { bindFamily } from '../src/http/bind-family.js';
import type { FamilyEnv } from '../src/http/env.js';
import { APP_VERSION } from '../src/config.js';
import { SECURITY_HEADERS } from '../src/http/security-headers.js';

// The server the benchmark measures, in its own process (so its RSS is its own):
// a bare Hono route as the baseline, a route that reads one family's rows
// through the real engine, and the whole app.
const [dataDir, portText, maxOpenText] = process.argv.slice(2);
const pool = new FamilyPool({ dataDir: dataDir!, maxOpen: maxOpenText ? Number(maxOpenText) : 32 });
pool.startSweeping();

// The baseline: a Hono app with one route, and nothing else.
const bare = new Hono();
bare.get('/bare', (c) => c.json({ ok: true }));
// The floor under the display's unchanged poll: a bare route answering 304 with the headers the poll's 304 carries.
const NOT_MODIFIED_HEADERS = { ...SECURITY_HEADERS, etag: 'W/"display-content.0.0.0.benchmark.1.r1.1.1.t20000.d0"', 'cache-control': 'private, no-cache', vary: 'HX-Request, Cookie' };
bare.get('/bare304', () => new Response(null, { status: 304, headers: NOT_MODIFIED_HEADERS }));
const family = new Hono<FamilyEnv>();
family.use('*', async (c, next) => {
  c.set('pool', pool);
  await next();
});
family.use('*', bindFamily);
family.get('/rows', async (c) => c.json(await c.var.db.selectFrom('dashboards').select(['id', 'name', 'size']).execute()));
bare.route('/bench/:slug/', family);

// The whole app is served as `dinkydash serve` serves it (its own fetch, src/server.ts), not
// mounted inside another app: mounting wraps each of its handlers in one more layer, which
// production does not have.
const app = createApp({ pool, config: { dataDir: dataDir!, signup: 'open', version: APP_VERSION } });
const fetch = (request: Request, env: unknown) => {
  const url = request.url;
  const path = url.indexOf('/', url.indexOf('//') + 2);
  return url.startsWith('/bare', path) || url.startsWith('/bench/', path) ? bare.fetch(request, env) : app.fetch(request, env);
};

const server = serve({ fetch, port: Number(portText ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
process.on('SIGTERM', () => server.close(() => pool.close().then(() => process.exit(0))));
