import { describe, expect, it } from 'vitest';
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';
import { FamilyPage } from '../../src/views/family-page.js';
import { Layout } from '../../src/views/layout.js';
import { DashFrame } from '../../src/dashboards/dash-frame.js';
import { dashboardPath, SignedInDashboardPage, signedInDashboardPage, signedInFrame, type SignedInContext } from '../../src/dashboards/signed-in-dashboard.js';
import type { DashboardSummary } from '../../src/dashboards/dashboard-queries.js';
import { displayFrame, displayPage } from '../../src/display/display-page.js';
import type { DisplayContext } from '../../src/display/display-link-queries.js';
import type { SessionMember } from '../../src/accounts/session.js';
import { pageFrame } from '../../src/dashboards/page-frame.js';
import { i18nFor } from '../../src/i18n/i18n.js';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';

// The dashboard page and the wall display page put their content into a frame
// rendered once per distinct frame (src/dashboards/page-frame.ts). Their HTML
// must stay exactly what the pages' JSX rendered before that: these are the
// two pages as they were written until then, rendered for many frames and
// compared byte for byte.

function OldDashboardTabs(props: { slug: string; dashboards: DashboardSummary[]; current: DashboardSummary; label: string }) {
  if (props.dashboards.length < 2) return null;
  return (
    <nav class="dash-tabs" aria-label={props.label}>
      <ul>
        {props.dashboards.map((d) => (
          <li>
            <a href={dashboardPath(props.slug, d)} aria-current={d.id === props.current.id ? 'page' : undefined}>
              {d.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function OldSignedInDashboardPage(props: { ctx: SignedInContext; dashboards: DashboardSummary[]; current: DashboardSummary | null; content: Child }) {
  const { ctx, current } = props;
  const s = ctx.settings;
  const { t } = ctx.i18n;
  return (
    <FamilyPage readOnly={ctx.readOnly} slug={ctx.slug} familyName={s.name} title={current?.name ?? t('frame.dashboard')} member={ctx.member} theme={s.theme} accentColor={s.accent_color} current="dashboard" bodyClass="dashboard-page" refreshSeconds={60} i18n={ctx.i18n}>
      <DashFrame timeZone={ctx.family.timeZone} accentColor={s.accent_color} i18n={ctx.i18n}>
        {current ? <OldDashboardTabs slug={ctx.slug} dashboards={props.dashboards} current={current} label={t('dash.tabs')} /> : null}
        {current ? (
          props.content
        ) : (
          <div class="dash-empty">
            <h1>{t('dash.noDashboard')}</h1>
            {ctx.member.role === 'admin' ? (
              <p>
                {t('dash.createFirst')} <a href={`/${ctx.slug}/manage`}>{t('frame.manage')}</a>.
              </p>
            ) : (
              <p>{t('dash.adminCreates')}</p>
            )}
          </div>
        )}
      </DashFrame>
    </FamilyPage>
  );
}

function OldDisplayPage(props: { display: DisplayContext; timeZone: string; night: boolean; retrySeconds?: number | undefined; content: Child; language: Language }) {
  const d = props.display;
  return (
    <Layout lang={props.language} title={`${d.dashboard_name} · ${d.name}`} theme={d.theme} bodyClass={props.night ? 'display night' : 'display'} refreshSeconds={60} head={<meta name="robots" content="noindex, nofollow" />}>
      <DashFrame
        timeZone={props.timeZone}
        accentColor={d.accent_color}
        i18n={i18nFor(props.language)}
        display={{ nightMode: d.night_mode === 1, nightStart: d.night_start, nightEnd: d.night_end, retrySeconds: props.retrySeconds }}
      >
        <main id="main" class="display-main">
          {props.content}
        </main>
      </DashFrame>
    </Layout>
  );
}

const jsx = async (node: unknown) => `${await resolveCallback(node as string, HtmlEscapedCallbackPhase.Stringify, false, {})}`;

// Values that need escaping, and the content as renderDashboardContent gives it (an escaped-string object).
const NAMES = ['Smiths', `Tom & Jerry's <"home">`, 'Élodie 🦊'];
const CONTENT = '<div id="dash-content" data-x="a&amp;b">Dishes 🍽 — <b>Estelle</b></div>';
const ACCENTS = ['#2563eb', '#fde047', 'not a colour', ''];
const THEMES = ['auto', 'light', 'dark'] as const;

const dashboard = (id: number, name: string, isDefault: number): DashboardSummary => ({ id, name, size: 'medium' as DashboardSummary['size'], is_default: isDefault, sections: 'chores,countdowns' });

describe('the signed-in dashboard page', () => {
  const tabSets: DashboardSummary[][] = [[dashboard(1, 'Home', 1)], [dashboard(1, 'Home', 1), dashboard(2, `Kids' "room" <b>`, 0)], [dashboard(3, 'A', 0), dashboard(1, 'B', 1), dashboard(7, 'C', 0)]];
  it('is byte for byte what its JSX rendered, for every frame, once and again', async () => {
    let cases = 0;
    for (const role of ['admin', 'member', 'viewer'] as const)
      for (const theme of THEMES)
        for (const accent of ACCENTS)
          for (const name of NAMES)
            for (const readOnly of [false, true])
              for (const dashboards of tabSets) {
                const current = dashboards[dashboards.length - 1]!;
                const language = LANGUAGES[cases % LANGUAGES.length]!;
                const ctx = {
                  slug: 'smiths',
                  version: '1.0.0',
                  member: { id: 3, role } as SessionMember,
                  settings: { name, theme, accent_color: accent } as SignedInContext['settings'],
                  family: { timeZone: name === 'Smiths' ? 'Europe/Berlin' : 'America/New_York' } as SignedInContext['family'],
                  now: new Date(),
                  readOnly,
                  i18n: i18nFor(language),
                } satisfies SignedInContext;
                const old = await jsx(<OldSignedInDashboardPage ctx={ctx} dashboards={dashboards} current={current} content={raw(CONTENT)} />);
                for (let again = 0; again < 2; again++) expect(await signedInDashboardPage(signedInFrame(ctx, dashboards, current), raw(CONTENT) as unknown as string)).toBe(old);
                cases++;
              }
    expect(cases).toBe(3 * 3 * 4 * 3 * 2 * 3);
  });

  it('of a family with no dashboard yet is what its JSX rendered', async () => {
    for (const role of ['admin', 'member'] as const) {
      const ctx = { slug: 'smiths', version: '1', member: { id: 3, role } as SessionMember, settings: { name: 'Smiths', theme: 'auto', accent_color: '#2563eb' } as SignedInContext['settings'], family: { timeZone: 'UTC' } as SignedInContext['family'], now: new Date(), readOnly: false, i18n: i18nFor('en') } satisfies SignedInContext;
      const old = await jsx(<OldSignedInDashboardPage ctx={ctx} dashboards={[]} current={null} content={null} />);
      expect(old).toContain('No dashboard yet');
      expect(await jsx(<SignedInDashboardPage frame={signedInFrame(ctx, [], null)} content={null} />)).toBe(old);
    }
  });
});

describe('the wall display page', () => {
  it('is byte for byte what its JSX rendered, for every frame, once and again', async () => {
    for (const theme of THEMES)
      for (const accent of ACCENTS)
        for (const name of NAMES)
          for (const night of [false, true])
            for (const nightMode of [0, 1])
              for (const retry of [undefined, 5]) {
                const language = LANGUAGES[(night ? 1 : 0) + (nightMode ? 2 : 0)]!;
                const display = { dashboard_name: `${name} wall`, name, theme, accent_color: accent, night_mode: nightMode, night_start: '22:00', night_end: '07:00' } as DisplayContext;
                const old = await jsx(<OldDisplayPage display={display} timeZone="Europe/Berlin" night={night} retrySeconds={retry} content={raw(CONTENT)} language={language} />);
                for (let again = 0; again < 2; again++) expect(await displayPage(displayFrame(display, 'Europe/Berlin', night, retry, language), CONTENT)).toBe(old);
              }
  });
});

describe('a page frame', () => {
  it('refuses a page that does not show its content exactly once', async () => {
    await expect(pageFrame<{ a: number }>(() => <p>no content</p>)({ a: 1 }, 'x')).rejects.toThrow(/exactly once/);
    await expect(pageFrame<{ a: number }>((_, content) => <p>{content}{content}</p>)({ a: 1 }, 'x')).rejects.toThrow(/exactly once/);
  });

  it('puts a content that looks like markup in as it is, and renders another frame for other props', async () => {
    const page = pageFrame<{ title: string }>((props, content) => <main title={props.title}>{content}</main>);
    expect(await page({ title: 'a<b' }, '<p>{content}</p>')).toBe('<main title="a&lt;b"><p>{content}</p></main>');
    expect(await page({ title: 'c' }, '')).toBe('<main title="c"></main>');
  });
});
