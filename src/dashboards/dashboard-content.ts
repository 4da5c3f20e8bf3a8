import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { DashboardSize } from './tables.js';
import type { DashboardView } from './dashboard-view.js';
import type { CardContext, ContentLinks } from '../kinds/kind.js';
import { escapeHtml as e } from './escape.js';
import { addDays, formatIsoDate } from '../calendar/civil-date.js';
import type { Translate } from '../i18n/i18n.js';

// The part of a dashboard that refreshes: today's date and one section per
// kind of card the dashboard shows (each kind draws its own cards, src/kinds/). The signed-in page and the wall display render it the
// same way; only the addresses and whether there are buttons differ. It is a
// fragment on its own (no <html>), swapped in place by htmx every 30 s.
//
// Built as a string rather than with JSX: it is the hot path of every page
// load (40 cards are ~10x faster this way, which the benchmark asks for).
// Every value from the family goes through e().

export const CONTENT_ID = 'dash-content';

export type { ContentLinks } from '../kinds/kind.js';

export type EmptyHint = { kind: 'admin'; manageUrl: string } | { kind: 'member' } | { kind: 'display'; manageUrl: string };

export interface DashboardContentProps {
  view: DashboardView;
  size: DashboardSize;
  links: ContentLinks;
  /** Whether done/undo buttons are shown (members, admins, displays allowed to). */
  canComplete: boolean;
  /** What an empty dashboard says: admins get a link to add the first item. */
  empty: EmptyHint;
  etag: string;
  /** Milliseconds until the family's next midnight, when the content turns over to the new day. */
  msUntilMidnight: number;
  /** A line under the date, e.g. the family's name on the wall display. */
  caption?: string | undefined;
  /** The header's clock (wall-clock.ts clockHtml), rendered for the family's "now"; app.js keeps it right. */
  clock?: string | undefined;
  /** The page's build (freshness.ts buildTag): a fragment with another one makes app.js load the page anew. */
  build?: string | undefined;
  /** A sentence for screen readers after a change, e.g. "Dishes: done by Estelle." */
  announce?: string | undefined;
}

// For every chore form inside: the answer replaces the whole content, a
// refresh in flight is cancelled (its answer would be older), and the form's
// button is disabled until the answer is there, so a double tap posts once.
const FORM_DEFAULTS = `hx-target="#${CONTENT_ID}" hx-swap="outerHTML" hx-sync="#${CONTENT_ID}:replace" hx-disabled-elt="find button"`;

// The header has a place of its own for the status notes ("Last updated
// 14:02", night mode), so a note never lies over a card: app.js fills it and
// fits the wall display again.
function statusSlot(t: Translate): string {
  return `<div class="dash-status"><p class="stale-notice" id="dash-stale" role="status" hidden></p><p class="night-note">${e(t('dash.night'))}</p></div>`;
}

function emptyState(hint: EmptyHint, t: Translate): string {
  const advice =
    hint.kind === 'admin'
      ? `<p>${e(t('dash.emptyAdmin'))} <a href="${e(hint.manageUrl)}">${e(t('frame.manage'))}</a>.</p>`
      : hint.kind === 'display'
        ? `<p>${e(t('dash.emptyDisplay', { address: hint.manageUrl }))}</p>`
        : `<p>${e(t('dash.emptyMember'))}</p>`;
  return `<div class="dash-empty"><p class="dash-empty-icon" aria-hidden="true">🧹🎂</p><h2>${e(t('dash.emptyTitle'))}</h2>${advice}</div>`;
}

function section(kind: string, title: string, cards: string): string {
  return (
    `<section class="dash-section ${kind}" aria-labelledby="${kind}-title"><h2 id="${kind}-title" class="section-title">${e(title)}</h2>` +
    `<ul class="dash-cards" role="list">${cards}</ul></section>`
  );
}

export function renderDashboardContent(props: DashboardContentProps): HtmlEscapedString {
  const { view, links } = props;
  const { t } = view.i18n;
  const ctx: CardContext = { today: view.today, timeZone: view.timeZone, now: view.now, clock: view.clock, dateFormat: view.dateFormat, links, canComplete: props.canComplete, i18n: view.i18n };
  // The first section, then the others in a box of their own: on a landscape
  // wall display the first fills the left column under the header and the
  // others stack in the right one (elsewhere the box adds nothing to the layout).
  let cards = '';
  let shown = 0;
  for (const { kind, rows } of view.sections) {
    const items = kind.cards(rows, ctx);
    if (items.length === 0) continue;
    if (shown === 1) cards += '<div class="dash-side">';
    cards += section(kind.name, kind.title(t), items.join(''));
    shown++;
  }
  if (shown > 1) cards += '</div>';
  const html =
    `<div id="${CONTENT_ID}" class="dash-content size-${props.size}${shown > 1 ? ' has-both' : ''}" ` +
    `hx-get="${e(links.content)}" hx-trigger="every 30s, dinkyrefresh" hx-swap="outerHTML" ` +
    `data-etag="${e(props.etag)}" data-ms-until-midnight="${props.msUntilMidnight}" data-size="${props.size}"${props.build ? ` data-build="${e(props.build)}"` : ''}${props.announce ? ` data-announce="${e(props.announce)}"` : ''}>` +
    `<header class="dash-head">${props.clock ?? ''}<div class="dash-when"><h1 class="dash-date" data-date-format="${view.dateFormat}" data-locale="${e(view.i18n.dateLocale)}" data-date="${formatIsoDate(view.today)}" data-next-date="${formatIsoDate(addDays(view.today, 1))}" data-next-text="${e(view.nextDateText)}">${e(view.dateText)}</h1>` +
    `${props.caption ? `<p class="dash-caption">${e(props.caption)}</p>` : ''}</div>${statusSlot(t)}</header>` +
    (shown === 0 ? emptyState(props.empty, t) : '') +
    `<div class="dash-sections"${props.canComplete ? ` ${FORM_DEFAULTS}` : ''}>${cards}</div></div>`;
  return raw(html);
}
