// What the owner's operations refuse, by kind: the CLI turns `usage` and
// `not-found` into exit code 2, everything else into 1. The message is what
// the owner reads; it says what was wrong and that nothing was changed.

export type OwnerErrorKind = 'usage' | 'not-found' | 'refused' | 'failed';

export class OwnerError extends Error {
  override name = 'OwnerError';
  constructor(message: string, readonly kind: OwnerErrorKind = 'refused') {
    super(message);
  }
}
