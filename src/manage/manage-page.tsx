import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import type { FamilyEnv } from '../http/env.js';
import type { Translate } from '../i18n/i18n.js';

/** Renders an admin page in the family's frame, with the "Chores & countdowns" navigation item current. */
export function renderManagePage(c: Context<FamilyEnv>, title: string, body: Child, status = 200) {
  c.status(status as 200);
  return c.render(<div class="manage">{body}</div>, { title, current: 'manage' });
}

export { Notice } from '../views/form.js';

/** Back to the admin overview. */
export function BackToManage(props: { slug: string; t: Translate }) {
  return (
    <p class="back-link">
      <a href={`/${props.slug}/manage`}>← {props.t('frame.manage')}</a>
    </p>
  );
}
