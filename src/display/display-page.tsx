import type { Child } from 'hono/jsx';
import { Layout } from '../views/layout.js';
import { DashFrame } from '../dashboards/dash-frame.js';
import type { DisplayContext } from './display-link-queries.js';

// The wall display's page: no navigation, no sign-in, just the dashboard
// filling the screen. Night mode is set here for the first render; app.js
// keeps it right afterwards, and fits the content to the screen (the type
// grows until everything fits, down to a legible minimum; see display.md).

export interface DisplayPageProps {
  display: DisplayContext;
  timeZone: string;
  night: boolean;
  /** How soon (seconds) a failed refresh is tried again, from ?retry= (tests); else app.js's own. */
  retrySeconds?: number | undefined;
  content: Child;
}

export function DisplayPage(props: DisplayPageProps) {
  const d = props.display;
  return (
    <Layout
      title={`${d.dashboard_name} · ${d.name}`}
      theme={d.theme}
      bodyClass={props.night ? 'display night' : 'display'}
      refreshSeconds={60}
      head={<meta name="robots" content="noindex, nofollow" />}
    >
      <DashFrame
        timeZone={props.timeZone}
        accentColor={d.accent_color}
        display={{ nightMode: d.night_mode === 1, nightStart: d.night_start, nightEnd: d.night_end, retrySeconds: props.retrySeconds }}
      >
        <main id="main" class="display-main">
          {props.content}
        </main>
      </DashFrame>
    </Layout>
  );
}
