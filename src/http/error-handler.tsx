import fs from 'node:fs';
import type { Context, ErrorHandler } from 'hono';
import type { FamilyLease } from '../tenants/pool.js';
import { HTTPException } from 'hono/http-exception';
import { FamilyBusyError, FamilyNotFoundError, FamilyTooNewError, FamilyUnreadableError, InvalidSlugError } from '../tenants/errors.js';
import { sqliteErrorKind } from '../tenants/sqlite-errors.js';
import { ErrorPage, type ErrorPageProps } from '../views/error-page.js';

const home = { href: '/', label: 'Go to the start page' };

/** The page a person sees for an error; never a stack trace. Its words are for the family, not the Pi's owner. */
export function errorPageFor(err: unknown): ErrorPageProps {
  const kind = sqliteErrorKind(err);
  // A write into a file removed under its handle: the family is gone (see replacedUnderfoot).
  if (err instanceof FamilyNotFoundError || err instanceof InvalidSlugError || kind === 'moved') {
    return notFoundPage();
  }
  if (err instanceof FamilyTooNewError) {
    return { status: 503, title: 'This family needs a newer DinkyDash', message: err.message, action: home };
  }
  if (err instanceof FamilyUnreadableError) {
    return {
      status: 503,
      title: 'This family cannot be opened',
      message: `${err.message} The Pi's owner can run "dinkydash check ${err.slug}" or restore a backup.`,
      action: home,
    };
  }
  if (err instanceof FamilyBusyError || kind === 'busy') {
    return { status: 503, title: 'Busy for a moment', message: 'This family is being updated right now. Please try again in a few seconds.' };
  }
  if (kind === 'disk-full' || kind === 'write-failed') {
    return { status: 503, title: 'Nothing was saved', message: 'The Pi has run out of storage space, so your change was not saved. Please tell the Pi\'s owner.' };
  }
  if (kind === 'io') {
    return { status: 503, title: 'Nothing was saved', message: 'The Pi could not read or write this family\'s file just now. Please try again; if it keeps happening, tell the Pi\'s owner.' };
  }
  // A read-only file, folder or file system, or a journal that cannot be made.
  if (kind === 'read-only' || kind === 'cannot-open') {
    return { status: 503, title: 'Nothing was saved', message: 'This family\'s file is read-only right now, so your change was not saved. Please tell the Pi\'s owner.' };
  }
  if (kind === 'corrupt') {
    return { status: 503, title: 'This family cannot be opened', message: 'The family\'s file is damaged. The Pi\'s owner can restore a backup.', action: home };
  }
  return { status: 500, title: 'Something went wrong', message: 'Sorry, that did not work. Nothing you entered is lost from earlier; please try again.', action: home };
}

/**
 * A write into a family file the owner moved away mid-request fails as "moved".
 * When another file is already at the family's address (mv in over it), the
 * family is there: the change just was not saved, and trying again works.
 */
function replacedUnderfoot(c: Context, err: unknown): ErrorPageProps | null {
  const family = (c.var as { family?: FamilyLease }).family;
  if (sqliteErrorKind(err) !== 'moved' || !family || !fs.existsSync(family.path)) return null;
  return {
    status: 503,
    title: 'Nothing was saved',
    message: "This family's file was replaced on the Pi just as you saved, so your change was not saved. Please try again.",
    action: { href: `/${family.slug}/`, label: 'Back to the dashboard' },
  };
}

export function notFoundPage(): ErrorPageProps {
  return { status: 404, title: 'Page not found', message: 'There is nothing at this address.', action: home };
}

export function renderError(c: Context, props: ErrorPageProps) {
  c.status(props.status as 404);
  if (props.status === 503) c.header('Retry-After', '10');
  return c.html(<ErrorPage {...props} />);
}

export const handleError: ErrorHandler = (err, c) => {
  if (err instanceof HTTPException) {
    if (err.status === 403) {
      return renderError(c, { status: 403, title: 'Not allowed', message: 'This request came from another site, so it was refused. Please use the form on this site.' });
    }
    if (err.status === 413) {
      return renderError(c, { status: 413, title: 'Too large', message: 'That upload is too large; the limit is 5 MB.' });
    }
    if (err.status === 400) {
      return renderError(c, { status: 400, title: 'That did not work', message: err.message || 'The request could not be read.' });
    }
    return err.getResponse();
  }
  const props = replacedUnderfoot(c, err) ?? errorPageFor(err);
  // "Nothing was saved" and "busy" pages of a family lead back to it, not to a dead end.
  const family = (c.var as { family?: FamilyLease }).family;
  if (!props.action && family) props.action = { href: `/${family.slug}/`, label: 'Back to the dashboard' };
  if (props.status === 500) console.error(`[dinkydash] ${c.req.method} ${c.req.path}:`, err);
  return renderError(c, props);
};
