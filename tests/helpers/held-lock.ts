import Database from 'better-sqlite3';

/**
 * Runs `fn` with a handle on `file` that does not wait (timeout 0) while
 * another connection holds the file's exclusive lock: what a command sees
 * when another program writes for longer than it waits.
 */
export function whileAnotherHoldsTheLock<T>(file: string, fn: (impatient: Database.Database) => T, options: { readonly?: boolean } = {}): T {
  const holder = new Database(file);
  const impatient = new Database(file, { ...options, timeout: 0 });
  try {
    holder.exec('begin exclusive');
    return fn(impatient);
  } finally {
    if (holder.inTransaction) holder.exec('rollback');
    holder.close();
    impatient.close();
  }
}
