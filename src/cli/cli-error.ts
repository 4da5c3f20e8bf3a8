import { OwnerError } from '../owner/errors.js';
import { describeSqliteError, sqliteErrorKind } from '../tenants/sqlite-errors.js';
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
  const kind = sqliteErrorKind(err);
  if (kind === 'other') return (err as Error)?.message ?? String(err);
  const words = describeSqliteError(err, "the family's file");
  // SQLite rolls back the transaction of a write it refused.
  const refusedWrite = kind === 'read-only' || kind === 'disk-full' || kind === 'write-failed';
  return `${words[0]!.toUpperCase()}${words.slice(1)}.${refusedWrite ? ' Nothing was changed.' : ''}`;
}
