// Off-box copies over SFTP to a real OpenSSH server on 127.0.0.1, with keys
// made for this test: the round trip, then the server goes away.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { HOST_ALIAS, makeTestSshd, type TestSshd } from '../helpers/sshd.js';
import { auditLines, tempDir } from '../owner/owner-fixtures.js';
import { json, offsiteRoundTrip } from './offsite-scenario.js';

describe('offsite over SFTP to an OpenSSH server on 127.0.0.1', () => {
  let dir: string;
  let dataDir: string;
  let sshd: TestSshd;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = tempDir('dinkydash-sftp-');
    dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    fs.mkdirSync(path.join(dir, 'nas'));
    sshd = await makeTestSshd(path.join(dir, 'ssh'));
    await sshd.start();
    env = {
      RESTIC_REPOSITORY: `sftp:${HOST_ALIAS}:${path.join(dir, 'nas', 'dinkydash')}`,
      RESTIC_PASSWORD_FILE: path.join(dir, 'restic-password'),
      RESTIC_CACHE_DIR: path.join(dir, 'restic-cache'),
      DINKYDASH_OFFSITE_ENV: path.join(dir, 'no-offsite.env'),
      // restic starts `ssh`: this one knows only the test server.
      PATH: `${sshd.binDir}:${process.env.PATH}`,
    };
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('copies twice (the second adding about what changed), and after the data folder is gone restic + restore --all bring every family back', async () => {
    await offsiteRoundTrip({ dataDir, env });
    // The copies really are on the server's side.
    expect(fs.readdirSync(path.join(dir, 'nas', 'dinkydash')).sort()).toEqual(['config', 'data', 'index', 'keys', 'locks', 'snapshots']);
  }, 120_000);

  it('exits 1 with a clear message when the SFTP server is down, logs it, and status turns stale with exit 1', async () => {
    const good = await runCli(dataDir, ['offsite', 'run'], { env });
    expect(good.code, good.stderr).toBe(0);
    await sshd.stop();

    const run = await runCli(dataDir, ['offsite', 'run', '--json'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`offsite run FAILED: Copying the backups failed: cannot reach the repository ${env.RESTIC_REPOSITORY}`);
    const report = json(run);
    expect(report).toMatchObject({ outcome: 'failed', copy: null, backup: { failed: 0 }, error: expect.stringContaining('cannot reach the repository') });
    expect(auditLines(dataDir).at(-1)).toMatchObject({ command: 'offsite run', outcome: 'failed', error: report.error });

    const status = await runCli(dataDir, ['offsite', 'status', '--json'], { env });
    expect(status.code).toBe(1);
    expect(json(status)).toMatchObject({
      state: 'stale',
      copies: null,
      repositoryError: expect.stringContaining('cannot reach the repository'),
      lastRun: { outcome: 'failed' },
      // What the last good run recorded.
      newestCopy: { time: expect.any(String) },
    });

    await sshd.start();
    const again = await runCli(dataDir, ['offsite', 'run'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect((await runCli(dataDir, ['offsite', 'status'], { env })).code).toBe(0);
  }, 60_000);
});
