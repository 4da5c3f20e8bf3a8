import sharp from 'sharp';
import { browser as httpClient } from './live-server.js';

// One believable family, made through the app's own forms over HTTP on a live
// server: four members with emoji avatars and colours, six chores (long names,
// an uploaded photo, one already done today), five countdowns (today, soon,
// far away) and a wall-display link. For tests that look at pages as a family
// would see them.

export const REALISTIC_SLUG = 'okafor-lindqvist';
export const REALISTIC_PASSWORD = 'sunday pancakes';
const TIME_ZONE = 'Europe/Berlin';

export interface RealisticFamily {
  slug: string;
  /** Cookie value (without the name) of the admin's session; its path is /<slug>/. */
  sessionToken: string;
  /** /<slug>/display/<token>: the wall display, no sign-in. */
  displayPath: string;
  /** Admin page addresses of one chore (the one with a photo) and one countdown. */
  chorePath: string;
  countdownPath: string;
}

/** Today (and a later day) as the family's calendar sees it. */
function familyDay(offsetDays: number): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(Date.now() + offsetDays * 86_400_000));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** A small picture of a dog on a lawn, as a phone camera would upload it (JPEG). */
async function dogPhoto(): Promise<Blob> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="#8fd3ff"/><rect y="300" width="640" height="180" fill="#4caf50"/>
    <ellipse cx="320" cy="300" rx="150" ry="80" fill="#b5651d"/><circle cx="450" cy="220" r="70" fill="#b5651d"/>
    <ellipse cx="490" cy="180" rx="25" ry="50" fill="#6d3b10"/><circle cx="470" cy="210" r="10" fill="#111"/>
    <rect x="210" y="340" width="30" height="90" fill="#b5651d"/><rect x="390" y="340" width="30" height="90" fill="#b5651d"/></svg>`;
  const jpeg = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
  return new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' });
}

async function expectStatus(what: string, res: Response, status: number): Promise<Response> {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return res;
}

/** Creates the family on the server at baseUrl and returns how to reach it. */
/** What a German family types instead (the screenshot matrix's German column): long words, as German has them. */
const GERMAN: Record<string, string> = {
  'The Okafor-Lindqvists': 'Familie Okafor-Lindqvist',
  Mum: 'Mama',
  Dad: 'Papa',
  Grandma: 'Oma',
  'Empty the dishwasher and wipe the counters': 'Geschirrspülmaschine ausräumen und Arbeitsflächen abwischen',
  'Walk the dog': 'Mit dem Hund Gassi gehen',
  Laundry: 'Wäsche waschen',
  'Take out the bins': 'Mülltonnen rausstellen',
  'Feed the cat': 'Katze füttern',
  'Water the plants and the herbs on the balcony': 'Pflanzen und Kräuter auf dem Balkon gießen',
  "Estelle's birthday": 'Estelles Geburtstag',
  "Grandma and Grandpa's golden wedding anniversary": 'Goldene Hochzeit von Oma und Opa',
  'Summer holiday at the seaside': 'Sommerurlaub am Meer',
  'Christmas Eve': 'Heiligabend',
  'Trip to Japan': 'Reise nach Japan',
  Kitchen: 'Küche',
};

/** The family as the tests see it in English, or its German twin (its own slug, its names in German, the family's language German). */
export async function seedRealisticFamily(baseUrl: string, language: 'en' | 'de' = 'en'): Promise<RealisticFamily> {
  const slug = language === 'en' ? REALISTIC_SLUG : `${REALISTIC_SLUG}-de`;
  const typed = (text: string) => (language === 'de' ? (GERMAN[text] ?? text) : text);
  const b = httpClient(baseUrl);
  await expectStatus(
    'sign-up',
    await b.post('/signup', { family_name: typed('The Okafor-Lindqvists'), slug, display_name: typed('Mum'), username: 'mum', password: REALISTIC_PASSWORD, time_zone: TIME_ZONE }),
    303,
  );
  await expectStatus('admin avatar', await b.post(`/${slug}/members/1`, { display_name: typed('Mum'), role: 'admin', color: '#d946ef', avatar: '👩' }), 200);
  const members = [
    { display_name: typed('Dad'), username: 'dad', role: 'admin', color: '#0ea5e9', avatar: '🧔' },
    { display_name: 'Estelle', username: 'estelle', role: 'member', color: '#f59e0b', avatar: '🦄' },
    { display_name: 'Josephine', username: 'josephine', role: 'member', color: '#22c55e', avatar: '🐸' },
  ];
  for (const m of members) await expectStatus(`member ${m.username}`, await b.post(`/${slug}/members`, { ...m, password: REALISTIC_PASSWORD }), 200);

  const chore = async (name: string, icon: string, mode: string, rotation: string[], photo?: Blob) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ name: typed(name), icon, dashboard_id: '1', mode, rotation: rotation.map(typed).join('\n') })) form.append(k, v);
    if (photo) form.append('image', photo, 'dog.jpg');
    const res = await expectStatus(`chore ${name}`, await b.post(`/${slug}/manage/chores/new`, form), 303);
    return res.headers.get('location')!.replace(/\?.*$/, '');
  };
  await chore('Empty the dishwasher and wipe the counters', '🍽', 'daily', ['Estelle', 'Josephine', 'Dad']);
  const chorePath = await chore('Walk the dog', '', 'daily', ['Josephine', 'Estelle', 'Dad'], await dogPhoto());
  await chore('Laundry', '🧺', 'weekly', ['Mum', 'Dad']);
  await chore('Take out the bins', '🗑', 'weekly', ['Dad', 'Estelle', 'Josephine']);
  await chore('Feed the cat', '🐈', 'completion', ['Josephine', 'Estelle']);
  await chore('Water the plants and the herbs on the balcony', '🪴', 'daily', ['Grandma', 'Estelle']);

  const countdown = async (name: string, icon: string, when: { kind: 'yearly' | 'once'; month: number; day: number; year?: number }) => {
    const form = { name: typed(name), icon, dashboard_id: '1', kind: when.kind, month: String(when.month), day: String(when.day), year: when.year ? String(when.year) : '' };
    const res = await expectStatus(`countdown ${name}`, await b.post(`/${slug}/manage/countdowns/new`, form), 303);
    return res.headers.get('location');
  };
  const today = familyDay(0);
  const soon = familyDay(12);
  await countdown("Estelle's birthday", '🎂', { kind: 'yearly', month: today.month, day: today.day });
  await countdown("Grandma and Grandpa's golden wedding anniversary", '💝', { kind: 'yearly', month: soon.month, day: soon.day });
  await countdown('Summer holiday at the seaside', '🏖️', { kind: 'yearly', month: 7, day: 20 });
  await countdown('Christmas Eve', '🎄', { kind: 'yearly', month: 12, day: 24 });
  await countdown('Trip to Japan', '✈', { kind: 'once', year: today.year + 2, month: 4, day: 1 });
  const manage = await (await b.get(`/${slug}/manage`)).text();
  const countdownPath = new RegExp(`/${slug}/manage/countdowns/\\d+`).exec(manage)![0];

  // Someone already fed the cat today: one card shows the "done" state.
  const dashboard = await (await b.get(`/${slug}/`)).text();
  const feed = new RegExp(`action="(/${slug}/chores/5/done)"[^>]*>\\s*<input type="hidden" name="entry" value="(\\d+)"`).exec(dashboard);
  if (!feed) throw new Error('no done button for "Feed the cat" on the dashboard');
  await expectStatus('mark done', await b.post(feed[1]!, { entry: feed[2]! }), 303);

  // The screenshots must not depend on the hour: night mode would dim the display.
  await expectStatus(
    'settings',
    await b.post(`/${slug}/settings`, { name: typed('The Okafor-Lindqvists'), language, time_zone: TIME_ZONE, theme: 'auto', accent_color: '#2563eb', date_format: 'long', clock: '24', week_start: 'monday', night_start: '22:00', night_end: '07:00' }),
    303,
  );
  const link = await expectStatus('display link', await b.post(`/${slug}/manage/displays`, { dashboard_id: '1', label: typed('Kitchen') }), 200);
  const displayPath = new RegExp(`/${slug}/display/[a-z2-7]{32}`).exec(await link.text())![0];
  return { slug, sessionToken: b.cookie.replace(/^dinkydash_session=/, ''), displayPath, chorePath, countdownPath };
}
