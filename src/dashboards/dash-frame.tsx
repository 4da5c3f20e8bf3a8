import type { Child } from 'hono/jsx';
import { accentStyle } from './accent.js';

// What stays around the refreshing content on every dashboard page: the data
// app.js works from (the family's time zone, night hours) and the polite live
// region for screen readers. (The notice shown when a refresh is missed is in
// the content's header, dashboard-content.ts, where room is kept for it.)

export interface DashFrameProps {
  timeZone: string;
  accentColor: string;
  /** Wall displays fit the screen, dim at night and shift against burn-in; signed-in pages do not. */
  display?: { nightMode: boolean; nightStart: string; nightEnd: string; retrySeconds?: number | undefined };
  children: Child;
}

export function DashFrame(props: DashFrameProps) {
  const d = props.display;
  return (
    <div
      class="dash"
      data-dash=""
      data-time-zone={props.timeZone}
      data-display={d ? '1' : undefined}
      data-night-mode={d ? (d.nightMode ? '1' : '0') : undefined}
      data-night-start={d?.nightStart}
      data-night-end={d?.nightEnd}
      data-retry-seconds={d?.retrySeconds === undefined ? undefined : String(d.retrySeconds)}
      style={accentStyle(props.accentColor) || undefined}
    >
      {props.children}
      <p class="visually-hidden" id="dash-announce" aria-live="polite"></p>
    </div>
  );
}
