import { sql } from 'kysely';
import type { FamilyDb } from './family-database.js';

/**
 * A transaction that takes the family file's write lock before its first read
 * (BEGIN IMMEDIATE), so nothing it reads can change before it writes: not
 * another request of this server, not an owner's command. The connection is
 * held for the whole transaction (Kysely's connection()), so no other
 * request's statement runs inside it meanwhile.
 */
export function inWriteTransaction<T>(db: FamilyDb, fn: (trx: FamilyDb) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      // A failed COMMIT or statement may already have ended the transaction; the first error is the one to report.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}
