import { describe, expect, it } from 'vitest';
import { I18n, i18nFor } from '../../src/i18n/i18n.js';
import { chooseLanguage, languageProblem, regionDefaults } from '../../src/i18n/languages.js';
import { familyI18n } from '../../src/i18n/request-language.js';

// One language's words and conventions: messages with their parameters,
// plurals by the language's rules, dates, times and numbers by Intl in the
// family's zone, names sorted the language's way; and which language a
// browser asks for.

describe('t()', () => {
  it('fills placeholders, leaving names the family typed as they are', () => {
    expect(i18nFor('de').t('settings.problemTimeZone', { zone: 'Mond/Basis' })).toBe('„Mond/Basis“ ist keine bekannte Zeitzone. Verwenden Sie einen Namen wie Europe/Berlin oder America/New_York.');
    expect(i18nFor('fr').t('error.unreadable', { slug: 'les-martin', reason: 'disk I/O error' })).toContain('« dinkydash check les-martin »');
  });

  it('writes French "de" as "d’" before a name the family typed that starts with a vowel or h, and only there', () => {
    const fr = i18nFor('fr');
    expect(fr.t('birthday.of', { name: 'Estelle' })).toBe('Anniversaire d’Estelle');
    expect(fr.t('birthday.of', { name: 'Hélène' })).toBe('Anniversaire d’Hélène');
    expect(fr.t('birthday.of', { name: 'Élodie' })).toBe('Anniversaire d’Élodie');
    expect(fr.t('birthday.of', { name: 'Josephine' })).toBe('Anniversaire de Josephine');
    expect(fr.t('chores.hasTurn', { name: 'Estelle', turn: 'aujourd’hui' })).toBe('C’est le tour d’Estelle aujourd’hui.');
    // Numbers and other languages are left alone.
    expect(fr.t('members.birthBefore', { year: 1900 })).toBe('Veuillez saisir une année à partir de 1900.');
    expect(i18nFor('es').t('birthday.of', { name: 'Estelle' })).not.toContain('d’');
  });

  it('picks the plural form by the language’s rules, with the count written the language’s way', () => {
    const long = (lang: 'en' | 'de' | 'fr' | 'es', count: number) => i18nFor(lang).t('settings.problemFamilyNameLong', { count });
    expect([0, 1, 2, 5].map((n) => long('en', n))).toEqual([
      'A family name can have at most 0 characters.',
      'A family name can have at most 1 character.',
      'A family name can have at most 2 characters.',
      'A family name can have at most 5 characters.',
    ]);
    // French counts 0 and 1 as singular.
    expect([0, 1, 2, 5].map((n) => long('fr', n))).toEqual([
      'Le nom de la famille peut compter au plus 0 caractère.',
      'Le nom de la famille peut compter au plus 1 caractère.',
      'Le nom de la famille peut compter au plus 2 caractères.',
      'Le nom de la famille peut compter au plus 5 caractères.',
    ]);
    expect([0, 1, 2, 5].map((n) => long('es', n))).toEqual([
      'El nombre de la familia puede tener como máximo 0 caracteres.',
      'El nombre de la familia puede tener como máximo 1 carácter.',
      'El nombre de la familia puede tener como máximo 2 caracteres.',
      'El nombre de la familia puede tener como máximo 5 caracteres.',
    ]);
    expect(long('de', 12345)).toBe('Der Name der Familie darf höchstens 12.345 Zeichen lang sein.');
  });
});

describe('dates, times and numbers', () => {
  const day = { year: 2026, month: 11, day: 22 };
  it('write a date as each language does', () => {
    expect(i18nFor('en').date(day, 'full')).toBe('Sunday, 22 November 2026');
    expect(i18nFor('de').date(day, 'full')).toBe('Sonntag, 22. November 2026');
    expect(i18nFor('fr').date(day, 'full')).toBe('dimanche 22 novembre 2026');
    expect(i18nFor('es').date(day, 'full')).toBe('domingo, 22 de noviembre de 2026');
  });

  it('name weekdays (1 = Monday) and months', () => {
    expect([1, 7].map((d) => i18nFor('de').weekdayName(d))).toEqual(['Montag', 'Sonntag']);
    expect(i18nFor('fr').weekdayName(3, 'short')).toBe('mer.');
    expect(i18nFor('es').monthName(8)).toBe('agosto');
  });

  it('read the time by the family’s clock, on the family’s wall clock', () => {
    const instant = Date.UTC(2026, 6, 1, 22, 30); // 00:30 the next day in Berlin, 18:30 in New York
    const berlin = familyI18n({ language: 'de', time_zone: 'Europe/Berlin', clock: '24' });
    expect(berlin.timeAt(instant)).toBe('00:30');
    expect(berlin.dateAt(instant, 'full')).toBe('Donnerstag, 2. Juli 2026');
    const newYork = familyI18n({ language: 'en', time_zone: 'America/New_York', clock: '12' });
    expect(newYork.timeAt(instant)).toBe('6:30 pm');
    expect(newYork.dateAt(instant, 'full')).toBe('Wednesday, 1 July 2026');
    expect(new I18n('fr', { clock: '24' }).time(7, 5)).toBe('07:05');
    expect(new I18n('es', { clock: '12' }).time(15, 5)).toMatch(/^3:05\s?p\.\s?m\.$/);
  });

  it('write numbers the language’s way', () => {
    expect(i18nFor('de').number(1234.5)).toBe('1234,5');
    expect(i18nFor('de').number(12345.5)).toBe('12.345,5');
    expect(i18nFor('fr').number(12345.5)).toBe('12\u202f345,5');
  });

  it('sort names the family typed the language’s way', () => {
    const names = ['Zoe', 'Ärger', 'anna', 'Olaf', 'Émile', 'Bob'];
    expect(i18nFor('de').sortBy(names, (n) => n)).toEqual(['anna', 'Ärger', 'Bob', 'Émile', 'Olaf', 'Zoe']);
    expect([...names].sort()).not.toEqual(i18nFor('de').sortBy(names, (n) => n));
  });
});

describe('the language a browser asks for', () => {
  it('is the first it lists that DinkyDash has, by q-value', () => {
    expect(chooseLanguage('de-AT,de;q=0.9,en;q=0.8')).toEqual({ language: 'de', locale: 'de-AT' });
    expect(chooseLanguage('nl-NL,nl;q=0.9,fr;q=0.5,es;q=0.7')).toEqual({ language: 'es', locale: 'es' });
    expect(chooseLanguage('ja, *;q=0.1')).toBeNull();
    expect(chooseLanguage('en;q=0, fr')).toEqual({ language: 'fr', locale: 'fr' });
    expect(chooseLanguage('')).toBeNull();
    expect(chooseLanguage('@@@, de')).toEqual({ language: 'de', locale: 'de' });
  });

  it('brings its region’s clock and first day of the week', () => {
    expect(regionDefaults('en-US')).toEqual({ clock: '12', week_start: 'sunday' });
    expect(regionDefaults('en-GB')).toEqual({ clock: '24', week_start: 'monday' });
    expect(regionDefaults('de-DE')).toEqual({ clock: '24', week_start: 'monday' });
    expect(regionDefaults('fr-CA')).toEqual({ clock: '24', week_start: 'sunday' });
    expect(regionDefaults('es-MX')).toEqual({ clock: '12', week_start: 'sunday' });
  });

  it('is refused in words when DinkyDash does not have it', () => {
    expect(languageProblem('de')).toBeNull();
    expect(languageProblem('nl')).toBe('"nl" is not a language DinkyDash has; choose one of de, en, es, fr');
  });
});

describe('plurals on the wall, for 0, 1, 2 and 5 in each language', () => {
  const cases = (language: 'en' | 'de' | 'fr' | 'es') => {
    const { t } = i18nFor(language);
    return {
      days: [0, 1, 2, 5].map((count) => t('countdowns.days', { count })),
      unit: [1, 2, 5].map((count) => t('countdowns.daysUnit', { count })),
      chores: [0, 1, 2, 5].map((count) => t('chores.count', { count })),
      ago: [1, 2, 5].map((count) => t('ago.days', { count })),
    };
  };
  it('English', () =>
    expect(cases('en')).toEqual({
      days: ['Today!', 'Tomorrow', '2 days', '5 days'],
      unit: ['day', 'days', 'days'],
      chores: ['0 chores', '1 chore', '2 chores', '5 chores'],
      ago: ['1 day ago', '2 days ago', '5 days ago'],
    }));
  it('German', () =>
    expect(cases('de')).toEqual({
      days: ['Heute!', 'Morgen', '2 Tage', '5 Tage'],
      unit: ['Tag', 'Tage', 'Tage'],
      chores: ['0 Aufgaben', '1 Aufgabe', '2 Aufgaben', '5 Aufgaben'],
      ago: ['vor 1 Tag', 'vor 2 Tagen', 'vor 5 Tagen'],
    }));
  it('French: 0 is singular', () =>
    expect(cases('fr')).toEqual({
      days: ['Aujourd’hui !', 'Demain', '2 jours', '5 jours'],
      unit: ['jour', 'jours', 'jours'],
      chores: ['0 tâche', '1 tâche', '2 tâches', '5 tâches'],
      ago: ['il y a 1 jour', 'il y a 2 jours', 'il y a 5 jours'],
    }));
  it('Spanish', () =>
    expect(cases('es')).toEqual({
      days: ['¡Hoy!', 'Mañana', '2 días', '5 días'],
      unit: ['día', 'días', 'días'],
      chores: ['0 tareas', '1 tarea', '2 tareas', '5 tareas'],
      ago: ['hace 1 día', 'hace 2 días', 'hace 5 días'],
    }));
});
