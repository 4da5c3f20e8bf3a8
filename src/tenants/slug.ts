import { InvalidSlugError } from './errors.js';
import { english, type Translate } from '../i18n/i18n.js';

// Words that name the app's own top-level routes, or that a family would
// confuse with them. A slug is the first path segment of a family's address.
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'healthz', 'static', 'login', 'logout', 'signup', 'signin', 'admin', 'api', 'assets',
  'families', 'family', 'new', 'create', 'join', 'go', 'display', 'images', 'settings',
  'www', 'help', 'about', 'docs', 'setup', 'dinkydash', 'backups', 'trash', 'tenants',
  'favicon', 'robots', 'metrics', 'status', 'health', 'root', 'system', 'owner',
]);

const SLUG_SHAPE = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** Why `slug` cannot name a family, or null when it can. */
export function slugProblem(slug: string, t: Translate): string | null {
  if (typeof slug !== 'string' || slug.length === 0) return t('home.slugMissing');
  if (slug.length < 2) return t('home.slugShort', { count: 2 });
  if (slug.length > 40) return t('home.slugLong', { count: 40, length: slug.length });
  if (!SLUG_SHAPE.test(slug)) return t('home.slugShape');
  if (RESERVED_SLUGS.has(slug)) return t('home.slugReserved', { slug });
  return null;
}

export function isValidSlug(slug: string): boolean {
  return slugProblem(slug, english.t) === null;
}

/** Refuses a slug that cannot name a family: the CLI's and the logs' words, so English. */
export function assertValidSlug(slug: string): void {
  const problem = slugProblem(slug, english.t);
  if (problem) throw new InvalidSlugError(problem);
}

/**
 * The address made from what a person typed, a family's name or its address:
 * "The Müllers!" -> "the-mullers", "the-mullers" -> "the-mullers". Empty when
 * nothing in it can be spelled in a-z and 0-9 ("🏠", "山田"). The start page's
 * two forms both use it, so "The Parkers" finds the family created as "The Parkers".
 */
export function slugFromText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

/** A slug suggestion from a family name, clear of reserved words ("Admin" -> "admin-family"); empty when the name gives none. */
export function slugFromName(name: string): string {
  const base = slugFromText(name);
  if (base.length >= 2 && !RESERVED_SLUGS.has(base)) return base;
  if (base.length >= 2) return `${base}-family`.slice(0, 40);
  return base.length === 1 ? `${base}-family` : '';
}
