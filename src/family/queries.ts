import type { FamilyDb } from '../tenants/family-database.js';
import type { FamilySettings } from './tables.js';
import type { CivilDate } from '../calendar/civil-date.js';
import { todayIn } from '../calendar/family-time.js';
import { now } from '../dashboards/clock.js';

export async function getFamilySettings(db: FamilyDb): Promise<FamilySettings> {
  return db.selectFrom('family_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

export type FamilySettingsChanges = Partial<Omit<FamilySettings, 'id' | 'created_at'>>;

export async function updateFamilySettings(db: FamilyDb, changes: FamilySettingsChanges): Promise<void> {
  await db.updateTable('family_settings').set(changes).where('id', '=', 1).execute();
}

/** The family's time zone (IANA). */
export async function familyTimeZone(db: FamilyDb): Promise<string> {
  return (await db.selectFrom('family_settings').select('time_zone').where('id', '=', 1).executeTakeFirstOrThrow()).time_zone;
}

/** The family's date now, in its zone (as the dashboards see now). */
export async function familyToday(db: FamilyDb): Promise<CivilDate> {
  return todayIn(await familyTimeZone(db), now());
}
