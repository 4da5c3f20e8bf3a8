import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import { FamilyPage } from '../views/family-page.js';
import type { FamilySettings } from '../family/tables.js';

/** Renders an admin page in the family's frame, with the "Chores & countdowns" navigation item current. */
export function renderManagePage(c: Context<FamilyEnv>, settings: FamilySettings, title: string, body: Child, status = 200) {
  c.status(status as 200);
  return c.html(
    <FamilyPage slug={c.var.family.slug} familyName={settings.name} title={title} member={c.var.member} theme={settings.theme} accentColor={settings.accent_color} current="manage">
      <div class="manage">{body}</div>
    </FamilyPage>,
  );
}

/** A status line after something was done. */
export function Notice(props: { message?: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="notice" role="status">
      {props.message}
    </p>
  );
}

/** Back to the admin overview. */
export function BackToManage(props: { slug: string }) {
  return (
    <p class="back-link">
      <a href={`/${props.slug}/manage`}>← Chores &amp; countdowns</a>
    </p>
  );
}
