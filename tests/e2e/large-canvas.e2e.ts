// A workflow larger than the canvas draws at once (canvas/firstView.ts, DRAW_AT_ONCE) is drawn
// virtualised: every step is placed with the size and handles it will have (canvas/geometry.ts), only
// the steps in view are in the page (so opening and panning stay quick), a step brought into view
// appears with its links, and an exported diagram (drawn from the document, not copied from the page)
// still holds every step and link. Zoomed out, steps are drawn as boxes, then as bare boxes
// (canvas/StepBox.tsx). Ten thousand steps open, and a step in view can be clicked.
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { addNode, connect } from '../../shared/model/edits/graph';
import { blankWorkflow } from '../../shared/model/edits/workflow';
import { serializeWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import { DRAW_AT_ONCE } from '../../renderer/src/canvas/firstView';
import { stepGeometry } from '../../renderer/src/canvas/geometry';
import { SIMPLE_BELOW, TINY_BELOW } from '../../renderer/src/canvas/StepBox';
import { generateWorkflow } from '../fixtures/generate-workflow';
import { rasterSize } from '../../renderer/src/canvas/exportImage';
import { command, counts, eventually, fitView, importFile, viewportStill } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const COLUMNS = 16;
const ROWS = 13;

/** Rows of steps, each an intake followed by escalations, linked left to right. */
function grid(): Workflow {
  let wf = { ...blankWorkflow('large-grid'), name: 'Large grid' };
  for (let r = 0; r < ROWS; r++) {
    let previous: string | null = null;
    for (let c = 0; c < COLUMNS; c++) {
      const added = addNode(wf, c === 0 ? 'intake' : 'escalation', { x: c * 300, y: r * 200 });
      wf = added.workflow;
      if (previous) {
        const linked = connect(wf, { source: previous, sourceHandle: 'out', target: added.id });
        if (!linked.ok) throw new Error(linked.reason);
        wf = linked.workflow;
      }
      previous = added.id;
    }
  }
  return wf;
}

const nodesInPage = (page: Page) => page.locator('.react-flow__node').count();
const stepsInPage = (page: Page) => page.locator('.react-flow__node-step').count();

function zoomOf(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => Number(/scale\(([\d.e-]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? NaN));
}

/** Zooms with the canvas's − or + button until the zoom is below (or at least) `zoom`, and waits until the view is still. */
async function zoomPast(page: Page, zoom: number, direction: 'out' | 'in'): Promise<number> {
  for (let i = 0; i < 40; i++) {
    const now = await zoomOf(page);
    if (direction === 'out' ? now < zoom : now >= zoom) break;
    await page.locator(`.react-flow__controls-zoom${direction}`).click();
    await eventually(() => viewportStill(page), 'the view stopped moving').toBe(true);
  }
  return zoomOf(page);
}

/** How each step in the page is drawn: its \`data-detail\` (box, tiny) or "full". */
function detailsInPage(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node-step').evaluateAll((els) => [...new Set(els.map((el) => el.querySelector('.step')?.getAttribute('data-detail') ?? 'full'))].sort());
}
const linksInPage = (page: Page) => page.locator('.react-flow__edge').count();

test('a large workflow keeps only the steps in view in the page, fits whole, and exports whole', async () => {
  const wf = grid();
  expect(wf.nodes.length).toBeGreaterThan(DRAW_AT_ONCE);
  const page = await fg.openApp();
  await importFile(page, 'large-grid.flowgate.json', serializeWorkflow(wf));
  await eventually(() => page.getByTestId('canvas').getAttribute('data-drawn'), 'every step drawn').toBe('all');
  expect(await counts(page)).toEqual({ steps: wf.nodes.length, links: wf.edges.length });

  // The first view starts at the left end at a readable zoom, centred on the grid's height: a part of
  // the grid, drawn and measured, with the middle row's intake.
  const shown = await nodesInPage(page);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(wf.nodes.length);
  const hidden = await page.locator('.react-flow__node').evaluateAll((els) => els.filter((el) => (el as HTMLElement).style.visibility === 'hidden').length);
  expect(hidden).toBe(0);
  const middleIntake = wf.nodes[Math.floor(ROWS / 2) * COLUMNS];
  expect(middleIntake.kind).toBe('intake');
  expect(await page.locator(`.react-flow__node[data-id="${middleIntake.id}"]`).count()).toBe(1);

  // The diagram export holds every step and link, drawn from the document: the page keeps only the
  // steps in view meanwhile.
  const [svgFile] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), command(page, 'file.exportSvg')]);
  const svg = await readFile((await svgFile.path())!, 'utf8');
  expect(svg.match(/<g class="node" /g)?.length).toBe(wf.nodes.length);
  expect(svg.match(/marker-end="url\(#/g)?.length).toBe(wf.edges.length);
  expect(await nodesInPage(page)).toBe(shown);

  // The PNG is that picture rasterised: a real PNG, twice the SVG's size unless that is too large to draw.
  const [pngFile] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), command(page, 'file.exportPng')]);
  const png = await readFile((await pngFile.path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  const svgWidth = Number(/<svg [^>]*?\swidth="(\d+)"/.exec(svg)![1]);
  const svgHeight = Number(/<svg [^>]*?\sheight="(\d+)"/.exec(svg)![1]);
  expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(rasterSize(svgWidth, svgHeight));

  // Fitted, every step is in view: all are in the page, with every link.
  await fitView(page);
  await eventually(() => nodesInPage(page), 'every step in view is in the page').toBe(wf.nodes.length);
  await eventually(() => linksInPage(page), 'every link in view is in the page').toBe(wf.edges.length);
});

test('steps are drawn with the size they were placed with, and zoomed out as boxes, then bare boxes', async () => {
  const wf = grid();
  const page = await fg.openApp();
  await importFile(page, 'large-grid.flowgate.json', serializeWorkflow(wf));
  await eventually(() => page.getByTestId('canvas').getAttribute('data-drawn'), 'every step drawn').toBe('all');

  // A workflow this wide opens at 40 %, where steps are boxes; zoomed in to a readable size, the full
  // steps are drawn, each with the size it was placed with before it was drawn.
  expect(await zoomOf(page)).toBeLessThan(SIMPLE_BELOW);
  expect(await detailsInPage(page)).toEqual(['box']);
  expect(await zoomPast(page, SIMPLE_BELOW, 'in')).toBeGreaterThanOrEqual(SIMPLE_BELOW);
  await eventually(() => detailsInPage(page), 'full steps').toEqual(['full']);
  const drawn = await page.locator('.react-flow__node-step').evaluateAll((els) => els.map((el) => ({ id: (el as HTMLElement).dataset.id!, width: (el as HTMLElement).offsetWidth, height: (el as HTMLElement).offsetHeight })));
  expect(drawn.length).toBeGreaterThan(0);
  const byId = new Map(wf.nodes.map((n) => [n.id, n]));
  for (const d of drawn) {
    const g = stepGeometry(byId.get(d.id)!);
    expect({ id: d.id, width: d.width, height: Math.abs(d.height - g.height) <= 1 }).toEqual({ id: d.id, width: g.width, height: true });
  }

  // Below SIMPLE_BELOW: boxes with the kind's icon and label, no summary or output names.
  const boxZoom = await zoomPast(page, SIMPLE_BELOW, 'out');
  expect(boxZoom).toBeLessThan(SIMPLE_BELOW);
  expect(boxZoom).toBeGreaterThanOrEqual(TINY_BELOW); // one click zooms by 1.2
  await eventually(() => detailsInPage(page), 'steps drawn as boxes').toEqual(['box']);
  const box = page.locator('.react-flow__node-step .step-box').first();
  expect(await box.locator('.step-box-label').count()).toBe(1);
  expect(await box.locator('.step-summary, .step-outputs').count()).toBe(0);
  // Below TINY_BELOW: boxes without text.
  expect(await zoomPast(page, TINY_BELOW, 'out')).toBeLessThan(TINY_BELOW);
  await eventually(() => detailsInPage(page), 'steps drawn as bare boxes').toEqual(['tiny']);
  expect(await page.locator('.react-flow__node-step .step-box-label').count()).toBe(0);
  // Links still reach the steps: every link in view is drawn.
  expect(await page.locator('.react-flow__edge').count()).toBeGreaterThan(0);

  // Back at a readable zoom, the full steps again.
  expect(await zoomPast(page, SIMPLE_BELOW, 'in')).toBeGreaterThanOrEqual(SIMPLE_BELOW);
  await eventually(() => detailsInPage(page), 'full steps again').toEqual(['full']);
});

test('a workflow of 10,000 steps opens, and a step in view can be clicked', { timeout: 300_000 }, async () => {
  const wf = generateWorkflow({ nodes: 10_000, variant: 'clean', seed: 1 });
  const page = await fg.openApp();
  await importFile(page, 'ten-thousand.flowgate.json', serializeWorkflow(wf));
  await expect.poll(() => page.getByTestId('canvas').getAttribute('data-drawn'), { timeout: 180_000, interval: 200, message: 'every step drawn' }).toBe('all');
  expect(await counts(page)).toEqual({ steps: wf.nodes.length, links: wf.edges.length });
  // Only the steps in view are in the page, and the minimap paints all of them.
  const shown = await stepsInPage(page);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(1_000);
  await page.getByTestId('canvas-minimap').waitFor({ timeout: 60_000 });

  // A step wholly in view (a box at the first view's 40 %), clicked, is selected and shown in the inspector.
  const target = await page.getByTestId('canvas').evaluate((canvas) => {
    const c = canvas.getBoundingClientRect();
    const inside = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node-step')].find((n) => {
      const r = n.getBoundingClientRect();
      return r.left > c.left + 20 && r.top > c.top + 20 && r.right < c.right - 220 && r.bottom < c.bottom - 170;
    });
    return inside?.dataset.id ?? null;
  });
  expect(target).not.toBeNull();
  const node = page.locator(`.react-flow__node[data-id="${target}"]`);
  const kind = await node.locator('.step').getAttribute('data-kind');
  await node.click({ timeout: 60_000 });
  await page.getByTestId(`inspector-${kind}`).waitFor({ timeout: 60_000 });
  expect(await node.getAttribute('class')).toContain('selected');
});
