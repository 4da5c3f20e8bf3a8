import type { FamilyDb } from '../tenants/family-database.js';
import type { FamilySettings } from './tables.js';

export async function getFamilySettings(db: FamilyDb): Promise<FamilySettings> {
  return db.selectFrom('family_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

export type FamilySettingsChanges = Partial<Omit<FamilySettings, 'id' | 'created_at'>>;

export async function updateFamilySettings(db: FamilyDb, changes: FamilySettingsChanges): Promise<void> {
  await db.updateTable('family_settings').set(changes).where('id', '=', 1).execute();
}
