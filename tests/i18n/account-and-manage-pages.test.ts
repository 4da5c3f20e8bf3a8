import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, KID, PASSWORD, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { englishLeft, pageWords } from '../helpers/english-left.js';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';

// The pages of accounts, members, the start page and the display links speak
// the family's language (outside a family: the browser's), signed in as an
// admin and as a member, with nothing left in English but the names the
// family typed; their form messages too.

const t = makeTestApp();
const OTHERS: Language[] = LANGUAGES.filter((l) => l !== 'en');
const NAMES: Record<Language, string> = { en: 'The Smiths', de: 'Familie Müller', fr: 'Famille Martin', es: 'Familia García' };
/** What the family typed: never translated. */
const typed = (language: Language) => [NAMES[language], 'Mum', 'Estelle', 'mum', 'estelle', 'Oma Ilse', 'Küche', 'Bobby'];
const lang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1];
const slugOf = (language: Language) => `pages-${language}`;

const cookies: Record<string, { admin: string; kid: string }> = {};
beforeAll(async () => {
  for (const language of LANGUAGES) {
    const slug = slugOf(language);
    await createTestFamily(t, slug, [ADMIN, KID], { name: NAMES[language], language });
    cookies[language] = { admin: await t.signIn(slug, ADMIN.username, PASSWORD), kid: await t.signIn(slug, KID.username, PASSWORD) };
  }
});

/** A page's HTML, checked for its language and for English left in it. */
async function page(res: Response | Promise<Response>, language: Language, status = 200): Promise<string> {
  const answer = await res;
  expect(answer.status).toBe(status);
  const html = await answer.text();
  expect(lang(html)).toBe(language);
  expect(englishLeft(html, language, typed(language))).toEqual([]);
  return html;
}

/** The message at a form field, as a person reads it. */
function fieldError(html: string, field: string): string | undefined {
  const m = new RegExp(`id="f-${field}-error"[^>]*>([^<]*)<`).exec(html);
  return m ? pageWords(m[1]!) : undefined;
}

describe.each(OTHERS)('in %s', (language) => {
  const slug = slugOf(language);
  const admin = () => cookies[language]!.admin;
  const kid = () => cookies[language]!.kid;

  it('the sign-in page, a wrong password and signing in', async () => {
    await page(t.get(`/${slug}/login`), language);
    await page(t.post(`/${slug}/login`, { username: 'mum', password: 'not it' }), language, 400);
  });

  it('my profile, as an admin and as a member, and its password form’s messages', async () => {
    await page(t.get(`/${slug}/me`, admin()), language);
    await page(t.get(`/${slug}/me?saved=1`, kid()), language);
    const wrong = await page(t.post(`/${slug}/me/password`, { current_password: 'not it', password: 'a new password' }, kid()), language, 400);
    expect(fieldError(wrong, 'current_password')).toBeTruthy();
    const short = await page(t.post(`/${slug}/me`, { display_name: '', color: 'red', avatar: '', birth_date: '2017-04-31' }, kid()), language, 400);
    for (const field of ['display_name', 'color', 'avatar', 'birth_date']) expect(fieldError(short, field), field).toBeTruthy();
    await page(t.post(`/${slug}/me`, { display_name: 'Estelle', color: '#123456', avatar: 'E', birth_date: '2999-01-01' }, kid()), language, 400);
  });

  it('the members page, a member’s page, adding one with mistakes, and invitations', async () => {
    await page(t.get(`/${slug}/members`, admin()), language);
    const bad = await page(t.post(`/${slug}/members`, { display_name: '', username: 'x', password: 'short', role: 'member', color: '#123456', avatar: '🙂' }, admin()), language, 400);
    for (const field of ['display_name', 'username', 'password']) expect(fieldError(bad, field), field).toBeTruthy();
    const invited = await page(t.post(`/${slug}/invitations`, { role: 'viewer', note: 'Oma Ilse' }, admin()), language);
    const link = /\/join\/([A-Za-z0-9_-]+)/.exec(invited)![0];
    // Open invitations list the note (typed), the role and the date in the language.
    await page(t.get(`/${slug}/members`, admin()), language);
    const members = await (await t.get(`/${slug}/members`, admin())).text();
    const estelle = /href="\/[^/]+\/members\/(\d+)"/.exec(members.slice(members.indexOf('Estelle')))![1];
    await page(t.get(`/${slug}/members/${estelle}`, admin()), language);
    await page(t.post(`/${slug}/members/${estelle}/password`, { password: 'short' }, admin()), language, 400);
    // The invitation, for someone not signed in; its form's messages; a used-up one.
    await page(t.get(`/${slug}${link}`), language);
    const join = await page(t.post(`/${slug}${link}`, { display_name: '', username: 'mum', password: 'x' }), language, 400);
    for (const field of ['display_name', 'username', 'password']) expect(fieldError(join, field), field).toBeTruthy();
    await page(t.get(`/${slug}/join/no-such-invitation`), language, 404);
  });

  it('what a member may not open', async () => {
    await page(t.get(`/${slug}/members`, kid()), language, 403);
    await page(t.get(`/${slug}/manage/displays`, kid()), language, 403);
  });

  it('the display links page, a new link, and a label too long', async () => {
    const form = await page(t.get(`/${slug}/manage/displays`, admin()), language);
    const dashboard_id = /name="dashboard_id" value="(\d+)"/.exec(form)![1]!;
    await page(t.post(`/${slug}/manage/displays`, { dashboard_id, label: 'Küche' }, admin()), language);
    await page(t.get(`/${slug}/manage/displays`, admin()), language);
    const long = await page(t.post(`/${slug}/manage/displays`, { dashboard_id, label: 'K'.repeat(61) }, admin()), language, 400);
    expect(fieldError(long, 'label')).toBeTruthy();
  });

  it('the manage hub, a dashboard, its mistakes, and the notices after adding and deleting one', async () => {
    const hub = await page(t.get(`/${slug}/manage`, admin()), language);
    // A second dashboard (its name typed), with mistakes first.
    const bad = await page(t.post(`/${slug}/manage/dashboards`, { name: '', size: 'huge', sections: [], position_chores: '1' }, admin()), language, 400);
    for (const field of ['name', 'size']) expect(fieldError(bad, field), field).toBeTruthy();
    const added = await t.post(`/${slug}/manage/dashboards`, { name: 'Küche', size: 'large', sections: ['countdowns', 'chores'], position_countdowns: '1', position_chores: '2' }, admin());
    expect(added.status).toBe(303);
    await page(t.get(added.headers.get('location')!, admin()), language);
    const withTwo = await (await t.get(`/${slug}/manage`, admin())).text();
    const ids = [...withTwo.matchAll(/href="\/[^/]+\/manage\/dashboards\/(\d+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBe(2);
    const [first, kitchen] = ids as [string, string];
    await page(t.get(`/${slug}/manage/dashboards/${first}?saved=1`, admin()), language);
    await page(t.get(`/${slug}/manage/dashboards/${kitchen}`, admin()), language);
    await page(t.post(`/${slug}/manage/dashboards/${kitchen}`, { name: 'K'.repeat(41), size: 'large', sections: [], position_chores: '1' }, admin()), language, 400);
    await page(t.post(`/${slug}/manage/dashboards/${first}/delete`, {}, admin()), language, 400);
    const deleted = await t.post(`/${slug}/manage/dashboards/${kitchen}/delete`, {}, admin());
    expect(deleted.status).toBe(303);
    await page(t.get(deleted.headers.get('location')!, admin()), language);
    await page(t.get(`/${slug}/manage?done=dashboard-deleted&to=${first}&chores=3&countdowns=1&links=2`, admin()), language);
    expect(hub).toContain(`lang="${language}"`);
  });

  it('the start page in the browser’s language, its go-to form and the sign-up form’s messages', async () => {
    const browser = { 'accept-language': `${language};q=0.9, en;q=0.5` };
    await page(t.get('/', undefined, browser), language);
    await page(t.get('/go?family=nobody-here', undefined, browser), language, 404);
    await page(t.get('/go?family=', undefined, browser), language, 404);
    const bad = await page(t.post('/signup', { family_name: '', slug: 'admin', username: '', password: 'x', time_zone: 'Europe/Berlin' }, undefined, browser), language, 400);
    for (const field of ['family_name', 'slug', 'username', 'password']) expect(fieldError(bad, field), field).toBeTruthy();
    await page(t.post('/signup', { family_name: 'Bobby', slug: slugOf('en'), username: 'bobby', password: PASSWORD, time_zone: 'Europe/Berlin' }, undefined, browser), language, 409);
  });
});

describe('in German, word for word', () => {
  const slug = slugOf('de');

  it('form messages at the fields', async () => {
    const { admin } = cookies.de!;
    const members = await (await t.post(`/${slug}/members`, { display_name: ' ', username: 'x', password: 'kurz', role: 'boss', color: 'rot', avatar: '🙂🙂🙂' }, admin)).text();
    expect(fieldError(members, 'display_name')).toBe('Bitte geben Sie einen Namen ein.');
    expect(fieldError(members, 'username')).toBe('Ein Benutzername braucht mindestens 2 Zeichen.');
    expect(fieldError(members, 'password')).toBe('Das Passwort braucht mindestens 8 Zeichen.');
    expect(fieldError(members, 'role')).toBe('Bitte wählen Sie eine Rolle.');
    expect(fieldError(members, 'color')).toBe('Bitte wählen Sie eine Farbe (etwa #2563eb).');
    expect(fieldError(members, 'avatar')).toBe('Ein Avatar ist ein Emoji oder ein bis zwei Buchstaben.');
    expect(members).toContain('Bitte prüfen Sie die markierten Felder.');

    const profile = async (birth_date: string) => fieldError(await (await t.post(`/${slug}/me`, { display_name: 'Mum', color: '#123456', avatar: 'M', birth_date }, admin)).text(), 'birth_date');
    expect(await profile('2999-01-01')).toBe('Ein Geburtsdatum kann nicht in der Zukunft liegen.');
    expect(await profile('2017-04-31')).toBe('Den 31. April 2017 gibt es nicht.');
    expect(await profile('1850-01-01')).toBe('Bitte geben Sie ein Jahr ab 1900 ein.');
    expect(await profile('12.05.2017')).toBe('Bitte geben Sie ein Datum wie 2017-05-12 ein.');

    const signIn = await (await t.post(`/${slug}/login`, { username: 'mum', password: 'falsch' })).text();
    expect(signIn).toContain('Benutzername und Passwort passen nicht zusammen. Bitte versuchen Sie es noch einmal.');

    const signup = await (await t.post('/signup', { family_name: '', slug: 'admin', username: 'a b', password: 'x', time_zone: 'Europe/Berlin' }, undefined, { 'accept-language': 'de-DE' })).text();
    expect(signup).toContain('Es wurde noch nichts angelegt. Bitte prüfen Sie die markierten Felder.');
    expect(fieldError(signup, 'family_name')).toBe('Geben Sie den Namen Ihrer Familie ein, z. B. Familie Müller.');
    expect(fieldError(signup, 'slug')).toBe('„admin“ ist für DinkyDash reserviert; bitte wählen Sie eine andere Adresse.');
    expect(fieldError(signup, 'username')).toBe('Ein Benutzername darf Buchstaben, Ziffern, „.“, „_“ und „-“ enthalten und beginnt mit einem Buchstaben oder einer Ziffer.');

    const go = await (await t.get('/go?family=Familie Schmidt', undefined, { 'accept-language': 'de' })).text();
    expect(fieldError(go, 'family')).toBe('Unter „familie-schmidt“ gibt es auf diesem DinkyDash keine Familie. Prüfen Sie die Schreibweise oder fragen Sie, wer Ihre Familie eingerichtet hat, nach der Adresse.');

    const form = await (await t.get(`/${slug}/manage/displays`, admin)).text();
    const dashboard_id = /name="dashboard_id" value="(\d+)"/.exec(form)![1]!;
    const label = await (await t.post(`/${slug}/manage/displays`, { dashboard_id, label: 'K'.repeat(61) }, admin)).text();
    expect(fieldError(label, 'label')).toBe('Eine Bezeichnung darf höchstens 60 Zeichen lang sein.');
  });

  it('too many wrong passwords: a 429 that says how many minutes, by the plural rules', async () => {
    await createTestFamily(t, 'throttle-de', [ADMIN], { name: 'Familie Weber', language: 'de' });
    let last: Response | undefined;
    for (let i = 0; i < 12 && last?.status !== 429; i++) last = await t.post('/throttle-de/login', { username: 'mum', password: `falsch ${i}` }, undefined, { 'x-forwarded-for': '10.9.0.1' });
    expect(last!.status).toBe(429);
    const html = await last!.text();
    expect(lang(html)).toBe('de');
    expect(html).toMatch(/Zu viele Versuche\. Bitte warten Sie 1[45] Minuten und versuchen Sie es dann noch einmal\./);
    expect(englishLeft(html, 'de', ['Familie Weber', 'mum'])).toEqual([]);
  });

  it('the hub after a dashboard was deleted: what moved where, by the plural rules', async () => {
    const { admin } = cookies.de!;
    const hub = await (await t.get(`/${slug}/manage`, admin)).text();
    const first = /href="\/[^/]+\/manage\/dashboards\/(\d+)"/.exec(hub)![1]!;
    const notice = async (query: string) => pageWords(/<p class="notice"[^>]*>([\s\S]*?)<\/p>/.exec(await (await t.get(`/${slug}/manage?done=dashboard-deleted&to=${first}&${query}`, admin)).text())![1]!);
    expect(await notice('chores=3&countdowns=1&links=2')).toBe('Die Übersicht wurde gelöscht. 3 Aufgaben und 1 Countdown sind jetzt auf „Familienübersicht“. Ihre 2 Anzeige-Links funktionieren nicht mehr.');
    expect(await notice('chores=1&countdowns=0&links=1')).toBe('Die Übersicht wurde gelöscht. 1 Aufgabe ist jetzt auf „Familienübersicht“. Ihr Anzeige-Link funktioniert nicht mehr.');
  });

  it('members sorted as German sorts names (Ä with A), roles and dates in German', async () => {
    const { admin } = cookies.de!;
    for (const name of ['Zoe', 'Ämilie', 'Anton']) {
      const res = await t.post(`/${slug}/members`, { display_name: name, username: name.toLowerCase().replace('ä', 'ae'), password: PASSWORD, role: 'viewer', color: '#123456', avatar: '🙂' }, admin);
      expect(res.status, name).toBe(200);
    }
    const html = await (await t.get(`/${slug}/members`, admin)).text();
    const list = html.slice(html.indexOf('member-list'), html.indexOf('</ul>', html.indexOf('member-list')));
    const order = [...list.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]);
    expect(order).toEqual(['Ämilie', 'Anton', 'Estelle', 'Mum', 'Zoe']);
    expect(list).toContain('@anton · Zuschauer');
    expect(list).toContain('@mum · Admin');
  });
});

describe('in English, the default', () => {
  it('says the same words as before', async () => {
    const { admin } = cookies.en!;
    const me = await (await t.get(`/${slugOf('en')}/me`, admin)).text();
    expect(lang(me)).toBe('en');
    expect(me).toContain('Signed in as @mum (Admin)');
    expect(me).toContain('<h2>Change my password</h2>');
    const login = await (await t.get(`/${slugOf('en')}/login`)).text();
    expect(login).toContain('<h1>Sign in to The Smiths</h1>');
  });
});
