import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { FamilyPage } from '../views/family-page.js';
import type { FamilySettings } from '../family/tables.js';

/** Renders an admin page in the family's frame, with the "Chores & countdowns" navigation item current. */
export function renderManagePage(c: Context<FamilyEnv>, settings: FamilySettings, title: string, body: Child, status = 200) {
  c.status(status as 200);
  return c.html(
    <FamilyPage readOnly={c.var.family.readOnly !== null} slug={c.var.family.slug} familyName={settings.name} title={title} member={c.var.member} theme={settings.theme} accentColor={settings.accent_color} current="manage">
      <div class="manage">{body}</div>
    </FamilyPage>,
  );
}

export { Notice } from '../views/form.js';

/** Back to the admin overview. */
export function BackToManage(props: { slug: string }) {
  return (
    <p class="back-link">
      <a href={`/${props.slug}/manage`}>← Chores &amp; countdowns</a>
    </p>
  );
}
