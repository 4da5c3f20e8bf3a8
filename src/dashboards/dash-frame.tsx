import type { Child } from 'hono/jsx';
import { accentStyle } from './accent.js';
import type { I18n } from '../i18n/i18n.js';

// What stays around the refreshing content on every dashboard page: the data
// app.js works from (the family's time zone, night hours) and the polite live
// region for screen readers. (The notice shown when a refresh is missed is in
// the content's header, dashboard-content.ts, where room is kept for it.)

export interface DashFrameProps {
  timeZone: string;
  accentColor: string;
  /** Wall displays fit the screen, dim at night and shift against burn-in; signed-in pages do not. */
  display?: { nightMode: boolean; nightStart: string; nightEnd: string; retrySeconds?: number | undefined };
  /** The page's language: the words app.js writes come from it. */
  i18n: I18n;
  children: Child;
}

/** What app.js writes itself ("+ 3 more", "Last updated 14:02", am/pm), with its {placeholders} left for it to fill. */
export function scriptWords(i18n: I18n): string {
  const { t } = i18n;
  return JSON.stringify({
    more: t('dash.more', { count: '{count}' }),
    moreIn: t('dash.moreIn', { section: '{section}', count: '{count}' }),
    lastUpdated: t('dash.lastUpdated', { time: '{time}' }),
    notSaved: t('dash.notSaved', { reason: '{reason}' }),
    reload: t('dash.reloadAndRetry'),
    ...i18n.dayPeriods(),
  });
}

export function DashFrame(props: DashFrameProps) {
  const d = props.display;
  return (
    <div
      class="dash"
      data-dash=""
      data-time-zone={props.timeZone}
      data-words={scriptWords(props.i18n)}
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
