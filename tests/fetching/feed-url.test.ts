import { describe, expect, it } from 'vitest';
import { feedRequestUrl, maskFeedUrl } from '../../src/fetching/feed-url.js';

function fetchedAs(address: string): string {
  const result = feedRequestUrl(address);
  if (!result.ok) throw new Error(result.reason);
  return result.url.href;
}

describe('feedRequestUrl', () => {
  it('fetches webcal:// over https, never plain http', () => {
    expect(fetchedAs('webcal://p52-caldav.icloud.com/published/2/MTIzNDU2Nzg5')).toBe(
      'https://p52-caldav.icloud.com/published/2/MTIzNDU2Nzg5',
    );
    expect(fetchedAs('WEBCAL://calendar.google.com/calendar/ical/x/basic.ics')).toBe(
      'https://calendar.google.com/calendar/ical/x/basic.ics',
    );
    expect(fetchedAs('  webcal://example.com:8443/feed.ics  ')).toBe('https://example.com:8443/feed.ics');
  });

  it('normalises a webcal host as https does, so the address check sees the real host', () => {
    expect(fetchedAs('webcal://2130706433/')).toBe('https://127.0.0.1/');
    expect(fetchedAs('webcal://0x7f.1/')).toBe('https://127.0.0.1/');
  });

  it('keeps http and https, with their credentials', () => {
    expect(fetchedAs('http://example.com/feed.ics')).toBe('http://example.com/feed.ics');
    expect(fetchedAs('https://family:pw@cloud.example.com/remote.php/dav/x?export')).toBe(
      'https://family:pw@cloud.example.com/remote.php/dav/x?export',
    );
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/feed.ics', 'data:text/calendar,BEGIN', 'javascript:alert(1)', 'gopher://example.com/'])(
    'refuses %s, naming the scheme',
    (address) => {
      const result = feedRequestUrl(address);
      const scheme = address.slice(0, address.indexOf(':'));
      expect(result).toEqual({
        ok: false,
        reason: `DinkyDash fetches only https://, http:// and webcal:// addresses, not ${scheme}: addresses.`,
      });
    },
  );

  it('refuses what is not a URL without repeating it', () => {
    const result = feedRequestUrl('calendar.google.com/private-abc123/basic.ics');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).not.toContain('private-abc123');
  });
});

describe('maskFeedUrl', () => {
  it.each([
    [
      'https://calendar.google.com/calendar/ical/family%40gmail.com/private-0123456789abcdef0123456789abcdef/basic.ics',
      'https://calendar.google.com/calendar/ical/…/basic.ics',
    ],
    ['webcal://p52-caldav.icloud.com/published/2/MTIzNDU2Nzg5MTIzNDU2N', 'webcal://p52-caldav.icloud.com/published/…'],
    [
      'https://outlook.office365.com/owa/calendar/0b1c2d3e@example.com/a1b2c3d4e5/calendar.ics',
      'https://outlook.office365.com/owa/calendar/…/calendar.ics',
    ],
    ['https://cloud.example.com/remote.php/dav/public-calendars/AbCdEfGh12345678?export', 'https://cloud.example.com/remote.php/dav/…?…'],
    ['https://family:hunter2@cloud.example.com:8443/cal.ics', 'https://cloud.example.com:8443/cal.ics'],
    ['https://example.com/', 'https://example.com/'],
    ['https://example.com/ourSecretToken', 'https://example.com/…'],
    ['https://api.example.com/v1/forecast?latitude=52.52&longitude=13.41', 'https://api.example.com/…?…'],
    ['https://example.com/feed.ics#fragment', 'https://example.com/feed.ics'],
  ])('%s → %s', (address, masked) => {
    expect(maskFeedUrl(address)).toBe(masked);
  });

  it('never shows credentials, tokens or queries', () => {
    const masked = maskFeedUrl('https://me:s3cr3t@example.com/calendar/ical/Tok3nTok3n/basic.ics?key=abc');
    for (const secret of ['me', 's3cr3t', 'Tok3n', 'key', 'abc']) expect(masked).not.toContain(secret);
  });

  it('accepts a URL object, and says so when given no address', () => {
    expect(maskFeedUrl(new URL('https://example.com/a/b/c/d.ics'))).toBe('https://example.com/a/b/…/d.ics');
    expect(maskFeedUrl('not a url private-abc')).toBe('(not a web address)');
  });
});
