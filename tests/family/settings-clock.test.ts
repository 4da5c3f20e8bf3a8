import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestFamily, makeTestApp } from '../helpers/family-app.js';
import { clockFace, clockHtml, isClockFormat } from '../../src/dashboards/wall-clock.js';
import { english } from '../../src/i18n/i18n.js';

// The family's clock setting: 12- or 24-hour, chosen in the settings form,
// refused at the field for anything else, with nothing saved.

const t = makeTestApp();
let admin: string;

const GOOD = { name: 'The Smiths', time_zone: 'Europe/Berlin', theme: 'auto', accent_color: '#2563eb', date_format: 'long', week_start: 'monday', night_mode: 'on', night_start: '22:00', night_end: '07:00' };

async function saved() {
  return t.pool.withFamily('smiths', ({ db }) => db.selectFrom('family_settings').selectAll().executeTakeFirstOrThrow());
}

/** The clock field's block of the form, from its <div class="field…"> to the next field. */
function clockField(html: string): string {
  const start = html.lastIndexOf('<div class="field', html.indexOf('id="f-clock"'));
  return html.slice(start, html.indexOf('<div class="field', html.indexOf('id="f-clock"')));
}

beforeAll(async () => {
  await createTestFamily(t, 'smiths', [ADMIN]);
  admin = await t.signIn('smiths', ADMIN.username, ADMIN.password);
});

describe('the clock setting', () => {
  it('is offered in the settings form, 24-hour by default', async () => {
    expect((await saved()).clock).toBe('24');
    const html = await (await t.get('/smiths/settings', admin)).text();
    const field = clockField(html);
    expect(field).toContain('<select id="f-clock" name="clock"');
    expect(field).toMatch(/<option value="24" selected="">24-hour/);
    expect(field).toMatch(/<option value="12">12-hour/);
  });

  it('saves 12 and 24', async () => {
    for (const clock of ['12', '24', '12']) {
      const res = await t.post('/smiths/settings', { ...GOOD, clock }, admin);
      expect(res.status).toBe(303);
      expect((await saved()).clock).toBe(clock);
    }
    expect(clockField(await (await t.get('/smiths/settings', admin)).text())).toMatch(/<option value="12" selected="">/);
  });

  it('refuses any other value with a message at the field, and saves nothing of the form', async () => {
    const before = await saved();
    for (const clock of ['13', '', '24h', 'twelve', ' 12', '12 ', '0']) {
      const res = await t.post('/smiths/settings', { ...GOOD, name: 'Renamed', clock }, admin);
      expect(res.status, JSON.stringify(clock)).toBe(400);
      const html = await res.text();
      expect(html).toContain('Nothing was saved');
      const field = clockField(html);
      expect(field).toContain('class="field has-error"');
      expect(field).toContain('id="f-clock-error"');
      expect(field).toContain('Please choose a 12-hour or a 24-hour clock.');
      expect(await saved()).toEqual(before);
    }
    const { clock: _missing, ...withoutClock } = { ...GOOD, name: 'Renamed', clock: '12' };
    const res = await t.post('/smiths/settings', withoutClock, admin);
    expect(res.status).toBe(400);
    expect(clockField(await res.text())).toContain('Please choose a 12-hour or a 24-hour clock.');
    expect(await saved()).toEqual(before);
  });
});

describe('the clock face', () => {
  it('reads 24-hour as 00:00-23:59 and 12-hour as 12:00 am-11:59 pm', () => {
    expect(clockFace(0, 5, '24', english)).toEqual({ hm: '00:05', suffix: '', datetime: '00:05' });
    expect(clockFace(15, 5, '24', english)).toEqual({ hm: '15:05', suffix: '', datetime: '15:05' });
    expect(clockFace(0, 5, '12', english)).toEqual({ hm: '12:05', suffix: 'am', datetime: '00:05' });
    expect(clockFace(11, 59, '12', english)).toEqual({ hm: '11:59', suffix: 'am', datetime: '11:59' });
    expect(clockFace(12, 0, '12', english)).toEqual({ hm: '12:00', suffix: 'pm', datetime: '12:00' });
    expect(clockFace(23, 59, '12', english)).toEqual({ hm: '11:59', suffix: 'pm', datetime: '23:59' });
    expect(isClockFormat('12') && isClockFormat('24') && !isClockFormat(12) && !isClockFormat('13')).toBe(true);
  });

  it("shows the family's wall-clock time, not the server's (UTC)", () => {
    const at = new Date('2026-07-01T22:30:00Z');
    expect(clockHtml('Europe/Berlin', at, '24', english)).toContain('>00:30</time>');
    expect(clockHtml('America/New_York', at, '12', english)).toContain('>6:30<span class="clock-suffix"> pm</span></time>');
    expect(clockHtml('Pacific/Auckland', at, '24', english)).toContain('datetime="10:30"');
    expect(clockHtml('Not/AZone', at, '24', english)).toContain('>22:30</time>');
    expect(clockHtml('UTC', at, 'bogus', english)).toContain('data-clock="24"');
  });
});
