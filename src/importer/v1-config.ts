import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import {
  IMAGE_EXTENSION, MAX_CONFIG_CHARS, checkImageFileName, describeNode, isEmptyDocument, isMissing, keyOf, keysOf, newContext, parseYaml,
  readImageName, readList, readMonthDay, readText, readTitle, valueOf, where, type Context,
} from './yaml-read.js';

/**
 * Reads the config.yaml of the original DinkyDash (v1) into an import plan.
 * Pure: no files, no database. Every problem found is reported at once, each
 * with its place in the file ("countdowns[2].date (line 14): ..."), so a
 * family can fix them all in one go.
 *
 * v1 format:
 *   recurring:            # chores; v1 shows choices[day_of_year % len(choices)]
 *     - title: "👑"
 *       repeat: 1         # optional; v1 did not use it to pick the day's choice
 *       choices:
 *         - ["estelle.jpg"]
 *         - ["josephine.jpg"]
 *   countdowns:
 *     - title: "🎂"
 *       image: "jessica.jpg"   # or ""
 *       date: "01/31"          # MM/DD, every year
 */

export type V1ChoiceEntry = { kind: 'image'; file: string; label: string } | { kind: 'name'; name: string };
export type V1Chore = { title: string; entries: V1ChoiceEntry[] };
export type V1Countdown = { title: string; month: number; day: number; image: string | null };
export type V1ImportPlan = {
  chores: V1Chore[];
  countdowns: V1Countdown[];
  /** Every distinct image file the config names, in order of first mention. */
  imageFiles: string[];
};
export type V1ParseResult = { ok: true; plan: V1ImportPlan; warnings: string[] } | { ok: false; errors: string[] };

/** A v1 config is a few KB; anything far bigger is not one. */
export const MAX_V1_CONFIG_CHARS = MAX_CONFIG_CHARS;
/** One choice per day of the year is already more than any family rotates. */
export const MAX_V1_CHOICES = 365;

const TOP_LEVEL_KEYS = ['recurring', 'countdowns'];
const CHORE_KEYS = ['title', 'repeat', 'choices'];
const COUNTDOWN_KEYS = ['title', 'image', 'date'];

export function parseV1Config(text: string): V1ParseResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  return readV1Document(newContext(parsed.doc, parsed.lines), parsed.doc.contents);
}

/** The plan of a parsed v1 document (its root node); config-format.ts has already parsed it to tell the formats apart. */
export function readV1Document(ctx: Context, root: unknown): V1ParseResult {
  if (isEmptyDocument(root)) {
    return { ok: false, errors: ['The file is empty: expected a "recurring:" list of chores and a "countdowns:" list.'] };
  }
  if (!isMap(root)) {
    return {
      ok: false,
      errors: [`${where(ctx, 'The file', root)}: expected "recurring:" and "countdowns:" at the top, found ${describeNode(root)}.`],
    };
  }
  checkKeys(ctx, root, TOP_LEVEL_KEYS, 'The top level');

  const chores = readList(ctx, root, 'recurring').flatMap(({ node, path }) => readChore(ctx, node, path) ?? []);
  const countdowns = readList(ctx, root, 'countdowns').flatMap(({ node, path }) => readCountdown(ctx, node, path) ?? []);

  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors };
  if (chores.length === 0 && countdowns.length === 0) ctx.warnings.push('The file has no chores and no countdowns to import.');
  return { ok: true, plan: { chores, countdowns, imageFiles: [...ctx.imageFiles] }, warnings: ctx.warnings };
}

// ---- chores ----

function readChore(ctx: Context, node: unknown, path: string): V1Chore | null {
  if (!isMap(node)) {
    ctx.errors.push(`${where(ctx, path, node)}: expected a chore with a title and choices, found ${describeNode(node)}.`);
    return null;
  }
  checkKeys(ctx, node, CHORE_KEYS, path);
  const title = readTitle(ctx, node, path);
  readRepeat(ctx, node, `${path}.repeat`);

  const choicesPath = `${path}.choices`;
  const choices = valueOf(node, 'choices');
  // Point at the "choices:" line itself; a block list only starts on the next one.
  const choicesAt = where(ctx, choicesPath, keyOf(node, 'choices'));
  if (isMissing(choices)) {
    ctx.errors.push(`${where(ctx, path, node)}: missing "choices" (the list of whose turn it is, day by day).`);
    return null;
  }
  if (!isSeq(choices)) {
    ctx.errors.push(`${choicesAt}: choices must be a list, like - ["estelle.jpg"], found ${describeNode(choices)}.`);
    return null;
  }
  if (choices.items.length === 0) {
    ctx.errors.push(`${choicesAt}: choices is empty; add at least one, like - ["estelle.jpg"].`);
    return null;
  }
  if (choices.items.length > MAX_V1_CHOICES) {
    ctx.errors.push(`${choicesAt}: ${choices.items.length} choices is too many; the limit is ${MAX_V1_CHOICES}.`);
    return null;
  }
  const entries = choices.items.map((choice, i) => readChoice(ctx, choice, `${choicesPath}[${i}]`));
  if (title === null || entries.some((entry) => entry === null)) return null;
  return { title, entries: entries as V1ChoiceEntry[] };
}

/** One day's choice: a list of one name or image, or of several people sharing the turn. */
function readChoice(ctx: Context, node: unknown, path: string): V1ChoiceEntry | null {
  if (!isSeq(node)) {
    ctx.errors.push(`${where(ctx, path, node)}: each choice must be a list, like ["estelle.jpg"], found ${describeNode(node)}.`);
    return null;
  }
  if (node.items.length === 0) {
    ctx.errors.push(`${where(ctx, path, node)}: this choice is empty; put a name or an image file in it, like ["estelle.jpg"].`);
    return null;
  }
  const entries = node.items.map((item, i) => readNameOrImage(ctx, item, `${path}[${i}]`));
  if (entries.some((entry) => entry === null)) return null;
  const valid = entries as V1ChoiceEntry[];
  if (valid.length === 1) return valid[0]!;

  const names = valid.map((entry) => (entry.kind === 'image' ? entry.label : entry.name));
  if (valid.some((entry) => entry.kind === 'image')) {
    ctx.warnings.push(
      `${where(ctx, path, node)}: several people share this turn, so it will show the names "${names.join(' & ')}" without photos.`,
    );
  }
  return { kind: 'name', name: names.join(' & ') };
}

function readNameOrImage(ctx: Context, node: unknown, path: string): V1ChoiceEntry | null {
  const text = readText(ctx, node, path, 'a name or an image file name');
  if (text === null) return null;
  if (text === '') {
    ctx.errors.push(`${where(ctx, path, node)}: the name is empty.`);
    return null;
  }
  if (!IMAGE_EXTENSION.test(text)) return { kind: 'name', name: text };
  const file = checkImageFileName(ctx, text, path, node);
  return file === null ? null : { kind: 'image', file, label: labelFromFileName(file) };
}

function readRepeat(ctx: Context, map: YAMLMap, path: string): void {
  const node = valueOf(map, 'repeat');
  if (isMissing(node)) return;
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    ctx.errors.push(`${where(ctx, path, node)}: repeat must be a whole number of at least 1, found ${describeNode(node)}.`);
  } else if (value !== 1) {
    ctx.warnings.push(`${where(ctx, path, node)}: repeat: ${value} is ignored; like DinkyDash v1, each choice shows for one day.`);
  }
}

// ---- countdowns ----

function readCountdown(ctx: Context, node: unknown, path: string): V1Countdown | null {
  if (!isMap(node)) {
    ctx.errors.push(`${where(ctx, path, node)}: expected a countdown with a title and a date, found ${describeNode(node)}.`);
    return null;
  }
  checkKeys(ctx, node, COUNTDOWN_KEYS, path);
  const title = readTitle(ctx, node, path);
  const image = readImageName(ctx, node, `${path}.image`);
  const date = readMonthDay(ctx, node, path);
  if (title === null || image === undefined || date === null) return null;
  return { title, month: date.month, day: date.day, image };
}

// ---- shared pieces ----

/** "estelle.jpg" -> "Estelle". */
export function labelFromFileName(file: string): string {
  const stem = file.replace(IMAGE_EXTENSION, '');
  const [first = '', ...rest] = [...stem];
  return first.toUpperCase() + rest.join('');
}

function checkKeys(ctx: Context, map: YAMLMap, allowed: string[], path: string): void {
  const unknown = keysOf(map).filter((key) => !allowed.includes(key)).map((key) => `"${key}"`);
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? 'key' : 'keys';
    ctx.errors.push(
      `${where(ctx, path, map)}: unknown ${noun} ${unknown.join(', ')}; the allowed keys are ${allowed.join(', ')}.`,
    );
  }
}
