import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createFamily } from '../../src/tenants/create-family.js';
import { LATEST_SCHEMA_VERSION } from '../../src/tenants/migrate.js';
import { FamilyBusyError, FamilyNotFoundError, FamilyTooNewError, FamilyUnreadableError } from '../../src/tenants/errors.js';
import {
  classifyFamilyFile,
  classifyOpenFamilyFile,
  describeFamilyFile,
  familyFileError,
  type FamilyFileVerdict,
} from '../../src/tenants/family-file.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { createFamilyFileAtVersion, markFileNewer } from '../helpers/old-family.js';
import { whileAnotherHoldsTheLock } from '../helpers/held-lock.js';

// Real files on disk, of every kind the server and the owner's commands meet at a family's address.

const newFamily = (dataDir: string, slug: string) => createFamily(dataDir, { slug, name: `The ${slug}`, timeZone: 'Europe/Berlin' });

/** The verdict, and that judging the file left every byte of it as it was. */
function classifyUntouched(file: string): FamilyFileVerdict {
  const before = fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
  const verdict = classifyFamilyFile(file);
  if (before) expect(fs.readFileSync(file).equals(before), file).toBe(true);
  return verdict;
}

describe('classifyFamilyFile', () => {
  it('knows a family of this schema, and an older one (migrated when opened)', async () => {
    const dataDir = makeDataDir();
    expect(classifyUntouched(await newFamily(dataDir, 'current'))).toEqual({ kind: 'family', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(classifyUntouched(await createFamilyFileAtVersion(dataDir, 'older', 1))).toEqual({ kind: 'family', schemaVersion: 1 });
  });

  it('tells a family saved by a newer DinkyDash, with both versions', async () => {
    const file = await newFamily(makeDataDir(), 'newer');
    markFileNewer(file, LATEST_SCHEMA_VERSION + 1);
    const verdict = classifyUntouched(file);
    expect(verdict).toEqual({ kind: 'too-new', schemaVersion: LATEST_SCHEMA_VERSION + 1, codeVersion: LATEST_SCHEMA_VERSION });
    expect(describeFamilyFile(verdict)).toBe(
      `it was saved by a newer DinkyDash (schema ${LATEST_SCHEMA_VERSION + 1}; this one knows ${LATEST_SCHEMA_VERSION})`,
    );
  });

  it('tells an SQLite database that is not a family', () => {
    const file = path.join(makeDataDir(), 'stranger.db');
    const plain = new Database(file);
    plain.exec("create table notes (body text); insert into notes values ('hello')");
    plain.pragma('user_version = 7');
    plain.close();
    const verdict = classifyUntouched(file);
    expect(verdict).toEqual({ kind: 'not-a-family', schemaVersion: 7 });
    expect(describeFamilyFile(verdict)).toBe('it is not a DinkyDash family');
  });

  it('calls a file that is not SQLite, and a truncated family, damaged', async () => {
    const dataDir = makeDataDir();
    const text = path.join(dataDir, 'notes.db');
    fs.writeFileSync(text, 'shopping list: milk, eggs, bread\n'.repeat(200));
    expect(classifyUntouched(text)).toEqual({ kind: 'damaged', detail: 'it is not an SQLite database' });

    const truncated = await newFamily(dataDir, 'truncated');
    fs.truncateSync(truncated, 3 * 4096);
    expect(classifyUntouched(truncated)).toEqual({ kind: 'damaged', detail: 'it is damaged' });
  });

  it('tells an empty file, a missing one, and a folder', () => {
    const dataDir = makeDataDir();
    const empty = path.join(dataDir, 'empty.db');
    fs.writeFileSync(empty, '');
    expect(classifyUntouched(empty)).toEqual({ kind: 'empty' });
    expect(classifyUntouched(path.join(dataDir, 'nobody.db'))).toEqual({ kind: 'missing' });
    expect(fs.existsSync(path.join(dataDir, 'nobody.db'))).toBe(false);
    const folder = path.join(dataDir, 'folder.db');
    fs.mkdirSync(folder);
    expect(classifyUntouched(folder)).toEqual({ kind: 'not-a-regular-file' });
  });

  it('gives the same verdict through a handle the caller opened', async () => {
    const dataDir = makeDataDir();
    const file = await newFamily(dataDir, 'open');
    const text = path.join(dataDir, 'text.db');
    fs.writeFileSync(text, 'not a database, only words '.repeat(100));
    for (const f of [file, text]) {
      const sqlite = new Database(f, { readonly: true });
      try {
        expect(classifyOpenFamilyFile(sqlite)).toEqual(classifyFamilyFile(f));
      } finally {
        sqlite.close();
      }
    }
  });

  it('says "busy" when another program holds the file locked past the wait', async () => {
    const file = await newFamily(makeDataDir(), 'locked');
    const verdict = whileAnotherHoldsTheLock(file, classifyOpenFamilyFile, { readonly: true });
    expect(verdict).toMatchObject({ kind: 'unreadable', problem: 'busy' });
    expect(describeFamilyFile(verdict)).toBe('another program held it locked for too long; try again in a moment');
  });
});

describe("the tenant engine's errors for a file it cannot serve", () => {
  it('names each verdict as the server and the CLI expect it', () => {
    expect(familyFileError('x', { kind: 'too-new', schemaVersion: 9, codeVersion: 4 })).toBeInstanceOf(FamilyTooNewError);
    expect(familyFileError('x', { kind: 'missing' })).toBeInstanceOf(FamilyNotFoundError);
    expect(familyFileError('x', { kind: 'unreadable', problem: 'busy', detail: '' })).toBeInstanceOf(FamilyBusyError);
    const stranger = familyFileError('x', { kind: 'not-a-family', schemaVersion: 0 });
    expect(stranger).toBeInstanceOf(FamilyUnreadableError);
    expect(stranger.message).toBe('The family "x" cannot be opened: it is not a DinkyDash family.');
    expect(familyFileError('x', { kind: 'damaged', detail: 'it is damaged' }).message).toBe('The family "x" cannot be opened: it is damaged.');
  });
});
