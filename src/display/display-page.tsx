import type { Child } from 'hono/jsx';
import { Layout } from '../views/layout.js';
import { DashFrame } from '../dashboards/dash-frame.js';
import type { DisplayContext } from './display-link-queries.js';

// The wall display's page: no navigation, no sign-in, just the dashboard
// filling the screen. Night mode is set here for the first render; app.js
// keeps it right afterwards.

export interface DisplayPageProps {
  display: DisplayContext;
  timeZone: string;
  night: boolean;
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
      <DashFrame timeZone={props.timeZone} accentColor={d.accent_color} display={{ nightMode: d.night_mode === 1, nightStart: d.night_start, nightEnd: d.night_end }}>
        <main id="main" class="display-main">
          {props.content}
        </main>
      </DashFrame>
    </Layout>
  );
}
