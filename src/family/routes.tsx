import { Hono } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { bindFamily } from '../http/bind-family.js';
import { Layout } from '../views/layout.js';
import { getFamilySettings } from './queries.js';

/** Everything under /<slug>/: the family is bound first, so a missing family is a 404. */
export const familyRoutes = new Hono<FamilyEnv>();

familyRoutes.use('*', bindFamily);

familyRoutes.get('/', async (c) => {
  const settings = await getFamilySettings(c.var.db);
  return c.html(
    <Layout title={settings.name}>
      <main>
        <h1>{settings.name}</h1>
      </main>
    </Layout>,
  );
});
