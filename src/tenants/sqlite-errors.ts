// What SQLite (and the file system under it) answers when a family file
// cannot be used, sorted by what it means, and said in words the Pi's owner
// understands. The server's pages keep their own sentences for the family
// (src/http/error-handler.tsx) but sort the errors here too.

export type SqliteErrorKind =
  /** Another connection held the lock for longer than we wait. */
  | 'busy'
  /** The file under an open handle was removed or replaced (mv, rm, restore). */
  | 'moved'
  /** A write refused: the file, its folder or the file system is read-only. */
  | 'read-only'
  | 'not-a-database'
  | 'corrupt'
  | 'disk-full'
  /** A write the disk refused: a full quota (a full disk is SQLITE_FULL), or a failing disk. */
  | 'write-failed'
  | 'io'
  | 'cannot-open'
  | 'no-permission'
  | 'missing'
  | 'other';

export function sqliteErrorKind(err: unknown): SqliteErrorKind {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'other';
  // The extended codes for "moved" start like the read-only and I/O ones: they come first.
  if (code === 'SQLITE_READONLY_DBMOVED' || code === 'SQLITE_IOERR_DELETE_NOENT') return 'moved';
  if (code.startsWith('SQLITE_BUSY')) return 'busy';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code === 'SQLITE_NOTADB') return 'not-a-database';
  if (code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disk-full';
  if (code === 'SQLITE_IOERR_WRITE') return 'write-failed';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cannot-open';
  if (code === 'EACCES' || code === 'EPERM') return 'no-permission';
  if (code === 'ENOENT') return 'missing';
  return 'other';
}

/**
 * What went wrong, as a clause about the file the caller is speaking of
 * (`subject`): "it is damaged", "the disk is full". Errors SQLite and the file
 * system do not name keep their own message.
 */
export function describeSqliteError(err: unknown, subject = 'it'): string {
  const path = (err as { path?: unknown } | null)?.path;
  switch (sqliteErrorKind(err)) {
    case 'busy':
      return `another program held ${subject} locked for too long; try again in a moment`;
    case 'moved':
      return `${subject} was moved or removed while in use`;
    case 'read-only':
      return `${subject} is read-only; make it writable again (chmod u+w) and try again`;
    case 'not-a-database':
      return `${subject} is not an SQLite database`;
    case 'corrupt':
      return `${subject} is damaged`;
    case 'disk-full':
      return 'the disk is full';
    case 'write-failed':
      return `the disk refused to write ${subject} (it may be full, or failing)`;
    case 'io':
      return `the disk failed to read or write ${subject}`;
    case 'cannot-open':
      return `${subject} cannot be opened (missing, or no permission to read it)`;
    case 'no-permission':
      return typeof path === 'string' ? `permission denied (${path})` : 'permission denied';
    case 'missing':
      return `${typeof path === 'string' ? path : subject} does not exist`;
    case 'other':
      return (err as Error | null)?.message ?? String(err);
  }
}

/** A clause as an item in a list of problems: "it is damaged" -> "damaged". */
export function withoutSubject(clause: string): string {
  return clause.replace(/^it (is|was) /, '');
}
