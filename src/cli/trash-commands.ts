import type { Command } from 'commander';
import { globalOptions } from './global-options.js';
import { wholeNumber } from './parse-number.js';
import { audited } from './audit.js';
import { formatBytes, formatTable, plural, writeJson } from './format.js';
import { emptyTrash, listTrash } from '../owner/trash.js';
import { trashDir } from '../tenants/paths.js';

export function registerTrash(program: Command): void {
  const trash = program
    .command('trash')
    .summary('list or empty deleted families')
    .description('Deleted families wait in DATA/trash/ until the trash is emptied; bring one back with `dinkydash restore FILE`.');

  trash
    .command('list')
    .description('List deleted families: slug, when deleted, size, file.')
    .option('--json', 'one JSON document on stdout')
    .action((opts: { json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const items = listTrash(data);
      if (opts.json) {
        writeJson({ trash: items });
        return;
      }
      if (items.length === 0) {
        process.stdout.write(`The trash is empty (${trashDir(data)}).\n`);
        return;
      }
      process.stdout.write(formatTable(['SLUG', 'DELETED AT', 'SIZE', 'FILE'], items.map((i) => [i.slug, i.deletedAt, formatBytes(i.sizeBytes), i.file])));
      process.stdout.write(`Bring one back with: dinkydash restore FILE\n`);
    });

  trash
    .command('empty')
    .description('Remove deleted families for good (all of them, or those deleted more than DAYS days ago).')
    .option('--older-than <days>', 'only families deleted more than this many days ago', wholeNumber(0, 100_000))
    .option('--json', 'one JSON document on stdout')
    .action(async (opts: { olderThan?: number; json?: boolean }, command: Command) => {
      const { data } = globalOptions(command);
      const removed = await audited(
        data,
        'trash empty',
        null,
        () => emptyTrash(data, { olderThanDays: opts.olderThan }),
        (r) => ({ olderThanDays: opts.olderThan ?? null, removed: r.map((i) => i.file) }),
      );
      if (opts.json) {
        writeJson({ removed });
        return;
      }
      const kept = listTrash(data).length;
      process.stdout.write(
        `Removed ${plural(removed.length, 'deleted family', 'deleted families')} for good` +
          `${removed.length ? ` (${removed.map((i) => i.slug).join(', ')})` : ''}; ${kept} left in the trash.\n`,
      );
    });
}
