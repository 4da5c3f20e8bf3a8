// bin/install-pi and bin/uninstall-pi, run for real into a throwaway root
// (DESTDIR) from a small stand-in checkout: the files they write, their
// modes, that a second install changes nothing, and that uninstalling keeps
// the families' data unless asked to delete it.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from './nginx-harness.js';

let temp: string;
let checkout: string;
let root: string;

/** A checkout with the real appliance files and a stand-in app. */
function makeCheckout(dir: string): void {
  for (const folder of ['systemd', 'nginx', 'kiosk']) {
    fs.cpSync(path.join(repoRoot, folder), path.join(dir, folder), { recursive: true });
  }
  fs.mkdirSync(path.join(dir, 'bin'));
  for (const script of ['install-pi', 'uninstall-pi']) {
    fs.copyFileSync(path.join(repoRoot, 'bin', script), path.join(dir, 'bin', script));
    fs.chmodSync(path.join(dir, 'bin', script), 0o755);
  }
  const write = (relative: string, text: string, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text, { mode });
  };
  write('package.json', '{ "name": "dinkydash", "version": "0.1.0" }\n');
  write('package-lock.json', '{}\n');
  write('bin/dinkydash', '#!/usr/bin/env node\nconsole.log("dinkydash");\n', 0o755);
  write('src/server.ts', 'export const port = 8080;\n');
  write('src/chores/rotation.ts', 'export const turn = 1;\n');
  // Never to be copied: a family's data, dependencies, old build output.
  write('data/tenants/smith.db', 'SQLite format 3\n');
  write('node_modules/left-pad/index.js', 'module.exports = 1;\n');
  write('dist/server.js', 'old build\n');
}

function run(script: 'install-pi' | 'uninstall-pi', args: string[] = [], env: Record<string, string> = {}) {
  const result = spawnSync(path.join(checkout, 'bin', script), args, {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, DESTDIR: root, DINKYDASH_SKIP_NPM: '1', NODE: process.execPath, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}${result.stderr}` };
}

function install(args: string[] = [], env: Record<string, string> = {}) {
  const result = run('install-pi', args, env);
  expect(result.status, result.output).toBe(0);
  return result;
}

const inRoot = (absolute: string) => path.join(root, absolute);
const modeOf = (absolute: string) => (fs.lstatSync(inRoot(absolute)).mode & 0o7777).toString(8).padStart(4, '0');

/** Every path under the root with its mode, mtime and content (or link target). */
function snapshot(): string[] {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stat = fs.lstatSync(full);
      const what = stat.isSymbolicLink()
        ? `-> ${fs.readlinkSync(full)}`
        : stat.isFile()
          ? crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')
          : 'dir';
      lines.push(`${path.relative(root, full)} ${(stat.mode & 0o7777).toString(8)} ${stat.mtimeMs} ${what}`);
      if (stat.isDirectory()) walk(full);
    }
  };
  walk(root);
  return lines;
}

beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-install-'));
  checkout = path.join(temp, 'checkout');
  root = path.join(temp, 'root');
  fs.mkdirSync(checkout);
  fs.mkdirSync(root);
  makeCheckout(checkout);
  // Debian's nginx comes with its default site enabled.
  fs.mkdirSync(inRoot('/etc/nginx/sites-available'), { recursive: true });
  fs.mkdirSync(inRoot('/etc/nginx/sites-enabled'), { recursive: true });
  fs.writeFileSync(inRoot('/etc/nginx/sites-available/default'), 'server { listen 80 default_server; }\n');
  fs.symlinkSync('/etc/nginx/sites-available/default', inRoot('/etc/nginx/sites-enabled/default'));
});

afterEach(() => {
  fs.rmSync(temp, { recursive: true, force: true });
});

describe('bin/install-pi', () => {
  it('installs the app, the units, the nginx site and the data folder with the right modes', () => {
    const result = install();

    // The app: its files, executable where they were, but no data, no dependencies, no old build.
    expect(fs.readFileSync(inRoot('/opt/dinkydash/src/chores/rotation.ts'), 'utf8')).toBe('export const turn = 1;\n');
    expect(modeOf('/opt/dinkydash')).toBe('0755');
    expect(modeOf('/opt/dinkydash/package.json')).toBe('0644');
    expect(modeOf('/opt/dinkydash/bin/dinkydash')).toBe('0755');
    for (const left of ['/opt/dinkydash/data', '/opt/dinkydash/node_modules', '/opt/dinkydash/dist']) {
      expect(fs.existsSync(inRoot(left)), left).toBe(false);
    }

    // systemd units, pointing at the node that was checked.
    for (const unit of ['dinkydash.service', 'dinkydash-backup.service', 'dinkydash-backup.timer', 'dinkydash-offsite.service']) {
      expect(modeOf(`/etc/systemd/system/${unit}`), unit).toBe('0644');
      if (process.getuid?.() === 0) expect(fs.statSync(inRoot(`/etc/systemd/system/${unit}`)).uid).toBe(0);
    }
    expect(fs.readFileSync(inRoot('/etc/systemd/system/dinkydash.service'), 'utf8')).toContain(
      `ExecStart=${process.execPath} /opt/dinkydash/bin/dinkydash serve --host 127.0.0.1 --port 8080`,
    );
    // Sign-up closes once the first family exists, unless the owner chooses otherwise.
    expect(fs.readFileSync(inRoot('/etc/systemd/system/dinkydash.service'), 'utf8')).toMatch(/^Environment=DINKYDASH_SIGNUP=first$/m);

    // nginx: our site enabled with a link to its real path, Debian's default gone.
    expect(fs.readFileSync(inRoot('/etc/nginx/sites-available/dinkydash'), 'utf8')).toBe(
      fs.readFileSync(path.join(repoRoot, 'nginx/dinkydash.conf'), 'utf8'),
    );
    expect(modeOf('/etc/nginx/sites-available/dinkydash')).toBe('0644');
    expect(fs.readlinkSync(inRoot('/etc/nginx/sites-enabled/dinkydash'))).toBe('/etc/nginx/sites-available/dinkydash');
    expect(fs.existsSync(inRoot('/etc/nginx/sites-enabled/default'))).toBe(false);
    expect(fs.existsSync(inRoot('/etc/nginx/sites-available/default'))).toBe(true);

    // The families' folder: only for the service's user.
    expect(modeOf('/var/lib/dinkydash')).toBe('0750');
    // Off-box copies: the one folder their service may write, and the settings' folder with an example, but no
    // offsite.env (so dinkydash-offsite.service stays inactive until the owner writes one).
    expect(modeOf('/var/lib/dinkydash/offsite')).toBe('0750');
    expect(modeOf('/etc/dinkydash')).toBe('0750');
    expect(fs.readFileSync(inRoot('/etc/dinkydash/offsite.env.example'), 'utf8')).toContain('RESTIC_PASSWORD_FILE=/etc/dinkydash/restic-password');
    expect(fs.existsSync(inRoot('/etc/dinkydash/offsite.env'))).toBe(false);
    expect(fs.readFileSync(inRoot('/etc/systemd/system/dinkydash-offsite.service'), 'utf8')).toContain(
      `ExecStart=${process.execPath} /opt/dinkydash/bin/dinkydash offsite run --no-backup`,
    );

    // `dinkydash` runs the app's command line as the service's user.
    expect(modeOf('/usr/local/bin/dinkydash')).toBe('0755');
    expect(fs.readFileSync(inRoot('/usr/local/bin/dinkydash'), 'utf8')).toContain(
      `runuser -u dinkydash -- ${process.execPath} /opt/dinkydash/bin/dinkydash`,
    );
    expect(spawnSync('sh', ['-n', inRoot('/usr/local/bin/dinkydash')]).status).toBe(0);

    // What it would have done on a real Pi is said, not done.
    expect(result.stdout).toContain('skipped (DESTDIR): systemctl enable dinkydash.service');
    expect(result.stdout).toContain('skipped (DINKYDASH_SKIP_NPM=1): npm ci');
  });

  it('changes nothing at all when run a second time', () => {
    install();
    const before = snapshot();
    const second = install();
    expect(snapshot()).toEqual(before);
    expect(second.stdout).toContain('App files in');
    expect(second.stdout).toMatch(/App files in .*: unchanged/);
    expect(second.stdout).toMatch(/systemd units in .*: unchanged/);
    expect(second.stdout).toMatch(/nginx site in .*: unchanged/);
    expect(second.stdout).not.toContain('systemctl daemon-reload');
  });

  it('brings an update over: changed files are replaced, deleted ones removed', () => {
    install();
    fs.writeFileSync(path.join(checkout, 'src/chores/rotation.ts'), 'export const turn = 2;\n');
    fs.rmSync(path.join(checkout, 'src/server.ts'));
    const update = install();
    expect(update.stdout).toMatch(/App files in .*: updated/);
    expect(fs.readFileSync(inRoot('/opt/dinkydash/src/chores/rotation.ts'), 'utf8')).toBe('export const turn = 2;\n');
    expect(fs.existsSync(inRoot('/opt/dinkydash/src/server.ts'))).toBe(false);
  });

  it('copies only the files git tracks from a git checkout', () => {
    const git = (...args: string[]) => {
      const result = spawnSync('git', ['-C', checkout, ...args], { encoding: 'utf8' });
      expect(result.status, `git ${args.join(' ')}: ${result.stderr}`).toBe(0);
    };
    git('init', '-q');
    fs.writeFileSync(path.join(checkout, '.gitignore'), 'node_modules/\ndist/\ndata/\n');
    git('add', '.');
    fs.writeFileSync(path.join(checkout, 'src/scratch.ts'), 'not committed, not added\n');
    install();
    expect(fs.existsSync(inRoot('/opt/dinkydash/src/chores/rotation.ts'))).toBe(true);
    expect(fs.existsSync(inRoot('/opt/dinkydash/src/scratch.ts'))).toBe(false);
    expect(fs.existsSync(inRoot('/opt/dinkydash/data'))).toBe(false);
  });

  it('builds the app in /opt/dinkydash with npm, again only after a change or a failed build', () => {
    const fakeBin = path.join(temp, 'fake-bin');
    const npmLog = path.join(temp, 'npm.log');
    fs.mkdirSync(fakeBin);
    // A stand-in npm that writes down where and how it ran, and rewrites package-lock.json as
    // Debian's npm 9 does when it installs; FAIL_NPM_BUILD makes the build fail.
    fs.writeFileSync(
      path.join(fakeBin, 'npm'),
      `#!/bin/sh\necho "$PWD: npm $*" >> "${npmLog}"\nif [ "$1" = ci ]; then echo '{"rewritten": true}' > package-lock.json; fi\nif [ "$1" = run ] && [ -n "$FAIL_NPM_BUILD" ]; then echo "tsc: error" >&2; exit 2; fi\n`,
      { mode: 0o755 },
    );
    const env = { DINKYDASH_SKIP_NPM: '0', PATH: `${fakeBin}:${process.env.PATH}` };
    const npmCalls = () => (fs.existsSync(npmLog) ? fs.readFileSync(npmLog, 'utf8').trim().split('\n') : []);
    const appDir = inRoot('/opt/dinkydash');

    install([], env);
    expect(npmCalls()).toEqual([
      `${appDir}: npm ci --no-audit --no-fund`,
      `${appDir}: npm run build`,
      `${appDir}: npm prune --omit=dev --no-audit --no-fund`,
    ]);

    // The installed lock file is the source's again, so a second run finds nothing to build.
    expect(fs.readFileSync(path.join(appDir, 'package-lock.json'), 'utf8')).toBe(fs.readFileSync(path.join(checkout, 'package-lock.json'), 'utf8'));
    install([], env);
    expect(npmCalls()).toHaveLength(3);

    fs.writeFileSync(path.join(checkout, 'src/server.ts'), 'export const port = 8081;\n');
    const failed = run('install-pi', [], { ...env, FAIL_NPM_BUILD: '1' });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('building the app failed');
    // Nothing changed since, but the build did not finish: it is tried again.
    install([], env);
    expect(npmCalls().slice(-3)).toEqual([
      `${appDir}: npm ci --no-audit --no-fund`,
      `${appDir}: npm run build`,
      `${appDir}: npm prune --omit=dev --no-audit --no-fund`,
    ]);
  });

  it('refuses a Node.js older than 20.19 with directions, before writing anything', () => {
    const oldNode = path.join(temp, 'node18');
    fs.writeFileSync(oldNode, '#!/bin/sh\necho v18.19.0\n', { mode: 0o755 });
    const result = run('install-pi', [], { NODE: oldNode });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('DinkyDash needs Node.js 20.19 or newer (found 18.19.0)');
    expect(result.stderr).toContain('NodeSource');
    expect(result.stderr).not.toMatch(/line \d+:/);
    expect(fs.readdirSync(inRoot('/'))).toEqual(['etc']);
    expect(fs.existsSync(inRoot('/opt'))).toBe(false);
  });

  it('writes nothing on a dry run', () => {
    const before = snapshot();
    const result = install(['--dry-run']);
    expect(result.stdout).toContain('would write');
    expect(snapshot()).toEqual(before);
  });

  it('explains an unknown option', () => {
    const result = run('install-pi', ['--frobnicate']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('unknown option: --frobnicate');
  });
});

describe('bin/uninstall-pi', () => {
  beforeEach(() => {
    install();
    fs.mkdirSync(inRoot('/var/lib/dinkydash/tenants'), { recursive: true });
    fs.writeFileSync(inRoot('/var/lib/dinkydash/tenants/smith.db'), 'SQLite format 3\n');
  });

  it('removes the app, units and site, gives nginx its default site back, and keeps the families', () => {
    const result = run('uninstall-pi');
    expect(result.status, result.output).toBe(0);
    for (const gone of [
      '/opt/dinkydash',
      '/usr/local/bin/dinkydash',
      '/etc/systemd/system/dinkydash.service',
      '/etc/systemd/system/dinkydash-backup.service',
      '/etc/systemd/system/dinkydash-backup.timer',
      '/etc/systemd/system/dinkydash-offsite.service',
      '/etc/nginx/sites-available/dinkydash',
      '/etc/nginx/sites-enabled/dinkydash',
    ]) {
      expect(fs.existsSync(inRoot(gone)), gone).toBe(false);
    }
    expect(fs.readlinkSync(inRoot('/etc/nginx/sites-enabled/default'))).toBe('/etc/nginx/sites-available/default');
    expect(fs.readFileSync(inRoot('/var/lib/dinkydash/tenants/smith.db'), 'utf8')).toBe('SQLite format 3\n');
    expect(result.stdout).toContain('Kept the families\' data');
    // The off-box settings hold the repository's password: kept like the families.
    expect(fs.existsSync(inRoot('/etc/dinkydash/offsite.env.example'))).toBe(true);
    expect(result.stdout).toContain('skipped (DESTDIR): systemctl disable --now');
  });

  it('does not delete the families without a confirmation', () => {
    const result = run('uninstall-pi', ['--purge-data']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('add --yes if you mean it');
    expect(fs.existsSync(inRoot('/var/lib/dinkydash/tenants/smith.db'))).toBe(true);
    expect(fs.existsSync(inRoot('/opt/dinkydash'))).toBe(true);
  });

  it('deletes the families with --purge-data --yes', () => {
    const result = run('uninstall-pi', ['--purge-data', '--yes']);
    expect(result.status, result.output).toBe(0);
    expect(fs.existsSync(inRoot('/var/lib/dinkydash'))).toBe(false);
    expect(fs.existsSync(inRoot('/opt/dinkydash'))).toBe(false);
  });
});
