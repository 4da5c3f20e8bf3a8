import type Database from 'better-sqlite3';
import { inspectFamilyFile, type FamilyFileInfo } from '../tenants/family-files.js';
import { openFamilyReadOnly } from '../tenants/family-file.js';

export interface FamilySummary extends FamilyFileInfo {
  members: number | null;
  dashboards: number | null;
  /**
   * When the family last used DinkyDash: the newest sign-in (session created)
   * or chore marked done, from the family's own data. Not the file's time:
   * owner operations (migrate, restore) touch the file without anyone using it.
   * Null when nobody has signed in or done a chore yet.
   */
  lastActivity: string | null;
}

/** `family list`'s row: the file's facts plus counts and last activity, read through a read-only handle. */
export function summarizeFamily(dataDir: string, slug: string): FamilySummary {
  const info = inspectFamilyFile(dataDir, slug);
  const summary: FamilySummary = { ...info, members: null, dashboards: null, lastActivity: null };
  if (info.problem) return summary;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openFamilyReadOnly(info.path);
    const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const count = (table: string) => (tables.has(table) ? (sqlite!.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n : null);
    const newest = (table: string) =>
      tables.has(table) ? ((sqlite!.prepare(`select max(created_at) as t from ${table}`).get() as { t: string | null }).t ?? null) : null;
    summary.members = count('members');
    summary.dashboards = count('dashboards');
    const times = [newest('sessions'), newest('chore_completions')].filter((t): t is string => t !== null).sort();
    summary.lastActivity = times.at(-1) ?? null;
  } catch {
    // inspectFamilyFile already read it; a failure here only leaves the counts blank.
  } finally {
    sqlite?.close();
  }
  return summary;
}
