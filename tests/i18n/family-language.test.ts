import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, KID, PASSWORD, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { englishLeft } from '../helpers/english-left.js';
import { LANGUAGES } from '../../src/i18n/languages.js';

// The family's language: chosen when the family is created (the browser's
// first language DinkyDash has, with its region's clock and week), changed in
// the settings form (field `language`), overridden by a member for their own
// pages; <html lang> follows.

const t = makeTestApp();
const SETTINGS = { name: 'Familie Müller', time_zone: 'Europe/Berlin', theme: 'auto', accent_color: '#2563eb', date_format: 'long', clock: '24', week_start: 'monday', night_start: '22:00', night_end: '07:00' };

const settingsRow = (slug: string) => t.pool.withFamily(slug, ({ db }) => db.selectFrom('family_settings').selectAll().executeTakeFirstOrThrow());
const lang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1];

let admin: string;
let kid: string;
beforeAll(async () => {
  await createTestFamily(t, 'mueller', [ADMIN, KID], { name: 'Familie Müller', language: 'de' });
  admin = await t.signIn('mueller', ADMIN.username, ADMIN.password);
  kid = await t.signIn('mueller', KID.username, KID.password);
});

describe('a new family', () => {
  const signup = (slug: string, acceptLanguage?: string) =>
    t.post('/signup', { family_name: `Family ${slug}`, slug, username: 'mum', display_name: 'Mum', password: PASSWORD, time_zone: 'Europe/Paris' }, undefined, acceptLanguage ? { 'accept-language': acceptLanguage } : {});

  it('speaks the browser’s first language that DinkyDash has, with its region’s clock and first day of the week', async () => {
    const cases: [string, string | undefined, Record<string, string>][] = [
      ['quebec', 'fr-CA,fr;q=0.9,en;q=0.8', { language: 'fr', clock: '24', week_start: 'sunday' }],
      ['berlin', 'nl-NL, de-DE;q=0.8, en;q=0.5', { language: 'de', clock: '24', week_start: 'monday' }],
      ['boston', 'en-US,en;q=0.9', { language: 'en', clock: '12', week_start: 'sunday' }],
      ['london', 'en-GB', { language: 'en', clock: '24', week_start: 'monday' }],
      ['mexico', 'es-MX', { language: 'es', clock: '12', week_start: 'sunday' }],
      ['tokyo', 'ja-JP', { language: 'en', clock: '24', week_start: 'monday' }],
      ['nobody', undefined, { language: 'en', clock: '24', week_start: 'monday' }],
    ];
    for (const [slug, header, expected] of cases) {
      expect((await signup(slug, header)).status, slug).toBe(303);
      expect(await settingsRow(slug), slug).toMatchObject(expected);
    }
  });
});

describe('the settings form', () => {
  it('is in the family’s language, with <html lang>, and nothing left in English', async () => {
    const html = await (await t.get('/mueller/settings', admin)).text();
    expect(lang(html)).toBe('de');
    expect(html).toContain('<h1>Einstellungen der Familie</h1>');
    expect(html).toMatch(/<option value="monday" selected="">Montag<\/option>/);
    expect(html).toContain('Sonntag, 22. November 2026');
    expect(html).toContain('12 Stunden (3:05 PM)');
    // Its weather part is converted with the calendar and weather (the next round).
    const form = html.slice(0, html.indexOf('<section class="card weather-settings"'));
    expect(englishLeft(form, 'de', ['Familie Müller', 'Mum', 'Estelle'])).toEqual([]);
  });

  it('offers every language in its own name, and saves the choice', async () => {
    const html = await (await t.get('/mueller/settings', admin)).text();
    for (const label of ['Deutsch', 'English', 'Español', 'Français']) expect(html).toContain(`>${label}</option>`);
    expect(html).toMatch(/<option value="de" selected="">Deutsch<\/option>/);
    expect((await t.post('/mueller/settings', { ...SETTINGS, language: 'es' }, admin)).status).toBe(303);
    expect((await settingsRow('mueller')).language).toBe('es');
    const spanish = await (await t.get('/mueller/settings?saved=1', admin)).text();
    expect(lang(spanish)).toBe('es');
    expect(spanish).toContain('Guardado.');
    expect((await t.post('/mueller/settings', { ...SETTINGS, language: 'de' }, admin)).status).toBe(303);
  });

  it('refuses a language DinkyDash does not have at the field, saving nothing', async () => {
    const before = await settingsRow('mueller');
    for (const language of ['nl', '', 'DE', 'de-DE', 'en ', '__proto__']) {
      const res = await t.post('/mueller/settings', { ...SETTINGS, name: 'Umbenannt', language }, admin);
      expect(res.status, language).toBe(400);
      const html = await res.text();
      expect(html).toContain('Es wurde nichts gespeichert.');
      expect(html).toContain('id="f-language-error"');
      expect(html).toContain('Bitte wählen Sie eine Sprache.');
    }
    expect(await settingsRow('mueller')).toEqual(before);
  });

  it('keeps the language when an older form does not send it', async () => {
    expect((await t.post('/mueller/settings', SETTINGS, admin)).status).toBe(303);
    expect((await settingsRow('mueller')).language).toBe('de');
  });
});

describe('a member’s own language', () => {
  const profile = { display_name: 'Estelle', color: '#2563eb', avatar: 'E' };

  it('is the family’s until they choose one; it changes their pages only', async () => {
    let html = await (await t.get('/mueller/me', kid)).text();
    expect(lang(html)).toBe('de');
    expect(html).toContain('Sprache der Familie (Deutsch)');
    expect((await t.post('/mueller/me', { ...profile, language: 'fr' }, kid)).status).toBe(303);
    html = await (await t.get('/mueller/me', kid)).text();
    expect(lang(html)).toBe('fr');
    expect(html).toContain('Mon profil');
    expect(html).toMatch(/<option value="fr" selected="">Français<\/option>/);
    expect(lang(await (await t.get('/mueller/settings', admin)).text())).toBe('de');
    // Back to the family's.
    expect((await t.post('/mueller/me', { ...profile, language: '' }, kid)).status).toBe(303);
    expect(lang(await (await t.get('/mueller/me', kid)).text())).toBe('de');
  });

  it('refuses a language DinkyDash does not have', async () => {
    const res = await t.post('/mueller/me', { ...profile, language: 'xx' }, kid);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Bitte wählen Sie eine Sprache.');
  });
});

describe('error pages', () => {
  it('speak the family’s language inside a family, and the browser’s elsewhere', async () => {
    const missing = await t.get('/mueller/no-such-page', admin);
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(lang(html)).toBe('de');
    expect(html).toContain('Seite nicht gefunden');
    const expectations = { en: 'Page not found', de: 'Seite nicht gefunden', fr: 'Page introuvable', es: 'Página no encontrada' } as const;
    for (const language of LANGUAGES) {
      const page = await (await t.get('/no/such/page', undefined, { 'accept-language': `${language};q=0.9` })).text();
      expect(lang(page), language).toBe(language);
      expect(page, language).toContain(expectations[language]);
      if (language !== 'en') expect(englishLeft(page, language), language).toEqual([]);
    }
  });
});
