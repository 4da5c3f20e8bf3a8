import { isMap, isScalar, isSeq, visit, type Document, type YAMLMap } from 'yaml';
import { type CivilDate, isValidCivilDate } from '../calendar/civil-date.js';
import { ENTRY_NAME_MAX } from '../kinds/chores/rotation-text.js';
import { MAX_ROTATION_LENGTH } from '../kinds/chores/rotation.js';
import { ITEM_NAME_MAX } from '../manage/item-fields.js';
import { feedRequestUrl } from '../fetching/feed-url.js';
import { cleanText } from '../views/clean-text.js';
import { graphemeCount, isIconTitle } from './import-steps.js';
import {
  describeNode, isMissing, keyOf, keysOf, lineOf, newContext, parseYaml, readImageName, readList, readMonthDay, readText, valueOf, where,
  type Context,
} from './yaml-read.js';

/**
 * Reads the config.yaml of today's DinkyDash (the 2026 format, described in
 * docs/owners-guide.md) into an import plan. Pure: no files, no database.
 * Every problem is reported at once, each with its place in the file and, for
 * an item, its name or title ('special_dates[1].date (line 30) of
 * "Anniversary": ...'). Keys that are not imported are listed, never dropped
 * silently.
 *
 *   location: "Berlin, Germany"          # not imported: the weather's place is set in Settings
 *   calendar_url: "https://calendar.google.com/calendar/ical/.../basic.ics"
 *   people:
 *     - name: "Lily"
 *       date_of_birth: "2017-03-04"
 *       image: "lily.jpg"                 # next to the config; may be ""
 *   pets:
 *     - name: "Biscuit"
 *       type: "dog"
 *   recurring:                            # today's person: choices[day_of_year % len(choices)]
 *     - title: "Dishes"
 *       emoji: "🍽️"
 *       choices: ["Lily", "Max"]
 *   special_dates:
 *     - title: "Christmas"
 *       emoji: "🎄"
 *       date: "12/24"                     # MM/DD, every year
 */

/** Someone of the family or a pet, as a named person (see import-2026.ts for why not a member). */
export type V2026Person = { name: string; kind: 'person' | 'pet'; birthDate: CivilDate | null; image: string | null };
export type V2026Chore = { title: string; icon: string; names: string[] };
export type V2026SpecialDate = { title: string; icon: string; month: number; day: number };
/** A key of the file that is not imported, and why ("people[].email" stands for that key of any person). */
export type NotImportedKey = { key: string; reason: string };
export type V2026ImportPlan = {
  /** People, then pets, in the file's order. */
  people: V2026Person[];
  chores: V2026Chore[];
  specialDates: V2026SpecialDate[];
  /** The calendar's address as written; a secret, never shown in full. */
  calendarUrl: string | null;
  notImported: NotImportedKey[];
  /** Every distinct image file the config names, in order of first mention. */
  imageFiles: string[];
};
export type V2026ParseResult = { ok: true; plan: V2026ImportPlan; warnings: string[] } | { ok: false; errors: string[] };

/** More than any family has people, pets, chores or special dates. */
export const MAX_2026_ITEMS = 200;
/** More keys that are not imported than this, and the file is something else that happens to use a few of the same keys. */
const MAX_NOT_IMPORTED_KEYS = 100;
/** Google's secret addresses are about 150 characters. */
const MAX_URL_CHARS = 2_000;

export const AI_BRIEF_KEYS = ['anthropic_api_key_env', 'claude_model', 'max_tokens', 'data_file', 'content_history_file', 'history_days'];
export const IMPORTED_TOP_LEVEL_KEYS = ['people', 'pets', 'recurring', 'special_dates', 'calendar_url'];
const NOT_KEPT = 'DinkyDash does not keep this';
const UNKNOWN = 'a key this importer does not know';
const TOP_LEVEL_NOT_IMPORTED: Record<string, string> = {
  ...Object.fromEntries(AI_BRIEF_KEYS.map((key) => [key, 'settings of its AI daily brief and its own files (DinkyDash has no AI brief)'])),
  calendar_filter_emails: 'DinkyDash shows every event of the calendar (it has no filter by attendees)',
  location: "set the weather's place in Settings",
};
const ITEM_KEYS = {
  people: { imported: ['name', 'date_of_birth', 'image'], notKept: ['sex', 'email', 'interests'] },
  pets: { imported: ['name', 'image'], notKept: ['type'] },
  recurring: { imported: ['title', 'emoji', 'choices'], notKept: [] },
  special_dates: { imported: ['title', 'emoji', 'date'], notKept: [] },
} satisfies Record<string, { imported: string[]; notKept: string[] }>;

type Context2026 = Context & { notImported: Map<string, string> };

export function parse2026Config(text: string): V2026ParseResult {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  return read2026Document(newContext(parsed.doc, parsed.lines), parsed.doc);
}

/** The plan of a parsed document in today's format; config-format.ts has already told it from v1. */
export function read2026Document(base: Context, doc: Document.Parsed): V2026ParseResult {
  const ctx: Context2026 = { ...base, notImported: new Map() };
  const aliases = aliasProblem(ctx, doc);
  if (aliases) return { ok: false, errors: [aliases] };
  const root = doc.contents;
  if (!isMap(root)) {
    return { ok: false, errors: [`${where(ctx, 'The file', root)}: expected keys such as "people:" and "recurring:" at the top, found ${describeNode(root)}.`] };
  }

  for (const key of keysOf(root)) {
    if (!IMPORTED_TOP_LEVEL_KEYS.includes(key)) ctx.notImported.set(key, TOP_LEVEL_NOT_IMPORTED[key] ?? UNKNOWN);
  }
  const location = valueOf(root, 'location');
  if (isScalar(location) && typeof location.value === 'string' && location.value.trim() !== '') {
    ctx.notImported.set('location', `set the weather's place in Settings (it was "${shorten(cleanText(location.value))}")`);
  }

  const people = [
    ...items(ctx, root, 'people').flatMap(({ node, path }) => readPerson(ctx, node, path, 'person') ?? []),
    ...items(ctx, root, 'pets').flatMap(({ node, path }) => readPerson(ctx, node, path, 'pet') ?? []),
  ];
  checkDistinctNames(ctx, people);
  const chores = items(ctx, root, 'recurring').flatMap(({ node, path }) => readChore(ctx, node, path) ?? []);
  const specialDates = items(ctx, root, 'special_dates').flatMap(({ node, path }) => readSpecialDate(ctx, node, path) ?? []);
  const calendarUrl = readCalendarUrl(ctx, root);

  if (ctx.notImported.size > MAX_NOT_IMPORTED_KEYS) {
    ctx.errors.push(
      `The file has ${ctx.notImported.size} keys that DinkyDash does not import (${[...ctx.notImported.keys()].slice(0, 5).join(', ')}, …); ` +
        'it does not look like a DinkyDash config.yaml.',
    );
  }
  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors };
  if (people.length === 0 && chores.length === 0 && specialDates.length === 0 && calendarUrl === null) {
    ctx.warnings.push('The file has no people, pets, chores, special dates or calendar to import.');
  }
  const notImported = [...ctx.notImported].map(([key, reason]) => ({ key, reason }));
  return { ok: true, plan: { people, chores, specialDates, calendarUrl, notImported, imageFiles: [...ctx.imageFiles] }, warnings: ctx.warnings };
}

/**
 * Anchors and aliases are refused as a whole: nothing here ever expands one,
 * but an alias under a key that is not imported would otherwise be passed
 * over, and a merge key (<<: *base) would lose the keys it brings in.
 */
function aliasProblem(ctx: Context, doc: Document.Parsed): string | null {
  const found: { source: string; line: number | null }[] = [];
  visit(doc, {
    Alias(_, node) {
      found.push({ source: node.source, line: lineOf(ctx, node) });
    },
  });
  if (found.length === 0) return null;
  const first = found[0]!;
  const more = found.length > 1 ? `, and ${found.length - 1} more` : '';
  const at = first.line === null ? '' : ` on line ${first.line}`;
  return `The file uses YAML anchors and aliases (*${shorten(first.source)}${at}${more}); write each value out instead.`;
}

// ---- lists and their items ----

/** The items of a list, refusing a list longer than any family needs before reading its items. */
function items(ctx: Context2026, root: YAMLMap, key: keyof typeof ITEM_KEYS): { node: YAMLMap; path: string }[] {
  const node = valueOf(root, key);
  if (isSeq(node) && node.items.length > MAX_2026_ITEMS) {
    ctx.errors.push(`${where(ctx, key, keyOf(root, key))}: ${node.items.length} items is too many; the limit is ${MAX_2026_ITEMS}.`);
    return [];
  }
  const { imported, notKept } = ITEM_KEYS[key];
  return readList(ctx, root, key).flatMap(({ node: item, path }) => {
    if (!isMap(item)) {
      ctx.errors.push(`${where(ctx, path, item)}: expected an item with keys such as "${imported[0]}:", found ${describeNode(item)}.`);
      return [];
    }
    for (const itemKey of keysOf(item)) {
      if (!imported.includes(itemKey)) ctx.notImported.set(`${key}[].${itemKey}`, (notKept as string[]).includes(itemKey) ? NOT_KEPT : UNKNOWN);
    }
    return [{ node: item, path }];
  });
}

function readPerson(ctx: Context2026, map: YAMLMap, path: string, kind: 'person' | 'pet'): V2026Person | null {
  const name = readName(ctx, map, path);
  const of = name === null ? '' : ` of "${name}"`;
  const birthDate = kind === 'person' ? readBirthDate(ctx, map, path, of) : null;
  const image = readImageName(ctx, map, `${path}.image`, of);
  if (name === null || birthDate === undefined || image === undefined) return null;
  return { name, kind, birthDate, image };
}

function readChore(ctx: Context2026, map: YAMLMap, path: string): V2026Chore | null {
  const title = readItemTitle(ctx, map, path, true);
  const of = title ? ` of "${title}"` : '';
  const emoji = readEmoji(ctx, map, path, of);
  const choicesPath = `${path}.choices`;
  const choices = valueOf(map, 'choices');
  const choicesAt = `${where(ctx, choicesPath, keyOf(map, 'choices'))}${of}`;
  let names: (string | null)[] | null = null;
  if (isMissing(choices)) {
    ctx.errors.push(`${where(ctx, path, map)}${of}: missing "choices" (the names that take turns, one a day).`);
  } else if (!isSeq(choices)) {
    ctx.errors.push(`${choicesAt}: choices must be a list of names, like ["Lily", "Max"], found ${describeNode(choices)}.`);
  } else if (choices.items.length === 0) {
    ctx.errors.push(`${choicesAt}: choices is empty; add at least one name.`);
  } else if (choices.items.length > MAX_ROTATION_LENGTH) {
    ctx.errors.push(`${choicesAt}: ${choices.items.length} choices is too many; the limit is ${MAX_ROTATION_LENGTH}.`);
  } else {
    names = choices.items.map((item, i) => readChoiceName(ctx, item, `${choicesPath}[${i}]`, of));
  }
  if (title === null || emoji === null || names === null || names.some((n) => n === null)) return null;
  const name = title || emoji;
  return { title: name, icon: emoji || (isIconTitle(name) ? name : ''), names: names as string[] };
}

function readSpecialDate(ctx: Context2026, map: YAMLMap, path: string): V2026SpecialDate | null {
  const title = readItemTitle(ctx, map, path, false);
  const of = title ? ` of "${title}"` : '';
  const emoji = readEmoji(ctx, map, path, of);
  const date = readMonthDay(ctx, map, path, of);
  if (title === null || emoji === null || date === null) return null;
  if (title === '' && emoji === '') {
    ctx.errors.push(`${where(ctx, path, map)}: missing "title" (or at least an "emoji") for the date ${String(date.month).padStart(2, '0')}/${String(date.day).padStart(2, '0')}.`);
    return null;
  }
  const name = title || emoji;
  return { title: name, icon: emoji || (isIconTitle(name) ? name : ''), month: date.month, day: date.day };
}

// ---- fields ----

/** A person's or pet's name: required, at most ENTRY_NAME_MAX characters, since it is also a name in rotations. */
function readName(ctx: Context, map: YAMLMap, path: string): string | null {
  const node = valueOf(map, 'name');
  if (isMissing(node)) {
    ctx.errors.push(`${where(ctx, path, map)}: missing "name".`);
    return null;
  }
  return checkedText(ctx, readText(ctx, node, `${path}.name`, 'a name'), `${path}.name`, node, '', ENTRY_NAME_MAX, 'a name');
}

/** A chore's or special date's title; '' when it may be left out and is. */
function readItemTitle(ctx: Context, map: YAMLMap, path: string, required: boolean): string | null {
  const node = valueOf(map, 'title');
  if (isMissing(node)) {
    if (!required) return '';
    ctx.errors.push(`${where(ctx, path, map)}: missing "title".`);
    return null;
  }
  return checkedText(ctx, readText(ctx, node, `${path}.title`, 'a title'), `${path}.title`, node, '', ITEM_NAME_MAX, 'a title');
}

function readChoiceName(ctx: Context, node: unknown, path: string, of: string): string | null {
  const text = readText(ctx, node, `${path}`, 'a name, like "Lily"');
  return checkedText(ctx, text, path, node, of, ENTRY_NAME_MAX, 'a name');
}

/** Cleaned text (cleanText) that is not empty and not longer than `max` characters; null after reporting. */
function checkedText(ctx: Context, raw: string | null, path: string, node: unknown, of: string, max: number, what: string): string | null {
  if (raw === null) return null;
  const text = cleanText(raw);
  if (text === '') {
    ctx.errors.push(`${where(ctx, path, node)}${of}: ${what} cannot be empty.`);
    return null;
  }
  if ([...text].length > max) {
    ctx.errors.push(`${where(ctx, path, node)}${of}: "${shorten(text)}" is too long: ${what} can have at most ${max} characters.`);
    return null;
  }
  return text;
}

/** An item's emoji: '' when there is none; null after reporting one that cannot be an icon. */
function readEmoji(ctx: Context, map: YAMLMap, path: string, of: string): string | null {
  const node = valueOf(map, 'emoji');
  if (isMissing(node)) return '';
  const raw = readText(ctx, node, `${path}.emoji`, 'an emoji, like "🍽️"');
  if (raw === null) return null;
  const emoji = cleanText(raw);
  // The same room as an emoji title gets (isIconTitle): up to four, like "🍾🎩".
  if (graphemeCount(emoji) > 4 || emoji.length > 32) {
    ctx.errors.push(`${where(ctx, `${path}.emoji`, node)}${of}: "${shorten(emoji)}" is too long for an icon; use one emoji.`);
    return null;
  }
  return emoji;
}

/** null when there is none; undefined after reporting a date that is not one. */
function readBirthDate(ctx: Context, map: YAMLMap, path: string, of: string): CivilDate | null | undefined {
  const node = valueOf(map, 'date_of_birth');
  if (isMissing(node)) return null;
  const at = `${where(ctx, `${path}.date_of_birth`, node)}${of}`;
  const value = isScalar(node) ? node.value : undefined;
  const text = typeof value === 'string' ? value.trim() : null;
  if (text === '') return null;
  const match = text === null ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    ctx.errors.push(`${at}: ${text === null ? describeNode(node) : `"${shorten(text)}"`} is not a date written YYYY-MM-DD, like "2017-03-04".`);
    return undefined;
  }
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isValidCivilDate(date) || date.year < 1900) {
    ctx.errors.push(`${at}: "${text}" is not a real date of birth.`);
    return undefined;
  }
  return date;
}

/** The calendar's address as written, or null; the address is a secret, so no message repeats it. */
function readCalendarUrl(ctx: Context, root: YAMLMap): string | null {
  const node = valueOf(root, 'calendar_url');
  if (isMissing(node)) return null;
  const at = where(ctx, 'calendar_url', node);
  if (!isScalar(node) || typeof node.value !== 'string') {
    ctx.errors.push(`${at}: expected a web address, found ${isScalar(node) ? 'a number' : describeNode(node)}.`);
    return null;
  }
  const url = node.value.trim();
  if (url === '') return null;
  if (url.length > MAX_URL_CHARS) {
    ctx.errors.push(`${at}: the address is too long to be a calendar's (${url.length} characters; the limit is ${MAX_URL_CHARS}).`);
    return null;
  }
  const request = feedRequestUrl(url);
  if (!request.ok) {
    ctx.errors.push(`${at}: ${request.reason}`);
    return null;
  }
  return url;
}

/** Names tell people and pets apart in rotations and birthdays, so two may not share one. */
function checkDistinctNames(ctx: Context, people: V2026Person[]): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const person of people) {
    const key = person.name.toLocaleLowerCase();
    if (seen.has(key) && !reported.has(key)) {
      ctx.errors.push(`"${person.name}" is the name of more than one person or pet; give each a different name, since rotations and birthdays go by name.`);
      reported.add(key);
    }
    seen.add(key);
  }
}

/** Long text cut for a message. */
function shorten(text: string): string {
  const chars = [...text];
  return chars.length > 40 ? `${chars.slice(0, 40).join('').trimEnd()}…` : text;
}
