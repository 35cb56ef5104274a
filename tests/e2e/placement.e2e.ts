// Added steps do not pile up (issue 19, "Building" 2): a step added by a click in the palette goes to a
// free place near the selection, or near the middle of the view; the next step goes right of its step;
// pasted copies go to a free place under a name of their own. Checked on the boxes the page draws.
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { counts, eventually, newBlank, nodeIds, stepsOutsideCanvas } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();

/** Pairs of steps whose boxes overlap on screen. */
function overlappingSteps(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => {
    const boxes = els.map((el) => ({ id: el.getAttribute('data-id'), r: el.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].r, boxes[j].r];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`${boxes[i].id}/${boxes[j].id}`);
      }
    return out;
  });
}

/** The labels of the steps, in document order. */
function labels(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node .step-label').allInnerTexts();
}

async function addFromPalette(page: Page, kind: string): Promise<void> {
  const before = (await counts(page)).steps;
  await page.getByTestId(`palette-${kind}`).click();
  await eventually(async () => (await counts(page)).steps).toBe(before + 1);
}

test('steps clicked in the palette go to a free place: near the selection, or the middle of the view', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  // Each new step is selected, so the next one goes beside it.
  for (const kind of ['intake', 'ai', 'decision', 'approval', 'end']) await addFromPalette(page, kind);
  await eventually(() => page.locator('.react-flow__node').count()).toBe(5);
  expect(await overlappingSteps(page)).toEqual([]);
  // Nothing selected: near the middle of the view, still on no other step, and in view.
  await page.keyboard.press('Escape');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Escape');
    await addFromPalette(page, 'escalation');
  }
  await eventually(() => page.locator('.react-flow__node').count()).toBe(9);
  expect(await overlappingSteps(page)).toEqual([]);
  const added = (await nodeIds(page)).slice(5);
  const outside = await stepsOutsideCanvas(page);
  for (const id of added) expect(outside).not.toContain(id);
});

test('the next steps after each output of a step go right of it, one below the other', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await addFromPalette(page, 'approval');
  const [approval] = await nodeIds(page);
  for (const handle of ['approved', 'rejected', 'timeout']) {
    await page.locator('.react-flow__node').filter({ has: page.getByTestId(`node-${approval}`) }).locator('.step-head').click();
    await page.getByTestId(`next-step-plus-${handle}`).click();
    await page.getByTestId('next-step-list-option').filter({ hasText: 'End' }).first().click();
    await page.getByTestId('next-step-picker').waitFor({ state: 'detached' });
  }
  await eventually(() => counts(page)).toEqual({ steps: 4, links: 3 });
  expect(await overlappingSteps(page)).toEqual([]);
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  for (const b of boxes.slice(1)) expect(b.left).toBeGreaterThan(boxes[0].right);
});

test('pasted copies go to a free place and are named "… (copy)"', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await addFromPalette(page, 'ai');
  await addFromPalette(page, 'end');
  expect(await labels(page)).toEqual(['AI step', 'End']);
  // Both selected, copied, pasted twice, with the keyboard.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await eventually(async () => (await counts(page)).steps).toBe(4);
  await page.keyboard.press('Control+v');
  await eventually(async () => (await counts(page)).steps).toBe(6);
  await eventually(() => page.locator('.react-flow__node').count()).toBe(6);
  expect(await labels(page)).toEqual(['AI step', 'End', 'AI step (copy)', 'End (copy)', 'AI step (copy 2)', 'End (copy 2)']);
  expect(await overlappingSteps(page)).toEqual([]);
  // Duplicate (Ctrl+D) of the last copies, likewise.
  await page.keyboard.press('Control+d');
  await eventually(async () => (await counts(page)).steps).toBe(8);
  await eventually(() => page.locator('.react-flow__node').count()).toBe(8);
  expect((await labels(page)).slice(6)).toEqual(['AI step (copy 3)', 'End (copy 3)']);
  expect(await overlappingSteps(page)).toEqual([]);
});
