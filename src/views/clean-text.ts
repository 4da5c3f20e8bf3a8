/**
 * A single-line text field as a family typed it, made safe to store: Unicode
 * NFC, control characters removed (they break layouts and logs), whitespace
 * runs folded, ends trimmed. Emoji and every script are kept.
 */
export function cleanText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
