import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeDataDir, tenantFiles } from '../helpers/data-dir.js';
import { familyFilePath } from '../../src/tenants/paths.js';

// `dinkydash family create SLUG --name NAME --language de|en|fr|es`: the
// family's language, with its region's clock and first day of the week; any
// other value is refused in words and creates nothing. The CLI speaks English.

const settingsOf = (dataDir: string, slug: string) => {
  const db = new Database(familyFilePath(dataDir, slug), { readonly: true });
  try {
    return db.prepare('select language, clock, week_start from family_settings').get();
  } finally {
    db.close();
  }
};

describe('family create --language', () => {
  it('creates the family in that language, with the clock and week of its region', async () => {
    const dataDir = makeDataDir();
    for (const language of ['de', 'fr', 'es', 'en']) {
      const result = await runCli(dataDir, ['family', 'create', `fam-${language}`, '--name', `Family ${language}`, '--language', language]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('Created family');
      expect(settingsOf(dataDir, `fam-${language}`)).toEqual({ language, clock: '24', week_start: 'monday' });
    }
  });

  it('is English when not given', async () => {
    const dataDir = makeDataDir();
    expect((await runCli(dataDir, ['family', 'create', 'plain', '--name', 'Plain'])).code).toBe(0);
    expect(settingsOf(dataDir, 'plain')).toMatchObject({ language: 'en' });
  });

  it('refuses a language DinkyDash does not have, in English, creating nothing', async () => {
    const dataDir = makeDataDir();
    for (const language of ['nl', 'DE', 'de-DE', '', 'english']) {
      const result = await runCli(dataDir, ['family', 'create', 'nope', '--name', 'Nope', '--language', language]);
      expect(result.code, language).toBe(2);
      expect(result.stderr).toContain(`--language: "${language}" is not a language DinkyDash has; choose one of de, en, es, fr`);
    }
    expect(fs.existsSync(`${dataDir}/tenants`) ? tenantFiles(dataDir) : []).toEqual([]);
  });
});
