import { InvalidSlugError } from './errors.js';

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
export function slugProblem(slug: string): string | null {
  if (typeof slug !== 'string' || slug.length === 0) return 'A family address is needed.';
  if (slug.length < 2) return 'A family address needs at least 2 characters.';
  if (slug.length > 40) return `A family address can have at most 40 characters (this one has ${slug.length}).`;
  if (!SLUG_SHAPE.test(slug)) {
    return 'A family address may use only lower-case letters a-z, digits 0-9 and "-", and must start with a letter or digit.';
  }
  if (RESERVED_SLUGS.has(slug)) return `"${slug}" is reserved by DinkyDash; please choose another address.`;
  return null;
}

export function isValidSlug(slug: string): boolean {
  return slugProblem(slug) === null;
}

export function assertValidSlug(slug: string): void {
  const problem = slugProblem(slug);
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
