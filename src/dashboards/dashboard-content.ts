import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { DashboardSize } from './tables.js';
import type { ChoreCard, CountdownCard, DashboardView, Person } from './dashboard-view.js';
import { escapeHtml as e } from './escape.js';

// The part of a dashboard that refreshes: today's date, the chore cards and
// the countdown cards. The signed-in page and the wall display render it the
// same way; only the addresses and whether there are buttons differ. It is a
// fragment on its own (no <html>), swapped in place by htmx every 30 s.
//
// Built as a string rather than with JSX: it is the hot path of every page
// load (40 cards are ~10x faster this way, which the benchmark asks for).
// Every value from the family goes through e().

export const CONTENT_ID = 'dash-content';

export interface ContentLinks {
  /** Where the refresh poll fetches this fragment. */
  content: string;
  /** Where a chore's done/undo form posts. */
  choreAction(choreId: number, action: 'done' | 'undo'): string;
  /** A stored image (chore or countdown icon, member photo). */
  image(imageId: number): string;
}

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
  /** A line above the date, e.g. the family's name on the wall display. */
  caption?: string | undefined;
  /** A sentence for screen readers after a change, e.g. "Dishes: done by Estelle." */
  announce?: string | undefined;
}

const DEFAULT_CHORE_ICON = '🧹';
const DEFAULT_COUNTDOWN_ICON = '📅';

// Not lazy, not async-decoded: the content is swapped in place and an icon
// must not blink while the new copy of it decodes.
function img(src: string): string {
  return `<img src="${e(src)}" alt=""/>`;
}

function icon(text: string, imageId: number | null, fallback: string, links: ContentLinks): string {
  return `<span class="card-icon" aria-hidden="true">${imageId !== null ? img(links.image(imageId)) : e(text || fallback)}</span>`;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function initial(name: string): string {
  const first = segmenter.segment(name.trim()).containing(0);
  return first ? first.segment.toUpperCase() : '?';
}

function personBadge(p: Person, links: ContentLinks): string {
  const style = p.color ? ` style="--member-color: ${e(p.color)}"` : '';
  const inner = p.imageId !== null ? img(links.image(p.imageId)) : e(p.memberId !== null ? p.avatar || initial(p.name) : initial(p.name));
  return `<span class="${p.memberId !== null ? 'person-avatar is-member' : 'person-avatar'}"${style} aria-hidden="true">${inner}</span>`;
}

/**
 * A form that marks a chore done or undoes it: a plain POST without
 * JavaScript, an in-place swap with htmx. Where its answer goes, and that it
 * cuts short a refresh in flight, it inherits from the cards' container.
 */
function choreForm(action: string, choreId: number, body: string, cls = 'chore-form'): string {
  const a = e(action);
  return `<form method="post" action="${a}" class="${cls}" hx-post="${a}" data-chore-id="${choreId}">${body}</form>`;
}

// For every chore form inside: the answer replaces the whole content, a
// refresh in flight is cancelled (its answer would be older), and the form's
// button is disabled until the answer is there, so a double tap posts once.
const FORM_DEFAULTS = `hx-target="#${CONTENT_ID}" hx-swap="outerHTML" hx-sync="#${CONTENT_ID}:replace" hx-disabled-elt="find button"`;

function choreActions(chore: ChoreCard, links: ContentLinks): string {
  const name = e(chore.name);
  if (chore.done) {
    const undo = `<button type="submit" class="chore-button undo" id="undo-${chore.id}" aria-label="Undo &quot;${name}&quot; (done by ${e(chore.done.byName)})">Undo</button>`;
    return `<div class="card-actions">${choreForm(links.choreAction(chore.id, 'undo'), chore.id, undo)}</div>`;
  }
  if (!chore.turn) return '';
  const doneUrl = links.choreAction(chore.id, 'done');
  const oneTap =
    `<input type="hidden" name="entry" value="${chore.turn.entryId}"/>` +
    `<button type="submit" class="chore-button done" id="done-${chore.id}" aria-label="Mark &quot;${name}&quot; done for ${e(chore.turn.name)}"><span aria-hidden="true">✓</span> Done</button>`;
  let someoneElse = '';
  if (chore.people.length > 1) {
    const turnKey = chore.turn.key;
    const options = chore.people.map((p) => `<option value="${p.entryId}"${p.key === turnKey ? ' selected=""' : ''}>${e(p.name)}</option>`).join('');
    const picker =
      `<label for="who-${chore.id}">Who did &quot;${name}&quot;?</label>` +
      `<select id="who-${chore.id}" name="entry">${options}</select>` +
      `<button type="submit" class="chore-button done">Mark done</button>`;
    someoneElse =
      `<details class="who-else" id="who-else-${chore.id}"><summary><span class="visually-hidden">Someone else did &quot;${name}&quot;?</span></summary>` +
      `${choreForm(doneUrl, chore.id, picker, 'chore-form who-form')}</details>`;
  }
  return `<div class="card-actions">${choreForm(doneUrl, chore.id, oneTap)}${someoneElse}</div>`;
}

// A chore card: the name on top, then whose turn it is with the buttons
// beside it (they move under it when there is no room), then who is next.
function choreCard(chore: ChoreCard, links: ContentLinks, canComplete: boolean): string {
  let line: string;
  let next = '';
  if (chore.done) {
    line = `<p class="card-line done-line"><span class="done-mark" aria-hidden="true">✓</span><span class="done-text">Done by ${e(chore.done.byName)}</span></p>`;
    if (chore.mode === 'completion' && chore.turn) next = `<p class="card-next muted">Next: ${e(chore.turn.name)}</p>`;
  } else if (chore.turn) {
    line = `<p class="card-line turn-line">${personBadge(chore.turn, links)}<span class="turn-name"><span class="visually-hidden">Turn: </span>${e(chore.turn.name)}</span></p>`;
  } else {
    line = '<p class="card-line muted">Nobody is in this rotation yet.</p>';
  }
  return (
    `<li class="dash-card chore-card${chore.done ? ' is-done' : ''}" id="chore-${chore.id}">` +
    icon(chore.icon, chore.imageId, DEFAULT_CHORE_ICON, links) +
    `<div class="card-body"><h3 class="card-title">${e(chore.name)}</h3>` +
    `<div class="card-foot">${line}${canComplete ? choreActions(chore, links) : ''}</div>${next}</div>` +
    '</li>'
  );
}

function countdownCard(c: CountdownCard, links: ContentLinks): string {
  const soon = c.days === 0 ? ' is-today' : c.days === 1 ? ' is-tomorrow' : '';
  const days = c.days > 1 ? `<span class="days-number">${c.days}</span> <span class="days-unit">days</span>` : `<span class="days-word">${e(c.label)}</span>`;
  return (
    `<li class="dash-card countdown-card${soon}" id="countdown-${c.id}">` +
    icon(c.icon, c.imageId, DEFAULT_COUNTDOWN_ICON, links) +
    `<div class="card-body"><h3 class="card-title">${e(c.name)}</h3><p class="card-line countdown-date">${e(c.dateText)}</p></div>` +
    `<p class="countdown-days">${days}</p></li>`
  );
}

function emptyState(hint: EmptyHint): string {
  const advice =
    hint.kind === 'admin'
      ? `<p>Add the first chore or countdown: <a href="${e(hint.manageUrl)}">Chores &amp; countdowns</a>.</p>`
      : hint.kind === 'display'
        ? `<p>An admin can add chores and countdowns at ${e(hint.manageUrl)}. They appear here by themselves.</p>`
        : '<p>An admin of the family can add chores and countdowns.</p>';
  return `<div class="dash-empty"><p class="dash-empty-icon" aria-hidden="true">🧹🎂</p><h2>Nothing on this dashboard yet</h2>${advice}</div>`;
}

function section(kind: 'chores' | 'countdowns', title: string, cards: string): string {
  return (
    `<section class="dash-section ${kind}" aria-labelledby="${kind}-title"><h2 id="${kind}-title" class="section-title">${title}</h2>` +
    `<ul class="dash-cards" role="list">${cards}</ul></section>`
  );
}

export function renderDashboardContent(props: DashboardContentProps): HtmlEscapedString {
  const { view, links } = props;
  const hasChores = view.chores.length > 0;
  const hasCountdowns = view.countdowns.length > 0;
  let cards = '';
  if (hasChores) cards += section('chores', 'Chores', view.chores.map((c) => choreCard(c, links, props.canComplete)).join(''));
  if (hasCountdowns) cards += section('countdowns', 'Countdowns', view.countdowns.map((c) => countdownCard(c, links)).join(''));
  const html =
    `<div id="${CONTENT_ID}" class="dash-content size-${props.size}${hasChores && hasCountdowns ? ' has-both' : ''}" ` +
    `hx-get="${e(links.content)}" hx-trigger="every 30s, dinkyrefresh" hx-swap="outerHTML" ` +
    `data-etag="${e(props.etag)}" data-ms-until-midnight="${props.msUntilMidnight}"${props.announce ? ` data-announce="${e(props.announce)}"` : ''}>` +
    `<header class="dash-head">${props.caption ? `<p class="dash-caption">${e(props.caption)}</p>` : ''}<h1 class="dash-date">${e(view.dateText)}</h1></header>` +
    (!hasChores && !hasCountdowns ? emptyState(props.empty) : '') +
    `<div class="dash-sections"${props.canComplete ? ` ${FORM_DEFAULTS}` : ''}>${cards}</div></div>`;
  return raw(html);
}
