import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { readV1Document, type V1ParseResult } from './v1-config.js';
import { AI_BRIEF_KEYS, read2026Document, type V2026ParseResult } from './v2026-config.js';
import { describeNode, isEmptyDocument, keysOf, newContext, parseYaml, valueOf, where } from './yaml-read.js';

/**
 * Tells the two config.yaml formats of the old DinkyDash apart by their keys,
 * then reads the file with the reader of its format. Pure.
 *
 * - v1: "recurring" items whose choices are lists (- ["estelle.jpg"]), with
 *   "repeat"; "countdowns".
 * - 2026 (today's): "people", "pets", "special_dates", "calendar_url",
 *   "location", its AI brief's keys; "recurring" items with "emoji" and a flat
 *   list of choices (["Lily", "Max"]).
 *
 * A file with signs of both is refused rather than guessed at (one reader
 * would drop the other's keys); a file with only "recurring" items that say
 * nothing either way is read as v1, as before this format was known.
 */

export type ConfigFormat = 'v1' | '2026';
export type ParsedConfig =
  | { format: 'v1'; result: V1ParseResult }
  | { format: '2026'; result: V2026ParseResult }
  | { format: null; errors: string[] };

const V2026_TOP_LEVEL = ['people', 'pets', 'special_dates', 'calendar_url', 'calendar_filter_emails', 'location', ...AI_BRIEF_KEYS];
const V1_TOP_LEVEL = ['countdowns'];
const BOTH_FORMATS =
  'v1 has "recurring" (choices as lists, like - ["estelle.jpg"]) and "countdowns"; today\'s has "people", "pets", ' +
  '"recurring" (with "emoji" and choices as one list, like ["Lily", "Max"]), "special_dates" and "calendar_url"';

export function parseConfig(text: string): ParsedConfig {
  const parsed = parseYaml(text);
  if (!parsed.ok) return { format: null, errors: parsed.errors };
  const ctx = newContext(parsed.doc, parsed.lines);
  const root = parsed.doc.contents;
  if (isEmptyDocument(root)) {
    return { format: null, errors: [`The file is empty: expected a DinkyDash config.yaml (${BOTH_FORMATS}).`] };
  }
  if (!isMap(root)) {
    return { format: null, errors: [`${where(ctx, 'The file', root)}: expected the keys of a DinkyDash config.yaml at the top, found ${describeNode(root)}.`] };
  }
  const signs = formatSigns(root);
  if (signs.v1.length > 0 && signs.v2026.length > 0) {
    return {
      format: null,
      errors: [
        `The file mixes the two DinkyDash config.yaml formats: ${signs.v1.join(', ')} ${signs.v1.length === 1 ? 'is' : 'are'} DinkyDash v1's, ` +
          `${signs.v2026.join(', ')} today's. Keep to one format: ${BOTH_FORMATS}.`,
      ],
    };
  }
  if (signs.v2026.length > 0) return { format: '2026', result: read2026Document(ctx, parsed.doc) };
  if (signs.v1.length > 0 || valueOf(root, 'recurring') !== undefined) return { format: 'v1', result: readV1Document(ctx, root) };
  const keys = keysOf(root);
  const shown = keys.slice(0, 8).map((key) => `"${key}"`).join(', ') + (keys.length > 8 ? ', …' : '');
  return {
    format: null,
    errors: [`This is not a DinkyDash config.yaml: none of its keys (${shown}) belong to either format (${BOTH_FORMATS}).`],
  };
}

/** The keys and shapes that only one format has, as they read in a message. */
export function formatSigns(root: YAMLMap): { v1: string[]; v2026: string[] } {
  const keys = keysOf(root);
  const v1 = keys.filter((key) => V1_TOP_LEVEL.includes(key)).map((key) => `"${key}"`);
  const v2026 = keys.filter((key) => V2026_TOP_LEVEL.includes(key)).map((key) => `"${key}"`);
  const recurring = valueOf(root, 'recurring');
  if (!isSeq(recurring)) return { v1, v2026 };
  let listChoices = false;
  let flatChoices = false;
  let repeat = false;
  let emoji = false;
  for (const item of recurring.items) {
    if (!isMap(item)) continue;
    const itemKeys = keysOf(item);
    repeat ||= itemKeys.includes('repeat');
    emoji ||= itemKeys.includes('emoji');
    const choices = valueOf(item, 'choices');
    if (!isSeq(choices)) continue;
    listChoices ||= choices.items.some((choice) => isSeq(choice));
    flatChoices ||= choices.items.some((choice) => isScalar(choice));
  }
  if (listChoices) v1.push('choices written as lists');
  if (repeat) v1.push('"repeat"');
  if (flatChoices) v2026.push('choices written as one list');
  if (emoji) v2026.push('"emoji"');
  return { v1, v2026 };
}
