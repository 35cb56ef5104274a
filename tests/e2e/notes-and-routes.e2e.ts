// Sticky notes (issue 19, "Building" 4): added, written on the canvas, moved, undone, deleted, saved
// and reloaded. Links around steps (5): after Auto-Layout with ELK no link of the support template runs
// behind a step (as several did before), the routes come back when the file is opened again, and a
// moved step's links go back to simple lines. Screenshots in both themes.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../cli/repo';
import { analyze } from '../../shared/analysis/analyze';
import { command, counts, eventually, fitView, newBlank, newFromTemplate, readWorkflowFile, saveAs, selectNode, setTheme, viewportStill, waitForBoot, waitForCanvas } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');
/** ELK's first layout loads and compiles its 1.5 MB engine in the worker: slow on a busy machine. */
const ELK_WAIT_MS = 60_000;
const untilLaidOut = (read: () => Promise<number>, message: string) => expect.poll(read, { timeout: ELK_WAIT_MS, interval: 100, message });

/** The note's box on screen. */
async function noteBox(page: Page) {
  const box = await page.locator('.react-flow__node-note').boundingBox();
  if (!box) throw new Error('no note on screen');
  return box;
}

/**
 * The links whose drawn path runs across a step: points every 6 px along each path, in screen
 * coordinates, inside a step's box (a few pixels in from its border, where links end).
 */
function linksAcrossSteps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const steps = [...document.querySelectorAll<HTMLElement>('.react-flow__node-step')].map((el) => ({ id: el.dataset.id, r: el.getBoundingClientRect() }));
    const out: string[] = [];
    for (const edge of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) continue;
      const length = path.getTotalLength();
      const zoom = matrix.a;
      const inset = 4;
      let across = false;
      for (let d = 0; d <= length && !across; d += 6 / zoom) {
        const p = path.getPointAtLength(d).matrixTransform(matrix);
        across = steps.some(({ r }) => p.x > r.left + inset && p.x < r.right - inset && p.y > r.top + inset && p.y < r.bottom - inset);
      }
      if (across) out.push(edge.dataset.id ?? edge.getAttribute('data-id') ?? '?');
    }
    return out;
  });
}

function routedLinks(page: Page): Promise<number> {
  return page.locator('.react-flow__edge-routed').count();
}

test('a sticky note is written on the canvas, moved, undone, deleted, saved and reloaded; the analysis ignores it', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await page.getByTestId('palette-intake').click();
  await page.getByTestId('palette-note').click();
  await eventually(() => page.locator('.react-flow__node-note').count()).toBe(1);
  await page.getByTestId('inspector-note').waitFor();
  // Written in place: double-click, type, Escape.
  await page.locator('.react-flow__node-note').dblclick();
  await page.getByTestId('note-edit').fill('Refunds over 100 € need the owner.\nAsk Sam.');
  await page.keyboard.press('Escape');
  await eventually(() => page.locator('.note-text').innerText()).toBe('Refunds over 100 € need the owner.\nAsk Sam.');
  expect(await page.getByTestId('field-note-text').inputValue()).toBe('Refunds over 100 € need the owner.\nAsk Sam.');

  // Dragged: one undo step puts it back.
  const before = await noteBox(page);
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 60, before.y + before.height / 2 + 140, { steps: 8 });
  await page.mouse.up();
  await eventually(async () => Math.round((await noteBox(page)).y - before.y)).toBeGreaterThan(100);
  await command(page, 'edit.undo');
  await eventually(async () => Math.round((await noteBox(page)).y - before.y)).toBe(0);

  // Deleted with the Delete key, and back with undo.
  await page.locator('.react-flow__node-note').click();
  await page.keyboard.press('Delete');
  await eventually(() => page.locator('.react-flow__node-note').count()).toBe(0);
  await command(page, 'edit.undo');
  await eventually(() => page.locator('.react-flow__node-note').count()).toBe(1);

  const path = await saveAs(page, 'noted');
  const saved = await readWorkflowFile(path);
  expect(saved.notes).toEqual([expect.objectContaining({ text: 'Refunds over 100 € need the owner.\nAsk Sam.', colour: 'yellow' })]);
  expect(analyze(saved)).toEqual(analyze({ ...saved, notes: undefined }));
  await page.reload();
  await waitForBoot(page);
  await waitForCanvas(page);
  await eventually(() => page.locator('.note-text').innerText()).toBe('Refunds over 100 € need the owner.\nAsk Sam.');

  await mkdir(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await page.locator('.react-flow__node-note').click();
    await page.getByTestId('inspector-note').waitFor();
    await page.screenshot({ path: join(SHOTS, `sticky-note-${theme}.png`) });
  }
});

test('after Auto-Layout with ELK no link runs behind a step; routes come back on reopening; a moved step lets go of them', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await fitView(page);
  // As shipped, several links (into "Human triage" above all) run behind other steps.
  expect((await linksAcrossSteps(page)).length).toBeGreaterThan(0);
  expect(await routedLinks(page)).toBe(0);

  await command(page, 'view.layout');
  const { links } = await counts(page);
  await untilLaidOut(() => routedLinks(page), 'every link routed').toBe(links);
  await fitView(page);
  expect(await linksAcrossSteps(page)).toEqual([]);

  await mkdir(SHOTS, { recursive: true });
  // Closer, on the middle of the workflow, where the links to "Human triage" gather below the steps.
  for (let i = 0; i < 3; i++) await page.locator('.react-flow__controls-zoomin').click();
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await eventually(() => viewportStill(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, `links-around-steps-${theme}.png`) });
  }
  await setTheme(page, 'light');

  // Saved and opened again: the same layout, the same routes.
  await saveAs(page, 'laid-out');
  await page.reload();
  await waitForBoot(page);
  await waitForCanvas(page);
  await untilLaidOut(() => routedLinks(page), 'the routes are back').toBe(links);

  // One step nudged with the keyboard: its own links are simple lines again, the others keep their routes.
  const triage = (await page.locator('.react-flow__node').filter({ hasText: 'Human triage' }).getAttribute('data-id'))!;
  await selectNode(page, triage);
  await page.locator(`.react-flow__node[data-id="${triage}"]`).focus();
  await page.keyboard.press('ArrowDown');
  const saved = await readWorkflowFile(await page.getByTestId('status-path').innerText());
  const touching = saved.edges.filter((e) => e.source === triage || e.target === triage).length;
  expect(touching).toBeGreaterThan(3);
  await eventually(() => routedLinks(page), 'the moved step lets go of its routes').toBe(links - touching);
  // Undo puts it back, and its links on their routes.
  await command(page, 'edit.undo');
  await eventually(() => routedLinks(page), 'back on their routes').toBe(links);
});
