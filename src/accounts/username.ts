import type { Translate } from '../i18n/i18n.js';

// Usernames, not e-mail addresses: a home network has no mail server, and kids have no e-mail.

export const USERNAME_MAX = 32;

/** Why `username` cannot be used, or null. Letters of any script, digits, ".", "_" and "-". */
export function usernameProblem(username: string, t: Translate): string | null {
  const name = username.normalize('NFC');
  const length = [...name].length;
  if (length === 0) return t('accounts.usernameMissing');
  if (length < 2) return t('accounts.usernameShort', { count: 2 });
  if (length > USERNAME_MAX) return t('accounts.usernameLong', { count: USERNAME_MAX });
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(name)) {
    return t('accounts.usernameShape');
  }
  return null;
}

/** What makes two usernames the same: case and Unicode form do not count. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}
