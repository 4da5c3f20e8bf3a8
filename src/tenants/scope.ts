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

/**
 * Runs work in the context this module was loaded in, where no family is
 * bound: a refresh started during a request (a calendar feed, the weather)
 * must not carry the request's lease, and its handle, along for as long as
 * its network calls take.
 */
export const runOutsideAnyFamily: <T>(fn: () => T) => T = AsyncLocalStorage.snapshot();

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
