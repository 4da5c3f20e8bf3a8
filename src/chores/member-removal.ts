import type { FamilyDb } from '../tenants/family-database.js';

/**
 * Called inside the transaction that removes a member, before the row goes:
 * takes their turns out of every rotation while keeping today's person.
 * (The foreign key would drop the entries anyway; this keeps rotations fair.)
 */
export async function beforeMemberRemoved(_db: FamilyDb, _memberId: number): Promise<void> {
  // Filled in with the chores feature.
}
