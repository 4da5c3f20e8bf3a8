import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { familyFilePath } from './paths.js';
import { FamilyBusyError, FamilyNotFoundError, FamilyTooNewError, FamilyUnreadableError } from './errors.js';
import { LATEST_SCHEMA_VERSION, migrateFile } from './migrate.js';
import { SERVER_BUSY_TIMEOUT_MS, familyFileError, judgeFileHeader, judgeFileType, judgeOpenError, readFileHeader, type FileHeader } from './family-file.js';
import { isWriteProtected, whyReadOnly } from './read-only.js';
import { assertFamilyScope, runInFamilyScope, type FamilyScope } from './scope.js';
import type { FamilyDb } from './family-database.js';

export interface PoolOptions {
  dataDir: string;
  /** Most handles kept open at once (idle ones beyond it are closed, least recently used first). */
  maxOpen?: number;
  /** An idle handle is closed after this long. */
  idleCloseMs?: number;
  /** How long a query waits for another process's lock (SERVER_BUSY_TIMEOUT_MS unless an owner command says otherwise). */
  busyTimeoutMs?: number;
}

/** A family's open handle, lent to one request or command until `release()`. */
export interface FamilyLease extends FamilyScope {
  readonly db: FamilyDb;
  readonly sqlite: Database.Database;
  readonly path: string;
  /**
   * Changes whenever the family's data may have changed: a write through this
   * handle, the file changed on disk by another program (seen in its mtime,
   * ctime or size when a lease stats it), or another file moved in.
   * Dashboards build their ETag on it, so a poll that finds nothing changed
   * costs no query.
   */
  revision(): string;
  /**
   * `compute()`'s result, reused for as long as the revision stays the same.
   * Small results may outlive the handle (`'family'`, for the next handle on
   * the unchanged file); large ones stay with this handle (`'handle'`), so
   * that the memory kept for many families stays small.
   */
  remember<T>(key: string, compute: () => Promise<T>, keep?: 'family' | 'handle'): Promise<T>;
  /** What `remember` holds under `key` for the revision now, with no promise; undefined when it holds nothing finished. */
  recall<T>(key: string, keep?: 'family' | 'handle'): { value: T } | undefined;
  /** Why changes cannot be saved in this family's file (see read-only.ts), or null. Reads still work. */
  readonly readOnly: string | null;
  release(): void;
}

interface OpenFamily {
  slug: string;
  path: string;
  handleId: number;
  /**
   * The SQLite connection, made when first used. A file found sound before and
   * unchanged since is not checked again, and then not opened either until a
   * request runs a query: a wall display of one of many families answered
   * from what is remembered of it (FamilyMemory) costs no open and no close.
   */
  connection: Database.Database | null;
  connect(): Database.Database;
  db: FamilyDb;
  // The file's identity when it was opened: a different one at the path means the file was replaced.
  dev: number;
  ino: number;
  leases: number;
  lastUsed: number;
  retired: boolean;
  /** Opened read-only, and why (see read-only.ts); a chmod either way reopens the handle. */
  readOnly: string | null;
  writeProtected: boolean;
  /** Statements that wrote through this handle (counted as they are prepared for execution). */
  writes: { count: number };
  /** The file's mtime, ctime and size when opened, and at the latest lease with the writes counted by then. */
  openStamp: string;
  fileStamp: string;
  writesAtStamp: number;
  /** Times the file changed on disk with no write of ours in between: another program wrote to it. */
  outsideChanges: number;
  memo: Memo;
  handleMemo: Memo;
}

const MEMO_KEYS = 64;
/** Families whose checks and remembered results outlive their handle (see FamilyMemory). */
const REMEMBERED_FAMILIES = 1024;

/**
 * What the pool keeps of a family file between its handles, for as long as the
 * file is unchanged: that it was found a current family in rollback-journal
 * mode (so reopening it skips the checks), and results remembered by
 * revision. A wall display of one of many families then costs a file open
 * and no query, even after its handle was evicted.
 */
interface FamilyMemory {
  checkedIdentity: string | null;
  memo: Memo;
}

/**
 * Remembered results by key. A settled result is kept as a plain value, never
 * as the promise: a promise made inside a family's scope holds that scope (the
 * lease, its handle and statements) for as long as it lives.
 */
type Memo = Map<string, MemoEntry>;
interface MemoEntry {
  revision: string;
  pending?: Promise<unknown>;
  value?: unknown;
}

let nextHandleId = 1;

/**
 * One better-sqlite3 handle per open family, in an LRU pool.
 *
 * Every lease stats the family's file and compares its identity with the open
 * handle's: a removed file answers "not found" and closes the handle, a file
 * moved in over the old one is opened afresh. A leased handle is never closed
 * by eviction; it is closed when its last lease is released.
 */
export class FamilyPool {
  readonly dataDir: string;
  readonly maxOpen: number;
  readonly idleCloseMs: number;
  readonly busyTimeoutMs: number;
  #open = new Map<string, OpenFamily>(); // insertion order = least recently used first
  #opening = new Map<string, Promise<OpenFamily>>();
  #retiredInUse = new Map<string, Set<OpenFamily>>(); // retired handles still leased, by slug
  #memory = new Map<string, FamilyMemory>(); // least recently used first
  /** What was last refused at each family path that is not a regular file, so each is logged once. */
  #refusedPaths = new Map<string, string>();
  #sweeper: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: PoolOptions) {
    this.dataDir = options.dataDir;
    this.maxOpen = Math.max(1, options.maxOpen ?? 32);
    this.idleCloseMs = Math.max(0, options.idleCloseMs ?? 60_000);
    this.busyTimeoutMs = options.busyTimeoutMs ?? SERVER_BUSY_TIMEOUT_MS;
  }

  get openCount(): number {
    return this.#open.size;
  }

  isOpen(slug: string): boolean {
    return this.#open.has(slug);
  }

  /** Lends the family's handle; throws FamilyNotFoundError, FamilyTooNewError, FamilyUnreadableError or FamilyBusyError. */
  async lease(slug: string): Promise<FamilyLease> {
    const { family, path, stat } = this.#look(slug);
    return this.#lend(family ?? (await this.#openOnce(slug, path, stat)), stat);
  }

  /**
   * Lends the family's handle now, with no promise, when it is open and its
   * file unchanged in identity (the same checks as lease()); undefined when it
   * would first have to be opened. For answers that must cost as little as
   * possible: a wall display's unchanged poll (src/display/unchanged-polls.ts).
   */
  leaseIfOpen(slug: string): FamilyLease | undefined {
    const { family, stat } = this.#look(slug);
    return family && this.#lend(family, stat);
  }

  /** The family's file as it is now, and its open handle if that is still the file's. Throws as lease() does. */
  #look(slug: string): { family: OpenFamily | undefined; path: string; stat: fs.Stats } {
    if (this.#closed) throw new Error('The family pool is closed.');
    let family = this.#open.get(slug);
    // An open family's path was worked out (and its slug checked) when it was opened.
    const path = family?.path ?? familyFilePath(this.dataDir, slug);
    // lstat, not stat: a symbolic link (beta.db -> alpha.db) would serve another family's file, sessions and all, under this name.
    const stat = fs.lstatSync(path, { throwIfNoEntry: false });
    if (!stat || !stat.isFile()) {
      if (family) this.#retire(family);
      this.#memory.delete(slug);
      if (!stat) throw new FamilyNotFoundError(slug);
      throw this.#notAFamilyFile(slug, path, stat);
    }
    if (family && (family.ino !== stat.ino || family.dev !== stat.dev || !sameWritability(family, path, stat))) {
      this.#retire(family);
      family = undefined;
    }
    return { family, path, stat };
  }

  #lend(family: OpenFamily, stat: fs.Stats): FamilyLease {
    noteFileStamp(family, stat);
    family.leases++;
    family.lastUsed = Date.now();
    this.#open.delete(family.slug);
    this.#open.set(family.slug, family);
    this.#evictOverCap();
    return this.#leaseOf(family);
  }

  /** The refusal of a family path that is not a regular file, logged for the owner once per thing found there. */
  #notAFamilyFile(slug: string, path: string, stat: fs.Stats): Error {
    const error = familyFileError(slug, judgeFileType(path, stat)!);
    const seen = `${stat.dev}.${stat.ino}`;
    if (this.#refusedPaths.get(slug) !== seen) {
      this.#refusedPaths.set(slug, seen);
      console.warn(`[dinkydash] ${error.message}`);
    }
    return error;
  }

  /** Leases the family, runs `fn` in its scope, and releases it whatever happens. */
  async withFamily<T>(slug: string, fn: (family: FamilyLease) => Promise<T> | T): Promise<T> {
    const lease = await this.lease(slug);
    try {
      return await runInFamilyScope(lease, () => fn(lease));
    } finally {
      lease.release();
    }
  }

  /** Closes the family's handle now if it is idle (or as soon as its last lease is released). */
  forget(slug: string): void {
    const family = this.#open.get(slug);
    if (family) this.#retire(family);
  }

  /** Closes idle handles past their idle time, and handles whose file is gone. */
  sweep(now = Date.now()): void {
    for (const family of [...this.#open.values()]) {
      if (family.leases > 0) continue;
      const stat = fs.lstatSync(family.path, { throwIfNoEntry: false });
      const gone = !stat || stat.ino !== family.ino || stat.dev !== family.dev;
      if (gone || now - family.lastUsed >= this.idleCloseMs) this.#retire(family);
    }
  }

  /** Starts the periodic sweep (an unref'd timer: it never keeps the process alive). */
  startSweeping(): void {
    if (this.#sweeper) return;
    const every = Math.min(Math.max(this.idleCloseMs / 2, 250), 5_000);
    this.#sweeper = setInterval(() => this.sweep(), every);
    this.#sweeper.unref();
  }

  /** Closes every handle; waits (up to `waitMs`) for leases in flight to be released first. */
  async close(waitMs = 10_000): Promise<void> {
    this.#closed = true;
    if (this.#sweeper) clearInterval(this.#sweeper);
    await Promise.allSettled(this.#opening.values());
    const deadline = Date.now() + waitMs;
    while ([...this.#open.values()].some((f) => f.leases > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const family of [...this.#open.values()]) this.#closeHandle(family);
  }

  #leaseOf(family: OpenFamily): FamilyLease {
    let released = false;
    // Built from the file as it was opened, not the handle: a handle closed and reopened on an
    // unchanged file (pool eviction, idle close) gives the same revision, so displays still get 304s.
    const revision = () => `${family.ino}.${family.openStamp}.${family.writes.count}.${family.outsideChanges}`;
    return {
      slug: family.slug,
      handleId: family.handleId,
      db: family.db,
      get sqlite() {
        return family.connect();
      },
      path: family.path,
      readOnly: family.readOnly,
      revision,
      recall: <T>(key: string, keep: 'family' | 'handle' = 'family'): { value: T } | undefined => {
        const hit = (keep === 'family' ? family.memo : family.handleMemo).get(key);
        return hit && !hit.pending && hit.revision === revision() ? { value: hit.value as T } : undefined;
      },
      remember: <T>(key: string, compute: () => Promise<T>, keep: 'family' | 'handle' = 'family'): Promise<T> => {
        const memo = keep === 'family' ? family.memo : family.handleMemo;
        const now = revision();
        const hit = memo.get(key);
        if (hit && hit.revision === now) return (hit.pending ?? Promise.resolve(hit.value)) as Promise<T>;
        const pending = compute();
        if (memo.size >= MEMO_KEYS) memo.clear();
        const entry: MemoEntry = { revision: now, pending };
        memo.set(key, entry);
        pending.then(
          (value) => {
            entry.value = value;
            delete entry.pending;
          },
          () => {
            if (memo.get(key) === entry) memo.delete(key);
          },
        );
        return pending;
      },
      release: () => {
        if (released) return;
        released = true;
        family.leases--;
        family.lastUsed = Date.now();
        if (family.retired && family.leases === 0) this.#closeHandle(family);
        else this.#evictOverCap();
      },
    };
  }

  #openOnce(slug: string, path: string, stat: fs.Stats): Promise<OpenFamily> {
    // Concurrent first requests for one family share a single open (and migration).
    let opening = this.#opening.get(slug);
    if (!opening) {
      opening = this.#untilReplacedFileWritten(slug, stat)
        .then(() => openFamilyHandle(slug, path, stat, this.busyTimeoutMs, this.#rememberFamily(slug)))
        .finally(() => this.#opening.delete(slug));
      this.#opening.set(slug, opening);
    }
    return opening;
  }

  /**
   * A file moved in over (or after) one whose transaction is still under way:
   * that transaction's journal lies beside the family's path, and the new file
   * would take it for its own hot journal and roll someone else's pages into
   * itself. So the new file is opened once the old transaction has ended
   * (SQLite refuses new writes into a moved file, so none can start meanwhile).
   */
  async #untilReplacedFileWritten(slug: string, stat: fs.Stats): Promise<void> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (const old of this.#retiredInUse.get(slug) ?? []) {
      if (old.ino === stat.ino && old.dev === stat.dev) continue;
      while (old.connection?.open && old.connection.inTransaction) {
        if (Date.now() > deadline) throw new FamilyBusyError(slug);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  }

  #rememberFamily(slug: string): FamilyMemory {
    let memory = this.#memory.get(slug);
    if (memory) this.#memory.delete(slug);
    else memory = { checkedIdentity: null, memo: new Map() };
    this.#memory.set(slug, memory);
    if (this.#memory.size > REMEMBERED_FAMILIES) this.#memory.delete(this.#memory.keys().next().value!);
    return memory;
  }

  #evictOverCap(): void {
    if (this.#open.size <= this.maxOpen) return;
    for (const family of this.#open.values()) {
      if (this.#open.size <= this.maxOpen) break;
      if (family.leases === 0) this.#retire(family);
    }
  }

  #retire(family: OpenFamily): void {
    if (this.#open.get(family.slug) === family) this.#open.delete(family.slug);
    family.retired = true;
    if (family.leases === 0) this.#closeHandle(family);
    else {
      const inUse = this.#retiredInUse.get(family.slug) ?? new Set();
      this.#retiredInUse.set(family.slug, inUse.add(family));
    }
  }

  #closeHandle(family: OpenFamily): void {
    if (this.#open.get(family.slug) === family) this.#open.delete(family.slug);
    family.retired = true;
    if (family.connection?.open) family.connection.close();
    const inUse = this.#retiredInUse.get(family.slug);
    if (inUse?.delete(family) && inUse.size === 0) this.#retiredInUse.delete(family.slug);
  }
}

/**
 * Opens a family file: checks it is a family, refuses a newer schema, migrates
 * an older one. A file found sound before and unchanged since (same inode,
 * mtime, ctime and size) is not checked again, and is connected to only when
 * a query first needs it (OpenFamily.connection).
 */
export async function openFamilyHandle(
  slug: string,
  path: string,
  stat: fs.Stats,
  busyTimeoutMs: number,
  memory: FamilyMemory = { checkedIdentity: null, memo: new Map() },
): Promise<OpenFamily> {
  let readOnly: string | null;
  try {
    readOnly = whyReadOnly(path, stat);
  } catch (err) {
    throw openError(slug, err);
  }
  const identity = `${stat.ino}.${fileStamp(stat)}`;
  const options = { fileMustExist: true, timeout: busyTimeoutMs, readonly: readOnly !== null };
  let connection: Database.Database | null = null;
  if (memory.checkedIdentity !== identity) {
    let sqlite: Database.Database;
    try {
      sqlite = new Database(path, options);
    } catch (err) {
      throw openError(slug, err);
    }
    try {
      memory.checkedIdentity = null;
      const header = readFileHeader(sqlite);
      const verdict = judgeFileHeader(header);
      if (verdict.kind !== 'family') throw familyFileError(slug, verdict);
      const older = verdict.schemaVersion < LATEST_SCHEMA_VERSION;
      if (readOnly && older) throw new FamilyUnreadableError(slug, `this DinkyDash must update the file first, and ${readOnly}`);
      // A file moved in from elsewhere may be in WAL mode; families use a rollback journal (docs/architecture.md).
      if (header.journalMode !== 'delete' && !readOnly) sqlite.pragma('journal_mode = delete');
      if (older) await migrateFile(sqlite, slug);
      // Unchanged by the checks: the next open of this very file may skip them.
      else if (usableAsIs(header)) memory.checkedIdentity = identity;
      sqlite.exec('pragma foreign_keys = on');
    } catch (err) {
      sqlite.close();
      throw openError(slug, err);
    }
    connection = sqlite;
  }
  const handleId = nextHandleId++;
  const writes = { count: 0 };
  const family: OpenFamily = {
    slug,
    path,
    handleId,
    connection,
    connect() {
      // Also for a handle retired while leased (its file replaced meanwhile): its last release closes what this opens.
      if (family.connection) return family.connection;
      let sqlite: Database.Database | undefined;
      try {
        sqlite = new Database(path, options);
        const now = fs.lstatSync(path, { throwIfNoEntry: false });
        if (!now) throw new FamilyNotFoundError(slug);
        // The owner moved another file in since the lease (a restore, say): this request may use it
        // if it is a family this DinkyDash uses as it is; the next lease opens (and checks) it properly.
        if ((now.ino !== stat.ino || now.dev !== stat.dev) && !(now.isFile() && usableAsIs(readFileHeader(sqlite)))) throw new FamilyBusyError(slug);
        sqlite.exec('pragma foreign_keys = on');
      } catch (err) {
        sqlite?.close();
        throw openError(slug, err);
      }
      family.connection = sqlite;
      return sqlite;
    },
    db: new Kysely<import('./family-database.js').FamilyDatabase>({
      // A function: Kysely asks for the database at the first query, and the connection is made then.
      dialect: new SqliteDialect({ database: async () => guardedStatements(family.connect(), slug, handleId, writes) }),
    }),
    dev: stat.dev,
    ino: stat.ino,
    leases: 0,
    lastUsed: Date.now(),
    retired: false,
    readOnly,
    writeProtected: isWriteProtected(stat),
    writes,
    openStamp: fileStamp(stat),
    fileStamp: fileStamp(stat),
    writesAtStamp: 0,
    outsideChanges: 0,
    memo: memory.memo,
    handleMemo: new Map(),
  };
  return family;
}

/** A family file this DinkyDash uses as it is: nothing to migrate, nothing to convert (a rollback journal). */
function usableAsIs(header: FileHeader): boolean {
  const verdict = judgeFileHeader(header);
  return verdict.kind === 'family' && verdict.schemaVersion === LATEST_SCHEMA_VERSION && header.journalMode === 'delete';
}

/**
 * Tells our own writes from another program's: the file changing on disk
 * while we wrote nothing means someone else did (the CLI, a restore in place).
 * Our own writes are already counted, and must not count twice, so that the
 * content answered after a change carries the ETag the next poll sends.
 */
/**
 * A chmod either way, or a read-only handle whose file can be written again
 * (the owner fixed it): the handle must be reopened. Only read-only handles
 * pay for the access check.
 */
function sameWritability(family: OpenFamily, path: string, stat: fs.Stats): boolean {
  if (family.writeProtected !== isWriteProtected(stat)) return false;
  return family.readOnly === null || whyReadOnly(path, stat) !== null;
}

function noteFileStamp(family: OpenFamily, stat: fs.Stats): void {
  const stamp = fileStamp(stat);
  if (stamp !== family.fileStamp && family.writes.count === family.writesAtStamp) family.outsideChanges++;
  family.fileStamp = stamp;
  family.writesAtStamp = family.writes.count;
}

function fileStamp(stat: fs.Stats): string {
  return `${stat.mtimeMs}.${stat.ctimeMs}.${stat.size}`;
}

/**
 * What Kysely sees as the database: every statement, built by Kysely or written
 * as SQL, passes here, so this is where the family scope is checked (a handle
 * used outside its family's scope throws). Kysely prepares every query anew;
 * preparing costs more than running a small query and leaves native memory to
 * the GC, so each handle also keeps its prepared statements.
 */
function guardedStatements(sqlite: Database.Database, slug: string, handleId: number, writes: { count: number }, max = 128) {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): Database.Statement {
      assertFamilyScope(slug, handleId);
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      // Kysely prepares once per execution, so this counts every write (and BEGIN/COMMIT: harmless extra counts).
      if (!statement.reader) writes.count++;
      return statement;
    },
  };
}

function openError(slug: string, err: unknown): Error {
  if (err instanceof FamilyTooNewError || err instanceof FamilyUnreadableError || err instanceof FamilyNotFoundError || err instanceof FamilyBusyError) return err;
  return familyFileError(slug, judgeOpenError(err));
}
