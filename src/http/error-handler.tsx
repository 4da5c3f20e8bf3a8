import fs from 'node:fs';
import type { Context, ErrorHandler } from 'hono';
import type { FamilyLease } from '../tenants/pool.js';
import { HTTPException } from 'hono/http-exception';
import { FamilyBusyError, FamilyNotFoundError, FamilyTooNewError, FamilyUnreadableError, InvalidSlugError, NotAFamilyFileError } from '../tenants/errors.js';
import { sqliteErrorKind } from '../tenants/sqlite-errors.js';
import { ErrorPage, type ErrorPageProps } from '../views/error-page.js';
import { english, type I18n, type Translate } from '../i18n/i18n.js';
import { BodyTooLargeError, TooManyUploadsError } from './body-limit.js';

const home = (t: Translate) => ({ href: '/', label: t('error.home') });

/** The page a person sees for an error; never a stack trace. Its words are for the family, not the Pi's owner. */
export function errorPageFor(err: unknown, t: Translate): ErrorPageProps {
  const kind = sqliteErrorKind(err);
  // A write into a file removed under its handle: the family is gone (see replacedUnderfoot).
  if (err instanceof FamilyNotFoundError || err instanceof InvalidSlugError || kind === 'moved') {
    return notFoundPage(t);
  }
  // Found, but not a file the server will serve (a symbolic link, say): as good as no family; the owner has a log line.
  if (err instanceof NotAFamilyFileError) {
    return { status: 404, title: t('error.notAFamilyFileTitle'), message: t('error.notAFamilyFile'), action: home(t) };
  }
  if (err instanceof FamilyTooNewError) {
    return { status: 503, title: t('error.tooNewTitle'), message: t('error.tooNew'), action: home(t) };
  }
  if (err instanceof FamilyUnreadableError) {
    return {
      status: 503,
      title: t('error.unreadableTitle'),
      // The reason is the engine's, in English: it is for the owner, who runs the CLI (which speaks English).
      message: t('error.unreadable', { slug: err.slug, reason: err.reason }),
      action: home(t),
    };
  }
  if (err instanceof FamilyBusyError || kind === 'busy') {
    return { status: 503, title: t('error.busyTitle'), message: t('error.busy') };
  }
  if (kind === 'disk-full' || kind === 'write-failed') {
    return { status: 503, title: t('error.notSavedTitle'), message: t('error.diskFull') };
  }
  if (kind === 'io') {
    return { status: 503, title: t('error.notSavedTitle'), message: t('error.io') };
  }
  // A read-only file, folder or file system, or a journal that cannot be made.
  if (kind === 'read-only' || kind === 'cannot-open') {
    return { status: 503, title: t('error.notSavedTitle'), message: t('error.readOnly') };
  }
  if (kind === 'corrupt') {
    return { status: 503, title: t('error.unreadableTitle'), message: t('error.corrupt'), action: home(t) };
  }
  return { status: 500, title: t('error.unexpectedTitle'), message: t('error.unexpected'), action: home(t) };
}

/**
 * A write into a family file the owner moved away mid-request fails as "moved".
 * When another file is already at the family's address (mv in over it), the
 * family is there: the change just was not saved, and trying again works.
 */
function replacedUnderfoot(c: Context, err: unknown, t: Translate): ErrorPageProps | null {
  const family = (c.var as { family?: FamilyLease }).family;
  if (sqliteErrorKind(err) !== 'moved' || !family || !fs.existsSync(family.path)) return null;
  return {
    status: 503,
    title: t('error.notSavedTitle'),
    message: t('error.replaced'),
    action: { href: `/${family.slug}/`, label: t('error.backToDashboard') },
  };
}

export function notFoundPage(t: Translate): ErrorPageProps {
  return { status: 404, title: t('error.notFoundTitle'), message: t('error.notFound'), action: home(t) };
}

export function renderError(c: Context, props: ErrorPageProps) {
  c.status(props.status as 404);
  if (props.status === 503) c.header('Retry-After', '10');
  return c.html(<ErrorPage {...props} lang={(c.var as { i18n?: I18n }).i18n?.lang} />);
}

/** A form's address, when the form is also served there (picture forms are), or the family's dashboard. */
function backToForm(c: Context, formHere: boolean, t: Translate): ErrorPageProps['action'] {
  if (formHere) return { href: c.req.path, label: t('error.backToForm') };
  const family = (c.var as { family?: FamilyLease }).family;
  return family ? { href: `/${family.slug}/`, label: t('error.backToDashboard') } : home(t);
}

export const handleError: ErrorHandler = (err, c) => {
  const { t } = (c.var as { i18n?: I18n }).i18n ?? english;
  if (err instanceof HTTPException) {
    if (err.status === 403) {
      return renderError(c, { status: 403, title: t('error.forbiddenTitle'), message: t('error.crossSite') });
    }
    if (err.status === 400) {
      return renderError(c, { status: 400, title: t('error.badRequestTitle'), message: t('error.badRequest') });
    }
    return err.getResponse();
  }
  if (err instanceof BodyTooLargeError) {
    return renderError(c, { status: 413, title: t('error.tooLargeTitle'), message: err.limit.tooLargeMessage(t), action: backToForm(c, err.limit.linkBackToForm, t) });
  }
  if (err instanceof TooManyUploadsError) {
    return renderError(c, { status: 503, title: t('error.busyTitle'), message: t('error.uploadsBusy'), action: backToForm(c, err.limit.linkBackToForm, t) });
  }
  const props = replacedUnderfoot(c, err, t) ?? errorPageFor(err, t);
  // "Nothing was saved" and "busy" pages of a family lead back to it, not to a dead end.
  const family = (c.var as { family?: FamilyLease }).family;
  if (!props.action && family) props.action = { href: `/${family.slug}/`, label: t('error.backToDashboard') };
  if (props.status === 500) console.error(`[dinkydash] ${c.req.method} ${c.req.path}:`, err);
  return renderError(c, props);
};
