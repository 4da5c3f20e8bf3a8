import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { audited } from './audit.js';
import { exportFamily } from '../owner/export.js';
import { writeFileAtomically } from '../owner/write-atomically.js';
import { existingFamilies } from './choose-families.js';
import { formatBytes } from './format.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .summary('write a family\'s data as one JSON document')
    .description(
      'Write a family\'s data as one JSON document (settings, members without passwords or sessions, dashboards, chores with ' +
        'their turns and history, countdowns, display links without their secrets, images as base64 WebP).',
    )
    .argument('<slug>', 'the family to export')
    .option('--out <file>', 'write to FILE (atomically) instead of standard output')
    .action(async (slug: string, opts: { out?: string }, command: Command) => {
      const { data } = globalOptions(command);
      const text = await audited(
        data,
        'export',
        slug,
        async () => {
          existingFamilies(data, [slug]);
          const text = `${JSON.stringify(await exportFamily(data, slug), null, 2)}\n`;
          if (opts.out) writeFileAtomically(opts.out, text);
          return text;
        },
        (t) => ({ out: opts.out ?? 'stdout', sizeBytes: Buffer.byteLength(t) }),
      );
      if (opts.out) process.stdout.write(`Exported the family "${slug}" to ${opts.out} (${formatBytes(Buffer.byteLength(text))}).\n`);
      else process.stdout.write(text);
    });
}
