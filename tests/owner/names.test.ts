import { describe, expect, it } from 'vitest';
import { backupFileName, isBackupFileName, isTimestampFileName, parseTrashFileName, trashFileName } from '../../src/owner/timestamp-names.js';
import { slugFromFile } from '../../src/owner/slug-from-file.js';
import { auditLine } from '../../src/owner/audit-log.js';
import { isIconTitle } from '../../src/importer/import-v1.js';
import { nameFromSlug } from '../../src/cli/import-v1-command.js';

const WHEN = new Date('2026-11-22T15:04:05.123Z');

describe('backup and trash file names', () => {
  it('names backups by UTC time and counts only that exact shape', () => {
    expect(backupFileName(WHEN)).toBe('2026-11-22T15-04-05-123Z.db');
    expect(isBackupFileName('2026-11-22T15-04-05-123Z.db')).toBe(true);
    expect(isBackupFileName('2026-11-22T15-04-05-123Z-before-v3.db')).toBe(false);
    expect(isBackupFileName('2026-13-45T15-04-05-123Z.db')).toBe(false);
    expect(isBackupFileName('smiths.db')).toBe(false);
    expect(isTimestampFileName('2026-11-22T15-04-05-123Z-before-v3.db')).toBe(true);
  });

  it('reads the slug and deletion time back from a trash file name', () => {
    expect(trashFileName('the-smiths', WHEN)).toBe('the-smiths-2026-11-22T15-04-05-123Z.db');
    expect(parseTrashFileName('the-smiths-2026-11-22T15-04-05-123Z.db')).toEqual({ slug: 'the-smiths', deletedAt: WHEN });
    expect(parseTrashFileName('the-smiths.db')).toBeNull();
    expect(parseTrashFileName('README.txt')).toBeNull();
  });
});

describe('the family a restored file belongs to', () => {
  it('takes the backup folder for a file named only by time, the prefix of a trash file, else the file name', () => {
    expect(slugFromFile('/var/lib/dinkydash/backups/smiths/2026-11-22T15-04-05-123Z.db')).toEqual({ ok: true, slug: 'smiths', from: 'backup folder' });
    expect(slugFromFile('backups/smiths/2026-11-22T15-04-05-123Z-before-v3.db')).toEqual({ ok: true, slug: 'smiths', from: 'backup folder' });
    expect(slugFromFile('/data/trash/the-smiths-2026-11-22T15-04-05-123Z.db')).toEqual({ ok: true, slug: 'the-smiths', from: 'trash file name' });
    expect(slugFromFile('/mnt/usb/jones.db')).toEqual({ ok: true, slug: 'jones', from: 'file name' });
  });

  it('says to use --as when the name gives no valid family address', () => {
    const guess = slugFromFile('/home/pi/Old Backups/2026-11-22T15-04-05-123Z.db');
    expect(guess).toMatchObject({ ok: false, message: expect.stringContaining('--as SLUG') });
    expect(slugFromFile('/mnt/usb/My Backup.db')).toMatchObject({ ok: false, message: expect.stringContaining('"My Backup"') });
    expect(slugFromFile('/mnt/usb/admin.db')).toMatchObject({ ok: false, message: expect.stringContaining('reserved') });
  });
});

describe('audit log lines', () => {
  it('is one JSON line with time, command, family and outcome first, and drops anything that looks secret', () => {
    const line = auditLine(
      { command: 'user add', family: 'smiths', outcome: 'ok', details: { username: 'anna', password: 'hunter22', passwordHash: '$argon2id$x', token: 't', family: 'evil', outcome: 'forged' } },
      WHEN,
    );
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trim().includes('\n')).toBe(false);
    expect(JSON.parse(line)).toEqual({ time: WHEN.toISOString(), command: 'user add', family: 'smiths', outcome: 'ok', username: 'anna' });
    expect(Object.keys(JSON.parse(line)).slice(0, 4)).toEqual(['time', 'command', 'family', 'outcome']);
  });
});

describe('v1 titles and family names', () => {
  it('uses emoji titles as icons, and titles with words as names only', () => {
    for (const title of ['👑', '🍽', '🍾🎩', '🇺🇸', '👨‍👩‍👧']) expect(isIconTitle(title), title).toBe(true);
    for (const title of ['Dishes', 'Müll 🗑', 'A', '1️⃣', '', '🎂🎂🎂🎂🎂']) expect(isIconTitle(title), title).toBe(false);
  });

  it('makes a display name from the address', () => {
    expect(nameFromSlug('the-smiths')).toBe('The Smiths');
    expect(nameFromSlug('family-42')).toBe('Family 42');
  });
});
