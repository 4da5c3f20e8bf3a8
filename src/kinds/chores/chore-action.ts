import type { Context } from 'hono';
import type { FamilyEnv } from '../../http/env.js';
import { field, parseId, readForm } from '../../http/form.js';
import { turnIndex } from './rotation.js';
import { getChoreToComplete, listRotationPeople, markChoreDone, undoChoreDone, type ChoreToComplete } from './completion-queries.js';
import type { FamilyDay } from '../../dashboards/family-day.js';
import type { Translate } from '../../i18n/i18n.js';

// Marking a chore done (or undoing it) from a dashboard, the same whether a
// member taps it on their phone or the wall display does.

export type ChoreAction = 'done' | 'undo';

export function isChoreAction(value: string | undefined): value is ChoreAction {
  return value === 'done' || value === 'undo';
}

export type ChoreActionResult = { ok: true; announce: string } | { ok: false; status: 400; message: string };

/** The chore named by the path, when it exists (and, for a display, is on its dashboard). */
export async function choreFromPath(c: Context<FamilyEnv>, onDashboard?: number): Promise<ChoreToComplete | null> {
  const id = parseId(c.req.param('id'));
  const chore = id ? await getChoreToComplete(c.var.db, id) : undefined;
  if (!chore || (onDashboard !== undefined && chore.dashboard_id !== onDashboard)) return null;
  return chore;
}

export async function applyChoreAction(
  c: Context<FamilyEnv>,
  chore: ChoreToComplete,
  action: ChoreAction,
  family: FamilyDay,
  recordedByMemberId: number | null,
  t: Translate,
): Promise<ChoreActionResult> {
  const body = await readForm(c);
  if (action === 'undo') {
    const undone = await undoChoreDone(c.var.db, chore.id, family.day);
    return { ok: true, announce: undone ? t('chores.undone', { chore: chore.name }) : t('chores.nothingToUndo', { chore: chore.name }) };
  }
  const people = await listRotationPeople(c.var.db, chore.id);
  if (people.length === 0) return { ok: false, status: 400, message: t('chores.nobodyTakesTurns', { chore: chore.name }) };
  const chosen = field(body, 'entry');
  let who;
  if (chosen === '') {
    // One tap: whoever's turn it is.
    who = people[turnIndex(chore.mode, { anchorDay: chore.anchor_day, offset: chore.turn_offset }, people.length, family.today)]!;
  } else {
    const entryId = parseId(chosen);
    who = people.find((p) => p.id === entryId);
    if (!who) return { ok: false, status: 400, message: t('chores.chooseWho', { chore: chore.name }) };
  }
  const recorded = await markChoreDone(c.var.db, chore.id, family.day, { memberId: who.member_id, name: who.name }, recordedByMemberId);
  return { ok: true, announce: recorded ? t('chores.doneByAnnounce', { chore: chore.name, name: who.name }) : t('chores.alreadyDone', { chore: chore.name }) };
}

/** Whether the request came from htmx (it then gets the refreshed content instead of a redirect). */
export function isHtmx(c: Context): boolean {
  return c.req.header('hx-request') === 'true';
}
