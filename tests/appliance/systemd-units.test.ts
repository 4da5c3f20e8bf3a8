// The systemd units of the appliance (systemd/ and the kiosk's user units),
// checked by systemd itself: `systemd-analyze verify` must have nothing to
// say about them, and `systemd-analyze security` must rate the services as
// well sandboxed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './nginx-harness.js';
import { installAdvice } from '../helpers/test-needs.js';

const systemUnits = ['dinkydash.service', 'dinkydash-backup.service', 'dinkydash-backup.timer', 'dinkydash-offsite.service'];
const kioskUnits = ['dinkydash-screen.service', 'dinkydash-screen.timer'];

let workDir: string;

function systemdAnalyze(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync('systemd-analyze', args, { cwd, encoding: 'utf8', env });
  if (result.error) {
    throw new Error(`systemd-analyze could not run (${result.error.message}). ${installAdvice('systemd')}`);
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * Copies units into a temp folder with their programs pointed at files that
 * exist here (verify refuses a missing ExecStart binary): node at the node
 * running the tests, the kiosk script at its place in the checkout.
 */
function copyUnits(from: string, names: string[], to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of names) {
    const text = fs
      .readFileSync(path.join(repoRoot, from, name), 'utf8')
      .replaceAll('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `)
      .replaceAll('ExecStart=/usr/local/bin/dinkydash-screen ', `ExecStart=${path.join(repoRoot, 'kiosk/dinkydash-screen')} `);
    fs.writeFileSync(path.join(to, name), text);
  }
}

/**
 * Lines systemd printed about these units. It reports most mistakes (an
 * unknown key, a value it cannot parse) as "…, ignoring" and still exits 0,
 * so these lines are the real verdict. A missing `dinkydash` user on the test
 * machine is not a mistake in the unit.
 */
function complaintsAbout(names: string[], output: string): string[] {
  return output
    .split('\n')
    .filter((line) => names.some((name) => line.includes(name)))
    .filter((line) => !/user.*dinkydash|dinkydash.*user/i.test(line));
}

/** Every value of a key in a unit file (keys may repeat). */
function unitValues(unitText: string, key: string): string[] {
  return unitText
    .split('\n')
    .filter((line) => line.startsWith(`${key}=`))
    .map((line) => line.slice(key.length + 1));
}

const readUnit = (relative: string) => fs.readFileSync(path.join(repoRoot, relative), 'utf8');

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-units-'));
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('system units', () => {
  it('pass systemd-analyze verify without a single complaint', () => {
    const dir = path.join(workDir, 'system');
    copyUnits('systemd', systemUnits, dir);
    const result = systemdAnalyze(['verify', '--man=no', '--generators=no', ...systemUnits.map((name) => `./${name}`)], dir);
    expect(complaintsAbout(systemUnits, result.output), result.output).toEqual([]);
    expect(result.status, result.output).toBe(0);
  });

  it('would be caught by that check if a setting were mistyped', () => {
    const dir = path.join(workDir, 'mistyped');
    copyUnits('systemd', ['dinkydash.service'], dir);
    const unit = path.join(dir, 'dinkydash.service');
    fs.writeFileSync(unit, fs.readFileSync(unit, 'utf8').replace('MemoryMax=400M', 'MemoryMax=400 megabytes'));
    const result = systemdAnalyze(['verify', '--man=no', '--generators=no', './dinkydash.service'], dir);
    expect(complaintsAbout(['dinkydash.service'], result.output).join('\n')).toContain("Invalid memory limit '400 megabytes'");
  });

  it('sandbox the app and the backup well (systemd exposure level 2.0 or better)', () => {
    const dir = path.join(workDir, 'security');
    copyUnits('systemd', systemUnits, dir);
    for (const service of ['dinkydash.service', 'dinkydash-backup.service', 'dinkydash-offsite.service']) {
      const result = systemdAnalyze(['security', '--offline=true', '--no-pager', '--threshold=20', `./${service}`], dir);
      const verdict = result.output.split('\n').find((line) => line.includes('Overall exposure level')) ?? result.output;
      expect(result.status, `${service}: ${verdict}`).toBe(0);
    }
  });

  it('run the app as its own user on loopback, with its data in /var/lib/dinkydash', () => {
    const unit = readUnit('systemd/dinkydash.service');
    expect(unitValues(unit, 'User')).toEqual(['dinkydash']);
    expect(unitValues(unit, 'StateDirectory')).toEqual(['dinkydash']);
    expect(unitValues(unit, 'Environment')).toContain('DINKYDASH_DATA=/var/lib/dinkydash');
    // A Pi on a LAN is open to sign-up only until its first family exists.
    expect(unitValues(unit, 'Environment')).toContain('DINKYDASH_SIGNUP=first');
    expect(unitValues(unit, 'ExecStart')).toEqual(['/usr/bin/node /opt/dinkydash/bin/dinkydash serve --host 127.0.0.1 --port 8080']);
    expect(unitValues(unit, 'Restart')).toEqual(['on-failure']);
    // V8 compiles JavaScript to machine code at run time: forbidding
    // writable+executable memory would crash node at start.
    for (const name of ['dinkydash.service', 'dinkydash-backup.service', 'dinkydash-offsite.service']) {
      expect(unitValues(readUnit(`systemd/${name}`), 'MemoryDenyWriteExecute'), name).toEqual([]);
    }
  });

  it('back up every family each night, catching up after the Pi was off', () => {
    const timer = readUnit('systemd/dinkydash-backup.timer');
    expect(unitValues(readUnit('systemd/dinkydash-backup.service'), 'ExecStart')).toEqual(['/usr/bin/node /opt/dinkydash/bin/dinkydash backup --all']);
    expect(unitValues(timer, 'Persistent')).toEqual(['true']);
    const [calendar] = unitValues(timer, 'OnCalendar');
    const result = systemdAnalyze(['calendar', calendar ?? ''], workDir);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/Normalized form: \*-\*-\* 0[0-5]:\d\d:00/);
  });

  it('send the backups off the box after each successful nightly backup, only once offsite.env exists, unable to change the families', () => {
    const backup = readUnit('systemd/dinkydash-backup.service');
    const offsite = readUnit('systemd/dinkydash-offsite.service');
    expect(unitValues(backup, 'OnSuccess')).toEqual(['dinkydash-offsite.service']);
    expect(unitValues(offsite, 'ConditionPathExists')).toEqual(['/etc/dinkydash/offsite.env']);
    expect(unitValues(offsite, 'EnvironmentFile')).toEqual(['/etc/dinkydash/offsite.env']);
    expect(unitValues(offsite, 'User')).toEqual(['dinkydash']);
    expect(unitValues(offsite, 'ExecStart')).toEqual(['/usr/bin/node /opt/dinkydash/bin/dinkydash offsite run --no-backup']);
    expect(unitValues(offsite, 'ReadOnlyPaths')).toEqual(['/var/lib/dinkydash']);
    // Only its status folder and the audit log are writable; never tenants/ or backups/.
    expect(unitValues(offsite, 'ReadWritePaths').join(' ').split(' ').sort()).toEqual(['-/var/lib/dinkydash/audit.log', '-/var/lib/dinkydash/offsite']);
    expect(unitValues(offsite, 'MemoryMax')).toHaveLength(1);
    // Not enabled on its own: the backup service starts it.
    expect(offsite).not.toContain('[Install]');
  });
});

describe('kiosk user units', () => {
  it('pass systemd-analyze verify --user without a single complaint', () => {
    const dir = path.join(workDir, 'kiosk');
    copyUnits('kiosk', kioskUnits, dir);
    // A user manager needs a runtime folder; give it a private one.
    const runtime = path.join(workDir, 'runtime');
    fs.mkdirSync(runtime, { mode: 0o700, recursive: true });
    const env = { ...process.env, XDG_RUNTIME_DIR: runtime, HOME: workDir };
    const result = systemdAnalyze(['verify', '--user', '--man=no', '--generators=no', ...kioskUnits.map((name) => `./${name}`)], dir, env);
    expect(complaintsAbout(kioskUnits, result.output), result.output).toEqual([]);
    expect(result.status, result.output).toBe(0);
  });
});
