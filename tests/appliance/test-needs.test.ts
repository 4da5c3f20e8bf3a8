// What `npm test` needs from Debian is one list (.ci/test-packages): .ci/run
// installs from it, the tests name what is missing from it, and the README's
// install line must name the same packages.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './nginx-harness.js';
import { installAdvice, missingReport, testNeeds } from '../helpers/test-needs.js';

describe('what npm test needs', () => {
  it('is the same list in the README as in .ci/test-packages', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const line = /^sudo apt-get install -y (.+)$/m.exec(readme.slice(readme.indexOf('## Tests')))?.[1];
    expect(line, 'the README\'s Tests section has no "sudo apt-get install -y" line').toBeDefined();
    expect(line!.split(/\s+/).sort()).toEqual(testNeeds().map((need) => need.pkg).sort());
  });

  it('says for each package how to tell it is installed and what it is for', () => {
    expect(testNeeds().length).toBeGreaterThan(5);
    for (const need of testNeeds()) {
      expect(need.check, need.pkg).toMatch(/^(command|file|package):\S+$/);
      expect(need.why, need.pkg).not.toBe('');
    }
    expect(testNeeds().map((need) => need.pkg)).toEqual(expect.arrayContaining(['chromium', 'nginx', 'libnginx-mod-http-echo', 'iproute2']));
  });

  it('names what is missing with the one command that installs it', () => {
    const [chromium, nginx] = ['chromium', 'nginx'].map((pkg) => testNeeds().find((need) => need.pkg === pkg)!);
    const report = missingReport([chromium!, nginx!]);
    expect(report).toContain(`  chromium                ${chromium!.why}`);
    expect(report).toContain('sudo apt-get install -y chromium nginx\n');
    expect(missingReport([])).toBe('');
    expect(installAdvice('shellcheck')).toMatch(/^shellcheck is not installed, and the tests need it for .+\. Install it with: sudo apt-get install -y shellcheck/);
  });

  it('is read by .ci/run, which checks and installs every package in it', () => {
    const ciRun = fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8');
    expect(ciRun).toContain('< <(grep -Ev \'^[[:space:]]*(#|$)\' .ci/test-packages)');
    expect(ciRun).toContain('apt-get install -y -qq --no-install-recommends "${need[@]}"');
  });
});
