import path from 'node:path';
import Database from 'better-sqlite3';
import { timeCommand } from './engine.js';

/** Chores a display was told were marked done: family slug → chore ids. */
export type AcknowledgedWrites = Map<string, Set<number>>;

export interface WriteCheck {
  /** Distinct (family, chore) pairs acknowledged. */
  acknowledged: number;
  found: number;
  missing: Array<{ slug: string; choreId: number }>;
  /** Completion rows in the files, and those no acknowledged write accounts for (a write whose answer never arrived). */
  rowsInFiles: number;
  rowsNotAcknowledged: number;
}

export function acknowledge(writes: AcknowledgedWrites, slug: string, choreId: number): void {
  let chores = writes.get(slug);
  if (!chores) writes.set(slug, (chores = new Set()));
  chores.add(choreId);
}

/** With the server stopped: is every acknowledged "done" in its family's file (chore_completions)? */
export function verifyAcknowledgedWrites(dataDir: string, slugs: string[], writes: AcknowledgedWrites): WriteCheck {
  const result: WriteCheck = { acknowledged: 0, found: 0, missing: [], rowsInFiles: 0, rowsNotAcknowledged: 0 };
  for (const slug of slugs) {
    const expected = writes.get(slug) ?? new Set<number>();
    const db = new Database(path.join(dataDir, 'tenants', `${slug}.db`), { readonly: true, fileMustExist: true });
    let rows: Array<{ chore_id: number }>;
    try {
      rows = db.prepare('select chore_id from chore_completions').all() as Array<{ chore_id: number }>;
    } finally {
      db.close();
    }
    const stored = new Set(rows.map((r) => r.chore_id));
    result.rowsInFiles += rows.length;
    result.rowsNotAcknowledged += rows.filter((r) => !expected.has(r.chore_id)).length;
    for (const choreId of expected) {
      result.acknowledged++;
      if (stored.has(choreId)) result.found++;
      else result.missing.push({ slug, choreId });
    }
  }
  return result;
}

export interface CheckRun {
  code: number;
  checked: number;
  ok: number;
  withProblems: number;
  problems: string[];
  ms: number;
}

/** `dinkydash --data DIR check --json` over every family. */
export function checkAllFamilies(dataDir: string): CheckRun {
  const run = timeCommand(['--data', dataDir, 'check', '--json']);
  try {
    const report = JSON.parse(run.stdout) as { checked: number; ok: number; withProblems: number; families: Array<{ slug: string; ok: boolean; problems: string[] }> };
    const problems = report.families.filter((f) => !f.ok).map((f) => `${f.slug}: ${f.problems.join('; ')}`);
    return { code: run.code, checked: report.checked, ok: report.ok, withProblems: report.withProblems, problems, ms: run.ms };
  } catch {
    return { code: run.code, checked: 0, ok: 0, withProblems: 0, problems: [`check printed no JSON report: ${run.stdout.slice(0, 500)}`], ms: run.ms };
  }
}
