import type { Child } from 'hono/jsx';
import { jsxRenderer } from 'hono/jsx-renderer';
import { Layout } from './layout.js';
import type { SessionMember } from '../accounts/session.js';
import type { Theme } from '../family/tables.js';
import type { FamilyEnv } from '../http/env.js';
import type { I18n } from '../i18n/i18n.js';
import { getSettingsWithRevision } from '../dashboards/dashboard-queries.js';

export interface FamilyPageProps {
  slug: string;
  familyName: string;
  title: string;
  /** Who looks (their role decides the navigation); null for visitors who are not signed in. */
  member: Pick<SessionMember, 'role'> | null;
  theme?: Theme;
  accentColor?: string;
  /** Which navigation item is current. */
  current?: 'dashboard' | 'calendar' | 'manage' | 'members' | 'settings' | 'me';
  children: Child;
  bodyClass?: string;
  refreshSeconds?: number;
  /** The family's file cannot be written (see tenants/read-only.ts): say so before anyone tries. */
  readOnly?: boolean;
  /** The reader's language. */
  i18n: I18n;
}

/** A signed-in page of a family: its name, navigation for the member's role, and the content. */
export function FamilyPage(props: FamilyPageProps) {
  const base = `/${props.slug}`;
  const admin = props.member?.role === 'admin';
  const { t } = props.i18n;
  const nav: { key: FamilyPageProps['current']; href: string; label: string; show: boolean }[] = [
    { key: 'dashboard', href: `${base}/`, label: t('frame.dashboard'), show: true },
    { key: 'calendar', href: `${base}/calendar`, label: t('frame.calendar'), show: true },
    { key: 'manage', href: `${base}/manage`, label: t('frame.manage'), show: admin },
    { key: 'members', href: `${base}/members`, label: t('frame.members'), show: admin },
    { key: 'settings', href: `${base}/settings`, label: t('frame.settings'), show: admin },
    { key: 'me', href: `${base}/me`, label: t('frame.me'), show: props.member !== null },
  ];
  return (
    <Layout lang={props.i18n.lang} title={`${props.title} · ${props.familyName}`} theme={props.theme} bodyClass={props.bodyClass} refreshSeconds={props.refreshSeconds}>
      <header class="topbar" style={props.accentColor ? `--accent: ${props.accentColor}` : undefined}>
        <a class="family-name" href={`${base}/`}>
          {props.familyName}
        </a>
        {props.member ? (
          <nav aria-label={t('frame.nav')}>
            <ul>
              {nav
                .filter((n) => n.show)
                .map((n) => (
                  <li>
                    <a href={n.href} aria-current={props.current === n.key ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              <li>
                <form method="post" action={`${base}/logout`} class="inline-form">
                  <button type="submit" class="link-button">
                    {t('frame.signOut')}
                  </button>
                </form>
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main">
        {props.readOnly ? (
          <p class="notice notice-warning" role="status">
            {t('frame.readOnly')}
          </p>
        ) : null}
        {props.children}
      </main>
    </Layout>
  );
}

/** What a family's page says about itself when it calls `c.render(content, page)`. */
export interface FamilyPageOptions {
  title: string;
  /** Which navigation item is current. */
  current?: FamilyPageProps['current'];
  bodyClass?: string;
  refreshSeconds?: number;
  /** Pages for visitors who are not signed in (sign-in, join): no navigation, no accent. */
  anonymous?: boolean;
}

declare module 'hono' {
  interface ContextRenderer {
    (content: Child, page: FamilyPageOptions): Response | Promise<Response>;
  }
}

/**
 * Sets the family's page frame once for every page under /<slug>/ (after the
 * family and the session are bound): the family's name, theme and accent, the
 * member's navigation, and the read-only notice. Pages call
 * `c.render(content, { title, current })`; the status set with `c.status()`
 * before is kept.
 */
export const familyPageRenderer = jsxRenderer<FamilyEnv>(
  async ({ children, title, current, bodyClass, refreshSeconds, anonymous }, c) => {
    const family = (c as unknown as { var: FamilyEnv['Variables'] }).var;
    const settings = await getSettingsWithRevision(family.family);
    return (
      <FamilyPage
        readOnly={family.family.readOnly !== null}
        slug={family.family.slug}
        familyName={settings.name}
        title={title}
        member={anonymous ? null : family.member}
        theme={settings.theme}
        accentColor={anonymous ? undefined : settings.accent_color}
        current={current}
        bodyClass={bodyClass}
        refreshSeconds={refreshSeconds}
        i18n={family.i18n}
      >
        {children}
      </FamilyPage>
    );
  },
  { docType: false },
);
