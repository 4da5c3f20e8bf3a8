import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOffsiteConfig, offsiteConfigured, OffsiteConfigError, parseEnvFile } from '../../../src/offsite/config.js';
import { judgeOffsite } from '../../../src/offsite/status-file.js';
import { resticFailure } from '../../../src/offsite/restic.js';
import { DELETE_REFUSED } from '../../../src/offsite/offsite.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-offsite-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the off-box settings', () => {
  it('reads an env file as systemd does for simple ones', () => {
    expect(
      parseEnvFile('# comment\n; another\n\nRESTIC_REPOSITORY=sftp:nas:/srv/x\nexport RESTIC_PASSWORD_FILE="/etc/dinkydash/restic password"\nB2_ACCOUNT_ID=\'abc\'\nnot a line\n  AWS_X = y \n'),
    ).toEqual({ RESTIC_REPOSITORY: 'sftp:nas:/srv/x', RESTIC_PASSWORD_FILE: '/etc/dinkydash/restic password', B2_ACCOUNT_ID: 'abc', AWS_X: 'y' });
  });

  it('takes the environment when it names a repository, else the env file, else none', () => {
    const file = path.join(dir, 'offsite.env');
    fs.writeFileSync(file, 'RESTIC_REPOSITORY=/mnt/usb/restic\nRESTIC_PASSWORD_FILE=/etc/dinkydash/restic-password\nAWS_ACCESS_KEY_ID=key\n');
    const fromFile = loadOffsiteConfig({ DINKYDASH_OFFSITE_ENV: file, PATH: '/usr/bin' });
    expect(fromFile).toMatchObject({ repository: '/mnt/usb/restic', passwordFile: '/etc/dinkydash/restic-password', source: file });
    expect(fromFile?.env).toMatchObject({ AWS_ACCESS_KEY_ID: 'key', PATH: '/usr/bin' });
    const fromEnv = loadOffsiteConfig({ DINKYDASH_OFFSITE_ENV: file, RESTIC_REPOSITORY: '/elsewhere', RESTIC_PASSWORD: 'pw' });
    expect(fromEnv).toMatchObject({ repository: '/elsewhere', passwordFile: null, source: 'environment' });
    expect(fromEnv?.env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(loadOffsiteConfig({ DINKYDASH_OFFSITE_ENV: path.join(dir, 'none.env') })).toBeNull();
    expect(offsiteConfigured({ DINKYDASH_OFFSITE_ENV: file })).toBe(true);
    expect(offsiteConfigured({ DINKYDASH_OFFSITE_ENV: path.join(dir, 'none.env') })).toBe(false);
  });

  it('refuses a repository without a password, and never shows a password in the address', () => {
    expect(() => loadOffsiteConfig({ RESTIC_REPOSITORY: '/x', DINKYDASH_OFFSITE_ENV: path.join(dir, 'none.env') })).toThrow(OffsiteConfigError);
    const config = loadOffsiteConfig({ RESTIC_REPOSITORY: 'rest:https://pi:s3cret-pass@nas.local:8000/dinkydash/', RESTIC_PASSWORD_FILE: '/p' })!;
    expect(config.shownRepository).toBe('rest:https://pi:***@nas.local:8000/dinkydash/');
    const failure = resticFailure(config, 'Fatal: unable to open repository at rest:https://pi:s3cret-pass@nas.local:8000/dinkydash/: dial tcp: connection refused\n', 'Copying');
    expect(failure.message).not.toContain('s3cret-pass');
  });
});

describe("restic's failures in the owner's words", () => {
  const config = loadOffsiteConfig({ RESTIC_REPOSITORY: 'sftp:nas:/srv/dinkydash', RESTIC_PASSWORD_FILE: '/etc/dinkydash/restic-password' })!;
  it.each([
    ['Fatal: wrong password or no key found\n', 'wrong-password', 'does not open the repository sftp:nas:/srv/dinkydash'],
    ['Fatal: unable to open config file: Stat: stat /srv/dinkydash/config: no such file or directory\nIs there a repository at the following location?\nsftp:nas:/srv/dinkydash\n', 'no-repository', 'dinkydash offsite init'],
    ['ssh: connect to host 127.0.0.1 port 2222: Connection refused\nFatal: unable to open repository at sftp:nas:/srv/dinkydash: unable to start the sftp session, error: EOF\n', 'unreachable', 'cannot reach the repository'],
    ['Resolving password failed: Fatal: /etc/dinkydash/restic-password does not exist\n', 'no-password-file', 'cannot read the password file'],
    ['unable to create lock in backend: repository is already locked by PID 12 on pi\n', 'locked', 'locked by another restic run'],
  ])('%#: %s', (stderr, kind, words) => {
    const failure = resticFailure(config, stderr, 'Copying the backups');
    expect(failure.kind).toBe(kind);
    expect(failure.message).toContain(words);
    expect(failure.message.startsWith('Copying the backups failed')).toBe(true);
  });

  it("knows an append-only repository's refusal to delete, and nothing else, for one", () => {
    expect(DELETE_REFUSED.test('Remove(<snapshot/1a2b3c4d5e>) returned error, retrying after 552.330144ms: blob not removed, server response: 403 Forbidden (403)')).toBe(true);
    expect(DELETE_REFUSED.test('unable to remove <snapshot/1a2b3c> from the repository: remove /mnt/x/snapshots/1a2b3c: permission denied')).toBe(true);
    expect(DELETE_REFUSED.test('Load(<data/1a2b3c>, 0, 0) returned error, retrying after 1s: 403 Forbidden')).toBe(false);
    expect(DELETE_REFUSED.test('Fatal: wrong password or no key found')).toBe(false);
  });
});

describe('judging the off-box copies', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const run = (startedAt: string, outcome: 'ok' | 'failed') => ({ startedAt, finishedAt: startedAt, outcome, error: outcome === 'failed' ? 'cannot reach the repository' : null });

  it('missing when there is none, ok within 48 hours, stale after', () => {
    expect(judgeOffsite(null, null, now)).toMatchObject({ state: 'missing', newestCopyAt: null, lastRunFailed: false });
    expect(judgeOffsite('2026-12-01T03:20:00Z', run('2026-12-01T03:20:00Z', 'ok'), now)).toMatchObject({ state: 'ok', ageHours: 32.7 });
    expect(judgeOffsite('2026-11-30T12:00:00Z', null, now)).toMatchObject({ state: 'ok', ageHours: 48 });
    const stale = judgeOffsite('2026-11-30T11:00:00Z', null, now);
    expect(stale).toMatchObject({ state: 'stale', ageHours: 49 });
    expect(stale.message).toContain('more than 48 hours');
  });

  it('stale when the run after the newest copy failed; a failure before it no longer counts', () => {
    const failedAfter = judgeOffsite('2026-12-02T03:20:00Z', run('2026-12-02T11:00:00Z', 'failed'), now);
    expect(failedAfter).toMatchObject({ state: 'stale', lastRunFailed: true });
    expect(failedAfter.message).toContain('cannot reach the repository');
    expect(judgeOffsite('2026-12-02T03:20:00Z', run('2026-12-01T03:20:00Z', 'failed'), now)).toMatchObject({ state: 'ok', lastRunFailed: false });
    expect(judgeOffsite(null, run('2026-12-02T11:00:00Z', 'failed'), now)).toMatchObject({ state: 'missing', lastRunFailed: true });
  });
});
