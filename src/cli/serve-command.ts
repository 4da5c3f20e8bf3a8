import { Option, type Command } from 'commander';
import os from 'node:os';
import path from 'node:path';
import { globalOptions } from './global-options.js';
import { wholeNumber } from './parse-number.js';
import { CliError } from './cli-error.js';
import { reachLines } from './lan-addresses.js';
import { SIGNUP_MODES, type SignupMode } from '../config.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve every family in the data folder over HTTP.')
    .option('--port <port>', 'TCP port', wholeNumber(0, 65535), 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--max-open <n>', 'most family files kept open at once', wholeNumber(1, 100_000), 32)
    .option('--idle-close <seconds>', 'close a family file after it has been idle this long', wholeNumber(0, 86_400), 60)
    .addOption(new Option('--signup <mode>', 'whether visitors may create families (first: until the first family exists)').choices(SIGNUP_MODES).env('DINKYDASH_SIGNUP').default('open'))
    .addOption(new Option('--max-families <n>', 'refuse sign-up once this many families exist').argParser(wholeNumber(1, 1_000_000)).env('DINKYDASH_MAX_FAMILIES'))
    .action(async (opts: { port: number; host: string; maxOpen: number; idleClose: number; signup: SignupMode; maxFamilies?: number }, command: Command) => {
      const { data } = globalOptions(command);
      // Loaded here, not at the top: the owner's other commands need none of the web app.
      const { startServer } = await import('../server.js');
      const server = await startServer({
        dataDir: data,
        port: opts.port,
        host: opts.host,
        maxOpen: opts.maxOpen,
        idleCloseMs: opts.idleClose * 1000,
        signup: opts.signup,
        maxFamilies: opts.maxFamilies,
      }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE') throw new CliError(`Port ${opts.port} on ${opts.host} is already in use. Is DinkyDash already running? (Choose another with --port.)`);
        if (err.code === 'EACCES') throw new CliError(`Not allowed to listen on port ${opts.port}: ports below 1024 need root. Use --port 8080 behind nginx.`);
        if (err.code === 'EADDRNOTAVAIL') throw new CliError(`This machine has no address ${opts.host}.`);
        throw err;
      });
      process.stdout.write(`DinkyDash is serving ${path.resolve(data)} at ${server.url}/\n`);
      for (const line of reachLines({ host: opts.host, port: server.port, signup: opts.signup, interfaces: os.networkInterfaces() })) process.stdout.write(`${line}\n`);
      const stop = (signal: string) => {
        process.stdout.write(`${signal}: finishing requests in flight and closing family files…\n`);
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}
