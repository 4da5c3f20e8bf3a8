import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { spawn } from 'node:child_process';

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
