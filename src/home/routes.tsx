import { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import { Layout } from '../views/layout.js';

/** The start page: says the server is up. (Sign-up and "go to my family" come with accounts.) */
export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get('/', (c) =>
  c.html(
    <Layout title="DinkyDash">
      <main>
        <h1>DinkyDash is running</h1>
        <p class="notice">The server is up. Families live at their own address: http://this-pi/&lt;family&gt;/</p>
      </main>
    </Layout>,
  ),
);
