// Launches Debian's Chromium through playwright-core, headless, with the flags that work on this
// kind of machine (see /work/shared/STACK.md). FLOWGATE_CHROMIUM points at another binary.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  return process.env.FLOWGATE_CHROMIUM || '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath} (install Debian's "chromium", or set FLOWGATE_CHROMIUM)`);
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}
