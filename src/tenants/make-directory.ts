import fs from 'node:fs';
import path from 'node:path';

/**
 * mkdir -p, one folder at a time. Node's own `mkdirSync(…, { recursive: true })`
 * spins forever under some parents (seen with a data folder under /proc), and
 * the owner must get a message, not a hung command.
 */
export function makeDirectory(dir: string, mode?: number): void {
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let current = target; !fs.existsSync(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new Error(`Cannot create the folder ${folder}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
  }
  if (!fs.statSync(target).isDirectory()) throw new Error(`${target} is not a folder.`);
}
