import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupFamily } from '../../src/owner/backup.js';
import { restoreFamily } from '../../src/owner/restore.js';
import { trashFamily } from '../../src/owner/trash.js';
import { withFamilyFileLocked } from '../../src/owner/family-lock.js';
import { appendAudit, readAuditLog } from '../../src/owner/audit-log.js';
import { FamilyBusyError, FamilyNotFoundError } from '../../src/tenants/errors.js';
import { tenantFiles } from '../helpers/data-dir.js';
import { createTestFamily, dashboardNames, familyFile, leftoverTempFiles, tempDir } from './owner-fixtures.js';

describe('owner file operations, in-process', () => {
  it('gives two backups made in the same millisecond different names', async () => {
    const dataDir = tempDir();
    await createTestFamily(dataDir, 'smiths');
    const now = new Date('2026-01-01T00:00:00.000Z');
    const a = backupFamily(dataDir, 'smiths', { keep: 7, now });
    const b = backupFamily(dataDir, 'smiths', { keep: 7, now });
    if (a.outcome !== 'ok' || b.outcome !== 'ok') throw new Error('backup failed');
    expect(path.basename(a.file)).toBe('2026-01-01T00-00-00-000Z.db');
    expect(path.basename(b.file)).toBe('2026-01-01T00-00-00-001Z.db');
  });

  it('restores over a family whose file is garbage, keeping the garbage in the trash', async () => {
    const dataDir = tempDir();
    await createTestFamily(dataDir, 'smiths');
    const backup = backupFamily(dataDir, 'smiths', { keep: 7 });
    if (backup.outcome !== 'ok') throw new Error(backup.error);
    fs.writeFileSync(familyFile(dataDir, 'smiths'), 'overwritten by mistake');

    const result = await restoreFamily(dataDir, backup.file, { force: true });
    expect(result.slug).toBe('smiths');
    expect(dashboardNames(familyFile(dataDir, 'smiths'))).toEqual(['Family Dashboard']);
    expect(fs.readFileSync(result.replaced!, 'utf8')).toBe('overwritten by mistake');
    expect(leftoverTempFiles(dataDir)).toEqual([]);
  });

  it('does not move a family while another connection is writing to it', async () => {
    const dataDir = tempDir();
    const file = await createTestFamily(dataDir, 'busy');
    const writer = new Database(file);
    writer.exec("begin immediate; insert into dashboards (name) values ('half-done')");
    try {
      expect(() => withFamilyFileLocked(file, () => fs.renameSync(file, `${file}.moved`), 50)).toThrow(FamilyBusyError);
      expect(tenantFiles(dataDir)).toContain('busy.db');
    } finally {
      writer.exec('commit');
      writer.close();
    }
    const trashed = trashFamily(dataDir, 'busy');
    expect(dashboardNames(trashed.trashFile)).toEqual(['Family Dashboard', 'half-done']);
    expect(tenantFiles(dataDir)).toEqual([]);
    expect(() => trashFamily(dataDir, 'busy')).toThrow(FamilyNotFoundError);
  });

  it('appends audit lines to one owner-only file', () => {
    const dataDir = tempDir();
    appendAudit(dataDir, { command: 'backup', family: 'a', outcome: 'ok' });
    appendAudit(dataDir, [
      { command: 'check', family: 'a', outcome: 'ok' },
      { command: 'check', family: 'b', outcome: 'failed', details: { problems: ['damaged'] } },
    ]);
    expect(readAuditLog(dataDir).map((l) => [l.command, l.family, l.outcome])).toEqual([
      ['backup', 'a', 'ok'],
      ['check', 'a', 'ok'],
      ['check', 'b', 'failed'],
    ]);
    expect(fs.statSync(path.join(dataDir, 'audit.log')).mode & 0o777).toBe(0o600);
  });
});
