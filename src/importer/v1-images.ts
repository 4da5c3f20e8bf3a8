import fs from 'node:fs';
import path from 'node:path';
import type { V1ImportPlan } from './v1-config.js';

/**
 * Finds the image files a v1 config names inside the folder v1 kept them in.
 * A name that differs only in letter case ("Estelle.JPG") is still found,
 * since v1 setups were often copied from case-insensitive disks.
 * Only regular files that really live inside imagesDir count: a symlink or
 * name pointing elsewhere is reported missing rather than read.
 */
export function resolveV1Images(
  plan: Pick<V1ImportPlan, 'imageFiles'>,
  imagesDir: string,
): { found: Map<string, string>; missing: string[] } {
  const found = new Map<string, string>();
  const missing: string[] = [];
  const dir = realDirectory(imagesDir);
  const names = dir ? listNames(dir) : [];
  const exact = new Set(names);
  const byLowerCase = new Map<string, string>();
  for (const name of names) {
    if (!byLowerCase.has(name.toLowerCase())) byLowerCase.set(name.toLowerCase(), name);
  }

  for (const file of plan.imageFiles) {
    // Looking names up in the folder's own listing means "../x.jpg" can never match.
    const name = exact.has(file) ? file : byLowerCase.get(file.toLowerCase());
    const absolute = dir && name ? regularFileInside(dir, name) : null;
    if (absolute) found.set(file, absolute);
    else missing.push(file);
  }
  return { found, missing };
}

function regularFileInside(dir: string, name: string): string | null {
  try {
    const real = fs.realpathSync(path.join(dir, name));
    const inside = path.dirname(real) === dir;
    return inside && fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

function realDirectory(dir: string): string | null {
  try {
    const real = fs.realpathSync(path.resolve(dir));
    return fs.statSync(real).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
