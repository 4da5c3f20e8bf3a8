import fs from 'node:fs';

/** Whether this process has the file open: one of its file descriptors (/proc/self/fd) points at it. */
export function isOpenHere(file: string): boolean {
  const real = fs.realpathSync(file);
  return fs.readdirSync('/proc/self/fd').some((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === real;
    } catch {
      return false;
    }
  });
}
