import type { Child } from 'hono/jsx';
import { Layout } from '../views/layout.js';
import { DashFrame } from '../dashboards/dash-frame.js';
import { pageFrame } from '../dashboards/page-frame.js';
import type { Theme } from '../family/tables.js';
import type { DisplayContext } from './display-link-queries.js';
import { i18nFor } from '../i18n/i18n.js';
import type { Language } from '../i18n/languages.js';

// The wall display's page: no navigation, no sign-in, just the dashboard
// filling the screen. Night mode is set here for the first render; app.js
// keeps it right afterwards, and fits the content to the screen (the type
// grows until everything fits, down to a legible minimum; see display.md).

/** Everything the display page shows around its content, and nothing else (see page-frame.ts). */
export interface DisplayFrame {
  dashboardName: string;
  /** The display link's family name line. */
  name: string;
  theme: Theme;
  accentColor: string;
  timeZone: string;
  night: boolean;
  nightMode: boolean;
  nightStart: string;
  nightEnd: string;
  /** How soon (seconds) a failed refresh is tried again, from ?retry= (tests); else app.js's own. */
  retrySeconds?: number | undefined;
  /** The family's language. */
  language: Language;
}

export function displayFrame(display: DisplayContext, timeZone: string, night: boolean, retrySeconds: number | undefined, language: Language): DisplayFrame {
  return {
    dashboardName: display.dashboard_name,
    name: display.name,
    theme: display.theme,
    accentColor: display.accent_color,
    timeZone,
    night,
    nightMode: display.night_mode === 1,
    nightStart: display.night_start,
    nightEnd: display.night_end,
    retrySeconds,
    language,
  };
}

export function DisplayPage(props: { frame: DisplayFrame; content: Child }) {
  const f = props.frame;
  const i18n = i18nFor(f.language);
  return (
    <Layout
      lang={f.language}
      title={`${f.dashboardName} · ${f.name}`}
      theme={f.theme}
      bodyClass={f.night ? 'display night' : 'display'}
      refreshSeconds={60}
      head={<meta name="robots" content="noindex, nofollow" />}
    >
      <DashFrame timeZone={f.timeZone} accentColor={f.accentColor} i18n={i18n} display={{ nightMode: f.nightMode, nightStart: f.nightStart, nightEnd: f.nightEnd, retrySeconds: f.retrySeconds }}>
        <main id="main" class="display-main">
          {props.content}
        </main>
      </DashFrame>
    </Layout>
  );
}

/** The display page with its content in it: its frame rendered once for each distinct frame (page-frame.ts). */
export const displayPage = pageFrame<DisplayFrame>((frame, content) => <DisplayPage frame={frame} content={content} />);
