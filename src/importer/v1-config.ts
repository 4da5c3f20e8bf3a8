import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';

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
export const MAX_V1_CONFIG_CHARS = 1_000_000;
/** One choice per day of the year is already more than any family rotates. */
export const MAX_V1_CHOICES = 365;

const TOP_LEVEL_KEYS = ['recurring', 'countdowns'];
const CHORE_KEYS = ['title', 'repeat', 'choices'];
const COUNTDOWN_KEYS = ['title', 'image', 'date'];
const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp)$/i;
const MONTHS = [
  ['January', 31], ['February', 29], ['March', 31], ['April', 30], ['May', 31], ['June', 30],
  ['July', 31], ['August', 31], ['September', 30], ['October', 31], ['November', 30], ['December', 31],
] as const;

type Context = { lines: LineCounter; errors: string[]; warnings: string[]; imageFiles: Set<string> };
/** yaml's node types are wide; these helpers only need the range. */
type AnyNode = { range?: [number, number, number] | null } | null | undefined;

export function parseV1Config(text: string): V1ParseResult {
  if (text.length > MAX_V1_CONFIG_CHARS) {
    return { ok: false, errors: ['The file is too large to be a DinkyDash config.yaml.'] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) return { ok: false, errors: doc.errors.map(describeYamlError) };

  const ctx: Context = { lines, errors: [], warnings: doc.warnings.map(describeYamlError), imageFiles: new Set() };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
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
  const image = readCountdownImage(ctx, node, `${path}.image`);
  const date = readDate(ctx, node, path);
  if (title === null || image === undefined || date === null) return null;
  return { title, month: date.month, day: date.day, image };
}

/** null when the countdown has no picture; undefined when the value is wrong. */
function readCountdownImage(ctx: Context, map: YAMLMap, path: string): string | null | undefined {
  const node = valueOf(map, 'image');
  if (isMissing(node)) return null;
  const text = readText(ctx, node, path, 'an image file name');
  if (text === null) return undefined;
  if (text === '') return null;
  if (!IMAGE_EXTENSION.test(text)) {
    ctx.errors.push(`${where(ctx, path, node)}: "${text}" is not an image file name; it must end in .jpg, .jpeg, .png, .gif or .webp.`);
    return undefined;
  }
  return checkImageFileName(ctx, text, path, node) ?? undefined;
}

function readDate(ctx: Context, map: YAMLMap, path: string): { month: number; day: number } | null {
  const datePath = `${path}.date`;
  const node = valueOf(map, 'date');
  if (isMissing(node)) {
    ctx.errors.push(`${where(ctx, path, map)}: missing "date", written MM/DD, like "12/24".`);
    return null;
  }
  const value = isScalar(node) ? node.value : undefined;
  const text = typeof value === 'string' ? value.trim() : null;
  const match = text === null ? null : /^(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (!match) {
    const shown = text === null ? describeNode(node) : `"${text}"`;
    ctx.errors.push(`${where(ctx, datePath, node)}: ${shown} is not a date written MM/DD, like "12/24".`);
    return null;
  }
  const month = Number(match[1]);
  const day = Number(match[2]);
  const problem = dateProblem(month, day);
  if (problem) {
    ctx.errors.push(`${where(ctx, datePath, node)}: "${text}" is not a valid date: ${problem}.`);
    return null;
  }
  return { month, day };
}

/** Countdowns repeat every year, so 29 February is allowed. */
function dateProblem(month: number, day: number): string | null {
  const monthInfo = MONTHS[month - 1];
  if (!monthInfo) return `there is no month ${month} (dates are written MM/DD, month first)`;
  const [name, days] = monthInfo;
  if (day < 1) return `there is no day ${day}`;
  if (day > days) return `${name} only has ${days} days`;
  return null;
}

// ---- shared pieces ----

function readTitle(ctx: Context, map: YAMLMap, path: string): string | null {
  const node = valueOf(map, 'title');
  if (isMissing(node)) {
    ctx.errors.push(`${where(ctx, path, map)}: missing "title".`);
    return null;
  }
  const text = readText(ctx, node, `${path}.title`, 'text such as "🎂"');
  if (text === '') {
    ctx.errors.push(`${where(ctx, `${path}.title`, node)}: the title is empty.`);
    return null;
  }
  return text;
}

/** A trimmed string (numbers are taken as written); null after reporting anything else. */
function readText(ctx: Context, node: unknown, path: string, expected: string): string | null {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
    const written = typeof node.value === 'number' && node.source !== undefined ? node.source : String(node.value);
    return written.trim();
  }
  if (isScalar(node) && node.value === null) return '';
  ctx.errors.push(`${where(ctx, path, node)}: expected ${expected}, found ${describeNode(node)}.`);
  return null;
}

/** Image names must be plain file names inside the v1 images folder. */
function checkImageFileName(ctx: Context, file: string, path: string, node: unknown): string | null {
  if (/[/\\\0]/.test(file) || file.includes('..')) {
    ctx.errors.push(`${where(ctx, path, node)}: "${file}" must be a plain file name, without folders or "..".`);
    return null;
  }
  if (file.startsWith('.')) {
    ctx.errors.push(`${where(ctx, path, node)}: "${file}" has no name before its extension.`);
    return null;
  }
  ctx.imageFiles.add(file);
  return file;
}

/** "estelle.jpg" -> "Estelle". */
export function labelFromFileName(file: string): string {
  const stem = file.replace(IMAGE_EXTENSION, '');
  const [first = '', ...rest] = [...stem];
  return first.toUpperCase() + rest.join('');
}

function readList(ctx: Context, root: YAMLMap, key: string): { node: unknown; path: string }[] {
  const node = valueOf(root, key);
  if (isMissing(node)) return [];
  if (!isSeq(node)) {
    ctx.errors.push(`${where(ctx, key, keyOf(root, key))}: ${key} must be a list of items each starting with "- ", found ${describeNode(node)}.`);
    return [];
  }
  return node.items.map((item, i) => ({ node: item, path: `${key}[${i}]` }));
}

function checkKeys(ctx: Context, map: YAMLMap, allowed: string[], path: string): void {
  const unknown: string[] = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : describeNode(pair.key);
    if (!allowed.includes(key)) unknown.push(`"${key}"`);
  }
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? 'key' : 'keys';
    ctx.errors.push(
      `${where(ctx, path, map)}: unknown ${noun} ${unknown.join(', ')}; the allowed keys are ${allowed.join(', ')}.`,
    );
  }
}

function valueOf(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.value;
}

function keyOf(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.key;
}

function pairOf(map: YAMLMap, key: string) {
  return map.items.find((item) => isScalar(item.key) && item.key.value === key);
}

function isMissing(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function where(ctx: Context, path: string, node: unknown): string {
  const offset = (node as AnyNode)?.range?.[0];
  return offset === undefined ? path : `${path} (line ${ctx.lines.linePos(offset).line})`;
}

function describeNode(node: unknown): string {
  if (isAlias(node)) return `an alias (*${node.source}); write the value out instead`;
  if (isMap(node)) return 'a set of keys';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null) return 'nothing';
    if (typeof node.value === 'string') return `"${node.value}"`;
    return String(node.source ?? node.value);
  }
  return 'nothing';
}

function describeYamlError(error: { code: string; message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): string {
  const position = error.linePos ? `Line ${error.linePos[0].line}, column ${error.linePos[0].col}` : 'The file';
  if (error.code === 'DUPLICATE_KEY') return `${position}: this key is written twice; each key may appear only once here.`;
  // yaml appends " at line L, column C:" and a code excerpt; the position is given above instead.
  const reason = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
  return `${position}: this is not valid YAML: ${reason}.`;
}
