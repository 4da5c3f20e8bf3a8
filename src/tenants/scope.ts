import { AsyncLocalStorage } from 'node:async_hooks';
import { NoFamilyBoundError } from './errors.js';

/** What a request or a command has bound: one family's open handle. */
export interface FamilyScope {
  readonly slug: string;
  /** Identity of the open handle; a guard compares against it. */
  readonly handleId: number;
}

const familyScope = new AsyncLocalStorage<FamilyScope>();

export function runInFamilyScope<T>(scope: FamilyScope, fn: () => T): T {
  return familyScope.run(scope, fn);
}

/** The family bound to the current request or command; throws when there is none. */
export function currentFamilyScope(): FamilyScope {
  const scope = familyScope.getStore();
  if (!scope) throw new NoFamilyBoundError('Family data was touched with no family bound (use the request\'s family or withFamily()).');
  return scope;
}

/**
 * Checked before every statement on a family's handle: the statement must run
 * inside the scope of the family the handle belongs to. A handle kept in a
 * module variable, or carried into another family's request, fails loudly
 * instead of reading or writing the wrong file.
 */
export function assertFamilyScope(slug: string, handleId: number): void {
  const scope = familyScope.getStore();
  if (!scope) throw new NoFamilyBoundError(`Family "${slug}" was queried outside any family scope.`);
  if (scope.handleId !== handleId) {
    throw new NoFamilyBoundError(`Family "${slug}" was queried inside the scope of family "${scope.slug}".`);
  }
}
