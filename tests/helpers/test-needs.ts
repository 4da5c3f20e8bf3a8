import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// What `npm test` needs from Debian, read from the one list .ci/run installs
// from (.ci/test-packages), so that a missing tool is named with the command
// that installs it, at the start of the run and in each test that needs it.

const LIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.ci/test-packages');

export interface TestNeed {
  /** The Debian package. */
  pkg: string;
  /** How to tell it is installed: command:NAME, file:PATH or package:NAME. */
  check: string;
  /** What the tests use it for. */
  why: string;
}

export function testNeeds(): TestNeed[] {
  return fs
    .readFileSync(LIST, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.trimStart().startsWith('#'))
    .map((line) => {
      const [pkg = '', check = '', ...why] = line.trim().split(/\s+/);
      return { pkg, check, why: why.join(' ') };
    });
}

// root's PATH has the sbin folders (nginx lives there); another user's may not.
const SEARCHED = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'].filter(Boolean);

/** Where a command is found, or null. */
export function commandPath(name: string): string | null {
  for (const dir of SEARCHED) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function isInstalled(need: TestNeed): boolean {
  const [kind, target = ''] = need.check.split(/:(.*)/s);
  if (kind === 'command') return commandPath(target) !== null;
  if (kind === 'file') return fs.existsSync(target);
  if (kind === 'package') return spawnSync('dpkg-query', ['-W', '-f', '${Status}', target], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
  throw new Error(`.ci/test-packages: "${need.check}" for ${need.pkg} is not command:, file: or package:`);
}

export function missingNeeds(): TestNeed[] {
  return testNeeds().filter((need) => !isInstalled(need));
}

/** The sentence a test fails with when `pkg` is missing. */
export function installAdvice(pkg: string): string {
  const need = testNeeds().find((n) => n.pkg === pkg);
  if (!need) throw new Error(`${pkg} is not in .ci/test-packages; add it there, so that .ci/run installs it`);
  return `${need.pkg} is not installed, and the tests need it for ${need.why}. Install it with: sudo apt-get install -y ${need.pkg} (.ci/run installs everything in .ci/test-packages).`;
}

/** Throws installAdvice(pkg) unless the package is installed. */
export function requireInstalled(pkg: string): void {
  const need = testNeeds().find((n) => n.pkg === pkg);
  if (!need || !isInstalled(need)) throw new Error(installAdvice(pkg));
}

/** The block `npm test` prints first when something is missing; empty when all is there. */
export function missingReport(missing: TestNeed[]): string {
  if (missing.length === 0) return '';
  const rows = missing.map((need) => `  ${need.pkg.padEnd(24)}${need.why}`).join('\n');
  return `npm test needs these Debian packages, which are missing here; the tests that use them will fail:\n${rows}\nInstall them with:\n  sudo apt-get install -y ${missing.map((need) => need.pkg).join(' ')}\n`;
}
