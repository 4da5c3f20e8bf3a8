// What the owner's operations refuse, by kind: the CLI turns `usage` and
// `not-found` into exit code 2, everything else into 1. The message is what
// the owner reads; it says what was wrong and that nothing was changed.

export type OwnerErrorKind = 'usage' | 'not-found' | 'refused' | 'failed';

export class OwnerError extends Error {
  override name = 'OwnerError';
  constructor(message: string, readonly kind: OwnerErrorKind = 'refused') {
    super(message);
  }
}

/** A problem with a file on the owner's side of the command (not SQLite, damaged, not a family). */
export function describeSqliteProblem(err: unknown): string {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_NOTADB') return 'it is not an SQLite database';
  if (code.startsWith('SQLITE_CORRUPT')) return 'it is damaged';
  if (code.startsWith('SQLITE_BUSY')) return 'another program held it locked for too long; try again in a moment';
  if (code === 'SQLITE_CANTOPEN') return 'it cannot be opened (missing, or no permission to read it)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'the disk is full';
  return (err as Error)?.message ?? String(err);
}
