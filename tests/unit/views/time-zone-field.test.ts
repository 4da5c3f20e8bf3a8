import { describe, expect, it } from 'vitest';
import { timeZoneGroups, zoneChoice } from '../../../src/views/time-zone-field.js';

describe('the time zone picker', () => {
  it('names zones as a person would look for them, under their region', () => {
    expect(zoneChoice('America/New_York')).toEqual({ region: 'Americas', label: 'New York' });
    expect(zoneChoice('America/Argentina/Buenos_Aires')).toEqual({ region: 'Americas', label: 'Argentina – Buenos Aires' });
    expect(zoneChoice('Indian/Maldives')).toEqual({ region: 'Indian Ocean', label: 'Maldives' });
    expect(zoneChoice('UTC')).toEqual({ region: 'Other', label: 'UTC' });
  });

  it('offers every zone exactly once, regions in order with Other last and each region sorted by name', () => {
    const groups = timeZoneGroups();
    const values = groups.flatMap((g) => g.zones.map((z) => z.value));
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain('UTC');
    expect(values).toEqual(expect.arrayContaining(['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Kyiv']));
    expect(groups.at(-1)!.region).toBe('Other');
    expect(groups.map((g) => g.region)).toEqual(expect.arrayContaining(['Africa', 'Americas', 'Asia', 'Europe', 'Pacific']));
    for (const g of groups) {
      const labels = g.zones.map((z) => z.label);
      expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    }
  });

  it('keeps a saved zone this machine does not list, so saving the settings does not change it', () => {
    const groups = timeZoneGroups('Mars/Olympus_Mons');
    expect(groups.find((g) => g.region === 'Other')!.zones).toContainEqual({ value: 'Mars/Olympus_Mons', label: 'Mars/Olympus Mons' });
  });
});
