// Named errors of the tenant engine. The HTTP layer and the CLI map each to
// an answer a person understands (404, 503, exit codes); nothing else leaks.

export class InvalidSlugError extends Error {
  override name = 'InvalidSlugError';
}

/** The family's file does not exist (or was just removed). */
export class FamilyNotFoundError extends Error {
  override name = 'FamilyNotFoundError';
  constructor(readonly slug: string) {
    super(`There is no family "${slug}".`);
  }
}

/**
 * Something other than a regular file is at the family's address: a symbolic
 * link (which would serve another family's file under this name), a folder.
 * The family gets a 404-like page; the owner a log line with `reason`.
 */
export class NotAFamilyFileError extends Error {
  override name = 'NotAFamilyFileError';
  constructor(readonly slug: string, readonly reason: string) {
    super(`The family "${slug}" cannot be served: ${reason}.`);
  }
}

export class FamilyExistsError extends Error {
  override name = 'FamilyExistsError';
  constructor(readonly slug: string) {
    super(`A family "${slug}" already exists.`);
  }
}

/** The file was written by a newer DinkyDash; we never write into it. */
export class FamilyTooNewError extends Error {
  override name = 'FamilyTooNewError';
  constructor(readonly slug: string, readonly fileVersion: number, readonly codeVersion: number) {
    super(
      `The family "${slug}" was saved by a newer DinkyDash (schema ${fileVersion}; this one knows ${codeVersion}). ` +
        'Update DinkyDash to open it.',
    );
  }
}

/** Not SQLite, not a DinkyDash family, damaged, or unreadable (family-file.ts judges). */
export class FamilyUnreadableError extends Error {
  override name = 'FamilyUnreadableError';
  /** `reason`: a clause about the file, "it is damaged". */
  constructor(readonly slug: string, readonly reason: string) {
    super(`The family "${slug}" cannot be opened: ${reason}.`);
  }
}

/** Another process holds the family's write lock for longer than we wait. */
export class FamilyBusyError extends Error {
  override name = 'FamilyBusyError';
  constructor(readonly slug: string) {
    super(`The family "${slug}" is busy (another program is writing to it). Try again in a moment.`);
  }
}

/** Family data was touched with no family bound to the current request or command. */
export class NoFamilyBoundError extends Error {
  override name = 'NoFamilyBoundError';
}
