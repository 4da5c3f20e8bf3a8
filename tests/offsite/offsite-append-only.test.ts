// An append-only repository (rest-server --append-only, stood in for on
// 127.0.0.1 with restic's REST protocol): offsite run keeps every copy and
// skips pruning with a message instead of failing; the password in the
// repository's address is never shown.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startStandInRestServer, type StandInRestServer } from '../helpers/rest-server.js';
import { auditLines, tempDir } from '../owner/owner-fixtures.js';
import { createFamilies, json } from './offsite-scenario.js';

const HTTP_PASSWORD = 'kitchen-wall-7731';

describe('offsite to an append-only rest-server', () => {
  let dir: string;
  let dataDir: string;
  let server: StandInRestServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = tempDir('dinkydash-append-only-');
    dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    server = await startStandInRestServer(path.join(dir, 'nas'), { appendOnly: true, user: 'dinkydash', password: HTTP_PASSWORD });
    env = {
      RESTIC_REPOSITORY: `rest:${server.url.replace('http://', `http://dinkydash:${HTTP_PASSWORD}@`)}`,
      RESTIC_PASSWORD_FILE: path.join(dir, 'restic-password'),
      RESTIC_CACHE_DIR: path.join(dir, 'restic-cache'),
      DINKYDASH_OFFSITE_ENV: path.join(dir, 'no-offsite.env'),
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps every copy and says why instead of failing when copies are due to be forgotten', async () => {
    await createFamilies(dataDir);
    const init = await runCli(dataDir, ['offsite', 'init'], { env });
    expect(init.code, init.stderr).toBe(0);
    const first = await runCli(dataDir, ['offsite', 'run', '--json'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(json(first).forget).toEqual({ removed: 0, pruned: false, skipped: null });

    // A second run on the same day: the daily retention wants the first copy gone; the server refuses.
    const started = Date.now();
    const second = await runCli(dataDir, ['offsite', 'run', '--json'], { env });
    expect(second.code, second.stderr).toBe(0);
    const report = json(second);
    expect(report.outcome).toBe('ok');
    expect(report.forget).toMatchObject({ removed: 0, pruned: false, skipped: expect.stringContaining('The repository refuses deletions (append-only): 1 old copy was kept and nothing was pruned.') });
    expect(report.check).toEqual({ readDataSubset: '5%', ok: true });
    expect(server.refusedDeletes).toBeGreaterThan(0);
    // Stopped at the first refusal, not after restic's minute of retries; and its lock is gone.
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(fs.readdirSync(path.join(dir, 'nas', 'locks'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'nas', 'snapshots'))).toHaveLength(2);

    const text = await runCli(dataDir, ['offsite', 'run', '--no-backup'], { env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('The repository refuses deletions (append-only): 2 old copies were kept');

    const status = await runCli(dataDir, ['offsite', 'status', '--json'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(json(status)).toMatchObject({ state: 'ok', copies: 3, repository: `rest:http://dinkydash:***@${server.url.slice('http://'.length)}` });

    // The address's password shows nowhere: not in any output, the audit log or the status file.
    const everything = [init, first, second, text, status].map((r) => r.stdout + r.stderr).join('\n');
    expect(everything).not.toContain(HTTP_PASSWORD);
    expect(fs.readFileSync(path.join(dataDir, 'audit.log'), 'utf8')).not.toContain(HTTP_PASSWORD);
    expect(fs.readFileSync(path.join(dataDir, 'offsite', 'status.json'), 'utf8')).not.toContain(HTTP_PASSWORD);
    expect(auditLines(dataDir).filter((l) => l.command === 'offsite run').map((l) => [l.outcome, l.pruneSkipped])).toEqual([
      ['ok', false],
      ['ok', true],
      ['ok', true],
    ]);
  }, 120_000);
});
