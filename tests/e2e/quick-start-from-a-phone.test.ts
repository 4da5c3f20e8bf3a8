import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { makePiNetwork, type PiNetwork } from '../helpers/pi-network.js';
import { ROOT } from '../helpers/cli.js';

// The README's Quick start, followed as a new family would on a Saturday: a
// fresh clone, the README's own commands for letting phones in, and phones
// (Chromium at 390x844 and 360x740) opening the address the server prints,
// over a network of the test's own making (a namespace and a veth pair, see
// helpers/pi-network.ts), never loopback and never this machine's network.
//
// The clone is of this checkout's HEAD (what CI's clean clone has). Its
// node_modules is hard-linked from this checkout's rather than downloaded:
// the namespace has no internet, so the README's `npm install` runs offline
// and finds everything in place; `npm start` then builds and serves as written.

const SECTION = '## Quick start';

/** The shell commands in the README's Quick start code blocks, comments dropped. */
function quickStartCommands(readme: string): string[] {
  const start = readme.indexOf(SECTION);
  const section = readme.slice(start, readme.indexOf('\n## ', start + SECTION.length));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((block) => block[1]!.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

let pi: PiNetwork;
let browser: Browser;
let clone: string;
let printed = '';
let server: ReturnType<PiNetwork['run']>;

beforeAll(async () => {
  const commands = quickStartCommands(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  // The first command installs and starts; the one with --host 0.0.0.0 lets phones in.
  const install = commands[0]?.split('&&')[0]?.trim();
  expect(install, 'the Quick start begins with npm install && npm start').toBe('npm install');
  const phoneStart = commands.find((command) => command.includes('--host 0.0.0.0'));
  expect(phoneStart, 'the Quick start says how to let phones in (--host 0.0.0.0)').toMatch(/^npm start -- /);

  clone = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-quick-start-')), 'dinkydash');
  const cloned = spawnSync('git', ['clone', '--quiet', ROOT, clone], { encoding: 'utf8' });
  expect(cloned.status, cloned.stderr).toBe(0);
  expect(fs.existsSync(path.join(clone, 'node_modules'))).toBe(false);
  // Hard links where the clone is on the same file system as this checkout, a copy where not.
  const linked = spawnSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
  if (linked.status !== 0) {
    fs.rmSync(path.join(clone, 'node_modules'), { recursive: true, force: true });
    const copied = spawnSync('cp', ['-a', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')], { encoding: 'utf8' });
    expect(copied.status, copied.stderr).toBe(0);
  }

  pi = makePiNetwork();
  browser = await launchChromium();
  // As a person's shell would have it: none of DinkyDash's settings, and npm told it is offline.
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  for (const name of Object.keys(env)) if (name.startsWith('DINKYDASH_')) delete env[name];
  server = pi.run(`${install} && ${phoneStart}`, { cwd: clone, env });
  // npm start builds first: a minute or more on a busy machine. Wait for the line about phones, or the end.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address for phones after 4 minutes:\n${printed}`)), 240_000);
    const seen = (chunk: Buffer) => {
      printed += chunk;
      if (/home network, open .*\n.*\n/.test(printed)) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on('data', seen);
    server.stderr!.on('data', seen);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Quick start's command ended (${code}) before printing an address for phones:\n${printed}`));
    });
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await pi?.close();
  if (clone) fs.rmSync(path.dirname(clone), { recursive: true, force: true });
});

function phone(size: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport: size, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
}

describe("the README's Quick start, from a phone on the home network", () => {
  let address: string;

  it("prints the Pi's network address for phones, and only that (no loopback, nothing of this machine's)", () => {
    expect(printed).toContain('DinkyDash is serving');
    const line = /^From a phone or laptop on your home network, open (.+)$/m.exec(printed);
    expect(line, printed).not.toBeNull();
    const urls = line![1]!.split(' or ');
    expect(urls).toEqual([`http://${pi.piAddress}:8080/`]);
    expect(printed).toContain('anyone who opens it can create a family');
    address = urls[0]!;
  });

  it('lets a 390x844 phone create a family at the printed address, and reach every menu item', async () => {
    const context = await phone({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(address);
    await page.getByLabel('Family name', { exact: true }).fill('The Parkers');
    await page.getByLabel('Your name').fill('Pam');
    await page.locator('input[name="username"]').fill('pam');
    await page.locator('input[name="password"]').fill('saturday morning');
    await page.getByRole('button', { name: 'Create family' }).tap();
    await page.waitForURL(`${address}the-parkers/`);
    for (const name of ['Dashboard', 'Calendar', 'Chores & countdowns', 'Members', 'Settings', 'My profile', 'Sign out']) {
      const item = page.locator('.topbar nav').getByText(name, { exact: true });
      const box = (await item.boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(390);
      expect(box.y + box.height, name).toBeLessThanOrEqual(844);
    }
    await page.getByRole('button', { name: 'Sign out' }).tap();
    await page.waitForURL(`${address}the-parkers/login`);
    await context.close();
  });

  it('lets a 360x740 phone open the family at the printed address and sign in', async () => {
    const context = await phone({ width: 360, height: 740 });
    const page = await context.newPage();
    await page.goto(address);
    // One family on the Pi: the start page goes straight to it.
    await page.waitForURL(`${address}the-parkers/login`);
    await page.locator('input[name="username"]').fill('pam');
    await page.locator('input[name="password"]').fill('saturday morning');
    await page.getByRole('button', { name: /Sign in/ }).tap();
    await page.waitForURL(`${address}the-parkers/`);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });

  it('with --host :: as the README says, prints the IPv6 address too (not the link-local one a browser cannot open), and a phone opens it', async () => {
    const dualStack = pi.run('node bin/dinkydash serve --host :: --port 8081', { cwd: clone });
    let said = '';
    dualStack.stdout!.on('data', (chunk) => (said += chunk));
    dualStack.stderr!.on('data', (chunk) => (said += chunk));
    await expect.poll(() => said, { timeout: 20_000 }).toMatch(/home network, open .*\n.*\n/);
    const urls = /^From a phone or laptop on your home network, open (.+)$/m.exec(said)![1]!.split(' or ');
    expect(urls).toEqual([`http://${pi.piAddress}:8081/`, `http://[${pi.piAddress6}]:8081/`]);
    const context = await phone({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(urls[1]!);
    await page.waitForURL(`${urls[1]}the-parkers/login`);
    await context.close();
  });

  it('keeps the family in the clone\'s data folder, one file, as the Quick start says', () => {
    expect(fs.readdirSync(path.join(clone, 'data', 'tenants')).filter((name) => !name.startsWith('.'))).toEqual(['the-parkers.db']);
  });
});
