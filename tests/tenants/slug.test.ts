import { describe, expect, it } from 'vitest';
import { slugProblem, slugFromName } from '../../src/tenants/slug.js';
import { familyFilePath } from '../../src/tenants/paths.js';
import { InvalidSlugError } from '../../src/tenants/errors.js';
import { english } from '../../src/i18n/i18n.js';

describe('family slugs', () => {
  it.each(['ab', 'smiths', 'the-smiths', '4ever', 'a'.repeat(40), 'x-1'])('accepts %s', (slug) => {
    expect(slugProblem(slug, english.t)).toBeNull();
    expect(familyFilePath('/data', slug)).toBe(`/data/tenants/${slug}.db`);
  });

  it.each([
    ['a', 'at least 2'],
    ['a'.repeat(41), 'at most 40'],
    ['..', 'lower-case'],
    ['%2e%2e', 'lower-case'],
    ['.x', 'lower-case'],
    ['a/b', 'lower-case'],
    ['a\\b', 'lower-case'],
    ['Smiths', 'lower-case'],
    ['-smiths', 'start with'],
    ['smi ths', 'lower-case'],
    ['smiths.db', 'lower-case'],
    ['smïths', 'lower-case'],
    ['', 'needed'],
    ['healthz', 'reserved'],
    ['static', 'reserved'],
    ['login', 'reserved'],
    ['signup', 'reserved'],
    ['admin', 'reserved'],
    ['api', 'reserved'],
  ])('refuses %j with a clear message', (slug, words) => {
    expect(slugProblem(slug, english.t)).toContain(words);
    expect(() => familyFilePath('/data', slug)).toThrow(InvalidSlugError);
  });

  it('suggests a slug from a family name', () => {
    expect(slugFromName('The Müllers!')).toBe('the-mullers');
    expect(slugFromName('Familie Groß')).toBe('familie-gross');
    expect(slugFromName('🏠')).toBe('');
    expect(slugFromName('a')).toBe('a-family');
    expect(slugFromName('Admin')).toBe('admin-family');
    expect(slugFromName('x'.repeat(60))).toHaveLength(40);
  });
});
