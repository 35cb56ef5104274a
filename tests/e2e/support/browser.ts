// Debian's Chromium driven by playwright-core (no downloaded browser): headless, no sandbox (the
// tests run as root in a container), and nothing that reaches the network on its own.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FLOWGATE_CHROMIUM || '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A desktop-sized window, so the palette, canvas and side panel all have room. */
export const VIEWPORT = { width: 1440, height: 900 };

export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
  } catch (e) {
    throw new Error(`Could not start Chromium at ${CHROMIUM_PATH} (set FLOWGATE_CHROMIUM to another binary): ${(e as Error).message}`, { cause: e });
  }
}
