// Flowgate in browser mode for the benchmark: the real backend and HTTP server, in this process, over a
// temp workspace holding the workflow; and opening that workflow the way a user does (Open… on the
// start page, then the file in the dialog).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { RESOURCES_DIR, appVersion } from '../../cli/repo';
import { createBackend } from '../../electron/backend/backend';
import { startServer } from '../../electron/server/server';
import { probe } from './page-probe';

export interface RunningFlowgate {
  url: string;
  close(): Promise<void>;
}

/** `files`: workflow files by name, written into the workspace; `staticDir`: a build of the renderer (see bench/bundle.ts). */
export async function startFlowgate(files: Record<string, string>, staticDir: string): Promise<RunningFlowgate> {
  const dir = await mkdtemp(join(tmpdir(), 'flowgate-bench-web-'));
  const workspaceDir = join(dir, 'workspace');
  const backend = await createBackend({ mode: 'browser', dataDir: join(dir, 'data'), workspaceDir, resourcesDir: RESOURCES_DIR, version: appVersion() });
  for (const [name, text] of Object.entries(files)) await writeFile(join(workspaceDir, name), text);
  const server = await startServer({ backend, port: 0, staticDir });
  return {
    url: server.url,
    async close() {
      await server.close();
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface OpenTimings {
  /** Navigation → the start page can be used. */
  home: number;
  /** Navigation → the first view drawn: every step in it rendered and measured. */
  rendered: number;
  /** Navigation → a click on a node selected it: the canvas is interactive. */
  interactive: number;
  /** Navigation → every step drawn and measured (Flowgate draws the steps out of view after the first view). */
  complete: number;
}

/**
 * Navigates to Flowgate and opens the workflow through the UI; times are from just before the
 * navigation. The clicks are made as soon as their target appears, so the time is the app's own.
 * Once every step is drawn, checks that the whole workflow was opened and that none of the steps on
 * screen was missing when the first view was declared drawn.
 */
export async function openInFlowgate(page: Page, url: string, file: string, nodeCount: number, timeout = 30_000): Promise<OpenTimings> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByTestId('home-open').click({ timeout });
  const home = performance.now() - t0;
  await page.locator(`[data-testid="open-item"][data-path$="${file}"]`).click({ timeout });
  await probe.waitViewDrawn(page, timeout);
  const rendered = performance.now() - t0;
  await clickToSelect(page, timeout);
  const interactive = performance.now() - t0;
  await probe.waitAllDrawn(page, timeout);
  const complete = performance.now() - t0;
  const steps = await probe.stepCount(page);
  if (steps !== nodeCount) throw new Error(`Flowgate shows ${steps ?? 'no'} steps, not the ${nodeCount} of the file`);
  const missed = await probe.missedInView(page);
  if (missed.length) throw new Error(`the first view was declared drawn while ${missed.length} of the steps on screen were missing (${missed.slice(0, 5).join(', ')})`);
  return { home, rendered, interactive, complete };
}

/** Clicks the node nearest the centre and waits until it shows as selected. */
export async function clickToSelect(page: Page, timeout: number): Promise<void> {
  const node = await probe.pickNode(page, 40);
  if (!node) throw new Error('no node is fully visible on the canvas to click');
  await page.mouse.click(node.x, node.y);
  await probe.waitSelected(page, node.id, timeout);
}

/**
 * Exports the open workflow's diagram from the toolbar and times the click → the browser's download,
 * in the format asked for; returns the time and the size of the file. Downloads must be accepted by
 * the page's context.
 */
export async function timeDiagramExport(page: Page, kind: 'svg' | 'png', timeout: number): Promise<{ ms: number; bytes: number }> {
  const id = kind === 'svg' ? 'file.exportSvg' : 'file.exportPng';
  const button = page.getByTestId(`tb-${id}`);
  // The toolbar keeps the exports in its Export menu: open it first (not timed).
  if (!(await button.isVisible())) await page.locator(`[data-commands~="${id}"]`).first().click({ timeout });
  const t0 = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), button.click({ timeout })]);
  const path = await download.path();
  const ms = performance.now() - t0;
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(path));
  return { ms, bytes: size };
}
