// Usernames, not e-mail addresses: a home network has no mail server, and kids have no e-mail.

export const USERNAME_MAX = 32;

/** Why `username` cannot be used, or null. Letters of any script, digits, ".", "_" and "-". */
export function usernameProblem(username: string): string | null {
  const name = username.normalize('NFC');
  const length = [...name].length;
  if (length === 0) return 'Please choose a username.';
  if (length < 2) return 'A username needs at least 2 characters.';
  if (length > USERNAME_MAX) return `A username can have at most ${USERNAME_MAX} characters.`;
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(name)) {
    return 'A username may use letters, digits, ".", "_" and "-", and starts with a letter or digit.';
  }
  return null;
}

/** What makes two usernames the same: case and Unicode form do not count. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}
