// Page-level helpers that act like a user: open the app, start a workflow, drag steps from the
// palette, draw links with the mouse, save. Each waits for the app's own state, never a timer.
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { loadWorkflow } from '../../../shared/model/load';
import type { NodeKind, Workflow } from '../../../shared/model/schema';
import type { CommandId } from '../../../shared/api/commands';

/** Generous for a loaded 2-core machine; the waits end as soon as the state is there. */
export const WAIT_MS = 15_000;

/** Polls `read` until the matcher chained after it passes (vitest's expect.poll, with the e2e timeout). */
export function eventually<T>(read: () => Promise<T> | T, message?: string) {
  return expect.poll(read, { timeout: WAIT_MS, interval: 50, message });
}

/** Goes to the app's address (with its token) and waits until it has started: home or editor. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForBoot(page);
}

/** After a load or reload: the start page or the canvas is shown (not "Starting Flowgate…"). */
export async function waitForBoot(page: Page): Promise<void> {
  await page.locator('[data-testid="home"], [data-testid="canvas"], [data-testid="boot-error"]').first().waitFor({ timeout: WAIT_MS });
  if (await page.getByTestId('boot-error').isVisible()) throw new Error(`Flowgate did not start: ${await page.getByTestId('boot-error').innerText()}`);
}

/** Clicks a toolbar (or start page tool) button by command id, e.g. 'file.saveAs'; a command in a toolbar menu (Export ▾) opens that menu first. */
export async function command(page: Page, id: CommandId): Promise<void> {
  const button = page.getByTestId(`tb-${id}`);
  if (!(await button.isVisible())) {
    const menu = page.locator(`[data-commands~="${id}"]`);
    if (await menu.count()) await menu.first().click();
  }
  await button.click();
}

/** Back to the start page (the workflow must be saved, or the unsaved-changes question appears). */
export async function goHome(page: Page): Promise<void> {
  await command(page, 'file.home');
  await page.getByTestId('home').waitFor({ timeout: WAIT_MS });
}

/** From the start page: a new, empty workflow. */
export async function newBlank(page: Page): Promise<void> {
  await page.getByTestId('home-new-blank').click();
  await page.getByTestId('canvas').waitFor({ timeout: WAIT_MS });
}

/** From the start page: a new workflow from a template, with all its steps drawn. */
export async function newFromTemplate(page: Page, id: string): Promise<void> {
  await page.getByTestId(`template-${id}`).click();
  await waitForCanvas(page);
  await eventually(() => page.locator('.react-flow__node').count(), `template ${id} has steps`).toBeGreaterThan(0);
}

/** The canvas shows exactly the steps and links the status bar counts, and each step has been measured. */
export async function waitForCanvas(page: Page): Promise<void> {
  await page.getByTestId('canvas').waitFor({ timeout: WAIT_MS });
  await eventually(async () => {
    const c = await counts(page);
    // Steps only: sticky notes are drawn as React Flow nodes too.
    const drawn = await page.locator('.react-flow__node-step').evaluateAll((els) => els.filter((el) => (el as HTMLElement).style.visibility !== 'hidden').length);
    return drawn === c.steps && (await page.locator('.react-flow__edge').count()) === c.links;
  }, 'canvas matches the status bar').toBe(true);
}

/** Steps and links of the open workflow, as the status bar counts them. */
export async function counts(page: Page): Promise<{ steps: number; links: number }> {
  const text = await page.getByTestId('status-counts').innerText();
  const m = /(\d+) steps? · (\d+) links?/.exec(text);
  if (!m) throw new Error(`Unexpected status bar counts: "${text}"`);
  return { steps: Number(m[1]), links: Number(m[2]) };
}

export function nodeLocator(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** Ids of the steps on the canvas, in document order. */
export function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node-step').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
}

/**
 * Drags a step kind from the palette onto the canvas with a real HTML5 drag and drop; `x`, `y` are
 * relative to the canvas's top-left corner. Returns the new step's id.
 */
export async function dragFromPalette(page: Page, kind: NodeKind, x: number, y: number): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
  let added: string[] = [];
  await eventually(async () => {
    added = (await nodeIds(page)).filter((id) => !before.has(id));
    return added.length;
  }, `a ${kind} step was dropped`).toBe(1);
  await nodeLocator(page, added[0]).waitFor({ timeout: WAIT_MS });
  return added[0];
}

/** The output handle `handleId` of a step, e.g. ('n2', 'ok'). */
export function outputHandle(page: Page, nodeId: string, handleId: string): Locator {
  return nodeLocator(page, nodeId).locator(`.react-flow__handle.source[data-handleid="${handleId}"]`);
}

/**
 * Draws a link with the mouse: from a step's output handle to the target step's input handle (or,
 * when it has none, like an intake, to the middle of the step). Does not check the outcome.
 */
export async function connect(page: Page, sourceId: string, handleId: string, targetId: string): Promise<void> {
  const from = await centre(outputHandle(page, sourceId, handleId));
  const input = nodeLocator(page, targetId).locator('.react-flow__handle.target');
  const to = await centre((await input.count()) ? input : nodeLocator(page, targetId));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // Several steps, so React Flow sees a drag (not a click) and tracks the nearest handle.
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

/** The middle of an element on screen. No scrolling: React Flow pans, and a scrolled pane would misplace everything. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`Not on screen: ${locator}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Selects one step by clicking its title and waits for its form in the inspector. */
export async function selectNode(page: Page, id: string): Promise<void> {
  const node = nodeLocator(page, id);
  const kind = await node.locator('.step').getAttribute('data-kind');
  const form = page.getByTestId(`inspector-${kind}`);
  await node.locator('.step-head').click();
  // A click just after a reload on a busy machine once selected nothing (CI, 2026-12-08; not reproduced
  // under load since): while the step is not selected it is clicked again, until its form shows.
  await eventually(async () => {
    if (await form.isVisible()) return true;
    if (!(await node.evaluate((el) => el.classList.contains('selected')))) await node.locator('.step-head').click();
    return form.isVisible();
  }, `the ${kind} form of ${id} in the inspector`).toBe(true);
}

/** Browser mode's Save As: names the file in the workspace folder; returns the saved path. */
export async function saveAs(page: Page, name: string): Promise<string> {
  await command(page, 'file.saveAs');
  const dialog = page.getByTestId('dialog-save-as');
  await dialog.getByTestId('save-as-name').fill(name);
  await dialog.getByTestId('save-as-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
  await waitSaved(page);
  return page.getByTestId('status-path').innerText();
}

/** Waits until the status bar says everything is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await eventually(() => page.getByTestId('status-save').innerText(), 'saved').toBe('All changes saved');
}

/** Imports a file through File → Import's file chooser. */
export async function importFile(page: Page, name: string, content: string): Promise<void> {
  await page.locator('#fg-import-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content, 'utf8') });
}

/** Reads a workflow file the app wrote, through the app's own loader (so it must be valid too). */
export async function readWorkflowFile(path: string): Promise<Workflow> {
  return loadWorkflow(await readFile(path, 'utf8')).workflow;
}

/** Fits the whole workflow into view and waits until the fit animation has finished. */
export async function fitView(page: Page): Promise<void> {
  await command(page, 'view.fit');
  await eventually(async () => (await stepsOutsideCanvas(page)).length, 'every step in view').toBe(0);
  await eventually(() => viewportStill(page), 'the view stopped moving').toBe(true);
}

/** Ids of the steps not wholly inside the visible canvas. */
export async function stepsOutsideCanvas(page: Page): Promise<string[]> {
  return page.getByTestId('canvas').evaluate((canvas) => {
    const c = canvas.getBoundingClientRect();
    return [...canvas.querySelectorAll<HTMLElement>('.react-flow__node-step')]
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return r.left < c.left || r.top < c.top || r.right > c.right || r.bottom > c.bottom;
      })
      .map((n) => n.dataset.id ?? '');
  });
}

/** True when the canvas's pan and zoom did not change over two animation frames. */
export function viewportStill(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
        const before = viewport?.style.transform;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(!!viewport && viewport.style.transform === before)));
      }),
  );
}

/** Sets the theme in Settings (stored by the backend) and waits until the page shows it. */
export async function setTheme(page: Page, theme: 'light' | 'dark' | 'system'): Promise<void> {
  await command(page, 'view.settings');
  const dialog = page.getByTestId('dialog-settings');
  await dialog.getByTestId(`settings-theme-${theme}`).check();
  await dialog.getByTestId('settings-done').click();
  await dialog.waitFor({ state: 'detached' });
  if (theme !== 'system') await eventually(() => page.locator('html').getAttribute('data-theme'), `theme ${theme}`).toBe(theme);
}
