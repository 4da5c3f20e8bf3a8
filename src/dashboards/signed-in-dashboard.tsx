import type { I18n } from '../i18n/i18n.js';
import { i18nFor } from '../i18n/i18n.js';
import type { Language } from '../i18n/languages.js';
import { clockTick } from '../kinds/index.js';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { FamilyEnv } from '../http/env.js';
import type { SessionMember } from '../accounts/session.js';
import { FamilyPage } from '../views/family-page.js';
import { renderDashboardContent, type ContentLinks } from './dashboard-content.js';
import { DashFrame } from './dash-frame.js';
import { buildDashboardView, familyDateFormat } from './dashboard-view.js';
import { rememberDashboardSections, type DashboardSummary, type SettingsWithRevision } from './dashboard-queries.js';
import { buildTag, dashboardEtag } from './freshness.js';
import { clockHtml, isClockFormat } from './wall-clock.js';
import { untilMidnight, type FamilyDay } from './family-day.js';
import { pageFrame } from './page-frame.js';
import type { Theme } from '../family/tables.js';

// A dashboard as a signed-in member sees it: the family's navigation, tabs
// between dashboards, and the refreshing content with buttons for members and
// admins.

/** A dashboard's own address; the default one also answers at /<slug>/. */
export function dashboardPath(slug: string, dashboard: Pick<DashboardSummary, 'id' | 'is_default'>): string {
  return dashboard.is_default === 1 ? `/${slug}/` : `/${slug}/d/${dashboard.id}`;
}

export function signedInLinks(slug: string, dashboardId: number): ContentLinks {
  return {
    content: `/${slug}/d/${dashboardId}/content`,
    choreAction: (choreId, action) => `/${slug}/chores/${choreId}/${action}`,
    image: (imageId) => `/${slug}/images/${imageId}`,
  };
}

export function viewerTag(member: SessionMember): string {
  return `m${member.id}-${member.role}`;
}

export interface SignedInContext {
  slug: string;
  version: string;
  member: SessionMember;
  settings: SettingsWithRevision;
  family: FamilyDay;
  now: Date;
  readOnly?: boolean;
  /** The member's language, or the family's. */
  i18n: I18n;
}

/** The refreshing part of one dashboard, for a signed-in member. */
export async function renderSignedInContent(c: Context<FamilyEnv>, ctx: SignedInContext, dashboard: DashboardSummary, announce?: string) {
  const sections = await rememberDashboardSections(c.var.family, dashboard, ctx.family.day);
  const view = buildDashboardView(sections, { today: ctx.family.today, timeZone: ctx.family.timeZone, now: ctx.now.getTime(), clock: isClockFormat(ctx.settings.clock) ? ctx.settings.clock : '24' }, familyDateFormat(ctx.settings.date_format), ctx.i18n);
  const etag = dashboardEtag({ kind: 'content', version: ctx.version, slug: ctx.slug, id: dashboard.id, revision: ctx.settings.revision, day: ctx.family.day, viewer: viewerTag(ctx.member), tick: clockTick(dashboard.sections, ctx.now.getTime()) });
  return renderDashboardContent({
    view,
    size: dashboard.size,
    links: signedInLinks(ctx.slug, dashboard.id),
    canComplete: ctx.member.role !== 'viewer',
    empty: ctx.member.role === 'admin' ? { kind: 'admin', manageUrl: `/${ctx.slug}/manage` } : { kind: 'member' },
    etag,
    msUntilMidnight: untilMidnight(ctx.family, ctx.now),
    clock: clockHtml(ctx.family.timeZone, ctx.now, ctx.settings.clock, ctx.i18n),
    build: buildTag(ctx.version),
    announce,
  });
}

/** A tab of the dashboard tabs: its address, its name, and whether it is the one shown. */
export interface DashboardTab {
  href: string;
  name: string;
  current: boolean;
}

function DashboardTabs(props: { tabs: DashboardTab[]; label: string }) {
  if (props.tabs.length < 2) return null;
  return (
    <nav class="dash-tabs" aria-label={props.label}>
      <ul>
        {props.tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Everything the signed-in dashboard page shows around its content, and nothing else (see page-frame.ts). */
export interface SignedInFrame {
  slug: string;
  familyName: string;
  /** The dashboard's name; null when the family has no dashboard at all. */
  dashboardName: string | null;
  role: SessionMember['role'];
  theme: Theme;
  accentColor: string;
  readOnly: boolean;
  timeZone: string;
  tabs: DashboardTab[];
  language: Language;
}

export function signedInFrame(ctx: SignedInContext, dashboards: DashboardSummary[], current: DashboardSummary | null): SignedInFrame {
  const s = ctx.settings;
  return {
    slug: ctx.slug,
    familyName: s.name,
    dashboardName: current?.name ?? null,
    role: ctx.member.role,
    theme: s.theme,
    accentColor: s.accent_color,
    readOnly: ctx.readOnly === true,
    timeZone: ctx.family.timeZone,
    language: ctx.i18n.lang,
    tabs: current && dashboards.length > 1 ? dashboards.map((d) => ({ href: dashboardPath(ctx.slug, d), name: d.name, current: d.id === current.id })) : [],
  };
}

// The one family page that does not go through c.render (views/family-page.tsx's
// renderer): the dashboard is the hot path, answered with its ETag by
// freshHtml, and takes its frame's settings from the revision-checked read it
// already made rather than reading them again.
export function SignedInDashboardPage(props: { frame: SignedInFrame; content: Child }) {
  const f = props.frame;
  const i18n = i18nFor(f.language);
  const { t } = i18n;
  return (
    <FamilyPage readOnly={f.readOnly} slug={f.slug} familyName={f.familyName} title={f.dashboardName ?? t('frame.dashboard')} member={{ role: f.role }} theme={f.theme} accentColor={f.accentColor} current="dashboard" bodyClass="dashboard-page" refreshSeconds={60} i18n={i18n}>
      <DashFrame timeZone={f.timeZone} accentColor={f.accentColor} i18n={i18n}>
        {f.dashboardName !== null ? <DashboardTabs tabs={f.tabs} label={t('dash.tabs')} /> : null}
        {f.dashboardName !== null ? (
          props.content
        ) : (
          <div class="dash-empty">
            <h1>{t('dash.noDashboard')}</h1>
            {f.role === 'admin' ? (
              <p>
                {t('dash.createFirst')} <a href={`/${f.slug}/manage`}>{t('frame.manage')}</a>.
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

/** The page with a dashboard's content in it: its frame rendered once for each distinct frame (page-frame.ts). */
export const signedInDashboardPage = pageFrame<SignedInFrame>((frame, content) => <SignedInDashboardPage frame={frame} content={content} />);
