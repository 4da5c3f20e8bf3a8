import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from '../helpers/chromium.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { browser as httpClient, startLiveServer } from '../helpers/live-server.js';
import { readQr } from '../helpers/read-qr.js';
import { bigPhoneJpeg, heicPhoto } from '../fixtures/make-images.js';
import { defaultTimeZone } from '../../src/calendar/family-time.js';
import { imageMessages, MAX_OUTPUT_SIDE, MAX_UPLOAD_BYTES, tooLargeMessage } from '../../src/images/process-image.js';
import { english } from '../../src/i18n/i18n.js';
import { BODY_LIMITS } from '../../src/http/body-limit.js';
import type { RunningServer } from '../../src/server.js';

const IMAGE_MESSAGES = imageMessages(english.t);

// Setting DinkyDash up on a Saturday, on a phone (issue 15), in Debian's real
// Chromium against the real server: the time zone comes from the phone, a
// 12 MB camera photo and an iPhone's HEIC go where they should, the links
// for other screens read as QR codes, new members look different, and a
// mistyped year in the past is asked about.

const PHONES = [
  { name: 'iphone', width: 390, height: 844 },
  { name: 'small-android', width: 360, height: 740 },
] as const;
const PHONE_ZONE = 'America/New_York';

/** What the page's scripts below use of the browser (the tests are type-checked without the DOM library). */
type PageWindow = {
  getComputedStyle(el: unknown): { borderTopColor: string };
  navigator: { clipboard: { readText(): Promise<string> } };
  document: { documentElement: { scrollWidth: number } };
  innerWidth: number;
};
const PASSWORD = 'saturday morning';

let server: RunningServer;
let browser: Browser;
let bigPhoto: Buffer;
let midPhoto: Buffer;

beforeAll(async () => {
  server = await startLiveServer(makeDataDir());
  browser = await launchChromium();
  bigPhoto = await bigPhoneJpeg(12 * 1024 * 1024);
  // Over the 5 MB picture limit but under the form's: judged at the field without JavaScript.
  midPhoto = Buffer.concat([await sharp({ create: { width: 40, height: 40, channels: 3, background: '#00f' } }).jpeg().toBuffer(), Buffer.alloc(6 * 1024 * 1024)]);
  // Two families, so the start page stays the start page (with one it goes straight there).
  for (const slug of ['first-family', 'second-family']) {
    const res = await httpClient(server.url).post('/signup', { family_name: slug, slug, username: 'owner', display_name: 'Owner', password: PASSWORD, time_zone: 'Europe/Berlin' });
    expect(res.status).toBe(303);
  }
}, 60_000);
afterAll(() => browser?.close());

function phoneContext(phone: (typeof PHONES)[number], extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: phone.width, height: phone.height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, timezoneId: PHONE_ZONE, ...extra });
}

/** Nothing on the page sticks out sideways on the phone. */
async function fitsTheWidth(page: Page) {
  const { scroll, width } = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    return { scroll: w.document.documentElement.scrollWidth, width: w.innerWidth };
  });
  expect(scroll, page.url()).toBeLessThanOrEqual(width);
}

const fieldError = (page: Page, name: string) => page.locator(`.field:has([name="${name}"]) .field-error`);

async function signUp(page: Page, slug: string) {
  await page.goto(`${server.url}/`);
  const form = page.locator('form[action="/signup"]');
  await form.getByLabel('Family name').fill(`The ${slug}`);
  await form.getByLabel('Family address').fill(slug);
  await form.getByLabel('Your name').fill('Mum');
  await form.getByLabel('Username').fill('mum');
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create family' }).click();
  await page.waitForURL(`${server.url}/${slug}/`);
}

const familyZone = (slug: string) => server.pool.withFamily(slug, ({ db }) => db.selectFrom('family_settings').select('time_zone').executeTakeFirstOrThrow());

describe.each(PHONES)('a new family set up on a phone ($width×$height)', (phone) => {
  const slug = `from-${phone.name}`;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await phoneContext(phone, { permissions: ['clipboard-read', 'clipboard-write'] });
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it("starts with the phone's own time zone chosen, in a list grouped by region", async () => {
    await page.goto(`${server.url}/`);
    const zone = page.locator('select[name="time_zone"]');
    await expect.poll(() => zone.inputValue()).toBe(PHONE_ZONE);
    expect(await zone.locator('option:checked').textContent()).toBe('New York');
    expect(await zone.locator('option:checked').evaluate((o) => (o.parentElement as unknown as { label: string }).label)).toBe('Americas');
    expect(await zone.locator('optgroup').count()).toBeGreaterThan(8);
    await fitsTheWidth(page);
    await signUp(page, slug);
    expect((await familyZone(slug)).time_zone).toBe(PHONE_ZONE);

    // Without JavaScript the Pi's own zone is chosen; the settings page offers the phone's when they differ.
    const noScript = await phoneContext(phone, { javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${server.url}/`);
    expect(await plain.locator('select[name="time_zone"]').inputValue()).toBe(defaultTimeZone());
    await noScript.close();
    await server.pool.withFamily(slug, ({ db }) => db.updateTable('family_settings').set({ time_zone: 'Europe/Lisbon' }).execute());
    await page.goto(`${server.url}/${slug}/settings`);
    expect(await page.locator('select[name="time_zone"]').inputValue()).toBe('Europe/Lisbon');
    await page.getByRole('button', { name: /Use this device’s time zone: New York/ }).click();
    expect(await page.locator('select[name="time_zone"]').inputValue()).toBe(PHONE_ZONE);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await familyZone(slug)).time_zone).toBe(PHONE_ZONE);
  }, 90_000);

  it('gives three new members three different colours and avatars without anyone choosing', async () => {
    for (const [name, username] of [['Dad', 'dad'], ['Estelle', 'estelle'], ['Josephine', 'josephine']] as const) {
      await page.goto(`${server.url}/${slug}/members`);
      await page.getByLabel('Name on the dashboard').fill(name);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Add member' }).click();
      await expect.poll(() => page.locator('.notice').textContent()).toContain(`${name} was added.`);
    }
    await fitsTheWidth(page);
    const looks = await page.locator('.member-list .avatar').evaluateAll((avatars) =>
      avatars.map((a) => ({ color: (globalThis as unknown as PageWindow).getComputedStyle(a).borderTopColor, avatar: a.textContent!.trim() })),
    );
    expect(looks).toHaveLength(4);
    expect(new Set(looks.map((l) => l.color)).size).toBe(4);
    expect(new Set(looks.map((l) => l.avatar)).size).toBe(4);
  }, 90_000);

  it('shows invitation and display links with a copy button and a QR code that a camera reads as the link', async () => {
    await page.goto(`${server.url}/${slug}/members`);
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    const invitation = (await page.locator('[data-copy-text]').textContent())!.trim();
    expect(invitation).toContain(`/${slug}/join/`);
    await fitsTheWidth(page);
    expect(await readQr(await page.locator('.qr-code svg').screenshot())).toBe(invitation);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.locator('[data-copy-status]').textContent()).toBe('Copied.');
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).navigator.clipboard.readText())).toBe(invitation);

    await page.goto(`${server.url}/${slug}/manage/displays`);
    await page.getByLabel('Label').fill('Kitchen tablet');
    await page.getByRole('button', { name: /Create display link/ }).click();
    const display = (await page.locator('[data-copy-text]').textContent())!.trim();
    expect(display).toContain(`/${slug}/display/`);
    await fitsTheWidth(page);
    expect(await readQr(await page.locator('.qr-code svg').screenshot())).toBe(display);
    // The link the code carries opens the wall display.
    const tablet = await (await browser.newContext({ viewport: { width: 800, height: 1280 } })).newPage();
    expect((await tablet.goto(display))!.status()).toBe(200);
    await tablet.context().close();
  }, 90_000);

  it('shrinks a 12 MB camera photo before sending it, and stores it', async () => {
    expect(bigPhoto.byteLength).toBeGreaterThan(BODY_LIMITS.pictureFormBytes);
    await page.goto(`${server.url}/${slug}/manage/countdowns/new`);
    // The photo comes last in the form, so a body cut off at the size limit still carries the rest.
    const names = await page.locator('form.card').evaluate((form) => [...(form as unknown as { elements: Iterable<{ name: string }> }).elements].map((e) => e.name).filter(Boolean));
    expect(names.at(-1)).toBe('image');
    await page.getByLabel('Counting down to').fill('Summer holiday');
    await page.locator('input[name="icon"]').fill('');
    await page.getByLabel('Month').selectOption('8');
    await page.getByLabel('Day').fill('1');
    await page.locator('input[name="image"]').setInputFiles({ name: 'IMG_4032.JPG', mimeType: 'image/jpeg', buffer: bigPhoto });
    // The size of the body the server receives (the browser's own tools do not count a form's file).
    const bodySizes: number[] = [];
    const countBody = (req: IncomingMessage) => {
      if (req.method === 'POST' && req.url?.endsWith('/manage/countdowns/new')) bodySizes.push(Number(req.headers['content-length']));
    };
    server.server.on('request', countBody);
    // Tapped at once, while the photo may still be shrinking: the form waits for it.
    await page.getByRole('button', { name: /Add countdown/ }).click();
    await page.waitForURL(/\/manage\?done=countdown-added$/);
    server.server.off('request', countBody);
    // Sent as it came, the photo would not even fit the form's body limit.
    expect(bodySizes).toHaveLength(1);
    expect(bodySizes[0]).toBeGreaterThan(1000);
    expect(bodySizes[0]).toBeLessThan(MAX_UPLOAD_BYTES / 20);
    const picture = page.locator('li:has-text("Summer holiday") img[src*="/images/"]');
    // The stored picture itself, not the list's thumbnail box.
    const size = await sharp(Buffer.from(await (await page.request.get(`${server.url}${await picture.getAttribute('src')}`)).body())).metadata();
    expect(size.format).toBe('webp');
    expect(Math.max(size.width, size.height)).toBe(MAX_OUTPUT_SIDE);
    expect(size.width / size.height).toBeCloseTo(4 / 3, 1);
  }, 90_000);

  it("turns an iPhone's HEIC away at the field with advice, keeping what was typed, with and without JavaScript", async () => {
    const heic = { name: 'IMG_4033.HEIC', mimeType: 'image/heic', buffer: heicPhoto() };
    await page.goto(`${server.url}/${slug}/manage/countdowns/new`);
    await page.getByLabel('Counting down to').fill('Grandma visits');
    await page.locator('input[name="image"]').setInputFiles(heic);
    await expect.poll(() => fieldError(page, 'image').textContent()).toBe(IMAGE_MESSAGES.heic);
    expect(await page.locator('input[name="image"]').evaluate((i) => (i as unknown as { files: { length: number } }).files.length)).toBe(0);
    expect(await page.getByLabel('Counting down to').inputValue()).toBe('Grandma visits');
    await fitsTheWidth(page);

    const noScript = await phoneContext(phone, { javaScriptEnabled: false, storageState: await context.storageState() });
    const plain = await noScript.newPage();
    for (const [file, message] of [
      [heic, IMAGE_MESSAGES.heic],
      [{ name: 'IMG_4034.JPG', mimeType: 'image/jpeg', buffer: midPhoto }, tooLargeMessage(midPhoto.byteLength, english.t)],
    ] as const) {
      await plain.goto(`${server.url}/${slug}/manage/countdowns/new`);
      await plain.getByLabel('Counting down to').fill('Grandma visits');
      await plain.getByLabel('Day').fill('12');
      await plain.locator('input[name="image"]').setInputFiles(file);
      await plain.getByRole('button', { name: /Add countdown/ }).click();
      await plain.waitForLoadState();
      expect(await fieldError(plain, 'image').textContent()).toBe(message);
      expect(message).toMatch(/screenshot/);
      expect(await plain.getByLabel('Counting down to').inputValue()).toBe('Grandma visits');
      expect(await plain.getByLabel('Day').inputValue()).toBe('12');
      await fitsTheWidth(plain);
    }
    await noScript.close();
  }, 90_000);

  it('asks before saving a one-off date in the past, at the field, and saves it once confirmed', async () => {
    const countdowns = () => server.pool.withFamily(slug, ({ db }) => db.selectFrom('countdowns').select(['name', 'year', 'month', 'day']).where('name', '=', 'Ski trip').execute());
    await page.goto(`${server.url}/${slug}/manage/countdowns/new`);
    await page.getByLabel('Counting down to').fill('Ski trip');
    await page.getByLabel('How often').selectOption('once');
    await page.getByLabel('Month').selectOption('3');
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Year').fill('2020');
    await page.getByRole('button', { name: /Add countdown/ }).click();
    await expect.poll(() => fieldError(page, 'year').textContent()).toContain('That date is in the past — save it anyway?');
    expect(await countdowns()).toEqual([]);
    expect(await page.getByLabel('Year').inputValue()).toBe('2020');
    await fitsTheWidth(page);
    await page.getByLabel('Yes, save it with this date').check();
    await page.getByRole('button', { name: /Add countdown/ }).click();
    await page.waitForURL(/\/manage\?done=countdown-added$/);
    expect(await countdowns()).toEqual([{ name: 'Ski trip', year: 2020, month: 3, day: 1 }]);
  }, 90_000);
});
