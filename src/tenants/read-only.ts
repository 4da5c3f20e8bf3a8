import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The owner made the file read-only (`chmod a-w`). Root may write to it
 * anyway, and on a Pi the server or the owner's commands often run as root,
 * so DinkyDash honours the mode bits itself instead of leaving it to the kernel.
 */
export function isWriteProtected(stat: fs.Stats): boolean {
  return (stat.mode & 0o222) === 0;
}

/**
 * Why DinkyDash must not write to this family file, in the owner's words, or
 * null when it may. SQLite also needs the folder to be writable, for the
 * journal it keeps beside the file during a write.
 */
export function whyReadOnly(file: string, stat: fs.Stats): string | null {
  if (isWriteProtected(stat)) return `the file is read-only (chmod u+w ${file} makes it writable again)`;
  for (const target of [file, path.dirname(file)]) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return 'it is on a read-only file system';
      if (code === 'EACCES' || code === 'EPERM') {
        // Typically a file moved in by root: it must belong to the user DinkyDash runs as.
        return `${target === file ? 'the file' : 'its folder'} is not writable by the user DinkyDash runs as (chown ${os.userInfo().username} ${target})`;
      }
      throw err;
    }
  }
  return null;
}
