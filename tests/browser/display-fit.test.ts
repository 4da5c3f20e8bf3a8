import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from '../helpers/chromium.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser as httpClient, startLiveServer } from '../helpers/live-server.js';
import type { El, PageGlobals, Rect } from '../helpers/page-dom.js';
import { WALL_SCREENS } from '../helpers/screens.js';
import type { RunningServer } from '../../src/server.js';
import { i18nFor } from '../../src/i18n/i18n.js';

// The wall display fits every screen it is shown on, in Debian's real
// Chromium: the 7-inch 800x480 and 1024x600 panels, the portrait Touch
// Display 2, tablets, TVs. With 3, 10 and 30 chores beside 30 countdowns (and
// 4 + 4, "medium" and "large"), and dashboards of three and four kinds
// (calendar, chores, countdowns, weather), light and dark, it fails on: a
// page that scrolls, text cut off or spilling out of its box, two cards or
// sections over each other, a card's name below the legible minimum (22 px on
// 800x480, in proportion to the screen), hidden items without a "+ N more"
// that counts them, a section left empty (or gone) while another shows more
// than one card, a status note over a card, Done buttons outside their card
// or under the name in landscape, and a word broken inside across two lines
// where a smaller size would have kept it whole (German, 2 + 2: the type grows).
// With DINKYDASH_SCREENSHOTS=<folder> each cell is saved as
// display-fit-<family>-<width>x<height>-<scheme>.png.
const SHOTS = process.env.DINKYDASH_SCREENSHOTS;

const SCHEMES = ['light', 'dark'] as const;

/** 22 px at 800x480, scaled by the side that grows least against that panel turned like the screen (as app.js), 25% more for "large". */
function minimumNamePx(width: number, height: number, size: 'medium' | 'large'): number {
  const scale = width >= height ? Math.min(width / 800, height / 480) : Math.min(width / 480, height / 800);
  return 22 * scale * (size === 'large' ? 1.25 : 1);
}

interface FitFamily {
  slug: string;
  chores: number;
  countdowns: number;
  size: 'medium' | 'large';
  clock: '12' | '24';
  /** Whether the family lets displays mark chores done (Done and Undo buttons on the cards). */
  buttons: boolean;
  /** The dashboard's kinds in order (dashboards.sections); chores,countdowns when not said. */
  sections?: string;
  /** How many of the family's own events the calendar card shows (EVENTS, from today on). */
  events?: number;
  /** A stored forecast for the weather card. */
  weather?: boolean;
  /** The family's name under the date, when not "The <slug>". */
  name?: string;
  /** The family's language (German words are long): its names are typed in it too. */
  language?: 'de';
  /** One more chore, after the others, named as is. */
  lastChore?: string;
  displayPath: string;
}

const FAMILIES: Omit<FitFamily, 'displayPath'>[] = [
  { slug: 'fit-three', chores: 3, countdowns: 30, size: 'medium', clock: '24', buttons: true },
  { slug: 'fit-ten', chores: 10, countdowns: 30, size: 'medium', clock: '12', buttons: true },
  { slug: 'fit-thirty', chores: 30, countdowns: 30, size: 'medium', clock: '24', buttons: true },
  { slug: 'fit-four', chores: 4, countdowns: 4, size: 'medium', clock: '24', buttons: true },
  { slug: 'fit-four-read-only', chores: 4, countdowns: 4, size: 'medium', clock: '24', buttons: false },
  { slug: 'fit-large', chores: 4, countdowns: 4, size: 'large', clock: '12', buttons: true },
  // Three kinds, more than fits on the small screens: the calendar alone on the left, the others stacked on the right.
  { slug: 'fit-calendar', chores: 10, countdowns: 6, events: 9, sections: 'calendar,chores,countdowns', size: 'medium', clock: '12', buttons: false },
  // A family's week on the kitchen wall: every kind, about as much as a family has.
  { slug: 'fit-everything', name: 'The Okafor-Lindqvists', chores: 6, countdowns: 5, events: 7, weather: true, sections: 'calendar,chores,countdowns,weather', size: 'medium', clock: '24', buttons: true },
  // Far more than fits, fewer and bigger ("large"), the kinds in another order: every section still shows something.
  { slug: 'fit-crowded', chores: 10, countdowns: 30, events: 9, weather: true, sections: 'chores,calendar,weather,countdowns', size: 'large', clock: '12', buttons: true },
  // More events than the card sends (CARD_ENTRIES_SENT): the unsent ones count in its "+ N more".
  { slug: 'fit-busy-calendar', chores: 4, countdowns: 4, events: 70, sections: 'calendar,chores,countdowns', size: 'medium', clock: '24', buttons: false },
  // In German: long words, longer buttons ("Erledigt", "Rückgängig"), "+ 3 weitere".
  { slug: 'fit-de-four', language: 'de', name: 'Familie Okafor-Lindqvist', chores: 4, countdowns: 4, size: 'medium', clock: '24', buttons: true },
  // A few cards, so the type grows: it stops where whole words still fit ("Spülmaschine", not "Spülmaschin" / "e").
  { slug: 'fit-de-two', language: 'de', name: 'Familie Okafor-Lindqvist', chores: 2, countdowns: 2, size: 'medium', clock: '24', buttons: true },
  // A word no size keeps whole in its column breaks, and only it: the others stay whole at a size that fits.
  { slug: 'fit-de-long-word', language: 'de', chores: 1, lastChore: 'Donaudampfschifffahrtsgesellschaftskapitänsmützenreinigung', countdowns: 2, size: 'medium', clock: '24', buttons: true },
  { slug: 'fit-de-everything', language: 'de', name: 'Familie Okafor-Lindqvist', chores: 6, countdowns: 5, events: 7, weather: true, sections: 'calendar,chores,countdowns,weather', size: 'medium', clock: '24', buttons: true },
  { slug: 'fit-de-thirty', language: 'de', chores: 30, countdowns: 30, events: 9, weather: true, sections: 'chores,calendar,weather,countdowns', size: 'large', clock: '24', buttons: true },
];

/** What a German family types instead. */
const GERMAN: Record<string, string> = {
  'Empty the dishwasher and wipe the counters': 'Spülmaschine ausräumen und Arbeitsflächen abwischen',
  'Walk the dog': 'Mit dem Hund Gassi gehen',
  Laundry: 'Wäsche waschen',
  'Take out the bins': 'Mülltonnen rausstellen',
  'Feed the cat': 'Katze füttern',
  'Water the plants and the herbs on the balcony': 'Pflanzen und Kräuter auf dem Balkon gießen',
  'Hoover the stairs': 'Treppenhaus staubsaugen',
  'Clean the bathroom sink': 'Waschbecken im Badezimmer putzen',
  'Set the table': 'Tisch decken',
  'Tidy the playroom': 'Spielzimmer aufräumen',
  "Estelle's birthday": 'Estelles Geburtstag',
  "Grandma and Grandpa's golden wedding anniversary": 'Goldene Hochzeit von Oma und Opa',
  'Summer holiday at the seaside': 'Sommerurlaub am Meer',
  'Christmas Eve': 'Heiligabend',
  'Trip to Japan': 'Reise nach Japan',
  'School starts': 'Einschulung',
  "Josephine's school trip to the zoo": 'Josephines Klassenausflug in den Zoo',
  Dentist: 'Zahnarzttermin',
  'Swimming lessons': 'Schwimmunterricht',
  "Parents' evening at school": 'Elternabend in der Schule',
  'Football match against the Rovers': 'Fußballspiel gegen die Rot-Weißen',
  'Grandma and Grandpa visit': 'Oma und Opa kommen zu Besuch',
  'Piano lesson': 'Klavierstunde',
  "Farmers' market": 'Wochenmarkt',
  'Dinner at the Okafors': 'Abendessen bei Okafors',
  Grandma: 'Oma',
  Dad: 'Papa',
};
const typedIn = (f: { language?: 'de' }) => (text: string) => (f.language === 'de' ? (GERMAN[text] ?? text) : text);

const CHORES: [string, string][] = [
  ['Empty the dishwasher and wipe the counters', '🍽'],
  ['Walk the dog', '🐕'],
  ['Laundry', '🧺'],
  ['Take out the bins', '🗑'],
  ['Feed the cat', '🐈'],
  ['Water the plants and the herbs on the balcony', '🪴'],
  ['Hoover the stairs', '🧹'],
  ['Clean the bathroom sink', '🧼'],
  ['Set the table', '🍴'],
  ['Tidy the playroom', '🧸'],
];
const COUNTDOWNS: [string, string][] = [
  ["Estelle's birthday", '🎂'],
  ["Grandma and Grandpa's golden wedding anniversary", '💝'],
  ['Summer holiday at the seaside', '🏖️'],
  ['Christmas Eve', '🎄'],
  ['Trip to Japan', '✈'],
  ['School starts', '🎒'],
];
const MODES = ['daily', 'weekly', 'completion'] as const;
/** The family's own events: days from today, start and end (null: all day), title, whose. */
const EVENTS: [number, string | null, string | null, string, string | null][] = [
  [0, null, null, "Josephine's school trip to the zoo", 'Josephine'],
  [1, '08:15', '09:00', 'Dentist', 'Estelle'],
  [1, '17:30', '18:30', 'Swimming lessons', 'Josephine'],
  [2, '19:00', '21:00', "Parents' evening at school", null],
  [3, '10:00', '12:00', 'Football match against the Rovers', 'Estelle'],
  [4, null, null, 'Grandma and Grandpa visit', null],
  [5, '15:00', '16:00', 'Piano lesson', 'Josephine'],
  [6, '09:30', '11:00', "Farmers' market", 'Mum'],
  [6, '18:00', '19:30', 'Dinner at the Okafors', null],
];
const TIME_ZONE = 'Europe/Berlin';

/** A day from today, as the family's calendar sees it (YYYY-MM-DD). */
function familyDate(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

/** The calendar's own events and the weather's stored forecast, written into the family's file as the app keeps them. */
async function addCalendarAndWeather(f: Omit<FitFamily, 'displayPath'>): Promise<void> {
  await server.pool.withFamily(f.slug, async ({ db }) => {
    const members = await db.selectFrom('members').select(['id', 'display_name']).execute();
    const memberId = (name: string) => members.find((m) => m.display_name === name)!.id;
    for (let i = 0; i < (f.events ?? 0); i++) {
      const [offset, start, end, english, who] = EVENTS[i % EVENTS.length]!;
      const title = typedIn(f)(english);
      const day = familyDate(offset);
      await db
        .insertInto('family_events')
        .values({ title, all_day: start === null ? 1 : 0, start_date: day, start_time: start, end_date: day, end_time: end, who: JSON.stringify(who ? [{ member: memberId(who) }] : []), uid: `fit-${f.slug}-${i}`, created_by: 1 })
        .execute();
    }
    if (f.weather) {
      await db.updateTable('family_settings').set({ weather_place: 'Berlin', weather_latitude: 52.52, weather_longitude: 13.41, weather_units: 'metric' }).execute();
      const days = [0, 1, 2, 3, 4].map((offset, i) => ({ date: familyDate(offset), code: [2, 63, 0, 73, 95][i]!, max: [9.6, 11.2, 14.5, 1.4, 18][i]!, min: [2.1, 4.4, 5, -3.6, 9.5][i]!, rain: [35, 80, 0, 60, null][i]! }));
      const forecast = { units: 'metric', timeZone: TIME_ZONE, current: { time: `${days[0]!.date}T11:00`, temperature: 7.4, code: 2, isDay: true }, days };
      // Fetched just now: fresh for half an hour, so no refresh is tried while the test runs.
      const now = Date.now();
      await db.insertInto('weather_forecast').values({ id: 1, latitude: 52.52, longitude: 13.41, forecast: JSON.stringify(forecast), fetched_at: now, checked_at: now, error: null }).execute();
    }
    if (f.sections) await db.updateTable('dashboards').set({ sections: f.sections }).execute();
  });
}

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const families: FitFamily[] = [];
const figures: string[] = [];

async function seedFamily(base: string, f: Omit<FitFamily, 'displayPath'>): Promise<FitFamily> {
  const b = httpClient(base);
  const ok = async (what: string, res: Response, status = 303) => {
    if (res.status !== status) throw new Error(`${f.slug} ${what}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res;
  };
  const familyName = f.name ?? `The ${f.slug}`;
  const typed = typedIn(f);
  await ok('sign-up', await b.post('/signup', { family_name: familyName, slug: f.slug, display_name: 'Mum', username: 'mum', password: 'fits on every screen', time_zone: 'Europe/Berlin' }));
  for (const [name, avatar, color] of [['Estelle', '🦄', '#f59e0b'], ['Josephine', '🐸', '#22c55e']] as const) {
    await ok(`member ${name}`, await b.post(`/${f.slug}/members`, { display_name: name, username: name.toLowerCase(), role: 'member', color, avatar, password: 'fits on every screen' }), 200);
  }
  await ok(
    'settings',
    await b.post(`/${f.slug}/settings`, { name: familyName, time_zone: 'Europe/Berlin', theme: 'auto', accent_color: '#2563eb', date_format: 'long', clock: f.clock, week_start: 'monday', night_start: '22:00', night_end: '07:00', language: f.language ?? 'en', ...(f.buttons ? { display_can_complete: 'on' } : {}) }),
  );
  for (let i = 0; i < f.chores; i++) {
    const [name, icon] = CHORES[i % CHORES.length]!;
    const rotation = i % 4 === 3 ? ['Grandma'] : ['Estelle', 'Josephine', 'Dad'].slice(i % 3);
    await ok(`chore ${i}`, await b.post(`/${f.slug}/manage/chores/new`, { name: i < CHORES.length ? typed(name) : `${typed(name)} ${Math.floor(i / CHORES.length) + 1}`, icon, dashboard_id: '1', mode: MODES[i % 3]!, rotation: rotation.map(typed).join('\n') }));
  }
  if (f.lastChore) await ok('last chore', await b.post(`/${f.slug}/manage/chores/new`, { name: f.lastChore, icon: '🚢', dashboard_id: '1', mode: 'daily', rotation: 'Josephine' }));
  for (let i = 0; i < f.countdowns; i++) {
    const [name, icon] = COUNTDOWNS[i % COUNTDOWNS.length]!;
    await ok(`countdown ${i}`, await b.post(`/${f.slug}/manage/countdowns/new`, { name: i < COUNTDOWNS.length ? typed(name) : `${typed(name)} ${i}`, icon, dashboard_id: '1', kind: 'yearly', year: '', month: String((i % 12) + 1), day: String(((i * 7) % 28) + 1) }));
  }
  if (f.size === 'large') await server.pool.withFamily(f.slug, ({ db }) => db.updateTable('dashboards').set({ size: 'large' }).execute());
  await addCalendarAndWeather(f);
  const link = await ok('display link', await b.post(`/${f.slug}/manage/displays`, { dashboard_id: '1', label: 'Kitchen' }), 200);
  const displayPath = new RegExp(`/${f.slug}/display/[a-z2-7]{32}`).exec(await link.text())![0];
  // Every third chore is done today: its card shows Undo (and "Next:" for a chore done in turns).
  const html = await (await b.get(f.buttons ? displayPath : `/${f.slug}/`)).text();
  const forms = [...html.matchAll(/action="([^"]*\/chores\/(\d+)\/done)"[^>]*><input type="hidden" name="entry" value="(\d+)"/g)];
  for (const [, action, id, entry] of forms) if (Number(id) % 3 === 1) await ok(`done ${id}`, await b.post(action!, { entry: entry! }));
  return { ...f, displayPath };
}

beforeAll(async () => {
  // Nothing may ask the internet for a forecast (the stored one is fresh anyway).
  process.env.DINKYDASH_WEATHER_URL = 'http://127.0.0.1:9';
  server = await startLiveServer(makeDataDir());
  browser = await launchChromium();
  for (const f of FAMILIES) families.push(await seedFamily(server.url, f));
  context = await browser.newContext({ viewport: { width: 800, height: 480 } });
  page = await context.newPage();
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (figures.length > 0) console.log(`Chore names on the wall display (px):\n${figures.join('\n')}`);
});

/** Once the fonts are there and app.js has fitted the page, and the browser has drawn it. */
async function settled(p: Page): Promise<void> {
  await p.waitForSelector('[data-dash][data-fit]', { state: 'attached' });
  await p.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return g.document.fonts.ready.then(() => new Promise<void>((resolve) => g.requestAnimationFrame(() => g.requestAnimationFrame(resolve))));
  });
}

interface FitReport {
  problems: string[];
  smallestName: number | null;
  shown: number;
  hidden: number;
}

/** The words of shown cards' names and lines broken inside across two lines. Runs in the browser. */
function wordsBrokenInside(): string[] {
  const { document } = globalThis as unknown as PageGlobals;
  const broken: string[] = [];
  const range = document.createRange();
  for (const el of document.querySelectorAll('#dash-content .dash-card:not([hidden]) :is(.card-title, .card-line)')) {
    const texts = document.createTreeWalker(el, 4);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      for (const word of text.data.matchAll(/[^\s\-\u2010\u2013\u2014/]+/g)) {
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const pieces = [...range.getClientRects()].filter((r) => r.width > 0.5);
        if (pieces.some((r) => Math.abs(r.top - pieces[0]!.top) > r.height / 2)) broken.push(word[0]);
      }
    }
  }
  return broken;
}

/**
 * Everything the display must hold to, checked in the page as shown. Runs in the browser; plain DOM only.
 * minName: the size a card's name must reach; fitMinimum: the smallest app.js may choose (they differ where the test asks for more).
 */
function fitProblems(o: { minName: number; fitMinimum: number; notes: boolean; more: string; moreIn: string }): FitReport {
  const { document, getComputedStyle, innerWidth, innerHeight } = globalThis as unknown as PageGlobals;
  const problems: string[] = [];
  const label = (el: El) => {
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}> "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
  };
  const shown = (el: El) => {
    if (el.closest('.visually-hidden, [hidden], details:not([open]) > :not(summary)')) return false;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 1 && r.height > 1; // 1px: for screen readers only
  };
  const inside = (r: Rect, box: Rect) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  const meets = (a: Rect, b: Rect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const content = document.getElementById('dash-content');
  if (!content) return { problems: ['no #dash-content on the page'], smallestName: null, shown: 0, hidden: 0 };

  const root = document.documentElement;
  if (root.scrollHeight > innerHeight || root.scrollWidth > innerWidth) problems.push(`the page scrolls: ${root.scrollWidth}x${root.scrollHeight} on a ${innerWidth}x${innerHeight} screen`);
  const screen = { left: 0, top: 0, right: innerWidth, bottom: innerHeight, width: innerWidth, height: innerHeight };

  // Off the screen, out of its card, cut off, or spilling out of its box. (A line box a little
  // shorter than the font's ascent and descent, line-height 1, is not text spilling out.)
  for (const el of content.querySelectorAll('*')) {
    if (!shown(el) || /^(IMG|INPUT|SELECT|OPTION|svg)$/i.test(el.tagName)) continue;
    const r = el.getBoundingClientRect();
    if (!inside(r, screen)) problems.push(`off the screen: ${label(el)}`);
    const card = el.parentElement?.closest('.dash-card');
    if (card && !el.closest('.who-form') && !inside(r, card.getBoundingClientRect())) problems.push(`sticks out of its card: ${label(el)} in ${label(card)}`);
    const cs = getComputedStyle(el);
    if (cs.display === 'inline') continue;
    const clips = !/visible/.test(`${cs.overflowX} ${cs.overflowY}`);
    const slack = clips ? 1 : Math.max(1, parseFloat(cs.fontSize) * 0.25);
    if (el.scrollWidth > el.clientWidth + 1) problems.push(`text wider than its box (${el.scrollWidth} > ${el.clientWidth}px): ${label(el)}`);
    if (el.scrollHeight > el.clientHeight + slack) problems.push(`text taller than its box (${el.scrollHeight} > ${el.clientHeight}px): ${label(el)}`);
  }

  // A card's name (a chore's, a countdown's, an event's, the weather's place) at a legible size.
  let smallestName: number | null = null;
  for (const title of content.querySelectorAll('.dash-card .card-title')) {
    if (!shown(title)) continue;
    const size = parseFloat(getComputedStyle(title).fontSize);
    if (title.closest('.chore-card')) smallestName = smallestName === null ? size : Math.min(smallestName, size);
    if (size < o.minName - 0.05) problems.push(`a card's name at ${size.toFixed(1)}px, below ${o.minName.toFixed(1)}px: ${label(title)}`);
  }

  // No word broken inside across two lines ("Spülmaschin" / "e ausräumen"). A card's text may break inside a
  // word (app.css: one longer than its column wraps rather than widening the card), so the fit chooses a size at
  // which whole words fit, and a word may break only where it must: where it is wider than its line even at the
  // smallest size the fit may choose. Measured on the page as shown: as the type shrinks to that size, a word
  // shrinks in proportion and its line stays as wide or grows (what shares it is sized in em too, the card's
  // width is the screen's), so a broken word that, scaled down, is narrower than its line is now would have
  // fitted whole at a smaller size. At the smallest size, scaled down is as it is: any broken word is wider than
  // its line there. A line that ends after a hyphen or a dash breaks no word.
  const firstName = content.querySelector('.card-title');
  const toSmallest = firstName ? o.fitMinimum / parseFloat(getComputedStyle(firstName).fontSize) : 1;
  const range = document.createRange();
  const lineWidth = (el: El) => {
    let box = el;
    while (box.parentElement && getComputedStyle(box).display === 'inline') box = box.parentElement;
    const cs = getComputedStyle(box);
    return box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  };
  for (const card of content.querySelectorAll('.dash-card')) {
    if (!shown(card)) continue;
    const texts = document.createTreeWalker(card, 4);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      if (!text.parentElement || !shown(text.parentElement)) continue;
      for (const word of text.data.matchAll(/[^\s\-\u2010\u2013\u2014/]+[\-\u2010\u2013\u2014/]*/g)) {
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const pieces = [...range.getClientRects()].filter((r) => r.width > 0.5);
        if (!pieces.some((r) => Math.abs(r.top - pieces[0]!.top) > r.height / 2)) continue;
        const width = pieces.reduce((sum, r) => sum + r.width, 0);
        const line = lineWidth(text.parentElement);
        if (width * toSmallest < line - 1) problems.push(`a word broken across two lines, though ${Math.round(width * toSmallest)}px wide at the smallest size in its ${Math.round(line)}px line: "${word[0]}" in ${label(text.parentElement)}`);
      }
    }
  }

  // Nothing drawn over anything else: no two cards (or "+ N more"), no two sections, no section and the header.
  const overlaps = (els: El[], what: string) => {
    const boxes = els.filter(shown).map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (meets(boxes[i]!.r, boxes[j]!.r)) problems.push(`${what} over each other: ${label(boxes[i]!.el)} and ${label(boxes[j]!.el)}`);
      }
    }
  };
  overlaps([...content.querySelectorAll('.dash-card, .dash-more')], 'two cards');
  overlaps([...content.querySelectorAll('.dash-section, .dash-head')], 'two sections (or one and the header)');

  // Each section shows its first items, in order, and "+ N more" for the rest.
  let shownCards = 0;
  let hiddenCards = 0;
  for (const section of content.querySelectorAll('.dash-section')) {
    const cards = [...section.querySelectorAll('.dash-cards > .dash-card')];
    const visible = cards.map(shown);
    const hidden = visible.filter((v) => !v).length;
    shownCards += cards.length - hidden;
    hiddenCards += hidden;
    if (visible.indexOf(false) !== -1 && visible.lastIndexOf(true) > visible.indexOf(false)) problems.push(`${section.className}: an item is hidden before one that is shown`);
    const more = [...section.querySelectorAll('.dash-more')].filter(shown);
    // Items the server did not send (a calendar of hundreds of events) are counted by it.
    const unsent = Number(section.querySelector('.dash-more[data-beyond]')?.getAttribute('data-beyond') ?? 0);
    if (hidden === 0 && unsent > 0) {
      const text = (more[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (more.length !== 1 || text !== o.more.replace('{count}', String(unsent))) problems.push(`${section.className}: ${unsent} items not sent and "${text}" shown for them`);
      continue;
    }
    if (hidden === 0) {
      if (more.length > 0) problems.push(`${section.className}: "${more[0]!.textContent}" with nothing hidden`);
      continue;
    }
    if (more.length !== 1) {
      problems.push(`${section.className}: ${hidden} items hidden and no "+ ${hidden} more"`);
      continue;
    }
    const text = (more[0]!.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!inside(more[0]!.getBoundingClientRect(), section.getBoundingClientRect())) problems.push(`${section.className}: "${text}" outside its section`);
    // A section showing none of its items says which it is: "Weather: + 1 more".
    const count = String(hidden + unsent);
    const expected = hidden === cards.length ? o.moreIn.replace('{section}', section.querySelector('.section-title')?.textContent ?? '').replace('{count}', count) : o.more.replace('{count}', count);
    if (text !== expected) problems.push(`${section.className}: says "${text}" with ${hidden} of ${cards.length} items hidden`);
    const lastShown = cards.filter((_, i) => visible[i]).pop();
    if (lastShown && more[0]!.getBoundingClientRect().top < lastShown.getBoundingClientRect().top) problems.push(`${section.className}: "${text}" is not at the end of the section`);
  }

  // In landscape the first section has the left column, the others are stacked right of it (unless app.js
  // stacked them all, which it does only when the right column cannot hold a card of each).
  const sections = [...content.querySelectorAll('.dash-section')];
  const landscape = innerWidth >= 700 && innerWidth * 4 >= innerHeight * 5;
  if (landscape && sections.length > 1 && !document.querySelector('.stack-all')) {
    const first = sections[0]!.getBoundingClientRect();
    for (const other of sections.slice(1)) if (other.getBoundingClientRect().left < first.right - 1) problems.push(`${other.className}: not right of the first section`);
  }

  // No section left empty while another shows more than one card.
  const counts = [...content.querySelectorAll('.dash-section')].map((section) => ({ section, shown: [...section.querySelectorAll('.dash-cards > .dash-card')].filter(shown).length }));
  const most = Math.max(0, ...counts.map((c) => c.shown));
  for (const { section, shown: n } of counts) if (n === 0 && most > 1) problems.push(`${section.className}: empty while another section shows ${most} cards`);

  // Done and Undo inside their card; in landscape beside the chore's name, not under it.
  for (const button of content.querySelectorAll('.chore-button, .who-else > summary')) {
    if (!shown(button)) continue;
    const card = button.closest('.dash-card')!;
    const b = button.getBoundingClientRect();
    if (!inside(b, card.getBoundingClientRect())) problems.push(`a button outside its card: ${label(button)} in ${label(card)}`);
    // Beside the name and whose turn it is (or who did it), not on a row of its own under them; with compact
    // cards (app.js, when even the minimum size left a section without a card), beside whose turn it is.
    const title = card.querySelector('.card-title')!.getBoundingClientRect();
    const line = (card.querySelector('.card-foot > .card-line') ?? card.querySelector('.card-title')!).getBoundingClientRect();
    const compact = card.closest('.compact-cards') !== null;
    if (innerWidth > innerHeight && (b.top >= line.bottom - 1 || (!compact && b.left < title.right - 1) || b.left < line.right - 1)) problems.push(`a button under the chore's name, not beside it: ${label(button)} in ${label(card)}`);
  }

  // Status notes have their own place: never over a card.
  const notes = ['#dash-stale', '.night-note'].map((s) => document.querySelector(s)).filter((n): n is El => n !== null && shown(n));
  if (o.notes && notes.length !== 2) problems.push(`expected the "Last updated" and night notes to show, saw ${notes.length}`);
  for (const note of notes) {
    for (const card of content.querySelectorAll('.dash-card, .dash-more')) {
      if (shown(card) && meets(note.getBoundingClientRect(), card.getBoundingClientRect())) problems.push(`a status note over a card: ${label(note)} over ${label(card)}`);
    }
  }
  return { problems, smallestName, shown: shownCards, hidden: hiddenCards };
}

async function save(p: Page, name: string) {
  if (!SHOTS) return;
  await sharp(await p.screenshot()).png({ palette: true, compressionLevel: 9 }).toFile(path.join(SHOTS, `${name}.png`));
}

describe('the wall display fits every screen', () => {
  for (const screen of WALL_SCREENS) {
    const { width, height } = screen;
    it(`${screen.label} ${width}x${height}: no scrolling, nothing cut off, names legible, "+ N more" counts what is hidden`, async () => {
      await page.setViewportSize({ width, height });
      const problems: string[] = [];
      const sizes: string[] = [];
      for (const f of families) {
        // A family's day, 4 chores and 4 countdowns, with Done buttons or without: 24 px on the Pi's panel.
        const minName = minimumNamePx(width, height, f.size);
        const goal = (f.slug === 'fit-four' || f.slug === 'fit-four-read-only') && width === 800 && height === 480 ? 24 : minName;
        const words = { more: i18nFor(f.language ?? 'en').t('dash.more', { count: '{count}' }), moreIn: i18nFor(f.language ?? 'en').t('dash.moreIn', { section: '{section}', count: '{count}' }) };
        const where = `${f.slug} (${f.sections ?? 'chores,countdowns'}: ${f.chores} chores, ${f.countdowns} countdowns${f.events ? `, ${f.events} events` : ''}${f.size === 'large' ? ', large' : ''})`;
        await page.goto(`${server.url}${f.displayPath}`);
        for (const scheme of SCHEMES) {
          await page.emulateMedia({ colorScheme: scheme });
          await settled(page);
          const report = await page.evaluate(fitProblems, { minName: goal, fitMinimum: minName, notes: false, ...words });
          problems.push(...report.problems.map((p) => `${where}, ${scheme}: ${p}`));
          const ms = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-fit-ms]')?.getAttribute('data-fit-ms'));
          // A German "large" dashboard of four kinds showed "Aufgaben: + 30 weitere" and no chore on the Pi's panel, its
          // name a few letters a line beside "Rückgängig", and its calendar's title broken mid-word: compact cards (app.js)
          // show a chore, and every word whole.
          if (f.slug === 'fit-de-thirty') {
            if ((await page.locator('.dash-section.chores .chore-card:not([hidden])').count()) === 0) problems.push(`${where}, ${scheme}: no chore shown`);
            for (const word of await page.evaluate(wordsBrokenInside)) problems.push(`${where}, ${scheme}: "${word}" broken across two lines`);
          }
          if (scheme === 'light') sizes.push(`${f.slug} ${report.smallestName?.toFixed(1) ?? '-'} px, ${report.shown} shown + ${report.hidden} more, fitted in ${ms} ms`);
          await save(page, `display-fit-${f.slug}-${width}x${height}-${scheme}`);
        }
        // A tap on Done and one on Undo: the content is swapped in place and fitted again (from the last fit).
        const done = page.locator('.chore-card:not([hidden]) .chore-button.done[id]').first();
        if (f.buttons && (await done.count()) > 0) {
          const chore = (await done.getAttribute('id'))!.replace('done-', '');
          await done.click();
          await page.waitForSelector(`#undo-${chore}`);
          await settled(page);
          const afterTap = await page.evaluate(fitProblems, { minName, fitMinimum: minName, notes: false, ...words });
          problems.push(...afterTap.problems.map((p) => `${where}, after marking a chore done: ${p}`));
          const ms = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-fit-ms]')?.getAttribute('data-fit-ms'));
          sizes.push(`(after a tap ${afterTap.smallestName?.toFixed(1) ?? '-'} px in ${ms} ms)`);
          await page.click(`#undo-${chore}`);
          await page.waitForSelector(`#done-${chore}`);
          await settled(page);
        }
        // A refresh that fails, at night: both notes show in the header, over no card.
        await page.route('**/content', (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<main><p>Busy for a moment</p></main>' }));
        await page.evaluate(() => {
          const g = globalThis as unknown as PageGlobals;
          g.document.getElementById('dash-content')!.dispatchEvent(new g.Event('dinkyrefresh', { bubbles: true }));
        });
        await page.waitForSelector('#dash-stale:not([hidden])');
        // Night comes (as app.js's clock would bring it): the night note shows too, and the display is fitted
        // again, with the burn-in shift at its furthest (4 px right and down, no transition).
        await page.evaluate(() => {
          const g = globalThis as unknown as PageGlobals & { dispatchEvent(event: unknown): boolean };
          g.document.body.className += ' night';
          g.document.documentElement.style.cssText += ';--shift-x: 4px; --shift-y: 4px';
          g.document.querySelector('.display-main')!.style.cssText += ';transition: none';
          g.dispatchEvent(new g.Event('resize'));
        });
        await settled(page);
        const report = await page.evaluate(fitProblems, { minName, fitMinimum: minName, notes: true, ...words });
        problems.push(...report.problems.map((p) => `${where}, notes showing: ${p}`));
        await save(page, `display-fit-${f.slug}-${width}x${height}-notes`);
        await page.unroute('**/content');
      }
      figures.push(`${width}x${height}: ${sizes.join('; ')}`);
      expect(problems).toEqual([]);
    }, 300_000);
  }
});
