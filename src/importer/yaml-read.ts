import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';

/**
 * Pieces both config readers (v1-config.ts, v2026-config.ts) are made of. They
 * walk yaml's node tree rather than converting it to plain values: that keeps
 * every node's line for messages, and an alias (*name) is a node like any
 * other, so an "anchor bomb" is never expanded.
 */

/** A DinkyDash config.yaml is a few KB; anything far bigger is not one. */
export const MAX_CONFIG_CHARS = 1_000_000;

export const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp)$/i;
const MONTHS = [
  ['January', 31], ['February', 29], ['March', 31], ['April', 30], ['May', 31], ['June', 30],
  ['July', 31], ['August', 31], ['September', 30], ['October', 31], ['November', 30], ['December', 31],
] as const;

export type Context = { lines: LineCounter; errors: string[]; warnings: string[]; imageFiles: Set<string> };
/** yaml's node types are wide; these helpers only need the range. */
type AnyNode = { range?: [number, number, number] | null } | null | undefined;

export type ParsedYaml = { ok: true; doc: Document.Parsed; lines: LineCounter } | { ok: false; errors: string[] };

/** The file as a YAML document, or its syntax errors (a key written twice is one), each with its line. */
export function parseYaml(text: string): ParsedYaml {
  if (text.length > MAX_CONFIG_CHARS) {
    return { ok: false, errors: ['The file is too large to be a DinkyDash config.yaml.'] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) return { ok: false, errors: doc.errors.map(describeYamlError) };
  return { ok: true, doc, lines };
}

export function newContext(doc: Document.Parsed, lines: LineCounter): Context {
  return { lines, errors: [], warnings: doc.warnings.map(describeYamlError), imageFiles: new Set() };
}

/** True for an empty document (nothing, or only comments). */
export function isEmptyDocument(root: unknown): boolean {
  return root === null || root === undefined || (isScalar(root) && root.value === null);
}

/** A required, non-empty title; null after reporting. */
export function readTitle(ctx: Context, map: YAMLMap, path: string): string | null {
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
export function readText(ctx: Context, node: unknown, path: string, expected: string): string | null {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
    const written = typeof node.value === 'number' && node.source !== undefined ? node.source : String(node.value);
    return written.trim();
  }
  if (isScalar(node) && node.value === null) return '';
  ctx.errors.push(`${where(ctx, path, node)}: expected ${expected}, found ${describeNode(node)}.`);
  return null;
}

/** Image names must be plain file names inside the images folder. */
export function checkImageFileName(ctx: Context, file: string, path: string, node: unknown): string | null {
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

/** An optional picture: null when there is none (missing or ""); undefined when the value is wrong. `of` as for readMonthDay. */
export function readImageName(ctx: Context, map: YAMLMap, path: string, of = ''): string | null | undefined {
  const node = valueOf(map, 'image');
  if (isMissing(node)) return null;
  const text = readText(ctx, node, path, 'an image file name');
  if (text === null) return undefined;
  if (text === '') return null;
  if (!IMAGE_EXTENSION.test(text)) {
    ctx.errors.push(`${where(ctx, path, node)}${of}: "${text}" is not an image file name; it must end in .jpg, .jpeg, .png, .gif or .webp.`);
    return undefined;
  }
  return checkImageFileName(ctx, text, path, node) ?? undefined;
}

/**
 * A yearly date written MM/DD ("12/24"); null after reporting. `of` names the
 * item in the message (' of "Anniversary"'), since a date alone does not say
 * which one is wrong.
 */
export function readMonthDay(ctx: Context, map: YAMLMap, path: string, of = ''): { month: number; day: number } | null {
  const datePath = `${path}.date`;
  const node = valueOf(map, 'date');
  if (isMissing(node)) {
    ctx.errors.push(`${where(ctx, path, map)}${of}: missing "date", written MM/DD, like "12/24".`);
    return null;
  }
  const value = isScalar(node) ? node.value : undefined;
  const text = typeof value === 'string' ? value.trim() : null;
  const match = text === null ? null : /^(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (!match) {
    const shown = text === null ? describeNode(node) : `"${text}"`;
    ctx.errors.push(`${where(ctx, datePath, node)}${of}: ${shown} is not a date written MM/DD, like "12/24".`);
    return null;
  }
  const month = Number(match[1]);
  const day = Number(match[2]);
  const problem = dateProblem(month, day);
  if (problem) {
    ctx.errors.push(`${where(ctx, datePath, node)}${of}: "${text}" is not a valid date: ${problem}.`);
    return null;
  }
  return { month, day };
}

/** Yearly dates come back every year, so 29 February is allowed. */
function dateProblem(month: number, day: number): string | null {
  const monthInfo = MONTHS[month - 1];
  if (!monthInfo) return `there is no month ${month} (dates are written MM/DD, month first)`;
  const [name, days] = monthInfo;
  if (day < 1) return `there is no day ${day}`;
  if (day > days) return `${name} only has ${days} days`;
  return null;
}

/** The items of a list under `key` (none when the key is missing); reports a value that is not a list. */
export function readList(ctx: Context, root: YAMLMap, key: string): { node: unknown; path: string }[] {
  const node = valueOf(root, key);
  if (isMissing(node)) return [];
  if (!isSeq(node)) {
    ctx.errors.push(`${where(ctx, key, keyOf(root, key))}: ${key} must be a list of items each starting with "- ", found ${describeNode(node)}.`);
    return [];
  }
  return node.items.map((item, i) => ({ node: item, path: `${key}[${i}]` }));
}

/** The keys of a map, as written (a key that is not text is described). */
export function keysOf(map: YAMLMap): string[] {
  return map.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : describeNode(pair.key)));
}

export function valueOf(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.value;
}

export function keyOf(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.key;
}

function pairOf(map: YAMLMap, key: string) {
  return map.items.find((item) => isScalar(item.key) && item.key.value === key);
}

export function isMissing(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** "path (line N)", or the path alone for a node with no place in the file. */
export function where(ctx: Context, path: string, node: unknown): string {
  const line = lineOf(ctx, node);
  return line === null ? path : `${path} (line ${line})`;
}

export function lineOf(ctx: Pick<Context, 'lines'>, node: unknown): number | null {
  const offset = (node as AnyNode)?.range?.[0];
  return offset === undefined ? null : ctx.lines.linePos(offset).line;
}

export function describeNode(node: unknown): string {
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
  // yaml reports running out of stack on lists or keys nested thousands deep as an error of the file.
  if (/maximum call stack size exceeded/i.test(error.message)) {
    return `${position}: lists or keys are nested far too deeply here for a DinkyDash config.yaml.`;
  }
  // yaml appends " at line L, column C:" and a code excerpt; the position is given above instead.
  const reason = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
  return `${position}: this is not valid YAML: ${reason}.`;
}
