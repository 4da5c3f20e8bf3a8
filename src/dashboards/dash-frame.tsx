import type { Child } from 'hono/jsx';
import { accentStyle } from './accent.js';

// What stays around the refreshing content on every dashboard page: the data
// app.js works from (the family's time zone, night hours), the notice shown
// when a refresh is missed, and the polite live region for screen readers.

export interface DashFrameProps {
  timeZone: string;
  accentColor: string;
  /** Wall displays dim at night and shift against burn-in; signed-in pages do not. */
  display?: { nightMode: boolean; nightStart: string; nightEnd: string };
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
      style={accentStyle(props.accentColor) || undefined}
    >
      {props.children}
      <p class="stale-notice" id="dash-stale" role="status" hidden>
        Not updated right now
      </p>
      <p class="visually-hidden" id="dash-announce" aria-live="polite"></p>
    </div>
  );
}
