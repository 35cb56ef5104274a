// Templates and opened files start fitted, in Chromium: in a window wide enough for the whole workflow
// at 40 % or more it is all in view; in a smaller one it starts at 40 % from the intake. Zoom to fit
// leaves small margins. The minimap follows the canvas's size, can be closed, and is away while the
// Problems panel is open. Heat-map figures keep a readable size zoomed out. Screenshots, light and
// dark, go to /tmp/fg-shots/.
import { mkdir } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { addNode } from '../../shared/model/edits/graph';
import { blankWorkflow } from '../../shared/model/edits/workflow';
import { serializeWorkflow } from '../../shared/model/load';
import { command, eventually, fitView, importFile, newFromTemplate, nodeLocator, openApp, saveAs, setTheme, stepsOutsideCanvas, viewportStill, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = '/tmp/fg-shots';

const zoomOf = async (page: Page) => Number((await page.getByTestId('status-zoom').innerText()).replace('%', ''));

/** The margins (screen px) between the steps' box and the canvas's edges. */
function margins(page: Page) {
  return page.getByTestId('canvas').evaluate((canvas) => {
    const c = canvas.getBoundingClientRect();
    const boxes = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => n.getBoundingClientRect());
    const left = Math.min(...boxes.map((b) => b.left));
    const right = Math.max(...boxes.map((b) => b.right));
    const top = Math.min(...boxes.map((b) => b.top));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    return { left: left - c.left, right: c.right - right, top: top - c.top, bottom: c.bottom - bottom };
  });
}

test('a template opens at 40 % from its intake when it does not fit, and whole in a window where it does', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await eventually(() => viewportStill(page), 'the first view is set').toBe(true);
  // 1440 × 900: the template would need 26 %, so it starts at 40 %, its intake at the left, in full.
  expect(await zoomOf(page)).toBe(40);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const intake = (await nodeLocator(page, 'n1').boundingBox())!;
  expect(intake.x - canvas.x).toBeGreaterThanOrEqual(40);
  expect(intake.x - canvas.x).toBeLessThanOrEqual(56);
  expect(await stepsOutsideCanvas(page)).not.toContain('n1');
  // From the intake to the supervisor's gate, the main path is in view; only steps further right are not.
  const outside = await stepsOutsideCanvas(page);
  for (const id of ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8']) expect(outside, id).not.toContain(id);
  await page.screenshot({ path: `${SHOTS}/first-view-40-light.png` });

  // Zoom to fit: everything in view with small margins, at least 20 px and at most 60 px on the tighter side.
  await fitView(page);
  const m = await margins(page);
  for (const side of Object.values(m)) expect(side).toBeGreaterThanOrEqual(20);
  expect(Math.min(m.left, m.right)).toBeLessThanOrEqual(60);

  // A window of 1920 × 1080: the whole template at 40 % or more, from the first frame.
  const browser = await launchChromium();
  try {
    const wide = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await openApp(wide, fg.server.url);
    await newFromTemplate(wide, 'support-ticket-triage');
    await eventually(() => viewportStill(wide), 'the first view is set').toBe(true);
    expect(await stepsOutsideCanvas(wide)).toEqual([]);
    expect(await zoomOf(wide)).toBeGreaterThanOrEqual(40);
    await wide.screenshot({ path: `${SHOTS}/first-view-wide-light.png` });
  } finally {
    await browser.close();
  }
});

test('a small file opens with all of it in view', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  // A small workflow, imported: all of it in view, as close as fits (never above 110 %).
  let small = blankWorkflow('small', 'Three steps');
  for (const [kind, x] of [['intake', 0], ['ai', 320], ['end', 640]] as const) small = addNode(small, kind, { x, y: 0 }).workflow;
  await importFile(page, 'three-steps.flowgate.json', serializeWorkflow(small));
  await page.getByTestId('canvas').waitFor({ timeout: WAIT_MS });
  await eventually(() => viewportStill(page), 'the first view is set').toBe(true);
  await eventually(() => page.locator('.react-flow__node').count()).toBe(3);
  expect(await stepsOutsideCanvas(page)).toEqual([]);
  expect(await zoomOf(page)).toBeGreaterThan(40);
  expect(await zoomOf(page)).toBeLessThanOrEqual(110);
  const m = await margins(page);
  expect(Math.min(m.left, m.right)).toBeLessThanOrEqual(60);
});

test('a file opened again starts at 40 % from its intake when it does not fit, and the minimap follows the canvas and the Problems panel', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'risky-support-bot');
  await saveAs(page, 'first-view-risky');
  await page.reload();
  await page.getByTestId('canvas').waitFor({ timeout: WAIT_MS });
  await eventually(() => viewportStill(page), 'the first view is set').toBe(true);
  // 2,040 px of steps need 38 % here: too small, so the file starts at 40 % from its intake.
  expect(await zoomOf(page)).toBe(40);
  expect(await stepsOutsideCanvas(page)).not.toContain('n1');

  // The minimap: at most 200 px wide, in the corner, with its own close button.
  const minimap = page.locator('.react-flow__minimap');
  await minimap.waitFor({ timeout: WAIT_MS });
  const big = (await minimap.boundingBox())!;
  expect(big.width).toBeLessThanOrEqual(200);
  expect(big.width).toBeGreaterThanOrEqual(120);
  // Open the Problems panel: the canvas is short, and the minimap steps aside.
  await page.getByTestId('tab-problems').click();
  await eventually(() => minimap.count(), 'no minimap over the steps while Problems is open').toBe(0);
  await page.screenshot({ path: `${SHOTS}/first-view-problems-light.png` });
  await page.getByTestId('tab-problems').click();
  await minimap.waitFor({ timeout: WAIT_MS });
  // Closed from its corner; the toolbar's Minimap button brings it back.
  await page.getByTestId('minimap-close').click();
  expect(await minimap.count()).toBe(0);
  expect(await page.getByTestId('tb-view.minimap').getAttribute('aria-pressed')).toBe('false');
  await command(page, 'view.minimap');
  await minimap.waitFor({ timeout: WAIT_MS });
  // A smaller window: a smaller minimap.
  await page.setViewportSize({ width: 1100, height: 760 });
  await eventually(async () => (await minimap.boundingBox())?.width ?? 0, 'the minimap shrinks with the canvas').toBeLessThan(big.width);
  await page.screenshot({ path: `${SHOTS}/first-view-small-light.png` });
  await setTheme(page, 'dark');
  await page.screenshot({ path: `${SHOTS}/first-view-small-dark.png` });
  await setTheme(page, 'light');
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('heat-map figures keep a readable size at 40 %', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('run-mode-batch').click();
  await page.getByTestId('batch-runs').fill('200');
  await page.getByTestId('batch-start').click();
  await page.getByTestId('batch-results').waitFor({ timeout: WAIT_MS });
  await page.getByTestId('heatmap-toggle').getByRole('radio', { name: 'Visits' }).click();
  const pill = nodeLocator(page, 'n1').getByTestId('heat-pill');
  await pill.waitFor({ timeout: WAIT_MS });
  expect(await zoomOf(page)).toBe(40);
  // 17 px high at 100 %: drawn at that size on screen whatever the zoom (up to 3×).
  const box = (await pill.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(16);
  const text = await pill.evaluate((el) => el.getBoundingClientRect().height / (el as HTMLElement).offsetHeight);
  expect(text).toBeGreaterThan(0.95);
  await page.screenshot({ path: `${SHOTS}/heat-40-light.png` });
  await setTheme(page, 'dark');
  await page.screenshot({ path: `${SHOTS}/heat-40-dark.png` });
  await setTheme(page, 'light');
});
