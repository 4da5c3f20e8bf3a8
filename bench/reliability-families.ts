import path from 'node:path';
import Database from 'better-sqlite3';
import { copyFamilies, templateFamily } from './fixtures.js';
import { busyFamily } from './sections.js';

/** A busy family whose wall displays may mark chores done, and the ids of its chores (all on the display's dashboard). */
export async function displayTemplate(work: string): Promise<{ file: string; choreIds: number[] }> {
  const template = await templateFamily(path.join(work, 'template'));
  const file = path.join(work, 'display-template.db');
  await busyFamily(template, file);
  const db = new Database(file);
  try {
    db.prepare('update family_settings set display_can_complete = 1 where id = 1').run();
    const choreIds = (db.prepare('select id from chores order by id').all() as Array<{ id: number }>).map((r) => r.id);
    return { file, choreIds };
  } finally {
    db.close();
  }
}

/** `count` copies of the template as families family-00000… in DATA/tenants/. */
export function displayFamilies(template: string, dataDir: string, count: number): string[] {
  return copyFamilies(template, dataDir, count);
}
