// The wall display (kiosk/): dinkydash-kiosk opens the display link in
// Chromium once DinkyDash answers, dinkydash-screen switches the screen by
// the hours in kiosk.conf, and install-kiosk sets both up for the desktop
// user. Chromium, wlr-randr and vcgencmd are stand-in scripts that write
// down how they were called.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort, repoRoot } from './nginx-harness.js';

const execFileAsync = promisify(execFile);
const kioskScript = path.join(repoRoot, 'kiosk/dinkydash-kiosk');
const screenScript = path.join(repoRoot, 'kiosk/dinkydash-screen');
const installKiosk = path.join(repoRoot, 'kiosk/install-kiosk');

let temp: string;
let fakeBin: string;
let calls: string;

/** A stand-in program that appends "name arg arg ..." to the calls file and prints `output`. */
function fakeProgram(name: string, output = '', extra = ''): void {
  fs.writeFileSync(
    path.join(fakeBin, name),
    `#!/bin/sh\necho "${name} $*" >> "${calls}"\n${extra}printf '%s' '${output}'\n`,
    { mode: 0o755 },
  );
}

const recordedCalls = () => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : []);

function writeConf(lines: string[]): string {
  const conf = path.join(temp, 'kiosk.conf');
  fs.writeFileSync(conf, `${lines.join('\n')}\n`);
  return conf;
}

function baseEnv(conf: string): NodeJS.ProcessEnv {
  return {
    PATH: `${fakeBin}:/usr/local/bin:/usr/bin:/bin`,
    HOME: path.join(temp, 'home'),
    DINKYDASH_KIOSK_CONF: conf,
  };
}

/** Runs a script without blocking this process, which may be serving /healthz. */
async function runAsync(script: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await execFileAsync(script, args, { env, timeout: 15_000 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function runSync(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(script, args, { env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-kiosk-'));
  fakeBin = path.join(temp, 'bin');
  calls = path.join(temp, 'calls.log');
  fs.mkdirSync(fakeBin);
  fs.mkdirSync(path.join(temp, 'home'));
});

afterEach(() => {
  fs.rmSync(temp, { recursive: true, force: true });
});

describe('dinkydash-kiosk', () => {
  let health: http.Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => (health ? health.close(() => resolve()) : resolve()));
    health = undefined;
  });

  async function healthzOn(port: number): Promise<void> {
    health = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => health?.listen(port, '127.0.0.1', () => resolve()));
  }

  it('opens the display link full screen in Chromium once DinkyDash answers', async () => {
    const port = await freePort();
    await healthzOn(port);
    fakeProgram('chromium');
    const conf = writeConf([
      '# the Smiths in the kitchen',
      'KIOSK_URL=http://127.0.0.1/smiths/display/abc123?theme=dark&size=large',
      `KIOSK_HEALTH_URL=http://127.0.0.1:${port}/healthz`,
      'KIOSK_WAIT_SECONDS=5',
    ]);
    const result = await runAsync(kioskScript, [], baseEnv(conf));
    expect(result.status, result.stderr).toBe(0);
    const [call] = recordedCalls();
    expect(call).toBe(
      'chromium --kiosk --noerrdialogs --disable-infobars --no-first-run --check-for-update-interval=31536000 ' +
        '--disable-session-crashed-bubble --password-store=basic --disable-features=Translate ' +
        'http://127.0.0.1/smiths/display/abc123?theme=dark&size=large',
    );
    expect(result.stderr).not.toContain('did not answer');
  });

  it('opens the page anyway, and says why, when DinkyDash does not answer in time', async () => {
    const deadPort = await freePort();
    // Named as on Bookworm, and chosen through KIOSK_BROWSER: a machine with Debian's real chromium on PATH must not run it here.
    fakeProgram('chromium-browser');
    const conf = writeConf([`KIOSK_HEALTH_URL=http://127.0.0.1:${deadPort}/healthz`, 'KIOSK_WAIT_SECONDS=1', 'KIOSK_BROWSER=chromium-browser']);
    const started = Date.now();
    const result = await runAsync(kioskScript, [], baseEnv(conf));
    expect(result.status, result.stderr).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(result.stderr).toContain(`DinkyDash did not answer on http://127.0.0.1:${deadPort}/healthz within 1 s`);
    // Without a display link it shows the DinkyDash start page.
    expect(recordedCalls()[0]).toMatch(/^chromium-browser --kiosk .* http:\/\/127\.0\.0\.1\/$/);
  });

  it('starts the browser again when it closes, with --respawn', async () => {
    const deadPort = await freePort();
    // The third start stops the kiosk script, so the test ends.
    fakeProgram('chromium', '', `[ "$(wc -l < "${calls}")" -ge 3 ] && kill $PPID\n`);
    const conf = writeConf([`KIOSK_HEALTH_URL=http://127.0.0.1:${deadPort}/healthz`, 'KIOSK_WAIT_SECONDS=0']);
    const result = await runAsync(kioskScript, ['--respawn'], { ...baseEnv(conf), KIOSK_RESPAWN_DELAY: '0' });
    expect(recordedCalls()).toHaveLength(3);
    expect(result.stderr).toContain('the browser closed; starting it again');
  });

  it('keeps Chromium from offering to restore pages after a power cut', async () => {
    const deadPort = await freePort();
    fakeProgram('chromium');
    const preferences = path.join(temp, 'home/.config/chromium/Default/Preferences');
    fs.mkdirSync(path.dirname(preferences), { recursive: true });
    fs.writeFileSync(preferences, '{"profile":{"exit_type":"Crashed","exited_cleanly":false,"name":"Kitchen"}}');
    const conf = writeConf([`KIOSK_HEALTH_URL=http://127.0.0.1:${deadPort}/healthz`, 'KIOSK_WAIT_SECONDS=0']);
    const result = await runAsync(kioskScript, [], baseEnv(conf));
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(preferences, 'utf8'))).toEqual({
      profile: { exit_type: 'Normal', exited_cleanly: true, name: 'Kitchen' },
    });
  });

  it('says how to install Chromium when it is missing', async () => {
    const conf = writeConf(['KIOSK_WAIT_SECONDS=0']);
    // bash named directly: PATH holds nothing but the stand-ins here.
    const result = await runAsync('/bin/bash', [kioskScript], { ...baseEnv(conf), PATH: fakeBin });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Chromium is not installed: sudo apt install chromium');
  });
});

describe('dinkydash-screen', () => {
  const hours = ['SCREEN_ON_AT=06:30', 'SCREEN_OFF_AT=21:30'];

  it('wants the screen on during the screen hours and off outside them', () => {
    const conf = writeConf(hours);
    const expected: Record<string, string> = { '06:29': 'off', '06:30': 'on', '12:00': 'on', '21:29': 'on', '21:30': 'off', '00:00': 'off' };
    for (const [now, state] of Object.entries(expected)) {
      const result = runSync(screenScript, ['state'], { ...baseEnv(conf), DINKYDASH_SCREEN_NOW: now });
      expect(result.stdout.trim(), `at ${now}`).toBe(state);
    }
  });

  it('handles hours across midnight, and no hours at all', () => {
    const overnight = writeConf(['SCREEN_ON_AT=18:00', 'SCREEN_OFF_AT=1:00']);
    const at = (conf: string, now: string) => runSync(screenScript, ['state'], { ...baseEnv(conf), DINKYDASH_SCREEN_NOW: now }).stdout.trim();
    expect(at(overnight, '23:30')).toBe('on');
    expect(at(overnight, '00:59')).toBe('on');
    expect(at(overnight, '09:00')).toBe('off');
    const alwaysOn = writeConf(['SCREEN_ON_AT=', 'SCREEN_OFF_AT=']);
    expect(at(alwaysOn, '03:00')).toBe('on');
  });

  it('explains a time it cannot read, and leaves the screen alone', () => {
    fakeProgram('vcgencmd');
    const conf = writeConf(['SCREEN_ON_AT=6.30am', 'SCREEN_OFF_AT=21:30']);
    const result = runSync(screenScript, ['auto'], baseEnv(conf));
    expect(recordedCalls()).toEqual([]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SCREEN_ON_AT in");
    expect(result.stderr).toContain("should be a time like 06:30 or 21:45 (24-hour clock), not '6.30am'");
  });

  it('switches the first screen off with wlr-randr inside the desktop session', () => {
    fakeProgram('wlr-randr', 'HDMI-A-1 "Samsung Electric Company SAMSUNG"\n  Enabled: yes\nHDMI-A-2 "Other"\n');
    const conf = writeConf(hours);
    const result = runSync(screenScript, ['auto'], { ...baseEnv(conf), DINKYDASH_SCREEN_NOW: '22:15', WAYLAND_DISPLAY: 'wayland-0' });
    expect(result.status, result.stderr).toBe(0);
    expect(recordedCalls()).toContain('wlr-randr --output HDMI-A-1 --off');
  });

  it('falls back to vcgencmd when there is no Wayland session', () => {
    fakeProgram('wlr-randr');
    fakeProgram('vcgencmd', 'display_power=1');
    const conf = writeConf(hours);
    const runtime = path.join(temp, 'runtime');
    fs.mkdirSync(runtime);
    const result = runSync(screenScript, ['auto'], { ...baseEnv(conf), DINKYDASH_SCREEN_NOW: '07:00', XDG_RUNTIME_DIR: runtime });
    expect(result.status, result.stderr).toBe(0);
    expect(recordedCalls()).toEqual(['vcgencmd display_power 1']);
  });
});

describe('kiosk/install-kiosk', () => {
  let root: string;
  const home = (relative: string) => path.join(root, 'home/pi', relative);
  const install = (...args: string[]) =>
    runSync(installKiosk, ['--user', 'pi', '--home', '/home/pi', ...args], { PATH: process.env.PATH, DESTDIR: root });

  beforeEach(() => {
    root = path.join(temp, 'root');
    fs.mkdirSync(path.join(root, 'home/pi/.config/labwc'), { recursive: true });
    // Someone's own autostart, without a newline at the end.
    fs.writeFileSync(home('.config/labwc/autostart'), 'swayidle -w timeout 600 true &');
  });

  it('adds the kiosk to the autostart once, keeping what was there', () => {
    expect(install().status).toBe(0);
    expect(install().status).toBe(0);
    expect(fs.readFileSync(home('.config/labwc/autostart'), 'utf8')).toBe(
      'swayidle -w timeout 600 true &\n/usr/local/bin/dinkydash-kiosk --respawn &\n',
    );
    for (const program of ['dinkydash-kiosk', 'dinkydash-screen']) {
      expect(fs.statSync(path.join(root, 'usr/local/bin', program)).mode & 0o777, program).toBe(0o755);
    }
    expect(fs.readFileSync(path.join(root, 'etc/dinkydash/kiosk.conf'), 'utf8')).toContain('KIOSK_URL=');
  });

  it('writes the screen hours from kiosk.conf into an enabled user timer, and keeps the edited conf', () => {
    fs.mkdirSync(path.join(root, 'etc/dinkydash'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/dinkydash/kiosk.conf'), 'KIOSK_URL=http://127.0.0.1/smiths/\nSCREEN_ON_AT=7:05\nSCREEN_OFF_AT=20:15\n');
    const result = install();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Screen on at 07:05, off at 20:15');
    const timer = fs.readFileSync(home('.config/systemd/user/dinkydash-screen.timer'), 'utf8');
    expect(timer.split('\n').filter((line) => line.startsWith('OnCalendar='))).toEqual([
      'OnCalendar=*-*-* 07:05:00',
      'OnCalendar=*-*-* 20:15:00',
    ]);
    expect(fs.readlinkSync(home('.config/systemd/user/timers.target.wants/dinkydash-screen.timer'))).toBe(
      '/home/pi/.config/systemd/user/dinkydash-screen.timer',
    );
    expect(fs.readFileSync(path.join(root, 'etc/dinkydash/kiosk.conf'), 'utf8')).toContain('KIOSK_URL=http://127.0.0.1/smiths/');
  });

  it('refuses screen hours it cannot read, with the reason', () => {
    fs.mkdirSync(path.join(root, 'etc/dinkydash'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/dinkydash/kiosk.conf'), 'SCREEN_ON_AT=07:00\nSCREEN_OFF_AT=25:00\n');
    const result = install();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("SCREEN_OFF_AT in");
    expect(result.stderr).toContain("not '25:00'");
    expect(fs.existsSync(home('.config/systemd/user/dinkydash-screen.timer'))).toBe(false);
  });

  it('undoes it all with --remove, keeping kiosk.conf', () => {
    expect(install().status).toBe(0);
    const result = runSync(installKiosk, ['--remove'], { PATH: process.env.PATH, DESTDIR: root });
    expect(result.status, result.stderr).toBe(0);
    expect(fs.readFileSync(home('.config/labwc/autostart'), 'utf8')).toBe('swayidle -w timeout 600 true &\n');
    expect(fs.existsSync(home('.config/systemd/user/dinkydash-screen.timer'))).toBe(false);
    expect(fs.existsSync(home('.config/systemd/user/timers.target.wants/dinkydash-screen.timer'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'usr/local/bin/dinkydash-kiosk'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'etc/dinkydash/kiosk.conf'))).toBe(true);
  });
});
