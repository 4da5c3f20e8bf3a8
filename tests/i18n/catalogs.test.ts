import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, catalogOf, languageLocale } from '../../src/i18n/languages.js';
import type { Message } from '../../src/i18n/message.js';
import { ROOT } from '../helpers/cli.js';
import { SAME_AS_ENGLISH } from './same-as-english.js';

// The catalogs are complete and consistent: every language has every key of
// English and no other, each message has the same {placeholders} as English,
// plural messages have a text for every plural category the language uses,
// and every key is used somewhere in src/ (an unused key is a word nobody sees).

const english = catalogOf('en');
const keys = Object.keys(english).sort();

const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message).filter((v): v is string => typeof v === 'string');
  const names = new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)));
  if (typeof message !== 'string') names.add('count');
  return [...names].sort();
};

/** Every source file's text, to look the keys up in. */
function sourceText(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !full.includes(`${path.sep}i18n${path.sep}catalogs${path.sep}`)) files.push(full);
    }
  };
  walk(path.join(ROOT, 'src'));
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

describe('the message catalogs', () => {
  it('speak English, German, French and Spanish', () => {
    expect([...LANGUAGES].sort()).toEqual(['de', 'en', 'es', 'fr']);
  });

  for (const language of LANGUAGES) {
    const catalog = catalogOf(language);

    it(`${language}: has exactly the keys of English`, () => {
      expect(Object.keys(catalog).sort()).toEqual(keys);
    });

    it(`${language}: has the same placeholders as English in every message`, () => {
      const differing = keys.filter((key) => placeholders(catalog[key as keyof typeof catalog]).join() !== placeholders(english[key as keyof typeof english]).join());
      expect(differing).toEqual([]);
    });

    it(`${language}: has a text for each plural category the language uses, and plural forms where English has them`, () => {
      const rules = new Intl.PluralRules(languageLocale(language));
      const categories = rules.resolvedOptions().pluralCategories;
      // Categories that no count a family meets reaches (French and Spanish 'many': a million and more) fall back to 'other'.
      const reached = new Set(categories.filter((category) => Array.from({ length: 1001 }, (_, n) => n).some((n) => rules.select(n) === category)));
      for (const key of keys) {
        const message = catalog[key as keyof typeof catalog] as Message;
        const source = english[key as keyof typeof english] as Message;
        expect(typeof message, key).toBe(typeof source);
        if (typeof message === 'string') continue;
        for (const category of reached) expect(message[category as keyof typeof message], `${language} ${key} ${category}`).toBeTypeOf('string');
        for (const form of Object.keys(message)) expect(['=0', '=1', ...categories], `${language} ${key} ${form}`).toContain(form);
      }
    });

    it(`${language}: has no empty message, and no English left in it`, () => {
      for (const key of keys) {
        const message = catalog[key as keyof typeof catalog] as Message;
        for (const text of typeof message === 'string' ? [message] : Object.values(message)) expect(text?.trim(), key).toBeTruthy();
      }
      if (language === 'en') return;
      const same = keys.filter((key) => JSON.stringify(catalog[key as keyof typeof catalog]) === JSON.stringify(english[key as keyof typeof english]));
      expect(same.filter((key) => !SAME_AS_ENGLISH[language]?.includes(key))).toEqual([]);
    });
  }

  it('are used: every key appears in src/', () => {
    const source = sourceText();
    expect(keys.filter((key) => !source.includes(`'${key}'`))).toEqual([]);
  });
});
