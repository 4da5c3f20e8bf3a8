import { parseConfig } from './config-format.js';
import { prepareV1Plan, type PreparedV1Import } from './import-v1.js';
import { prepare2026Plan, type Prepared2026Import } from './import-2026.js';
import { readConfigFile } from './import-steps.js';

// The first step of `dinkydash import-v1` for either config.yaml format: read
// the file, tell its format (config-format.ts), read it and every photo it
// names. Writes nothing; the CLI then calls writeV1Import or write2026Import.

export type UnreadableConfig = { ok: false; errors: string[]; warnings: string[]; imageStatus: never[]; found: null };

export type PreparedImport =
  | { format: 'v1'; prepared: PreparedV1Import }
  | { format: '2026'; prepared: Prepared2026Import }
  /** Not a file that can be read, not YAML, or neither format. */
  | { format: null; prepared: UnreadableConfig };

export interface PrepareImportOptions {
  configFile: string;
  /** Where the photos are; the config file's folder by default. */
  imagesDir?: string;
  /** Import without photos that are not found. */
  skipMissingImages?: boolean;
}

export async function prepareImport(options: PrepareImportOptions): Promise<PreparedImport> {
  const unreadable = (errors: string[]): PreparedImport => ({ format: null, prepared: { ok: false, errors, warnings: [], imageStatus: [], found: null } });
  const text = readConfigFile(options.configFile);
  if (!text.ok) return unreadable([text.error]);
  const parsed = parseConfig(text.text);
  if (parsed.format === 'v1') return { format: 'v1', prepared: await prepareV1Plan(parsed.result, options) };
  if (parsed.format === '2026') return { format: '2026', prepared: await prepare2026Plan(parsed.result, options) };
  return unreadable(parsed.errors);
}
