import { describe, expect, it } from 'vitest';
import { initial } from '../../../src/kinds/chores/card.js';

// The letter in a person's badge when they have no avatar: the name's first
// grapheme, upper-cased, remembered per name.
describe('initial', () => {
  it('takes the first letter, upper-cased, after leading spaces', () => {
    expect(initial('grandma')).toBe('G');
    expect(initial('  élodie')).toBe('É');
  });

  it('keeps a letter with its combining marks and an emoji with its modifiers whole', () => {
    expect(initial('e\u0301milie')).toBe('E\u0301');
    expect(initial('👩🏽‍🍳 Chef')).toBe('👩🏽‍🍳');
    expect(initial('🇫🇷 Team')).toBe('🇫🇷');
  });

  it('answers ? for an empty name, and the same again when asked again', () => {
    expect(initial('   ')).toBe('?');
    expect(initial('')).toBe('?');
    for (let i = 0; i < 3000; i++) expect(initial(`n${i}`)).toBe('N');
    expect(initial('e\u0301milie')).toBe('E\u0301');
  });
});
