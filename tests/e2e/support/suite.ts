// One e2e file's fixture: call `useFlowgate()` at the top of the file. It starts the real backend and
// server over a fresh temp folder and one Chromium for the whole file; each `openApp()` gets a fresh
// browser context (its own sessionStorage), and every test fails on unexpected page errors.
//
//   const fg = useFlowgate();
//   test('…', async () => {
//     const page = await fg.openApp();
//     await newBlank(page);
//     const intake = await dragFromPalette(page, 'intake', 200, 200);
//   });
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, VIEWPORT } from './browser';
import { openApp, WAIT_MS } from './editor';
import { watchErrors, type ErrorWatch } from './errors';
import { startFlowgate, type FlowgateServer } from './server';

export interface PageOptions {
  /** What the page reports as the system theme (the app's "system" setting follows it). */
  colorScheme?: 'light' | 'dark';
}

export interface Flowgate {
  /** The running server (address, temp workspace folder); only inside tests and hooks. */
  readonly server: FlowgateServer;
  readonly browser: Browser;
  /** A new page in a new context, already showing the app (start page, or the reopened file). */
  openApp(options?: PageOptions): Promise<Page>;
  /** A new page in a new context, not navigated yet. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Errors matching `pattern` are expected in the current test. */
  allowErrors(pattern: RegExp): void;
}

export function useFlowgate(): Flowgate {
  let server: FlowgateServer | null = null;
  let browser: Browser | null = null;
  let open: { context: BrowserContext; errors: ErrorWatch }[] = [];
  let allowed: RegExp[] = [];

  beforeAll(async () => {
    // Independent, so started together; whichever started is closed in afterAll even if the other failed.
    const [s, b] = await Promise.allSettled([startFlowgate(), launchChromium()]);
    if (s.status === 'fulfilled') server = s.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (s.status === 'rejected') throw s.reason;
    if (b.status === 'rejected') throw b.reason;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    const pages = open;
    const expected = allowed;
    open = [];
    allowed = [];
    const problems = (await Promise.all(pages.map((p) => p.errors.problems(expected)))).flat();
    await Promise.all(pages.map((p) => p.context.close()));
    // Closing a context is a kill to Flowgate: unsaved work stays in its crash-recovery journal and
    // would be offered to the next test. Each test starts like a clean first start instead.
    if (server) await rm(join(server.dataDir, 'journal'), { recursive: true, force: true });
    if (problems.length) throw new Error(`Unexpected errors in the page:\n  ${problems.join('\n  ')}`);
  });

  const fg: Flowgate = {
    get server() {
      if (!server) throw new Error('The Flowgate server is not running (use it inside a test).');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not running (use it inside a test).');
      return browser;
    },
    async newPage(options = {}) {
      const context = await fg.browser.newContext({ viewport: VIEWPORT, colorScheme: options.colorScheme ?? 'light' });
      context.setDefaultTimeout(WAIT_MS);
      const page = await context.newPage();
      open.push({ context, errors: watchErrors(page) });
      return page;
    },
    async openApp(options) {
      const page = await fg.newPage(options);
      await openApp(page, fg.server.url);
      return page;
    },
    allowErrors(pattern) {
      allowed.push(pattern);
    },
  };
  return fg;
}
