// Collects what went wrong in a page that no assertion looked at: uncaught exceptions, console
// errors and error toasts. A test fails on any of them unless it said it expects that one.
import type { Page } from 'playwright-core';

export interface ErrorWatch {
  /** The problems seen so far, including error toasts still on screen, minus the `allowed` ones. */
  problems(allowed: readonly RegExp[]): Promise<string[]>;
}

export function watchErrors(page: Page): ErrorWatch {
  const seen: string[] = [];
  page.on('pageerror', (e) => seen.push(`uncaught ${e.name}: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.push(`console.error: ${msg.text()}`);
  });
  page.on('crash', () => seen.push('the page crashed'));
  return {
    async problems(allowed) {
      // Error toasts stay until dismissed, so the ones still shown are exactly those nobody handled.
      const toasts = page.isClosed() ? [] : await page.getByTestId('toast-error').allTextContents().catch(() => []);
      return [...seen, ...toasts.map((t) => `error toast: ${t}`)].filter((p) => !allowed.some((re) => re.test(p)));
    },
  };
}
