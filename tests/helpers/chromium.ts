import { chromium, type Browser } from 'playwright-core';
import { requireInstalled } from './test-needs.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

/** Debian's Chromium, headless, as every browser test drives it. */
export function launchChromium(): Promise<Browser> {
  requireInstalled('chromium');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
