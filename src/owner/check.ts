import fs from 'node:fs';
import Database from 'better-sqlite3';
import { familyFilePath } from '../tenants/paths.js';
import { LATEST_SCHEMA_VERSION } from '../tenants/migrate.js';
import { classifyFamilyFile, describeFamilyFile, judgeFileAt, openFamilyReadOnly } from '../tenants/family-file.js';
import { describeSqliteError, withoutSubject } from '../tenants/sqlite-errors.js';
import { whyReadOnly } from '../tenants/read-only.js';
import { runCheck } from './sqlite-files.js';

export interface ForeignKeyProblem {
  table: string;
  rowid: number | null;
  parent: string;
}

export interface FamilyCheck {
  slug: string;
  ok: boolean;
  schemaVersion: number | null;
  /** Problems SQLite's integrity check found (empty when it said ok). */
  integrity: string[];
  /** Rows pointing at rows that do not exist. */
  foreignKeys: ForeignKeyProblem[];
  /** Everything wrong, in words; empty when `ok`. */
  problems: string[];
  /** Remarks that are not damage (e.g. an older schema the server will migrate). */
  notes: string[];
  /** Why the family cannot save changes (also among the problems), or null. Not damage: a backup would not help. */
  readOnly: string | null;
}

/**
 * Checks one family file through a read-only handle, beside a running server:
 * SQLite's integrity check, its foreign key check, and the schema version.
 * A file that is not SQLite, not a family, or from a newer DinkyDash counts as
 * a problem too. Never throws for a bad file.
 */
export function checkFamily(dataDir: string, slug: string): FamilyCheck {
  const result: FamilyCheck = { slug, ok: false, schemaVersion: null, integrity: [], foreignKeys: [], problems: [], notes: [], readOnly: null };
  const file = familyFilePath(dataDir, slug);
  let sqlite: Database.Database | undefined;
  // Before anything opens it: a symbolic link would be checked as the file it points to, and a named pipe would hang the open.
  const notAFile = judgeFileAt(file);
  if (notAFile) {
    result.problems.push(withoutSubject(describeFamilyFile(notAFile)));
    return finish(result);
  }
  try {
    const stat = fs.statSync(file);
    result.readOnly = whyReadOnly(file, stat);
    // Not damage, but the family cannot save anything: the owner should hear of it.
    if (result.readOnly) result.problems.push(`cannot be changed: ${result.readOnly}; the family can look but not save`);
    sqlite = openFamilyReadOnly(file);
    const verdict = classifyFamilyFile(sqlite);
    if ('schemaVersion' in verdict) result.schemaVersion = verdict.schemaVersion;
    if (verdict.kind === 'family' && verdict.schemaVersion < LATEST_SCHEMA_VERSION) {
      result.notes.push(`schema ${verdict.schemaVersion} is older than ${LATEST_SCHEMA_VERSION}; it is migrated when the family is next opened (or by "dinkydash migrate")`);
    } else if (verdict.kind !== 'family') {
      result.problems.push(withoutSubject(describeFamilyFile(verdict)));
      // A database that is not a family, or a newer one, can still be checked for damage.
      if (verdict.kind !== 'not-a-family' && verdict.kind !== 'too-new') return finish(result);
    }
    result.integrity = runCheck(sqlite, 'integrity_check');
    if (result.integrity.length > 0) result.problems.push(`damaged: ${result.integrity[0]}${result.integrity.length > 1 ? ` (and ${result.integrity.length - 1} more)` : ''}`);
    result.foreignKeys = (sqlite.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>)
      .slice(0, 100)
      .map(({ table, rowid, parent }) => ({ table, rowid, parent }));
    if (result.foreignKeys.length > 0) {
      const first = result.foreignKeys[0]!;
      result.problems.push(
        `${result.foreignKeys.length} row(s) point at rows that do not exist (first: ${first.table} row ${first.rowid ?? '?'} -> ${first.parent})`,
      );
    }
  } catch (err) {
    result.problems.push(withoutSubject(describeSqliteError(err)));
  } finally {
    sqlite?.close();
  }
  return finish(result);
}

function finish(result: FamilyCheck): FamilyCheck {
  result.ok = result.problems.length === 0;
  return result;
}
