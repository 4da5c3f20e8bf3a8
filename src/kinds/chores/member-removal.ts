import type { FamilyDb } from '../../tenants/family-database.js';
import { getFamilySettings } from '../../family/queries.js';
import { todayIn } from '../../calendar/family-time.js';
import { planReanchor } from './rotation.js';
import { choreIdsWithMember, entryKey, getChore, replaceEntries, rotationStateOf, updateChore, type RotationEntryInput } from './queries.js';

/**
 * Called inside the transaction that removes a member, before the row goes:
 * takes their turns out of every rotation while keeping today's person.
 * (The foreign key would drop the entries anyway; this keeps rotations fair.)
 *
 * A chore whose rotation held only this member keeps their name as a
 * free-text entry, so the chore and its history stay on the dashboard until
 * an admin gives it to someone else or deletes it.
 */
export async function beforeMemberRemoved(db: FamilyDb, memberId: number): Promise<void> {
  const choreIds = await choreIdsWithMember(db, memberId);
  if (choreIds.length === 0) return;
  const member = await db.selectFrom('members').select('display_name').where('id', '=', memberId).executeTakeFirst();
  const settings = await getFamilySettings(db);
  const today = todayIn(settings.time_zone);
  for (const choreId of choreIds) {
    const chore = await getChore(db, choreId);
    if (!chore) continue;
    const oldEntries: RotationEntryInput[] = chore.entries.map((e) => (e.member_id !== null ? { member_id: e.member_id, name: null } : { member_id: null, name: e.name ?? '' }));
    let newEntries = oldEntries.filter((e) => e.member_id !== memberId);
    if (newEntries.length === 0) newEntries = [{ member_id: null, name: member?.display_name || 'Someone' }];
    const plan = planReanchor(oldEntries.map(entryKey), newEntries.map(entryKey), chore.mode, rotationStateOf(chore), today);
    await replaceEntries(db, chore.id, newEntries);
    await updateChore(db, chore.id, { anchor_day: plan.state.anchorDay, turn_offset: plan.state.offset });
  }
}
