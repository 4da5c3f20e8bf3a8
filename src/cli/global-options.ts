import type { Command } from 'commander';

export interface GlobalOptions {
  data: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}
