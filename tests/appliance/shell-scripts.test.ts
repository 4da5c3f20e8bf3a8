// The appliance's shell scripts: executable (so `sudo bin/install-pi` runs
// straight from a checkout) and clean under ShellCheck, which catches the
// quoting and `set -e` mistakes that only show up on someone's Pi.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './nginx-harness.js';
import { installAdvice } from '../helpers/test-needs.js';

const scripts = ['bin/install-pi', 'bin/uninstall-pi', 'kiosk/install-kiosk', 'kiosk/dinkydash-kiosk', 'kiosk/dinkydash-screen', 'scripts/pi-proof'];

describe('appliance shell scripts', () => {
  it('are executable', () => {
    for (const script of scripts) {
      expect(fs.statSync(path.join(repoRoot, script)).mode & 0o111, script).toBe(0o111);
    }
  });

  it('pass ShellCheck', () => {
    const result = spawnSync('shellcheck', ['--format=gcc', ...scripts], { cwd: repoRoot, encoding: 'utf8' });
    if (result.error) {
      throw new Error(installAdvice('shellcheck'));
    }
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });
});
