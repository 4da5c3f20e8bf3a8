import type { Child } from 'hono/jsx';
import { Layout } from './layout.js';
import type { SessionMember } from '../accounts/session.js';
import type { Theme } from '../family/tables.js';

export interface FamilyPageProps {
  slug: string;
  familyName: string;
  title: string;
  member: SessionMember | null;
  theme?: Theme;
  accentColor?: string;
  /** Which navigation item is current. */
  current?: 'dashboard' | 'manage' | 'members' | 'settings' | 'me';
  children: Child;
  bodyClass?: string;
  refreshSeconds?: number;
  /** The family's file cannot be written (see tenants/read-only.ts): say so before anyone tries. */
  readOnly?: boolean;
}

/** A signed-in page of a family: its name, navigation for the member's role, and the content. */
export function FamilyPage(props: FamilyPageProps) {
  const base = `/${props.slug}`;
  const admin = props.member?.role === 'admin';
  const nav: { key: FamilyPageProps['current']; href: string; label: string; show: boolean }[] = [
    { key: 'dashboard', href: `${base}/`, label: 'Dashboard', show: true },
    { key: 'manage', href: `${base}/manage`, label: 'Chores & countdowns', show: admin },
    { key: 'members', href: `${base}/members`, label: 'Members', show: admin },
    { key: 'settings', href: `${base}/settings`, label: 'Settings', show: admin },
    { key: 'me', href: `${base}/me`, label: 'My profile', show: props.member !== null },
  ];
  return (
    <Layout title={`${props.title} · ${props.familyName}`} theme={props.theme} bodyClass={props.bodyClass} refreshSeconds={props.refreshSeconds}>
      <header class="topbar" style={props.accentColor ? `--accent: ${props.accentColor}` : undefined}>
        <a class="family-name" href={`${base}/`}>
          {props.familyName}
        </a>
        {props.member ? (
          <nav aria-label="Family">
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
                    Sign out
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
            This family is read-only on the Pi just now: you can look at everything, but changes cannot be saved. The Pi's owner can make it writable again.
          </p>
        ) : null}
        {props.children}
      </main>
    </Layout>
  );
}
