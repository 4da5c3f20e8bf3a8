import fs from 'node:fs';

// Off-box copies are configured with restic's own variables, so owners can
// follow restic's documentation: RESTIC_REPOSITORY, RESTIC_PASSWORD_FILE (or
// RESTIC_PASSWORD / RESTIC_PASSWORD_COMMAND) and whatever the backend needs
// (AWS_*, B2_*, ...). They come from the environment when it names a
// repository, else from one file: /etc/dinkydash/offsite.env on a Pi, which
// the systemd unit also reads (one VAR=value a line, # comments).

export const DEFAULT_OFFSITE_ENV_FILE = '/etc/dinkydash/offsite.env';

export interface OffsiteConfig {
  /** The repository address as configured (may hold credentials: show it only through `shownRepository`). */
  repository: string;
  /** The address with any password in it replaced by ***. */
  shownRepository: string;
  passwordFile: string | null;
  /** Where the variables came from: 'environment' or the env file's path. */
  source: string;
  /** The variables restic is run with (the process environment plus the file's). */
  env: NodeJS.ProcessEnv;
  /** Strings that must never be printed (passwords in the address or in RESTIC_PASSWORD). */
  secrets: string[];
}

/** The env file to read: DINKYDASH_OFFSITE_ENV, else /etc/dinkydash/offsite.env. */
export function offsiteEnvFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.DINKYDASH_OFFSITE_ENV || DEFAULT_OFFSITE_ENV_FILE;
}

/**
 * Parses an env file the way systemd's EnvironmentFile= reads simple ones:
 * VAR=value, blank lines and lines starting with # or ; skipped, one pair of
 * surrounding quotes removed, an optional leading `export ` tolerated.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!;
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) value = value.slice(1, -1);
    vars[match[1]!] = value;
  }
  return vars;
}

/** The env file's variables, or null when there is none (an unreadable file is an error worth reporting). */
function readEnvFile(file: string): Record<string, string> | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new OffsiteConfigError(`Cannot read ${file} (${code ?? (err as Error).message}): the dinkydash user must be able to read it (sudo chgrp dinkydash ${file}; sudo chmod 0640 ${file}).`);
  }
  return parseEnvFile(text);
}

export class OffsiteConfigError extends Error {
  override name = 'OffsiteConfigError';
}

/** The off-box configuration, or null when none is set up. Throws OffsiteConfigError for one that cannot work. */
export function loadOffsiteConfig(env: NodeJS.ProcessEnv = process.env): OffsiteConfig | null {
  let vars: NodeJS.ProcessEnv;
  let source: string;
  if (env.RESTIC_REPOSITORY) {
    vars = { ...env };
    source = 'environment';
  } else {
    const file = offsiteEnvFile(env);
    const fromFile = readEnvFile(file);
    if (!fromFile || !fromFile.RESTIC_REPOSITORY) return null;
    vars = { ...env, ...fromFile };
    source = file;
  }
  const repository = vars.RESTIC_REPOSITORY!;
  if (!vars.RESTIC_PASSWORD_FILE && !vars.RESTIC_PASSWORD && !vars.RESTIC_PASSWORD_COMMAND) {
    throw new OffsiteConfigError(
      `RESTIC_REPOSITORY is set (${source}) but no password is: set RESTIC_PASSWORD_FILE to a file holding the repository's password.`,
    );
  }
  const secrets = [addressPassword(repository), vars.RESTIC_PASSWORD].filter((s): s is string => Boolean(s));
  return {
    repository,
    shownRepository: redact(repository, secrets),
    passwordFile: vars.RESTIC_PASSWORD_FILE || null,
    source,
    env: vars,
    secrets,
  };
}

/** True when off-box copies are set up (for /healthz and `family list`; never throws). */
export function offsiteConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.RESTIC_REPOSITORY) return true;
  try {
    return Boolean(readEnvFile(offsiteEnvFile(env))?.RESTIC_REPOSITORY);
  } catch {
    // An unreadable file still means the owner set something up.
    return true;
  }
}

/** The password in an address like rest:https://user:secret@host/ or s3:https://key:secret@host, if any. */
function addressPassword(repository: string): string | null {
  const match = /^[a-z0-9]+:[a-z]+:\/\/[^/@:]*:([^/@]+)@/i.exec(repository) ?? /^[a-z]+:\/\/[^/@:]*:([^/@]+)@/i.exec(repository);
  return match ? match[1]! : null;
}

/** `text` with every secret replaced by ***. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}
