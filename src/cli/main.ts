import { Command, CommanderError, Option } from 'commander';
import { APP_VERSION, defaultDataDir } from '../config.js';
import { EXIT_USAGE, exitCodeFor, messageFor } from './cli-error.js';
import { registerServe } from './serve-command.js';
import { registerFamily } from './family-commands.js';
import { registerMigrate } from './migrate-command.js';
import { registerBackup } from './backup-command.js';
import { registerRestore } from './restore-command.js';
import { registerTrash } from './trash-commands.js';
import { registerCheck } from './check-command.js';
import { registerExport } from './export-command.js';
import { registerUser } from './user-commands.js';
import { registerImportV1 } from './import-v1-command.js';
import { registerCalendar } from './calendar-commands.js';
import { registerOffsite } from './offsite-commands.js';

/** The `dinkydash` command: serve, and the owner's operations on family files. */
export function buildProgram(): Command {
  const program = new Command('dinkydash')
    .description('DinkyDash: a family dashboard for the Raspberry Pi. Each family is one SQLite file in DATA/tenants/.')
    .version(APP_VERSION)
    .addOption(new Option('--data <dir>', 'the data folder').env('DINKYDASH_DATA').default(defaultDataDir()))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServe(program);
  registerFamily(program);
  registerMigrate(program);
  registerBackup(program);
  registerRestore(program);
  registerCheck(program);
  registerExport(program);
  registerTrash(program);
  registerUser(program);
  registerImportV1(program);
  registerCalendar(program);
  registerOffsite(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes with 2.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`dinkydash: ${messageFor(err)}\n`);
    if (process.env.DINKYDASH_DEBUG) console.error(err);
    process.exitCode = exitCodeFor(err);
  }
}
