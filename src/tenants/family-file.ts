import fs from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../migrations/index.js';
import { FamilyBusyError, FamilyNotFoundError, FamilyTooNewError, FamilyUnreadableError, NotAFamilyFileError } from './errors.js';
import { describeSqliteError, sqliteErrorKind, type SqliteErrorKind } from './sqlite-errors.js';

// Whether a file is a family this DinkyDash may open, decided here for the
// server and every owner command alike.

/** Marks a SQLite file as a DinkyDash family ("DDF1"), so a stray database is never taken for one. */
export const FAMILY_APPLICATION_ID = 0x44444631;

/**
 * How long a connection waits for another's lock on a family file. Two waits,
 * because they block different things: better-sqlite3 waits synchronously, so
 * the server's wait stops every family's requests (a quick "busy, try again"
 * page is better), while an owner command blocks only itself and should
 * outlast the server's short writes.
 */
export const SERVER_BUSY_TIMEOUT_MS = 200;
export const OWNER_BUSY_TIMEOUT_MS = 5_000;

export interface FileHeader {
  schemaVersion: number;
  applicationId: number;
  /** 0 for an empty file. */
  pageCount: number;
  journalMode: string;
}

/** One statement for every fact the verdict needs: a cold open is on the path of a request. */
export function readFileHeader(sqlite: Database.Database): FileHeader {
  const row = sqlite
    .prepare(
      'select user_version, application_id, page_count, journal_mode from pragma_user_version, pragma_application_id, pragma_page_count, pragma_journal_mode',
    )
    .get() as { user_version: number; application_id: number; page_count: number; journal_mode: string };
  return { schemaVersion: row.user_version, applicationId: row.application_id, pageCount: row.page_count, journalMode: row.journal_mode };
}

/** What a file at a family's address (or offered as one) is. */
export type FamilyFileVerdict =
  /**
   * Not a regular file: a symbolic link (which would serve another file's
   * family, sessions and all, at this address), a folder, a device. Never
   * opened; `what` names it.
   */
  | { kind: 'not-a-file'; what: string }
  /** A family this DinkyDash can open; an older schema is migrated when it is opened. */
  | { kind: 'family'; schemaVersion: number }
  /** Saved by a newer DinkyDash: never written by this one. */
  | { kind: 'too-new'; schemaVersion: number; codeVersion: number }
  /** An SQLite database, but not marked as a family. */
  | { kind: 'not-a-family'; schemaVersion: number }
  | { kind: 'empty' }
  /** SQLite cannot read it as a database: damaged, or never was one; `detail` says which. A backup helps. */
  | { kind: 'damaged'; detail: string }
  /** SQLite could not open or read it for a reason outside its content: gone, locked, permissions, the disk. */
  | { kind: 'unreadable'; problem: SqliteErrorKind; detail: string };

/** Every verdict but "a family". */
export type FamilyFileProblem = Exclude<FamilyFileVerdict, { kind: 'family' }>;

/** The verdict on a header read from the file; `codeVersion` is the newest schema the code knows. */
export function judgeFileHeader(header: FileHeader, codeVersion = LATEST_SCHEMA_VERSION): FamilyFileVerdict {
  if (header.pageCount === 0) return { kind: 'empty' };
  if (header.applicationId !== FAMILY_APPLICATION_ID) return { kind: 'not-a-family', schemaVersion: header.schemaVersion };
  if (header.schemaVersion > codeVersion) return { kind: 'too-new', schemaVersion: header.schemaVersion, codeVersion };
  return { kind: 'family', schemaVersion: header.schemaVersion };
}

/** The verdict an error opening or reading the file gives. */
export function judgeOpenError(err: unknown): FamilyFileProblem {
  const problem = sqliteErrorKind(err);
  if (problem === 'not-a-database' || problem === 'corrupt') return { kind: 'damaged', detail: describeSqliteError(err) };
  return { kind: 'unreadable', problem, detail: describeSqliteError(err) };
}

/**
 * What is at a family's path, judged from its lstat (a link is not followed):
 * null for a regular file, which may then be opened and judged by its header.
 */
export function judgeFileType(file: string, stat: fs.Stats): FamilyFileProblem | null {
  if (stat.isFile()) return null;
  if (stat.isSymbolicLink()) {
    let target = '';
    try {
      target = ` to ${fs.readlinkSync(file)}`;
    } catch {
      // Gone or unreadable since: the link itself is what matters.
    }
    return { kind: 'not-a-file', what: `a symbolic link${target}` };
  }
  const what = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : 'a device';
  return { kind: 'not-a-file', what };
}

/** The file-type verdict on whatever is at `file` now (see judgeFileType), or null when it is a regular file or nothing is there. */
export function judgeFileAt(file: string): FamilyFileProblem | null {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  return stat ? judgeFileType(file, stat) : null;
}

/**
 * The verdict on a file, read through a handle the caller opened (read-only
 * or not; see openFamilyReadOnly) and goes on using when it is a family.
 * Reads the header only: damage further in is for SQLite's integrity check.
 */
export function classifyFamilyFile(sqlite: Database.Database): FamilyFileVerdict {
  try {
    return judgeFileHeader(readFileHeader(sqlite));
  } catch (err) {
    return judgeOpenError(err);
  }
}

/** What is wrong with the file, as a clause about it: "it is not a DinkyDash family". */
export function describeFamilyFile(verdict: FamilyFileProblem): string {
  switch (verdict.kind) {
    case 'not-a-file':
      return `it is ${verdict.what}, not a family file (a family must be a regular file: copy the file itself there instead)`;
    case 'too-new':
      return `it was saved by a newer DinkyDash (schema ${verdict.schemaVersion}; this one knows ${verdict.codeVersion})`;
    case 'not-a-family':
      return 'it is not a DinkyDash family';
    case 'empty':
      return 'it is an empty file';
    case 'damaged':
    case 'unreadable':
      return verdict.detail;
  }
}

/** The tenant engine's error for a file it cannot serve as a family (see errors.ts). */
export function familyFileError(slug: string, verdict: FamilyFileProblem): Error {
  switch (verdict.kind) {
    case 'not-a-file':
      return new NotAFamilyFileError(slug, describeFamilyFile(verdict));
    case 'too-new':
      return new FamilyTooNewError(slug, verdict.schemaVersion, verdict.codeVersion);
    case 'unreadable':
      if (verdict.problem === 'busy') return new FamilyBusyError(slug);
      // The file was there when it was looked up: not finding it now means it was just removed.
      if (verdict.problem === 'missing' || verdict.problem === 'cannot-open') return new FamilyNotFoundError(slug);
      return new FamilyUnreadableError(slug, verdict.detail);
    default:
      return new FamilyUnreadableError(slug, describeFamilyFile(verdict));
  }
}

/** A read-only handle: never writes to the file, waits a while for the server's write lock. */
export function openReadOnly(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true, timeout: OWNER_BUSY_TIMEOUT_MS });
}

/**
 * A family file in data/tenants/, read-only. A server killed in the middle of
 * a write leaves a hot journal beside the file; a read-only handle cannot roll
 * it back (SQLite then refuses to read), so a short read-write open lets SQLite
 * finish the rollback first, exactly as the server's next request would.
 */
export function openFamilyReadOnly(file: string): Database.Database {
  if (fs.existsSync(`${file}-journal`)) {
    const recover = new Database(file, { fileMustExist: true, timeout: OWNER_BUSY_TIMEOUT_MS });
    try {
      recover.prepare('select count(*) from sqlite_master').get();
    } finally {
      recover.close();
    }
  }
  return openReadOnly(file);
}
