import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/family-app.js';
import { decode, inFamily, pageText, smithsAndJoneses } from './manage-helpers.js';
import { qrSvg } from '../../src/views/qr-code.js';
import { readQr } from '../helpers/read-qr.js';

// Invitation and display links are shown once: with a QR code a tablet or a
// phone opens them by camera. The codes are decoded here as a camera would:
// the page's SVG rasterised, then read by a QR decoder.

const t = makeTestApp();
let admin: string;
let jonesAdmin: string;

beforeAll(async () => {
  ({ admin, jonesAdmin } = await smithsAndJoneses(t));
});

/** The link shown for copying, and the QR code beside it. */
function carried(html: string): { link: string; svg: string } {
  const box = /<div class="carry-link" data-copy[^>]*>([\s\S]*?)<\/figure>/.exec(html);
  expect(box, 'a link to carry on the page').not.toBeNull();
  const link = decode(/data-copy-text[^>]*>([^<]*)</.exec(box![1]!)![1]!.trim());
  const svg = /<svg[\s\S]*?<\/svg>/.exec(box![1]!)![0];
  expect(box![1]).toMatch(/<button type="button"[^>]*data-copy-button[^>]*hidden/);
  return { link, svg };
}

describe('links to carry to another screen', () => {
  it('shows a new invitation link with a QR code that reads as that link', async () => {
    const html = await pageText(await t.post('/smiths/invitations', { role: 'member', note: 'Grandma' }, admin));
    const { link, svg } = carried(html);
    expect(link).toMatch(/^http:\/\/localhost\/smiths\/join\/[A-Za-z0-9_-]{20,}$/);
    expect(await readQr(svg)).toBe(link);
  });

  it('shows a new display link with a QR code that reads as that link, and the link opens the display', async () => {
    const html = await pageText(await t.post('/smiths/manage/displays', { dashboard_id: '1', label: 'Kitchen tablet' }, admin));
    const { link, svg } = carried(html);
    expect(link).toMatch(/^http:\/\/localhost\/smiths\/display\/[A-Za-z0-9_-]{20,}$/);
    expect(await readQr(svg)).toBe(link);
    expect((await t.get(new URL(link).pathname)).status).toBe(200);
  });

  it("speaks the family's language around the link", async () => {
    await inFamily(t, 'jones', (db) => db.updateTable('family_settings').set({ language: 'de' }).execute());
    const html = await pageText(await t.post('/jones/invitations', { role: 'member' }, jonesAdmin));
    const { link, svg } = carried(html);
    expect(html).toMatch(/data-copy-button[^>]*>\s*Link kopieren\s*</);
    expect(svg).toContain(`aria-label="QR-Code für ${link}"`);
    expect(await readQr(svg)).toBe(link);
  });

  it('draws a different code for a different link, and escapes its label', async () => {
    const a = qrSvg('http://192.168.1.20:8080/smiths/display/abc', 'a "quoted" <label>');
    expect(a).toContain('aria-label="a &quot;quoted&quot; &lt;label>"');
    expect(await readQr(a)).toBe('http://192.168.1.20:8080/smiths/display/abc');
    expect(await readQr(qrSvg('http://192.168.1.20:8080/smiths/display/abd', 'b'))).toBe('http://192.168.1.20:8080/smiths/display/abd');
  });
});
