// The memory of a page's renderer process: its resident set (what the system gives the process,
// Chromium's own code and the page's DOM, layout and JavaScript together) read from /proc, and the
// JavaScript heap from the page's DevTools session. Linux only; elsewhere the resident set is null.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';

export interface RendererMemory {
  /** Resident set of the largest renderer process of the browser (the page under test: the others are Chromium's small UI pages), MB. */
  residentMB: number | null;
  /** Used JavaScript heap of the page after a garbage collection, MB. */
  heapMB: number;
}

async function residentMB(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const m = status && /^VmRSS:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : null;
}

/** The page's renderer memory, after a garbage collection so that garbage of the opening is not counted. */
export async function rendererMemory(browser: Browser, page: Page): Promise<RendererMemory> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const heap = await session.send('Runtime.getHeapUsage');
  await session.detach();
  const system = await browser.newBrowserCDPSession();
  const info = (await system.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await system.detach();
  let largest: number | null = null;
  for (const p of info.processInfo) {
    if (p.type !== 'renderer') continue;
    const mb = await residentMB(p.id);
    if (mb !== null && (largest === null || mb > largest)) largest = mb;
  }
  return { residentMB: largest, heapMB: heap.usedSize / 1024 / 1024 };
}
