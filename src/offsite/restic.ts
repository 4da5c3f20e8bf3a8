import { spawn } from 'node:child_process';
import { redact, type OffsiteConfig } from './config.js';

// Running restic: its output is read, never passed through unread, and every
// message shown or logged has the configured secrets replaced by ***.

export interface ResticOutput {
  code: number;
  stdout: string;
  stderr: string;
  /** True when we stopped restic ourselves (see `stopWhen`). */
  stopped: boolean;
}

export type ResticFailureKind = 'not-installed' | 'no-repository' | 'wrong-password' | 'no-password-file' | 'unreachable' | 'locked' | 'failed';

/** restic failed; the message is in the owner's words, with restic's own reason after it. */
export class ResticError extends Error {
  override name = 'ResticError';
  constructor(
    message: string,
    readonly kind: ResticFailureKind,
  ) {
    super(message);
  }
}

export interface ResticRunOptions {
  cwd?: string;
  /** Stops restic (SIGINT, so it removes its lock) as soon as a line of its standard error matches. */
  stopWhen?: RegExp;
}

/** Runs `restic ARGS` with the configuration's variables; resolves with its output whatever its exit code. */
export function runRestic(config: OffsiteConfig, args: string[], options: ResticRunOptions = {}): Promise<ResticOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('restic', args, { cwd: options.cwd, env: config.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (options.stopWhen && !stopped && options.stopWhen.test(stderr)) {
        stopped = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') reject(new ResticError('restic is not installed (on Debian or Raspberry Pi OS: sudo apt install restic).', 'not-installed'));
      else reject(err);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr: redact(stderr, config.secrets), stopped }));
  });
}

/** Runs restic and throws a ResticError when it fails. */
export async function restic(config: OffsiteConfig, args: string[], what: string, options: ResticRunOptions = {}): Promise<ResticOutput> {
  const out = await runRestic(config, args, options);
  if (out.code !== 0) throw resticFailure(config, out.stderr, what);
  return out;
}

/** restic's reason: its "Fatal:" line when it printed one, else its last line of output. */
export function resticReason(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const fatal = lines.filter((l) => /^Fatal:/.test(l)).at(-1);
  return (fatal ?? lines.at(-1) ?? 'no message').replace(/^Fatal:\s*/, '');
}

/** A failed restic run in the owner's words: what we were doing, what went wrong, and restic's own reason. */
export function resticFailure(config: OffsiteConfig, rawStderr: string, what: string): ResticError {
  const stderr = redact(rawStderr, config.secrets);
  const reason = resticReason(stderr);
  const where = config.shownRepository;
  if (/wrong password or no key found/i.test(stderr)) {
    return new ResticError(`${what} failed: the password (${passwordSource(config)}) does not open the repository ${where}.`, 'wrong-password');
  }
  if (/(Opening password file|password file).*(no such file|permission denied)|Resolving password failed/i.test(stderr)) {
    return new ResticError(`${what} failed: cannot read the password file (${passwordSource(config)}): ${reason}`, 'no-password-file');
  }
  if (/Is there a repository at the following location|unable to open config file|repository does not exist|config file does not exist/i.test(stderr)) {
    return new ResticError(`${what} failed: there is no restic repository at ${where} (create it with: dinkydash offsite init).`, 'no-repository');
  }
  if (/sftp session|ssh: |ssh_exchange|connection refused|connection reset|no route to host|no such host|i\/o timeout|dial tcp|network is unreachable|Connection closed|EOF$/im.test(stderr)) {
    return new ResticError(`${what} failed: cannot reach the repository ${where}: ${reason}`, 'unreachable');
  }
  if (/repository is already locked|unable to create lock/i.test(stderr)) {
    return new ResticError(`${what} failed: the repository ${where} is locked by another restic run: ${reason}`, 'locked');
  }
  return new ResticError(`${what} failed (repository ${where}): ${reason}`, 'failed');
}

function passwordSource(config: OffsiteConfig): string {
  if (config.passwordFile) return `RESTIC_PASSWORD_FILE=${config.passwordFile}`;
  return config.env.RESTIC_PASSWORD ? 'RESTIC_PASSWORD' : 'RESTIC_PASSWORD_COMMAND';
}

/** The JSON lines restic --json printed (lines that are not JSON skipped). */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout.split('\n').flatMap((line) => {
    if (!line.startsWith('{') && !line.startsWith('[')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}
