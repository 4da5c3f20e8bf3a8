import { appendAudit, type AuditEntry, type AuditOutcome } from '../owner/audit-log.js';
import { EXIT_USAGE, exitCodeFor, messageFor } from './cli-error.js';

/** Writes audit lines; a log that cannot be written is reported but never undoes or fails the operation. */
export function recordAudit(dataDir: string, entries: AuditEntry | AuditEntry[]): void {
  try {
    appendAudit(dataDir, entries);
  } catch (err) {
    process.stderr.write(`dinkydash: warning: could not write the audit log: ${messageFor(err)}\n`);
  }
}

/** One line per family for commands on several families; one line saying so when there were none. */
export function recordPerFamily(dataDir: string, command: string, entries: AuditEntry[]): void {
  recordAudit(dataDir, entries.length > 0 ? entries : { command, family: null, outcome: 'ok', details: { families: 0 } });
}

/** The outcome a thrown error stands for: a refusal of bad input, or a failure. */
export function outcomeOf(err: unknown): AuditOutcome {
  return exitCodeFor(err) === EXIT_USAGE ? 'refused' : 'failed';
}

/**
 * Runs one owner operation on one family and logs it: `details` of the
 * result when it succeeds, the error message when it does not. With
 * `onlyFailures`, a success is left for the caller to log (commands on
 * several families log one line per family).
 */
export async function audited<T>(
  dataDir: string,
  command: string,
  family: string | null,
  run: () => Promise<T> | T,
  details: (result: T) => Record<string, unknown> = () => ({}),
  options: { onlyFailures?: boolean; familyOf?: (result: T) => string } = {},
): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (err) {
    recordAudit(dataDir, { command, family, outcome: outcomeOf(err), details: { error: messageFor(err) } });
    throw err;
  }
  if (!options.onlyFailures) recordAudit(dataDir, { command, family: options.familyOf?.(result) ?? family, outcome: 'ok', details: details(result) });
  return result;
}
