import { Hono } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { requireMember } from '../accounts/auth.js';
import { getFamilySettings } from '../family/queries.js';
import { FamilyPage } from '../views/family-page.js';

/** The family's dashboards. */
export const dashboardRoutes = new Hono<FamilyEnv>();

dashboardRoutes.get('/', requireMember, async (c) => {
  const settings = await getFamilySettings(c.var.db);
  return c.html(
    <FamilyPage slug={c.var.family.slug} familyName={settings.name} title="Dashboard" member={c.var.member} theme={settings.theme} current="dashboard">
      <h1>{settings.name}</h1>
    </FamilyPage>,
  );
});
