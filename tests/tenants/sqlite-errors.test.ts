import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeSqliteError, sqliteErrorKind, withoutSubject } from '../../src/tenants/sqlite-errors.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { whileAnotherHoldsTheLock } from '../helpers/held-lock.js';

/** The error `fn` throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

/** The error `fn` throws on a handle on `file` (closed afterwards). */
function thrownOn(file: string, options: Database.Options, fn: (sqlite: Database.Database) => unknown): unknown {
  const sqlite = new Database(file, options);
  try {
    return thrown(() => fn(sqlite));
  } finally {
    sqlite.close();
  }
}

/** A database file with one table. */
function database(dir: string, name = 'family.db'): string {
  const file = path.join(dir, name);
  const sqlite = new Database(file);
  sqlite.exec('create table notes (body text)');
  sqlite.close();
  return file;
}

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('describeSqliteError, on errors SQLite really raises', () => {
  it('a file that is not a database', () => {
    const file = path.join(makeDataDir(), 'notes.db');
    fs.writeFileSync(file, 'milk, eggs, bread\n'.repeat(300));
    const err = thrownOn(file, {}, (sqlite) => sqlite.prepare('select * from sqlite_master').all());
    expect(sqliteErrorKind(err)).toBe('not-a-database');
    expect(describeSqliteError(err)).toBe('it is not an SQLite database');
  });

  it('a damaged file', () => {
    const file = database(makeDataDir());
    const sqlite = new Database(file);
    const insert = sqlite.prepare('insert into notes values (hex(randomblob(200)))');
    for (let i = 0; i < 500; i++) insert.run();
    sqlite.close();
    fs.truncateSync(file, 2 * 4096);
    const err = thrownOn(file, {}, (sqlite) => sqlite.prepare('select count(*) from notes').get());
    expect(sqliteErrorKind(err)).toBe('corrupt');
    expect(describeSqliteError(err)).toBe('it is damaged');
  });

  it('a file another program holds locked', () => {
    const err = whileAnotherHoldsTheLock(database(makeDataDir()), (reader) => thrown(() => reader.prepare('select * from notes').all()));
    expect(sqliteErrorKind(err)).toBe('busy');
    expect(describeSqliteError(err)).toBe('another program held it locked for too long; try again in a moment');
  });

  it('a write through a read-only handle', () => {
    const err = thrownOn(database(makeDataDir()), { readonly: true }, (sqlite) => sqlite.exec("insert into notes values ('x')"));
    expect(sqliteErrorKind(err)).toBe('read-only');
    expect(describeSqliteError(err)).toBe('it is read-only; make it writable again (chmod u+w) and try again');
  });

  it('a write into a file removed under its handle', () => {
    const file = database(makeDataDir());
    const err = thrownOn(file, {}, (sqlite) => {
      sqlite.prepare('select * from notes').all();
      fs.rmSync(file);
      sqlite.exec("insert into notes values ('x')");
    });
    expect(sqliteErrorKind(err)).toBe('moved');
    expect(describeSqliteError(err)).toBe('it was moved or removed while in use');
  });

  it('a file that cannot be opened, and one the file system does not have', () => {
    const missing = path.join(makeDataDir(), 'family.db');
    const cannotOpen = thrown(() => new Database(missing, { fileMustExist: true }));
    expect(sqliteErrorKind(cannotOpen)).toBe('cannot-open');
    expect(describeSqliteError(cannotOpen)).toBe('it cannot be opened (missing, or no permission to read it)');
    const noEntry = thrown(() => fs.statSync(missing));
    expect(sqliteErrorKind(noEntry)).toBe('missing');
    expect(describeSqliteError(noEntry)).toBe(`${missing} does not exist`);
  });
});

describe('describeSqliteError, on errors a test cannot easily cause', () => {
  it.each([
    ['SQLITE_FULL', 'disk-full', 'the disk is full'],
    ['ENOSPC', 'disk-full', 'the disk is full'],
    ['SQLITE_IOERR_WRITE', 'write-failed', 'the disk refused to write it (it may be full, or failing)'],
    ['SQLITE_IOERR_FSYNC', 'io', 'the disk failed to read or write it'],
    ['SQLITE_IOERR_DELETE_NOENT', 'moved', 'it was moved or removed while in use'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy', 'another program held it locked for too long; try again in a moment'],
    ['SQLITE_CORRUPT_INDEX', 'corrupt', 'it is damaged'],
    ['EACCES', 'no-permission', 'permission denied'],
  ] as const)('%s', (code, kind, words) => {
    expect(sqliteErrorKind(withCode(code))).toBe(kind);
    expect(describeSqliteError(withCode(code))).toBe(words);
  });

  it('names the path a file system error gives', () => {
    expect(describeSqliteError(Object.assign(withCode('EACCES'), { path: '/data/audit.log' }))).toBe('permission denied (/data/audit.log)');
  });

  it('keeps the message of anything else', () => {
    expect(sqliteErrorKind(new Error('step 3 broke'))).toBe('other');
    expect(describeSqliteError(new Error('step 3 broke'))).toBe('step 3 broke');
    expect(describeSqliteError(withCode('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'))).toBe('UNIQUE constraint failed');
    expect(describeSqliteError('a string')).toBe('a string');
    expect(sqliteErrorKind(null)).toBe('other');
  });

  it('speaks of the subject it is given, and lists without one', () => {
    expect(describeSqliteError(withCode('SQLITE_CORRUPT'), "the family's file")).toBe("the family's file is damaged");
    expect(withoutSubject('it is not an SQLite database')).toBe('not an SQLite database');
    expect(withoutSubject('it was saved by a newer DinkyDash')).toBe('saved by a newer DinkyDash');
    expect(withoutSubject('the disk is full')).toBe('the disk is full');
  });
});
