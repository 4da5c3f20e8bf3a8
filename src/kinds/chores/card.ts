import type { CivilDate } from '../../calendar/civil-date.js';
import { turnIndex, type RotationMode } from './rotation.js';
import type { CardContext, ContentLinks } from '../kind.js';
import { cardIcon, escapeHtml as e, img } from '../card-html.js';
import type { ChoreRows, RotationEntryRow } from './dashboard-rows.js';
import type { Translate } from '../../i18n/i18n.js';

// A chore's card: whose turn it is today, whether it is done and by whom,
// and (for those allowed) the buttons to mark it done or undo it. The view is
// worked out purely from the rows and today's date, then drawn as HTML.

/** Someone in a rotation: a member (with their colour and avatar) or a free-text name. */
export interface Person {
  /** Same person, same key (entries may repeat in a rotation). */
  key: string;
  entryId: number;
  name: string;
  memberId: number | null;
  color: string | null;
  avatar: string | null;
  imageId: number | null;
}

export interface ChoreCard {
  id: number;
  name: string;
  icon: string;
  imageId: number | null;
  mode: RotationMode;
  /** Whose turn it is now; null when nobody is in the rotation. */
  turn: Person | null;
  /** Set when the chore was marked done today. */
  done: { byName: string; byMemberId: number | null } | null;
  /** Everyone in the rotation once, in rotation order (for "who did it"). */
  people: Person[];
}

function personOf(entry: RotationEntryRow, someone: string): Person {
  if (entry.member_id !== null) {
    return {
      key: `m:${entry.member_id}`,
      entryId: entry.id,
      name: entry.member_name ?? someone,
      memberId: entry.member_id,
      color: entry.member_color,
      avatar: entry.member_avatar,
      imageId: entry.member_image_id,
    };
  }
  return { key: `n:${entry.name ?? ''}`, entryId: entry.id, name: entry.name ?? someone, memberId: null, color: null, avatar: null, imageId: null };
}

function distinctPeople(people: Person[]): Person[] {
  const seen = new Set<string>();
  return people.filter((p) => (seen.has(p.key) ? false : (seen.add(p.key), true)));
}

/** The dashboard's chores in order, each with whose turn it is today. */
export function buildChoreCards(rows: ChoreRows, today: CivilDate, t: Translate): ChoreCard[] {
  const someone = t('chores.someone');
  const entriesByChore = new Map<number, Person[]>();
  for (const entry of rows.entries) {
    let list = entriesByChore.get(entry.chore_id);
    if (!list) entriesByChore.set(entry.chore_id, (list = []));
    list.push(personOf(entry, someone));
  }
  const doneByChore = new Map<number, ChoreCard['done']>();
  for (const c of rows.completions) {
    if (!doneByChore.has(c.chore_id)) doneByChore.set(c.chore_id, { byName: c.done_by_name, byMemberId: c.done_by_member_id });
  }
  return rows.chores.map((chore) => {
    const rotation = entriesByChore.get(chore.id) ?? [];
    const turn = rotation.length ? rotation[turnIndex(chore.mode, { anchorDay: chore.anchor_day, offset: chore.turn_offset }, rotation.length, today)]! : null;
    return {
      id: chore.id,
      name: chore.name,
      icon: chore.icon,
      imageId: chore.image_id,
      mode: chore.mode,
      turn,
      done: doneByChore.get(chore.id) ?? null,
      people: distinctPeople(rotation),
    };
  });
}

const DEFAULT_CHORE_ICON = '🧹';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

// The first letter of each name, worked out once: an Intl.Segmenter per
// person per card was 3-7% of a dashboard's time (docs/benchmarks.md). A
// family has a handful of names; the bound keeps a server of many families small.
const initials = new Map<string, string>();
const INITIALS_KEPT = 2048;

/** The name's first grapheme (an emoji with its modifiers, a letter with its combining marks), upper-cased. */
export function initial(name: string): string {
  let known = initials.get(name);
  if (known === undefined) {
    const first = segmenter.segment(name.trim()).containing(0);
    known = first ? first.segment.toUpperCase() : '?';
    if (initials.size >= INITIALS_KEPT) initials.clear();
    initials.set(name, known);
  }
  return known;
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

function choreActions(chore: ChoreCard, links: ContentLinks, t: Translate): string {
  if (chore.done) {
    const undo = `<button type="submit" class="chore-button undo" id="undo-${chore.id}" aria-label="${e(t('chores.undoLabel', { chore: chore.name, name: chore.done.byName }))}">${e(t('chores.undo'))}</button>`;
    return `<div class="card-actions">${choreForm(links.choreAction(chore.id, 'undo'), chore.id, undo)}</div>`;
  }
  if (!chore.turn) return '';
  const doneUrl = links.choreAction(chore.id, 'done');
  const oneTap =
    `<input type="hidden" name="entry" value="${chore.turn.entryId}"/>` +
    `<button type="submit" class="chore-button done" id="done-${chore.id}" aria-label="${e(t('chores.doneLabel', { chore: chore.name, name: chore.turn.name }))}"><span aria-hidden="true">✓</span> ${e(t('chores.done'))}</button>`;
  let someoneElse = '';
  if (chore.people.length > 1) {
    const turnKey = chore.turn.key;
    const options = chore.people.map((p) => `<option value="${p.entryId}"${p.key === turnKey ? ' selected=""' : ''}>${e(p.name)}</option>`).join('');
    const picker =
      `<label for="who-${chore.id}">${e(t('chores.whoDid', { chore: chore.name }))}</label>` +
      `<select id="who-${chore.id}" name="entry">${options}</select>` +
      `<button type="submit" class="chore-button done">${e(t('chores.markDone'))}</button>`;
    someoneElse =
      `<details class="who-else" id="who-else-${chore.id}"><summary><span class="visually-hidden">${e(t('chores.someoneElse', { chore: chore.name }))}</span></summary>` +
      `${choreForm(doneUrl, chore.id, picker, 'chore-form who-form')}</details>`;
  }
  return `<div class="card-actions">${choreForm(doneUrl, chore.id, oneTap)}${someoneElse}</div>`;
}

// The name on top, then whose turn it is with the buttons beside it (they
// move under it when there is no room), then who is next.
export function choreCardHtml(chore: ChoreCard, links: ContentLinks, canComplete: boolean, t: Translate): string {
  let line: string;
  let next = '';
  if (chore.done) {
    line = `<p class="card-line done-line"><span class="done-mark" aria-hidden="true">✓</span><span class="done-text">${e(t('chores.doneBy', { name: chore.done.byName }))}</span></p>`;
    if (chore.mode === 'completion' && chore.turn) next = `<p class="card-next muted">${e(t('chores.next', { name: chore.turn.name }))}</p>`;
  } else if (chore.turn) {
    line = `<p class="card-line turn-line">${personBadge(chore.turn, links)}<span class="turn-name"><span class="visually-hidden">${e(t('chores.turn'))} </span>${e(chore.turn.name)}</span></p>`;
  } else {
    line = `<p class="card-line muted">${e(t('chores.nobody'))}</p>`;
  }
  return (
    `<li class="dash-card chore-card${chore.done ? ' is-done' : ''}" id="chore-${chore.id}">` +
    cardIcon(chore.icon, chore.imageId, DEFAULT_CHORE_ICON, links) +
    `<div class="card-body"><h3 class="card-title">${e(chore.name)}</h3>` +
    `<div class="card-foot">${line}${canComplete ? choreActions(chore, links, t) : ''}</div>${next}</div>` +
    '</li>'
  );
}

export function choreCards(rows: ChoreRows, ctx: CardContext): string[] {
  const { t } = ctx.i18n;
  return buildChoreCards(rows, ctx.today, t).map((chore) => choreCardHtml(chore, ctx.links, ctx.canComplete, t));
}
