import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createFamily } from '../../src/tenants/create-family.js';
import { LATEST_SCHEMA_VERSION } from '../../src/tenants/migrate.js';
import { FamilyBusyError, FamilyNotFoundError, FamilyTooNewError, FamilyUnreadableError } from '../../src/tenants/errors.js';
import {
  classifyFamilyFile,
  describeFamilyFile,
  familyFileError,
  judgeOpenError,
  openFamilyReadOnly,
  type FamilyFileProblem,
  type FamilyFileVerdict,
} from '../../src/tenants/family-file.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { createFamilyFileAtVersion, markFileNewer } from '../helpers/old-family.js';
import { whileAnotherHoldsTheLock } from '../helpers/held-lock.js';

// Real files on disk, of every kind the server and the owner's commands meet at a family's address.

const newFamily = (dataDir: string, slug: string) => createFamily(dataDir, { slug, name: `The ${slug}`, timeZone: 'Europe/Berlin' });

/** The verdict as the owner's commands reach it (opened read-only), and that judging the file left every byte of it as it was. */
function verdictOnDisk(file: string): FamilyFileVerdict {
  const before = fs.existsSync(file) ? fs.readFileSync(file) : null;
  let verdict: FamilyFileVerdict;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = openFamilyReadOnly(file);
    verdict = classifyFamilyFile(sqlite);
  } catch (err) {
    verdict = judgeOpenError(err);
  } finally {
    sqlite?.close();
  }
  if (before) expect(fs.readFileSync(file).equals(before), file).toBe(true);
  return verdict;
}

describe('classifyFamilyFile', () => {
  it('knows a family of this schema, and an older one (migrated when opened)', async () => {
    const dataDir = makeDataDir();
    expect(verdictOnDisk(await newFamily(dataDir, 'current'))).toEqual({ kind: 'family', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(verdictOnDisk(await createFamilyFileAtVersion(dataDir, 'older', 1))).toEqual({ kind: 'family', schemaVersion: 1 });
  });

  it('tells a family saved by a newer DinkyDash, with both versions', async () => {
    const file = await newFamily(makeDataDir(), 'newer');
    markFileNewer(file, LATEST_SCHEMA_VERSION + 1);
    const verdict = verdictOnDisk(file);
    expect(verdict).toEqual({ kind: 'too-new', schemaVersion: LATEST_SCHEMA_VERSION + 1, codeVersion: LATEST_SCHEMA_VERSION });
    expect(describeFamilyFile(verdict as FamilyFileProblem)).toBe(
      `it was saved by a newer DinkyDash (schema ${LATEST_SCHEMA_VERSION + 1}; this one knows ${LATEST_SCHEMA_VERSION})`,
    );
  });

  it('tells an SQLite database that is not a family', () => {
    const file = path.join(makeDataDir(), 'stranger.db');
    const plain = new Database(file);
    plain.exec("create table notes (body text); insert into notes values ('hello')");
    plain.pragma('user_version = 7');
    plain.close();
    const verdict = verdictOnDisk(file);
    expect(verdict).toEqual({ kind: 'not-a-family', schemaVersion: 7 });
    expect(describeFamilyFile(verdict as FamilyFileProblem)).toBe('it is not a DinkyDash family');
  });

  it('calls a file that is not SQLite, and a truncated family, damaged', async () => {
    const dataDir = makeDataDir();
    const text = path.join(dataDir, 'notes.db');
    fs.writeFileSync(text, 'shopping list: milk, eggs, bread\n'.repeat(200));
    expect(verdictOnDisk(text)).toEqual({ kind: 'damaged', detail: 'it is not an SQLite database' });

    const truncated = await newFamily(dataDir, 'truncated');
    fs.truncateSync(truncated, 3 * 4096);
    expect(verdictOnDisk(truncated)).toEqual({ kind: 'damaged', detail: 'it is damaged' });
  });

  it('tells an empty file', () => {
    const empty = path.join(makeDataDir(), 'empty.db');
    fs.writeFileSync(empty, '');
    expect(verdictOnDisk(empty)).toEqual({ kind: 'empty' });
    expect(fs.statSync(empty).size).toBe(0);
  });

  it('finds nothing at a missing path, and creates nothing there', () => {
    const missing = path.join(makeDataDir(), 'nobody.db');
    const verdict = verdictOnDisk(missing);
    expect(verdict).toEqual({ kind: 'unreadable', problem: 'cannot-open', detail: 'it cannot be opened (missing, or no permission to read it)' });
    expect(fs.existsSync(missing)).toBe(false);
    expect(familyFileError('nobody', verdict as FamilyFileProblem)).toBeInstanceOf(FamilyNotFoundError);
  });

  it('says "busy" when another program holds the file locked past the wait', async () => {
    const file = await newFamily(makeDataDir(), 'locked');
    const verdict = whileAnotherHoldsTheLock(file, classifyFamilyFile, { readonly: true });
    expect(verdict).toMatchObject({ kind: 'unreadable', problem: 'busy' });
    expect(describeFamilyFile(verdict as FamilyFileProblem)).toBe('another program held it locked for too long; try again in a moment');
  });
});

describe("the tenant engine's errors for a file it cannot serve", () => {
  it('names each verdict as the server and the CLI expect it', () => {
    expect(familyFileError('x', { kind: 'too-new', schemaVersion: 9, codeVersion: 4 })).toBeInstanceOf(FamilyTooNewError);
    expect(familyFileError('x', { kind: 'unreadable', problem: 'missing', detail: '' })).toBeInstanceOf(FamilyNotFoundError);
    expect(familyFileError('x', { kind: 'unreadable', problem: 'busy', detail: '' })).toBeInstanceOf(FamilyBusyError);
    const stranger = familyFileError('x', { kind: 'not-a-family', schemaVersion: 0 });
    expect(stranger).toBeInstanceOf(FamilyUnreadableError);
    expect(stranger.message).toBe('The family "x" cannot be opened: it is not a DinkyDash family.');
    expect(familyFileError('x', { kind: 'damaged', detail: 'it is damaged' }).message).toBe('The family "x" cannot be opened: it is damaged.');
  });
});
