import fs from 'node:fs';
import path from 'node:path';
import { makeDirectory } from '../tenants/make-directory.js';

// data/audit.log: one JSON line per owner operation, so the owner can see
// later who changed which family file, when, and how it went.

export type AuditOutcome = 'ok' | 'failed' | 'refused';

export interface AuditEntry {
  command: string;
  family: string | null;
  outcome: AuditOutcome;
  /** Small facts (file names, counts, the error message); never a secret. */
  details?: Record<string, unknown>;
}

export function auditLogPath(dataDir: string): string {
  return path.resolve(dataDir, 'audit.log');
}

/** Keys that must never reach the log, whatever a caller passes by mistake. */
const SECRET_KEY = /password|hash|token|secret/i;

/** The line written for an entry: time first, secrets dropped, one line. */
export function auditLine(entry: AuditEntry, now = new Date()): string {
  const details = Object.fromEntries(Object.entries(entry.details ?? {}).filter(([key]) => !SECRET_KEY.test(key)));
  const fields = { time: now.toISOString(), command: entry.command, family: entry.family, outcome: entry.outcome };
  // The four fields come first in the line, and details never overwrite them.
  return `${JSON.stringify({ ...fields, ...details, ...fields })}\n`;
}

/**
 * Appends entries with O_APPEND and one write, so lines from a server and
 * several commands at once never interleave. The log is owner-only (0600).
 */
export function appendAudit(dataDir: string, entries: AuditEntry | AuditEntry[], now = new Date()): void {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const file = auditLogPath(dataDir);
  makeDirectory(path.dirname(file));
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
  try {
    fs.writeSync(fd, list.map((entry) => auditLine(entry, now)).join(''));
  } finally {
    fs.closeSync(fd);
  }
}

/** Every entry of the log, oldest first (lines that are not JSON are skipped). */
export function readAuditLog(dataDir: string): Array<Record<string, unknown>> {
  let text: string;
  try {
    text = fs.readFileSync(auditLogPath(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text.split('\n').flatMap((line) => {
    try {
      return line ? [JSON.parse(line) as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}
