// A workflow larger than the canvas draws at once (canvas/firstView.ts, DRAW_AT_ONCE): the first view
// is drawn first and the other steps just after; once every step is drawn, only the steps in view
// stay in the page (so panning stays smooth), a step brought into view appears with its links, and an
// exported diagram (drawn from the document, not copied from the page) still holds every step and link.
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { addNode, connect } from '../../shared/model/edits/graph';
import { blankWorkflow } from '../../shared/model/edits/workflow';
import { serializeWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import { DRAW_AT_ONCE } from '../../renderer/src/canvas/firstView';
import { rasterSize } from '../../renderer/src/canvas/exportImage';
import { command, counts, eventually, fitView, importFile } from './support/editor';
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
const linksInPage = (page: Page) => page.locator('.react-flow__edge').count();

test('a large workflow is drawn view first, keeps the steps in view in the page, and exports whole', async () => {
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
