import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/calendar/civil-date.js';
import { buildDashboardView } from '../../src/dashboards/dashboard-view.js';
import { buildChoreCards } from '../../src/kinds/chores/card.js';
import { buildCountdownCards, cardDate } from '../../src/kinds/countdowns/card.js';
import { chores as choresKind } from '../../src/kinds/chores/kind.js';
import { countdowns as countdownsKind } from '../../src/kinds/countdowns/kind.js';
import type { ChoreRows, RotationEntryRow } from '../../src/kinds/chores/dashboard-rows.js';
import type { DashboardCountdownRow } from '../../src/kinds/countdowns/dashboard-rows.js';
import { renderDashboardContent, type ContentLinks } from '../../src/dashboards/dashboard-content.js';
import { dashboardEtag, etagMatches } from '../../src/dashboards/freshness.js';
import { accentStyle } from '../../src/dashboards/accent.js';
import { familyDay, untilMidnight } from '../../src/dashboards/family-day.js';
import { english } from '../../src/i18n/i18n.js';

const TODAY = { year: 2026, month: 5, day: 4 }; // a Monday
const DAY = dayNumber(TODAY);

function entry(id: number, choreId: number, who: { member: number; name: string } | string): RotationEntryRow {
  return typeof who === 'string'
    ? { id, chore_id: choreId, member_id: null, name: who, member_name: null, member_color: null, member_avatar: null, member_image_id: null }
    : { id, chore_id: choreId, member_id: who.member, name: null, member_name: who.name, member_color: '#16a34a', member_avatar: '🐸', member_image_id: null };
}

type DashboardItems = ChoreRows & { countdowns: DashboardCountdownRow[] };

function items(partial: Partial<DashboardItems>): DashboardItems {
  return { chores: [], entries: [], completions: [], countdowns: [], ...partial };
}

/** A dashboard showing chores, then countdowns. */
function view(rows: DashboardItems, dateFormat: 'long' | 'dmy' = 'long') {
  const { countdowns, ...chores } = rows;
  return buildDashboardView([{ kind: choresKind, rows: chores }, { kind: countdownsKind, rows: { countdowns, birthdays: [] } }], { today: TODAY, timeZone: 'Europe/Berlin', now: Date.UTC(2026, 4, 4, 10), clock: '24' }, dateFormat, english);
}

const chore = (id: number, extra: Partial<DashboardItems['chores'][number]> = {}) => ({ id, position: 0, name: `Chore ${id}`, icon: '', image_id: null, mode: 'daily' as const, anchor_day: DAY, turn_offset: 0, ...extra });

const links: ContentLinks = { content: '/f/d/1/content', choreAction: (id, a) => `/f/chores/${id}/${a}`, image: (id) => `/f/images/${id}` };

describe('the cards of a dashboard', () => {
  it('names whose turn it is, once per person in "who did it", and who did a done chore', () => {
    const cards = buildChoreCards(
      items({
        chores: [chore(1, { anchor_day: DAY - 1 }), chore(2)],
        entries: [entry(10, 1, { member: 5, name: 'Jo' }), entry(11, 1, 'Sam'), entry(12, 1, { member: 5, name: 'Jo' }), entry(20, 2, 'Sam')],
        completions: [{ chore_id: 2, done_by_member_id: null, done_by_name: 'Sam' }],
      }),
      TODAY,
      english.t,
    );
    expect(view(items({})).dateText).toBe('Monday, 4 May 2026');
    expect(cards[0]!.turn).toMatchObject({ name: 'Sam', entryId: 11 });
    expect(cards[0]!.people.map((p) => p.name)).toEqual(['Jo', 'Sam']);
    expect(cards[0]!.done).toBeNull();
    expect(cards[1]!.done).toEqual({ byName: 'Sam', byMemberId: null });
  });

  it('copes with a chore nobody is in', () => {
    expect(buildChoreCards(items({ chores: [chore(1)] }), TODAY, english.t)[0]!.turn).toBeNull();
    const html = renderDashboardContent({ view: view(items({ chores: [chore(1)] })), size: 'medium', links, canComplete: true, empty: { kind: 'member' }, etag: 'x', msUntilMidnight: 0 }).toString();
    expect(html).toContain('Nobody is in this rotation yet.');
    expect(html).not.toContain('<button');
  });

  it('counts countdowns down in the family\'s date format, leaving out past one-offs', () => {
    const cards = buildCountdownCards(
      {
        countdowns: [
          { id: 1, name: 'New Year', icon: '🎆', image_id: null, kind: 'yearly', year: null, month: 1, day: 1 },
          { id: 2, name: 'Gone', icon: '', image_id: null, kind: 'once', year: 2026, month: 5, day: 3 },
          { id: 3, name: 'Tomorrow', icon: '', image_id: null, kind: 'once', year: 2026, month: 5, day: 5 },
        ],
        birthdays: [],
      },
      TODAY,
      'dmy',
      english,
    );
    expect(cards.map((c) => [c.name, c.label, c.dateText])).toEqual([
      ['Tomorrow', 'Tomorrow', '05.05.2026'],
      ['New Year', '242 days', '01.01.2027'],
    ]);
    expect(cardDate({ year: 2027, month: 1, day: 1 }, 'long', TODAY, english)).toBe('Fri, 1 January 2027');
  });

  it('counts down to every birthday of the family too: how old they turn, 29 February on the 28th in a common year', () => {
    const cards = buildCountdownCards(
      {
        countdowns: [{ id: 1, name: 'Summer fair', icon: '🎪', image_id: null, kind: 'yearly', year: null, month: 6, day: 20 }],
        birthdays: [
          { key: 'm1', name: 'Lily', birth_date: '2017-05-10', image_id: 4 },
          { key: 'p1', name: 'Grandma', birth_date: '--05-04', image_id: null },
          { key: 'p2', name: 'Max', birth_date: '2016-02-29', image_id: null },
        ],
      },
      TODAY,
      'long',
      english,
    );
    expect(cards.map((c) => [c.domId, c.name, c.label, c.dateText])).toEqual([
      ['birthday-p1', "Grandma's birthday", 'Today!', 'Mon 4 May'],
      ['birthday-m1', 'Lily turns 9', '6 days', 'Sun 10 May'],
      ['countdown-1', 'Summer fair', '47 days', 'Sat 20 June'],
      ['birthday-p2', 'Max turns 11', '300 days', 'Sun, 28 February 2027'],
    ]);
    expect(cards[1]!.imageId).toBe(4);
    expect(cardDate({ year: 2026, month: 5, day: 5 }, 'long', TODAY, english)).toBe('Tue 5 May');
  });
});

describe('renderDashboardContent', () => {
  it('escapes everything a family typed', () => {
    const shown = view(
      items({
        chores: [chore(1, { name: '<img src=x onerror=alert(1)>', icon: '"><script>' })],
        entries: [entry(1, 1, '</span><b>Eve</b>'), entry(2, 1, 'Bob & "Al"')],
        countdowns: [{ id: 1, name: "O'Brien <3", icon: '<i>', image_id: null, kind: 'yearly', year: null, month: 6, day: 1 }],
      }),
    );
    const html = renderDashboardContent({ view: shown, size: 'small', links, canComplete: true, empty: { kind: 'member' }, etag: 'W/"a"', msUntilMidnight: 5, caption: '<Fam>', announce: '"x" done' }).toString();
    expect(html).not.toMatch(/<img src=x|<script>|<b>Eve|<i>|<Fam>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/span&gt;&lt;b&gt;Eve&lt;/b&gt;');
    expect(html).toContain('Bob &amp; &quot;Al&quot;');
    expect(html).toContain('O&#39;Brien &lt;3');
    expect(html).toContain('data-etag="W/&quot;a&quot;"');
    expect(html).toContain('size-small');
  });
});

describe('ETags', () => {
  const base = { kind: 'content' as const, version: '1.0.0', slug: 'smiths', id: 1, revision: '3.7.1700000000000.1700000000000.106496', day: 20000, viewer: 'm1-admin' };

  it('change with the data, the day, the viewer and the version', () => {
    const etag = dashboardEtag(base);
    expect(etag).toMatch(/^W\/"[^"]+"$/);
    for (const change of [{ revision: '3.8.1700000000000.1700000000000.106496' }, { day: 20001 }, { viewer: 'm1-viewer' }, { version: '1.0.1' }, { id: 2 }, { slug: 'jones' }, { kind: 'page' as const }]) {
      expect(dashboardEtag({ ...base, ...change })).not.toBe(etag);
    }
    expect(dashboardEtag({ ...base, version: 'a"b' })).not.toContain('a"b');
  });

  it('match If-None-Match lists, weak or strong', () => {
    const etag = dashboardEtag(base);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"other", ${etag.replace('W/', '')}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"other"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});

describe('the family\'s day', () => {
  it('knows the date and the time to midnight in the family\'s zone, across a clock change', () => {
    // 29 March 2026: Berlin moves to summer time at 02:00, so the day has 23 hours.
    const early = new Date('2026-03-28T23:30:00Z'); // 00:30 on the 29th in Berlin
    const day = familyDay('Europe/Berlin', early);
    expect(day.today).toEqual({ year: 2026, month: 3, day: 29 });
    expect(untilMidnight(day, early)).toBe(22.5 * 3600_000);
    // Later the same day the known day is reused and the time left shrinks.
    const later = new Date('2026-03-29T20:00:00Z');
    expect(untilMidnight(familyDay('Europe/Berlin', later), later)).toBe(2 * 3600_000);
    // Past midnight: the next day.
    expect(familyDay('Europe/Berlin', new Date('2026-03-29T22:00:01Z')).today).toEqual({ year: 2026, month: 3, day: 30 });
    // A clock set back (tests, NTP) is not answered from the later day.
    expect(familyDay('Europe/Berlin', early).today).toEqual({ year: 2026, month: 3, day: 29 });
  });

  it('falls back to UTC for a zone that cannot be used', () => {
    expect(familyDay('Not/AZone', new Date('2026-01-01T23:30:00Z')).today).toEqual({ year: 2026, month: 1, day: 1 });
  });
});

describe('accent colours', () => {
  it('pick a readable text colour', () => {
    expect(accentStyle('#2563eb')).toContain('--accent-fg: #ffffff');
    expect(accentStyle('#f59e0b')).toContain('--accent-fg: #111111');
    expect(accentStyle('red; background: url(x)')).toBe('');
  });
});
