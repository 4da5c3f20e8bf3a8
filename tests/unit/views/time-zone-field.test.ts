import { describe, expect, it } from 'vitest';
import { TimeZoneField, timeZoneGroups, zoneChoice } from '../../../src/views/time-zone-field.js';
import { i18nFor } from '../../../src/i18n/i18n.js';

describe('the time zone picker', () => {
  it('names zones as a person would look for them, under their region', () => {
    expect(zoneChoice('America/New_York')).toEqual({ region: 'timeZone.regionAmericas', label: 'New York' });
    expect(zoneChoice('America/Argentina/Buenos_Aires')).toEqual({ region: 'timeZone.regionAmericas', label: 'Argentina – Buenos Aires' });
    expect(zoneChoice('Indian/Maldives')).toEqual({ region: 'timeZone.regionIndian', label: 'Maldives' });
    expect(zoneChoice('UTC')).toEqual({ region: 'timeZone.regionOther', label: 'UTC' });
  });

  it('offers every zone exactly once, regions in order with Other last and each region sorted by name', () => {
    const groups = timeZoneGroups();
    const values = groups.flatMap((g) => g.zones.map((z) => z.value));
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain('UTC');
    expect(values).toEqual(expect.arrayContaining(['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Kyiv']));
    expect(groups.at(-1)!.region).toBe('timeZone.regionOther');
    expect(groups.map((g) => g.region)).toEqual(expect.arrayContaining(['timeZone.regionAfrica', 'timeZone.regionAmericas', 'timeZone.regionAsia', 'timeZone.regionEurope', 'timeZone.regionPacific']));
    for (const g of groups) {
      const labels = g.zones.map((z) => z.label);
      expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    }
  });

  it('keeps a saved zone this machine does not list, so saving the settings does not change it', () => {
    const groups = timeZoneGroups('Mars/Olympus_Mons');
    expect(groups.find((g) => g.region === 'timeZone.regionOther')!.zones).toContainEqual({ value: 'Mars/Olympus_Mons', label: 'Mars/Olympus Mons' });
  });
});

describe('the time zone picker in the family’s language', () => {
  it('names the regions and the device button in German for a German family', async () => {
    const html = String(await TimeZoneField({ t: i18nFor('de').t, value: 'Europe/Berlin', deviceZone: 'offer' }));
    expect(html).toContain('<optgroup label="Amerika">');
    expect(html).toContain('<optgroup label="Indischer Ozean">');
    expect(html).toContain('data-device-zone-label="Zeitzone dieses Geräts verwenden"');
    expect(html).toMatch(/<option value="Europe\/Berlin" selected="">Berlin<\/option>/);
    expect(html).toContain('<label for="f-time_zone">Zeitzone</label>');
  });
});
