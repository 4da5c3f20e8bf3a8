import { catalogOf, type Language } from '../../src/i18n/languages.js';
import type { Message } from '../../src/i18n/message.js';

// "No English left over": what of a page, rendered in another language, is
// still English. A page's words are its text and the attributes people read
// (aria-label, title, placeholder, alt, value of buttons); names the family
// typed are left out by the caller (`allowed`), and so is the time zone list
// (IANA names are the same in every language).

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** The words a person sees or hears on a page, one piece per line. */
export function pageWords(html: string): string {
  const readable: string[] = [];
  for (const m of html.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)) readable.push(m[1]!);
  const text = html
    .replace(/<select[^>]*name="time_zone"[\s\S]*?<\/select>/g, '')
    .replace(/<(script|style|template)[\s\S]*?<\/\1>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, (title) => `\n${title}\n`)
    .replace(/<[^>]+>/g, '\n');
  return [...readable, text]
    .join('\n')
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? (name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : whole))
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const texts = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message).filter((v): v is string => typeof v === 'string'));

/** Words of English UI text that German, French and Spanish write otherwise (German says "Countdown" too). */
const ENGLISH_WORDS = ['the', 'and', 'please', 'your', 'nothing', 'saved', 'settings', 'dashboard', 'sign in', 'sign out', 'members?', 'profile', 'calendar', 'chores?', 'countdowns?', 'today', 'tomorrow', 'days?', 'weeks?', 'months?', 'done', 'undo', 'more', 'whose', 'turn', 'edit', 'delete', 'not found', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'june', 'july', 'october', 'december'];
const SHARED_WORDS: Partial<Record<Language, readonly string[]>> = { de: ['countdowns?'] };
const englishWords = (language: Language) => new RegExp(`\\b(${ENGLISH_WORDS.filter((w) => !SHARED_WORDS[language]?.includes(w)).join('|')})\\b`, 'i');

/** Whether `text` holds `part`, not as a piece of a longer word ("Calendar" is not in "Calendario"). */
function containsWhole(text: string, part: string): boolean {
  const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const wordy = /^[\p{L}\p{N}]/u;
  const before = wordy.test(part) ? '(?<![\\p{L}\\p{N}])' : '';
  const after = wordy.test(part.slice(-1)) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}${escaped}${after}`, 'u').test(text);
}

/**
 * The pieces of English in a page shown in `language`: whole English messages
 * of the catalog (their fixed parts, for messages with placeholders) that the
 * language words differently, and lines with common English words.
 * `allowed` are texts the family typed (names): removed before looking.
 */
export function englishLeft(html: string, language: Language, allowed: readonly string[] = []): string[] {
  let words = pageWords(html);
  for (const name of [...allowed].sort((a, b) => b.length - a.length)) words = words.split(name).join(' ');
  const found = new Set<string>();
  const english = catalogOf('en');
  const translated = catalogOf(language);
  // A text the language itself writes somewhere (French "Agenda" is its calendar; English's "Agenda" is a view) is no sign of English.
  const ownTexts = new Set(Object.values(translated).flatMap(texts));
  for (const key of Object.keys(english) as (keyof typeof english)[]) {
    // Each language is offered in its own name ("English" on a German page is right).
    if (key.startsWith('language.')) continue;
    const theirs = new Set(texts(translated[key]));
    for (const text of texts(english[key])) {
      if (theirs.has(text) || ownTexts.has(text)) continue;
      const longest = text.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0]!.trim();
      if (longest.length >= 6 && containsWhole(words, longest)) found.add(`${key}: ${longest}`);
    }
  }
  const common = englishWords(language);
  for (const line of words.split('\n')) if (common.test(line)) found.add(line);
  return [...found];
}
