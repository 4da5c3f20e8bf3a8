import { cleanText } from '../../views/clean-text.js';
import { FEED_NAME_MAX } from './calendar-queries.js';

// Checks for a calendar subscription's fields, shared by the admin page and
// `dinkydash calendar add`. Each returns a message, or null when it is fine.

export function feedNameProblem(value: string): string | null {
  const name = cleanText(value);
  if (!name) return 'Please give the calendar a name, e.g. "School".';
  if ([...name].length > FEED_NAME_MAX) return `A calendar's name can have at most ${FEED_NAME_MAX} characters.`;
  return null;
}

export function feedColorProblem(value: string): string | null {
  return /^#[0-9a-f]{6}$/i.test(value) ? null : 'A colour is written as #rrggbb, e.g. #0e7490.';
}
