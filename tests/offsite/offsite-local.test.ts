// Off-box copies to a restic repository in a local folder (a USB disk or an
// NFS/SMB mount looks the same to restic): the whole round trip, a wrong
// password, no configuration, and what /healthz and `family list` say.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { auditLines, startTestServer, tempDir } from '../owner/owner-fixtures.js';
import { createFamilies, json, offsiteRoundTrip } from './offsite-scenario.js';

function localEnv(dir: string): NodeJS.ProcessEnv {
  return {
    RESTIC_REPOSITORY: path.join(dir, 'usb-disk', 'restic'),
    RESTIC_PASSWORD_FILE: path.join(dir, 'restic-password'),
    RESTIC_CACHE_DIR: path.join(dir, 'restic-cache'),
    // No /etc/dinkydash/offsite.env of this machine's may count.
    DINKYDASH_OFFSITE_ENV: path.join(dir, 'no-offsite.env'),
  };
}

describe('offsite to a local folder', () => {
  let dir: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = tempDir('dinkydash-offsite-');
    dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    env = localEnv(dir);
  });

  it('copies twice (the second adding about what changed), and after the data folder is gone restic + restore --all bring every family back', async () => {
    await offsiteRoundTrip({ dataDir, env });
  }, 120_000);

  it('fails with a clear message on a wrong password, logs it, and status turns stale with exit 1', async () => {
    const wrong = path.join(dir, 'wrong-password');
    fs.writeFileSync(wrong, 'not the password\n', { mode: 0o600 });
    const wrongEnv = { ...env, RESTIC_PASSWORD_FILE: wrong };
    // The data folder was rebuilt from the copies: a first run here records its copy in DATA/offsite/.
    const first = await runCli(dataDir, ['offsite', 'run'], { env });
    expect(first.code, first.stderr).toBe(0);
    const statusBefore = await runCli(dataDir, ['offsite', 'status'], { env });
    expect(statusBefore.code, statusBefore.stderr).toBe(0);

    const run = await runCli(dataDir, ['offsite', 'run'], { env: wrongEnv });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the password (RESTIC_PASSWORD_FILE=${wrong}) does not open the repository ${env.RESTIC_REPOSITORY}`);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+|Error:/);
    expect(auditLines(dataDir).at(-1)).toMatchObject({ command: 'offsite run', family: null, outcome: 'failed', error: expect.stringContaining('does not open the repository') });
    expect(JSON.stringify(auditLines(dataDir))).not.toContain(fs.readFileSync(env.RESTIC_PASSWORD_FILE!, 'utf8').trim());

    // With the right password the newest copy is found, but the run after it failed.
    const status = await runCli(dataDir, ['offsite', 'status', '--json'], { env });
    expect(status.code).toBe(1);
    expect(json(status)).toMatchObject({ state: 'stale', lastRun: { outcome: 'failed', error: expect.stringContaining('does not open the repository') } });
    const text = await runCli(dataDir, ['offsite', 'status'], { env });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('STALE: ');
    expect(text.stdout).toContain('FAILED: ');

    const list = await runCli(dataDir, ['family', 'list', '--json'], { env });
    expect(json(list).offsite).toMatchObject({ state: 'stale', lastRunFailed: true });
    const listText = await runCli(dataDir, ['family', 'list'], { env });
    expect(listText.stdout).toContain('Off-box copy STALE:');

    // The next good run makes it fresh again.
    const good = await runCli(dataDir, ['offsite', 'run', '--json'], { env });
    expect(good.code, good.stderr).toBe(0);
    expect((await runCli(dataDir, ['offsite', 'status'], { env })).code).toBe(0);
    expect((await runCli(dataDir, ['family', 'list'], { env })).stdout).not.toContain('Off-box copy');
  }, 60_000);

  it('restore --all restores the others and reports each family it could not restore, with exit 1', async () => {
    const target = tempDir();
    const backups = path.join(dataDir, 'backups');
    fs.mkdirSync(path.join(target, 'tenants'), { recursive: true });
    // One family already there (no --force), one folder whose newest backup is damaged, one with no backup at all.
    fs.copyFileSync(path.join(dataDir, 'tenants', 'alder.db'), path.join(target, 'tenants', 'alder.db'));
    const copy = tempDir();
    fs.cpSync(backups, copy, { recursive: true });
    const newestCedar = fs.readdirSync(path.join(copy, 'cedar')).sort().at(-1)!;
    fs.writeFileSync(path.join(copy, 'cedar', newestCedar), 'a torn file, not a database');
    fs.mkdirSync(path.join(copy, 'empty-family'));

    const result = await runCli(target, ['restore', '--all', copy, '--json']);
    expect(result.code).toBe(1);
    const report = json(result);
    const bySlug = Object.fromEntries(report.families.map((f: { slug: string }) => [f.slug, f]));
    expect(report).toMatchObject({ restored: 3, failed: 3 });
    expect(bySlug.alder).toMatchObject({ outcome: 'failed', error: expect.stringContaining('already exists') });
    expect(bySlug.cedar).toMatchObject({ outcome: 'failed', source: path.join(copy, 'cedar', newestCedar), error: expect.stringContaining('Cannot restore') });
    expect(bySlug['empty-family']).toMatchObject({ outcome: 'failed', error: expect.stringContaining('Found no backup') });
    expect(bySlug.birch).toMatchObject({ outcome: 'ok', file: path.join(target, 'tenants', 'birch.db') });
    expect(fs.readdirSync(path.join(target, 'tenants')).filter((n) => !n.startsWith('.')).sort()).toEqual(
      ['alder', 'birch', 'dogwood', 'elm'].map((s) => `${s}.db`),
    );
    expect(auditLines(target).filter((l) => l.command === 'restore').map((l) => [l.family, l.outcome])).toEqual(
      report.families.map((f: { slug: string; outcome: string }) => [f.slug, f.outcome]),
    );

    // --force replaces the existing family (its file goes to the trash); the text report names each family.
    const forced = await runCli(target, ['restore', '--all', copy, '--force']);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toContain('restored alder from');
    expect(forced.stdout).toContain('6 families: 4 restored, 2 failed.');
    expect(forced.stderr).toContain('restore of cedar FAILED');

    const usage = await Promise.all([
      runCli(target, ['restore', '--all', path.join(copy, 'nowhere')]),
      runCli(target, ['restore', '--all', copy, '--as', 'alder']),
      runCli(target, ['restore', '--all', path.join(copy, 'birch')]),
    ]);
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(usage[0]!.stderr).toContain('There is no folder');
    expect(usage[1]!.stderr).toContain('--as names one family');
    expect(usage[2]!.stderr).toContain('holds no family backups');
  }, 60_000);
});

describe('offsite not set up', () => {
  it('run refuses with where to set it up, status says missing with exit 1, and /healthz and family list stay as they were', async () => {
    const dir = tempDir('dinkydash-offsite-');
    const env = { DINKYDASH_OFFSITE_ENV: path.join(dir, 'offsite.env') };
    const run = await runCli(dir, ['offsite', 'run'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Off-box copies are not set up: set RESTIC_REPOSITORY and RESTIC_PASSWORD_FILE in the environment or in ${env.DINKYDASH_OFFSITE_ENV}`);
    expect(auditLines(dir).at(-1)).toMatchObject({ command: 'offsite run', outcome: 'refused' });
    const status = await runCli(dir, ['offsite', 'status', '--json'], { env });
    expect(status.code).toBe(1);
    expect(json(status)).toMatchObject({ configured: false, state: 'missing', newestCopy: null });
    expect(json(await runCli(dir, ['family', 'list', '--json'], { env }))).toEqual({ families: [] });

    process.env.DINKYDASH_OFFSITE_ENV = env.DINKYDASH_OFFSITE_ENV;
    const server = await startTestServer(dir);
    const before = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, unknown>;
    expect(Object.keys(before).sort()).toEqual(['openFamilies', 'status', 'version']);

    // Set up (the env file names a repository) but never run: /healthz and family list say the copy is missing.
    fs.writeFileSync(env.DINKYDASH_OFFSITE_ENV, `# off-box copies\nRESTIC_REPOSITORY=${path.join(dir, 'repo')}\nRESTIC_PASSWORD_FILE="${path.join(dir, 'pw')}"\n`);
    const after = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, any>;
    expect(after).toMatchObject({ status: 'ok', openFamilies: 0, offsite: { state: 'missing', newestCopyAt: null } });
    await createFamilies(dir);
    const list = await runCli(dir, ['family', 'list'], { env });
    expect(list.stdout).toContain('Off-box copy MISSING: There is no off-box copy yet.');

    // A run from the env file's settings makes it ok.
    const ran = await runCli(dir, ['offsite', 'init'], { env });
    expect(ran.code, ran.stderr).toBe(0);
    const copied = await runCli(dir, ['offsite', 'run'], { env: { ...env, RESTIC_CACHE_DIR: path.join(dir, 'cache') } });
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stdout).toContain(`Copied the backups to ${path.join(dir, 'repo')}`);
    const healthy = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, any>;
    expect(healthy.offsite).toMatchObject({ state: 'ok', lastRunFailed: false, newestCopyAt: expect.any(String) });
  }, 60_000);
});
