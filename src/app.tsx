import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { requestOrigin } from './http/client.js';
import { securityHeaders } from './http/security-headers.js';
import { bodyLimit, FORM_LIMIT } from './http/body-limit.js';
import type { AppConfig } from './config.js';
import type { FamilyPool } from './tenants/pool.js';
import type { AppEnv } from './http/env.js';
import { i18nFor } from './i18n/i18n.js';
import { browserLanguage } from './i18n/request-language.js';
import { handleError, notFoundPage, renderError } from './http/error-handler.js';
import { staticRoutes } from './http/static-assets.js';
import { healthRoutes } from './health/routes.js';
import { familyRoutes } from './family/routes.js';
import { homeRoutes } from './home/routes.js';
import { answeringUnchangedPolls } from './display/unchanged-polls.js';

export interface AppDeps {
  pool: FamilyPool;
  config: AppConfig;
}

/** The whole web app. Each feature is its own Hono app, mounted here. */
export function createApp({ pool, config }: AppDeps) {
  const app = new Hono<AppEnv>();
  // The request's context and, after the handler, the security headers: one
  // middleware for both, since each layer costs every request its own promises.
  app.use('*', (c, next) => {
    c.set('pool', pool);
    c.set('config', config);
    c.set('i18n', i18nFor(browserLanguage(c.req.header('accept-language'))));
    return securityHeaders(c, next);
  });
  // Every state-changing request must come from our own pages. Plain HTTP on a
  // home network sends no Sec-Fetch-* headers, so the Origin check does the
  // work, against the Host nginx passes on.
  // Reads (most requests: a display's polls) skip it without a layer of promises of their own.
  const checkOrigin = csrf({ origin: (origin, c) => origin === requestOrigin(c) });
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : checkOrigin(c, next)));
  // No body is read beyond the form limit, except on the routes that take a
  // picture, which set their own (src/images/upload.ts).
  app.use('*', bodyLimit(FORM_LIMIT));
  app.onError(handleError);
  app.notFound((c) => renderError(c, notFoundPage(c.var.i18n.t)));

  app.route('/healthz', healthRoutes);
  app.route('/static', staticRoutes);
  app.route('/', homeRoutes);
  app.get('/:slug', (c) => c.redirect(`/${encodeURIComponent(c.req.param('slug'))}/`, 301));
  app.route('/:slug/', familyRoutes);
  // In front of every layer and the router: a wall display's poll that finds nothing changed
  // (src/display/unchanged-polls.ts). app.request() in tests goes through it too.
  app.fetch = answeringUnchangedPolls(pool, config.version, app.fetch) as typeof app.fetch;
  return app;
}

export type App = ReturnType<typeof createApp>;
