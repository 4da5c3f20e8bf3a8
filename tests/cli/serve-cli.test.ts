import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataDir } from '../helpers/data-dir.js';
import { runCli } from '../helpers/cli.js';

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
