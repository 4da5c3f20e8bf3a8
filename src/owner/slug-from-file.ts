import path from 'node:path';
import { slugProblem } from '../tenants/slug.js';
import { english } from '../i18n/i18n.js';
import { isTimestampFileName, parseTrashFileName } from './timestamp-names.js';

export type SlugSource = 'option' | 'backup folder' | 'trash file name' | 'file name';

export type SlugGuess = { ok: true; slug: string; from: SlugSource } | { ok: false; message: string };

/**
 * The family a file to restore belongs to, read from where it lies:
 *   backups/smiths/2026-…Z.db        -> smiths (the folder: the name is only a time)
 *   trash/smiths-2026-…Z.db          -> smiths
 *   smiths.db                        -> smiths
 */
export function slugFromFile(file: string): SlugGuess {
  const base = path.basename(file);
  const stem = base.replace(/\.(db|sqlite3?)$/i, '');
  let guess: { slug: string; from: SlugSource };
  if (isTimestampFileName(base)) guess = { slug: path.basename(path.dirname(path.resolve(file))), from: 'backup folder' };
  else {
    const trash = parseTrashFileName(base);
    guess = trash ? { slug: trash.slug, from: 'trash file name' } : { slug: stem, from: 'file name' };
  }
  const problem = slugProblem(guess.slug, english.t);
  if (problem) {
    return {
      ok: false,
      message:
        `Cannot tell which family "${base}" belongs to: its ${guess.from} gives "${guess.slug}", which cannot be a family address ` +
        `(${problem.replace(/\.$/, '')}). Give the address with --as SLUG.`,
    };
  }
  return { ok: true, ...guess };
}
