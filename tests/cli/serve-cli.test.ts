import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';

describe('dinkydash serve refuses clearly', () => {
  it('a data folder that cannot be a folder, instead of hanging or a stack trace', async () => {
    const file = path.join(makeDataDir(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const result = await runCli(file, ['serve', '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^dinkydash: Cannot create the folder .*: ENOTDIR\n$/);
  });

  it('a port already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runCli(makeDataDir(), ['serve', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('a port number out of range, as a usage mistake', async () => {
    const result = await runCli(makeDataDir(), ['serve', '--port', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must be between 0 and 65535');
  });
});

describe('dinkydash serve on loopback (the default)', () => {
  it('says where it serves and nothing about phones, since only this machine can reach it', async () => {
    const child = spawn(process.execPath, [BIN, '--data', makeDataDir(), 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => stdout, { timeout: 15_000 }).toMatch(/^DinkyDash is serving .* at http:\/\/127\.0\.0\.1:\d+\/\n/);
      // The lines about the home network would follow in the same write burst.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
      expect(stdout).not.toContain('home network');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('dinkydash serve sign-up options', () => {
  it('refuse bad values of --signup, --max-families and their environment variables, naming them', async () => {
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--signup', 'sometimes'], {}, /--signup <mode>.*'sometimes' is invalid\. Allowed choices are open, closed, first/],
      [[], { DINKYDASH_SIGNUP: 'yes' }, /'yes' from env 'DINKYDASH_SIGNUP' is invalid\. Allowed choices are open, closed, first/],
      [['--max-families', 'lots'], {}, /--max-families <n>.*"lots" is not a whole number/],
      [['--max-families', '0'], {}, /--max-families <n>.*must be between 1 and/],
      [[], { DINKYDASH_MAX_FAMILIES: '-3' }, /'-3' from env 'DINKYDASH_MAX_FAMILIES' is invalid\. "-3" is not a whole number/],
    ];
    for (const [args, env, message] of cases) {
      const result = await runCli(makeDataDir(), ['serve', '--port', '0', ...args], { env });
      expect(result.code, args.join(' ') || JSON.stringify(env)).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\bat \S+ \(/);
    }
  });

  it('with --signup first (or DINKYDASH_SIGNUP=first), lets the first family sign up and no other', async () => {
    for (const [args, env] of [[['--signup', 'first'], {}], [[], { DINKYDASH_SIGNUP: 'first' }], [[], { DINKYDASH_MAX_FAMILIES: '1' }]] as const) {
      const dataDir = makeDataDir();
      const child = spawn(process.execPath, [BIN, '--data', dataDir, 'serve', '--port', '0', ...args], { env: { ...process.env, DINKYDASH_DATA: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (d: Buffer) => {
            const m = / at (http:\/\/[^/\s]+)\//.exec(d.toString());
            if (m) resolve(m[1]!);
          });
          child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
        });
        const signUp = (slug: string) =>
          fetch(`${url}/signup`, {
            method: 'POST',
            redirect: 'manual',
            body: new URLSearchParams({ family_name: `Family ${slug}`, slug, username: 'mum', password: 'correct horse battery', time_zone: 'UTC' }),
            headers: { origin: url, 'x-forwarded-for': `192.168.7.${slug.length}` },
          });
        expect(await (await fetch(`${url}/`)).text()).toContain('Create your family');
        expect((await signUp('first')).status).toBe(303);
        expect((await signUp('second')).status).toBe(403);
        expect(fs.readdirSync(path.join(dataDir, 'tenants'))).toEqual(['first.db']);
      } finally {
        child.kill('SIGTERM');
      }
    }
  });
});
