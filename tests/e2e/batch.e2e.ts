// Batches end to end, in Chromium against browser mode: from the Run tab's Batch panel, a 1,000-item
// batch of the support template runs in the backend with progress and shows its results and charts; a
// 100,000-item batch shows items done, rate and time left while the canvas stays usable, and is
// cancelled keeping the items it finished; the heat map paints steps and links; two kept batches are
// compared with their differences marked. The template's closing note carries today's date, so that
// every item runs on the engine (the batch tape replays no clock reads: docs/BATCH.md) and a
// 100,000-item batch lasts long enough to be watched and cancelled. Screenshots of the panel and the heat map, light and dark,
// go to /tmp/fg-shots/batch-*.png.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { RESOURCES_DIR } from '../../cli/repo';
import { eventually, fitView, importFile, nodeLocator, setTheme, viewportStill, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = '/tmp/fg-shots';

function step(page: Page, id: string) {
  return nodeLocator(page, id).locator('.step');
}

function progressState(page: Page) {
  return page.getByTestId('batch-progress').getAttribute('data-state');
}

async function openBatchPanel(page: Page) {
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('run-mode-batch').click();
  await page.getByTestId('batch-panel').waitFor({ timeout: WAIT_MS });
}

/** Sets the items and fault rates, starts, and waits until the batch is over (done or cancelled). */
async function runBatch(page: Page, items: number, aiUnsure = '0') {
  await page.getByTestId('batch-runs').fill(String(items));
  await page.getByTestId('batch-fault-ai-unsure').fill(aiUnsure);
  await page.getByTestId('batch-start').click();
}

async function shootPanel(page: Page, name: string) {
  await page.locator('.sidebar').screenshot({ path: `${SHOTS}/batch-${name}.png` });
}

/** The whole window, zoomed in from the fitted view so that the steps' figures can be read. */
async function shootPage(page: Page, name: string) {
  await fitView(page);
  for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomin').click();
  await eventually(() => viewportStill(page), 'the view stopped moving').toBe(true);
  await page.screenshot({ path: `${SHOTS}/batch-${name}.png` });
  // And the middle of the canvas at full size, to see the steps' colours, figures and links.
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.screenshot({ path: `${SHOTS}/batch-${name}-detail.png`, clip: { x: box.x, y: box.y + box.height * 0.2, width: box.width * 0.75, height: box.height * 0.55 } });
}

test('runs, cancels, paints and compares batches of the support template', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  // The support template, its "Close ticket" note dated: `{{today}}` follows each item's virtual clock.
  const template = JSON.parse(await readFile(join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8')) as { nodes: { id: string; config: { inputs?: Record<string, string> } }[] };
  const close = template.nodes.find((n) => n.id === 'n10')!;
  close.config.inputs!.resolution += ' Closed on {{today}}.';
  await importFile(page, 'support-ticket-triage.flowgate.json', JSON.stringify(template));
  await page.getByTestId('canvas').waitFor({ timeout: WAIT_MS });
  await openBatchPanel(page);
  // The template has scenarios: they are the default inputs; the sample data sets are offered too, the
  // one its intake reads first among those that fit.
  expect(await page.getByTestId('batch-inputs').inputValue()).toBe('scenarios');
  const fitting = page.getByTestId('batch-inputs').locator('optgroup[label="Sample data that fits the intake"] option');
  await eventually(async () => (await fitting.allInnerTexts())[0] ?? '', 'the data sets are offered').toMatch(/^“tickets” · \d+ records · the intake reads it$/);
  expect(await page.getByTestId('batch-empty-input').count()).toBe(0);
  expect(await page.getByTestId('batch-seed').inputValue()).toBe('1');

  // ---- a 1,000-item batch ----
  await runBatch(page, 1000);
  await eventually(() => progressState(page), 'the batch finished').toBe('done');
  const bar = page.getByTestId('batch-progress').locator('progress');
  expect(await bar.getAttribute('value')).toBe('1000');
  expect(await bar.getAttribute('max')).toBe('1000');
  expect(await page.getByTestId('batch-progress-text').innerText()).toMatch(/^Finished 1,000 items/);
  const results = page.getByTestId('batch-results');
  await results.waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('batch-ran').innerText()).toMatch(/^1,000 items · seed 1 · scenarios/);
  expect(await page.getByTestId('batch-figure-without').innerText()).toMatch(/^Completed without a person\n[\d.]+ %/);
  expect(await page.getByTestId('batch-figure-p50').innerText()).toMatch(/p90 .+ · p95 .+ · max /);
  // Items handed to a team are named for what they count, apart from the outcome "escalated".
  expect(await page.getByTestId('batch-figure-escalated').innerText()).toMatch(/^Handed to a team\n[\d.]+ %\s+[\d,]+ passed an escalation$/);
  expect(await page.getByTestId('batch-hand-off-note').innerText()).toContain('Cycle times end at an escalation’s hand-off');
  // Charts: outcome bars with their labels, histogram columns, the supervisor's workload.
  expect(await page.getByTestId('batch-chart-outcomes').locator('text').allTextContents()).toEqual(expect.arrayContaining(['resolved', 'escalated', 'rejected']));
  expect(await page.getByTestId('batch-chart-cycle').locator('rect.batch-svg-bar').count()).toBeGreaterThan(3);
  expect(await page.getByTestId('batch-chart-workload').textContent()).toContain('Support supervisor');
  await eventually(() => page.locator('[data-testid^="batch-history-item-"]').count(), 'the batch is in the history').toBe(1);
  await shootPanel(page, 'panel-light');

  // ---- a 100,000-item batch, cancelled ----
  await runBatch(page, 100_000);
  await eventually(() => page.getByTestId('batch-progress-text').innerText(), 'progress with rate and time left').toMatch(
    /^[\d,]+ of 100,000 items · [\d,]+ items\/s · about .+ left$/,
  );
  expect(await progressState(page)).toBe('running');
  await shootPanel(page, 'progress-light');
  // The app stays usable while the batch runs: a click on a step selects it.
  await step(page, 'n2').click();
  await eventually(() => step(page, 'n2').getAttribute('class'), 'the step is selected while the batch runs').toContain('is-selected');
  expect(await progressState(page)).toBe('running');
  await page.getByTestId('batch-cancel').click();
  await eventually(() => progressState(page), 'the batch is cancelled').toBe('cancelled');
  const cancelledText = await page.getByTestId('batch-progress-text').innerText();
  const finished = Number(/^Cancelled after ([\d,]+) of 100,000 items/.exec(cancelledText)?.[1].replace(/,/g, ''));
  expect(finished).toBeGreaterThan(0);
  expect(finished).toBeLessThan(100_000);
  // What it finished is kept and shown.
  expect(await page.getByTestId('batch-cancelled').innerText()).toContain(`${finished.toLocaleString('en-US')} of 100,000 items`);
  expect(await page.getByTestId('batch-ran').innerText()).toMatch(new RegExp(`^${finished.toLocaleString('en-US')} items`));
  await eventually(() => page.locator('[data-testid^="batch-history-item-"]').count(), 'the cancelled batch is kept').toBe(2);
  expect(await page.locator('[data-testid^="batch-history-item-"]').first().innerText()).toContain(`cancelled at ${finished.toLocaleString('en-US')} of 100,000`);

  // ---- the heat map ----
  await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  await fitView(page);
  expect(await step(page, 'n1').getAttribute('data-heat')).toBeNull();
  await page.getByTestId('heatmap-toggle').getByRole('radio', { name: 'Visits' }).click();
  // Every item enters the intake: the hottest step. The fallback reply is never reached.
  await eventually(() => step(page, 'n1').getAttribute('data-heat'), 'the intake is hot').toBe('5');
  expect(await step(page, 'n1').getAttribute('class')).toContain('heat-l5');
  expect(await step(page, 'n15').getAttribute('data-heat')).toBe('unreached');
  expect(await step(page, 'n1').getByTestId('heat-pill').innerText()).toBe(finished.toLocaleString('en-US'));
  // About one ticket in nine is rejected by the supervisor: a cool step, but a used one.
  expect(await step(page, 'n12').getAttribute('data-heat')).toBe('1');
  // Links are as wide as they were followed.
  expect(await page.locator('.react-flow__edge.heat-w5').count()).toBeGreaterThan(0);
  expect(await page.locator('.react-flow__edge.heat-w0').count()).toBeGreaterThan(0);
  // Each link says how many items followed it; the followed ones wear the count as a label.
  const intakeLink = page.locator('.react-flow__edge.heat-w5').first();
  expect(await intakeLink.getAttribute('aria-label')).toMatch(/^[\d,]+ items followed this link$/);
  expect(await page.locator('.react-flow__edge.heat-edge .react-flow__edge-text').first().textContent()).toMatch(/^([\d,]+) items? followed this link(.+ · )?\1$/);
  expect(await page.locator('.react-flow__edge.heat-w0 .react-flow__edge-text').count()).toBe(0);
  await page.getByTestId('heatmap-legend').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('heatmap-legend').innerText()).toContain('Visits per step');
  await shootPage(page, 'heatmap-light');
  // By time, the approval (items wait hours for the supervisor) is the hottest.
  await page.getByTestId('heatmap-toggle').getByRole('radio', { name: 'Time' }).click();
  await eventually(() => step(page, 'n8').getAttribute('data-heat'), 'the approval is hottest by time').toBe('5');
  expect(await page.getByTestId('heatmap-legend').innerText()).toContain('Mean time per step');
  // Off from the legend.
  await page.getByTestId('heatmap-legend-close').click();
  await eventually(() => step(page, 'n1').getAttribute('data-heat'), 'the heat map is off').toBeNull();
  expect(await page.locator('.react-flow__edge.heat-edge').count()).toBe(0);

  // ---- compare: the same 1,000 items with the AI unsure for 30 % of AI steps ----
  await runBatch(page, 1000, '30');
  await eventually(() => progressState(page), 'the third batch finished').toBe('done');
  await eventually(() => page.locator('[data-testid^="batch-history-item-"]').count(), 'three batches kept').toBe(3);
  const picks = page.locator('[data-testid^="batch-pick-"]');
  await picks.nth(0).check();
  await picks.nth(2).check();
  await page.getByTestId('batch-compare').scrollIntoViewIfNeeded();
  await shootPanel(page, 'history-light');
  await page.getByTestId('batch-compare').click();
  const view = page.getByTestId('batch-compare-view');
  await view.waitFor({ timeout: WAIT_MS });
  // Only the fault rate differs between the settings.
  expect(await view.locator('tr.is-changed').first().innerText()).toContain('Faults');
  // An unsure AI sends tickets to human triage: more are escalated, and that is worse.
  const escalated = page.getByTestId('batch-compare-row-escalated');
  expect(await escalated.getAttribute('data-change')).toBe('up');
  expect(await escalated.getAttribute('data-tone')).toBe('worse');
  expect(await escalated.innerText()).toMatch(/▲\s\+[\d.]+ pts/);
  expect(await page.getByTestId('batch-compare-row-step:n15').getAttribute('data-change')).toBe('up');
  expect(await page.getByTestId('batch-compare-row-step:n1').getAttribute('data-change')).toBe('same');
  await view.scrollIntoViewIfNeeded();
  await shootPanel(page, 'compare-light');

  // ---- dark ----
  await setTheme(page, 'dark');
  await page.getByTestId('heatmap-toggle').getByRole('radio', { name: 'Visits' }).click();
  await eventually(() => step(page, 'n1').getAttribute('data-heat'), 'heat in dark').toBe('5');
  await shootPage(page, 'heatmap-dark');
  await view.scrollIntoViewIfNeeded();
  await shootPanel(page, 'compare-dark');
  await page.getByTestId('batch-results').scrollIntoViewIfNeeded();
  await shootPanel(page, 'panel-dark');
});
