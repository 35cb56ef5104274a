// Browser mode's access key across tabs, in Chromium: the address `flowgate serve` printed opens the app
// and the key leaves the address bar; a second tab, or a bookmark of the app (no key in it), gets the
// key from the open tab; with no Flowgate tab open, a bookmark says how to get a fresh address. The key
// never reaches the console, localStorage or a cookie.
import { expect, test } from 'vitest';
import type { ConsoleMessage } from 'playwright-core';
import { VIEWPORT } from './support/browser';
import { waitForBoot, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();

test('a second tab and a bookmark get the key from the open tab; without one the page says what to do', async () => {
  const context = await fg.browser.newContext({ viewport: VIEWPORT });
  const logged: string[] = [];
  const watch = (m: ConsoleMessage) => logged.push(m.text());
  try {
    const first = await context.newPage();
    first.on('console', watch);
    await first.goto(fg.server.url);
    await waitForBoot(first);
    expect(first.url()).not.toContain('token=');
    const bookmark = first.url();

    // A new tab of the same browser, opened from the bookmark: no key in its address or its session.
    const second = await context.newPage();
    second.on('console', watch);
    await second.goto(bookmark);
    await waitForBoot(second);
    expect(await second.getByTestId('home').isVisible()).toBe(true);
    // It keeps the key for its own reloads, and hands it on in turn.
    await first.close();
    await second.reload();
    await waitForBoot(second);
    const third = await context.newPage();
    await third.goto(bookmark);
    await waitForBoot(third);
    expect(await third.getByTestId('home').isVisible()).toBe(true);

    // Nowhere else: not in localStorage, not in a cookie, not in the console.
    expect(await third.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(fg.server.token);
    expect(JSON.stringify(await context.cookies())).not.toContain(fg.server.token);
    expect(logged.join('\n')).not.toContain(fg.server.token);
  } finally {
    await context.close();
  }

  // Another browser session with no Flowgate tab open: the bookmark says how to get a fresh address.
  const alone = await fg.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await alone.newPage();
    await page.goto(new URL('/', fg.server.url).href);
    const error = page.getByTestId('boot-error');
    await error.waitFor({ timeout: WAIT_MS });
    const text = await error.innerText();
    expect(text).toContain('This page has no access key. Open the address that `flowgate serve` printed in its terminal');
    expect(text).toContain('start it again for a new address');
  } finally {
    await alone.close();
  }
});
