import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../src/config.js';
import { copyFamilies, templateFamily } from './fixtures.js';

// node dist/bench/restore-all.js: the way back from a dead SD card, timed.
// FAMILIES families of about 240 KB (300 x 240 KB = the 72 MB) are
// backed up with `dinkydash backup --all`; then `dinkydash restore --all DIR`
// restores all of them into an empty data folder, and, for comparison, one
// `dinkydash restore FILE` per family into another. Then two nights of
// `dinkydash offsite run` to a restic repository in a folder, OFFSITE_CHANGED
// families changing in between: what the second night added.

const FAMILIES = Number(process.env.FAMILIES ?? 300);
const CHANGED = Number(process.env.OFFSITE_CHANGED ?? 10);
// A 152 KB template plus a photo: about 240 KB a family, the 300 families in 72 MB.
const PHOTO_BYTES = 88 * 1024;
const BIN = path.join(PROJECT_ROOT, 'bin', 'dinkydash');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dinkydash-restore-all-'));
const say = (line = '') => process.stdout.write(`${line}\n`);

function cli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(process.execPath, [BIN, '--data', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, DINKYDASH_DATA: '', ...env }, maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`dinkydash ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function timed<T>(what: string, run: () => T): T {
  const start = process.hrtime.bigint();
  const result = run();
  say(`${what}: ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`);
  return result;
}

function addPhoto(file: string): void {
  const db = new Database(file);
  const webp = crypto.randomBytes(PHOTO_BYTES);
  db.prepare('insert into images (sha256, webp, width, height) values (?, ?, 640, 480)').run(crypto.createHash('sha256').update(webp).digest('hex'), webp);
  db.close();
}

try {
  const source = path.join(work, 'source');
  const template = await templateFamily(path.join(work, 'template'));
  const slugs = copyFamilies(template, source, FAMILIES);
  // Each family its own photo, so the families differ as real ones do.
  for (const slug of slugs) addPhoto(path.join(source, 'tenants', `${slug}.db`));
  const bytes = slugs.reduce((n, slug) => n + fs.statSync(path.join(source, 'tenants', `${slug}.db`)).size, 0);
  say(`${FAMILIES} families, ${(bytes / 1024 / 1024).toFixed(1)} MB; ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}, node ${process.version}`);
  timed('dinkydash backup --all', () => cli(source, ['backup', '--all']));
  const backups = path.join(source, 'backups');

  const all = path.join(work, 'restored-all');
  const report = timed(`dinkydash restore --all DIR (${FAMILIES} families)`, () => JSON.parse(cli(all, ['restore', '--all', backups, '--json'])) as { restored: number; failed: number });
  if (report.restored !== FAMILIES) throw new Error(`restore --all restored ${report.restored} of ${FAMILIES}`);

  const one = path.join(work, 'restored-one-by-one');
  timed(`${FAMILIES} x dinkydash restore FILE`, () => {
    for (const slug of slugs) {
      const dir = path.join(backups, slug);
      cli(one, ['restore', path.join(dir, fs.readdirSync(dir).sort().at(-1)!)]);
    }
  });

  if (spawnSync('restic', ['version']).status === 0) {
    const env = {
      RESTIC_REPOSITORY: path.join(work, 'restic'),
      RESTIC_PASSWORD_FILE: path.join(work, 'restic-password'),
      RESTIC_CACHE_DIR: path.join(work, 'restic-cache'),
      DINKYDASH_OFFSITE_ENV: path.join(work, 'none'),
    };
    cli(source, ['offsite', 'init'], env);
    const first = timed('offsite run, first night', () => JSON.parse(cli(source, ['offsite', 'run', '--json'], env)));
    for (const slug of slugs.slice(0, CHANGED)) addPhoto(path.join(source, 'tenants', `${slug}.db`));
    const second = timed(`offsite run, second night (${CHANGED} families changed)`, () => JSON.parse(cli(source, ['offsite', 'run', '--json'], env)));
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
    say(`added to the repository: first night ${mib(first.copy.addedBytes)}, second night ${mib(second.copy.addedBytes)}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
