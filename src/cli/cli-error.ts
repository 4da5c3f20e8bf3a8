import { OwnerError } from '../owner/errors.js';
import { FamilyExistsError, FamilyNotFoundError, FamilyTooNewError, FamilyUnreadableError, FamilyBusyError, InvalidSlugError } from '../tenants/errors.js';

/** Exit codes: 1 for a failure, 2 for a usage mistake or something not found. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An error the CLI reports as one line on stderr, with its exit code. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly exitCode: number = EXIT_FAILURE) {
    super(message);
  }
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof OwnerError) return err.kind === 'usage' || err.kind === 'not-found' ? EXIT_USAGE : EXIT_FAILURE;
  if (err instanceof FamilyNotFoundError || err instanceof InvalidSlugError) return EXIT_USAGE;
  return EXIT_FAILURE;
}

export function messageFor(err: unknown): string {
  if (
    err instanceof CliError ||
    err instanceof OwnerError ||
    err instanceof FamilyNotFoundError ||
    err instanceof InvalidSlugError ||
    err instanceof FamilyExistsError ||
    err instanceof FamilyTooNewError ||
    err instanceof FamilyUnreadableError ||
    err instanceof FamilyBusyError
  ) {
    return err.message;
  }
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_NOTADB') return 'That file is not an SQLite database.';
  if (code === 'EACCES' || code === 'EPERM') return `Permission denied: ${(err as Error).message}`;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'The disk is full; nothing was changed.';
  if (code?.startsWith('SQLITE_READONLY')) return 'The family\'s file is read-only, so nothing was changed. Make it writable again (chmod u+w) and try again.';
  return (err as Error)?.message ?? String(err);
}
