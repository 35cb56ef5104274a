// Compare with a log, end to end in Chromium against browser mode: the support template compared with
// the shipped sample log (chosen with the page's file chooser, compared in a Web Worker) shows the
// skipped approval at the top, the deviating cases, and the comparison on the canvas — links coloured
// by how often the cases took them, the deviations as dashed extra links, a case's path when its row
// is clicked, a step no case reached dimmed. The mapping table edits the workflow (one undo step),
// and "Calibrate simulation" makes batches follow the log. The sample is also offered in the panel, the
// XES export reads alike, and logs Flowgate cannot read say why (or ask for their columns). Screenshots, light and dark, go to
// /tmp/fg-shots/conformance-*.png.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, fitView, newFromTemplate, nodeLocator, setTheme, viewportStill, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = '/tmp/fg-shots';
const SAMPLE_LOG = fileURLToPath(new URL('../../resources/sample-logs/support-ticket-triage.csv', import.meta.url));
const SAMPLE_XES = fileURLToPath(new URL('../../resources/sample-logs/support-ticket-triage.xes', import.meta.url));

const wrapper = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const deviationLinks = (page: Page) => page.locator('.react-flow__edge.log-deviation');

/** The window, zoomed in from the fitted view so that labels can be read; the middle of the canvas; the panel. */
async function shoot(page: Page, name: string) {
  await fitView(page);
  for (let i = 0; i < 3; i++) await page.locator('.react-flow__controls-zoomin').click();
  await eventually(() => viewportStill(page), 'the view stopped moving').toBe(true);
  await page.screenshot({ path: `${SHOTS}/conformance-${name}.png` });
  // Closer, to read the labels of the links.
  for (let i = 0; i < 2; i++) await page.locator('.react-flow__controls-zoomin').click();
  await eventually(() => viewportStill(page), 'the view stopped moving').toBe(true);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.screenshot({ path: `${SHOTS}/conformance-${name}-detail.png`, clip: { x: box.x, y: box.y + box.height * 0.15, width: box.width * 0.8, height: box.height * 0.6 } });
  await page.locator('.sidebar').screenshot({ path: `${SHOTS}/conformance-${name}-panel.png` });
  // The panel's lower half: the mapping and the calibration.
  await page.getByTestId('log-calibrate').scrollIntoViewIfNeeded();
  await page.locator('.sidebar').screenshot({ path: `${SHOTS}/conformance-${name}-panel-end.png` });
  await page.getByTestId('log-panel').evaluate((el) => el.closest('.tabpanel')?.scrollTo(0, 0));
}

test('compares the support template with the sample log, shows where reality leaves the design, and calibrates batches from it', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  // The comparison runs in the log worker (renderer/src/client/worker-client.ts), not in the page.
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await newFromTemplate(page, 'support-ticket-triage');

  // ---- the Log panel of the Run tab, and the file chooser ----
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('run-mode-log').click();
  const panel = page.getByTestId('log-panel');
  await panel.waitFor({ timeout: WAIT_MS });
  const chooser = page.waitForEvent('filechooser', { timeout: WAIT_MS });
  await page.getByTestId('log-choose').click();
  await (await chooser).setFiles(SAMPLE_LOG);

  // ---- the skipped approval at the top, the figures, the deviating cases ----
  const violations = page.getByTestId('log-violations');
  await violations.waitFor({ timeout: WAIT_MS });
  expect(workers.some((url) => url.includes('log-worker'))).toBe(true);
  expect(await violations.innerText()).toMatch(/^1 case did a sensitive step without its approval/);
  expect(await page.getByTestId('log-violation-C-0009').innerText()).toBe(
    'C-0009 did “Send reply” (tickets.reply) and “Close ticket” (tickets.close) without “Supervisor approves reply” · 2024-06-03 08:57 UTC',
  );
  expect(await page.getByTestId('log-fitness').innerText()).toBe('99.7 %');
  expect(await page.getByTestId('log-fitting').innerText()).toBe('196 of 200');
  // The panel's sections in order: the violation above everything else.
  const order = await panel.locator('[data-testid^="log-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).filter((id) => ['log-violations', 'log-summary', 'log-cases', 'log-activities', 'log-calibrate'].includes(id!)));
  expect(order).toEqual(['log-violations', 'log-summary', 'log-cases', 'log-activities', 'log-calibrate']);
  for (const [caseId, what] of [
    ['C-0006', 'skipped Close ticket'],
    ['C-0007', 'Draft reply out of turn'],
    ['C-0008', 'Call customer (not in the design)'],
    ['C-0009', 'skipped Supervisor approves reply'],
  ]) {
    expect(await page.getByTestId(`log-case-${caseId}`).innerText()).toContain(what);
  }
  // The activity no step has is listed, never dropped.
  expect(await page.getByTestId('log-activity-Call customer').innerText()).toMatch(/^Call customer\n1 event\n/);
  expect(await page.getByTestId('log-map-Call customer').inputValue()).toBe('');

  // ---- the canvas: links by how often cases took them, the deviations as dashed links ----
  await page.getByTestId('log-legend').waitFor({ timeout: WAIT_MS });
  const intakeLink = page.locator('.react-flow__edge[data-id="e1"]');
  // Every case starts at the intake and goes on to the classification.
  expect(await intakeLink.getAttribute('class')).toContain('log-l4');
  expect(await intakeLink.getAttribute('aria-label')).toBe('200 of 200 cases took this link');
  // The AI is never unavailable in the log (its error link is never taken).
  expect(await page.locator('.react-flow__edge[data-id="e4"]').getAttribute('class')).toContain('log-l0');
  // Where the cases left the design, between the steps they really did (the routing decision is not
  // in the log): Draft → Send (the skipped approval), Send → Resolved (the ticket never closed), Close →
  // Resolved (the phone call after it), and Classify → Draft → Find → Approve (the draft out of turn).
  const dashed = await deviationLinks(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(dashed.sort()).toEqual(['~log:n10>n11', '~log:n2>n7', '~log:n6>n8', '~log:n7>n6', '~log:n7>n9', '~log:n9>n11']);
  expect(await page.locator('.react-flow__edge[data-id="~log:n10>n11"]').getAttribute('aria-label')).toBe('Off the design: Call customer (not in the design) (cases C-0008)');
  expect(await page.locator('.react-flow__edge[data-id="~log:n7>n9"]').getAttribute('aria-label')).toBe('Off the design: skipped Supervisor approves reply (cases C-0009)');
  await shoot(page, 'overlay-light');

  // ---- a case's path: a click on C-0009 selects the steps it went through ----
  await page.getByTestId('log-case-C-0009').click();
  await eventually(() => wrapper(page, 'n8').getAttribute('class'), 'the skipped approval is off the case').toContain('log-off-case');
  expect(await wrapper(page, 'n9').getAttribute('class')).toContain('log-in-case');
  expect(await nodeLocator(page, 'n9').locator('.step').getAttribute('class')).toContain('is-selected');
  expect(await page.locator('.react-flow__edge[data-id="~log:n7>n9"]').getAttribute('class')).toContain('log-in-case');
  expect(await page.locator('.react-flow__edge[data-id="e14"]').getAttribute('class')).toContain('log-off-case');
  expect(await page.getByTestId('log-legend').innerText()).toContain('Showing case C-0009');
  await shoot(page, 'case-light');
  await page.getByTestId('log-legend').getByRole('button', { name: 'show all' }).click();
  await eventually(() => page.locator('.react-flow__node.log-off-case').count(), 'every case again').toBe(0);

  // ---- the mapping: one undo step, saved in the workflow, and the comparison follows it ----
  await page.getByTestId('log-map-Call customer').selectOption('n15');
  await eventually(() => page.getByTestId('log-activity-Call customer').innerText(), 'mapped by the user').toContain('Your choice, saved in the workflow');
  // Read as "Human triage", the phone call after closing the ticket fits the design (the close failed
  // and a person took over): the comparison follows the mapping.
  await eventually(() => page.getByTestId('log-fitting').innerText(), 'the comparison follows the mapping').toBe('197 of 200');
  expect(await page.getByTestId('log-case-C-0008').count()).toBe(0);
  await page.getByTestId('tb-edit.undo').click();
  await eventually(() => page.getByTestId('log-case-C-0008').innerText(), 'undone in one step').toContain('Call customer (not in the design)');
  expect(await page.getByTestId('log-fitting').innerText()).toBe('196 of 200');
  expect(await page.getByTestId('log-map-Call customer').inputValue()).toBe('');

  // ---- a step added to the design is one no case reached: dimmed ----
  await page.getByTestId('palette-end').click();
  await eventually(() => page.locator('.react-flow__node.log-unvisited').count(), 'the new step is dimmed').toBe(1);
  await page.getByTestId('tb-edit.undo').click();
  await eventually(() => page.locator('.react-flow__node.log-unvisited').count(), 'gone again').toBe(0);

  // ---- calibrate: batches follow the log ----
  await page.getByTestId('log-calibrate-button').click();
  await page.getByTestId('log-calibrated').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('log-calibrated').innerText()).toContain('Batches use the numbers from this log.');
  await page.getByTestId('log-calibrated').getByRole('button', { name: 'Run a batch' }).click();
  await page.getByTestId('batch-panel').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('batch-calibrated').innerText()).toMatch(/^Calibrated from support-ticket-triage\.csv \(200 cases\)/);
  await page.getByTestId('batch-runs').fill('10000');
  await page.getByTestId('batch-start').click();
  await eventually(() => page.getByTestId('batch-progress').getAttribute('data-state'), 'the batch finished').toBe('done');
  // The log's median ticket takes about 25 minutes (teams pick up hand-offs slowly), which the design's
  // own numbers never gave: the calibrated batch's median is within 10 % of it.
  const p50 = await page.getByTestId('batch-figure-p50').innerText();
  const minutes = Number(/(\d+(?:\.\d+)?) min/.exec(p50)?.[1]);
  expect(Math.abs(minutes / 25.44 - 1), p50).toBeLessThan(0.1);
  // Undo takes the calibration back in one step.
  await page.getByTestId('tb-edit.undo').click();
  await eventually(() => page.getByTestId('batch-calibrated').count(), 'the calibration is undone').toBe(0);

  // ---- dark ----
  await page.getByTestId('run-mode-log').click();
  await page.getByTestId('log-case-C-0007').click();
  await setTheme(page, 'dark');
  await shoot(page, 'case-dark');
  await page.getByTestId('log-legend').getByRole('button', { name: 'show all' }).click();
  await shoot(page, 'overlay-dark');
  await setTheme(page, 'light');
}, 180_000);

test('offers the sample log, reads the XES export of it alike, and says what is wrong with a log it cannot read', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('run-mode-log').click();
  await page.getByTestId('log-choose').waitFor({ timeout: WAIT_MS });
  await page.locator('.sidebar').screenshot({ path: `${SHOTS}/conformance-empty-light.png` });
  // A new user without a log of their own tries the sample the app ships.
  await page.getByTestId('log-sample').click();
  await page.getByTestId('log-violations').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('log-fitting').innerText()).toBe('196 of 200');
  const input = page.getByTestId('log-file-input');
  await input.setInputFiles(SAMPLE_XES);
  await eventually(() => page.getByTestId('log-panel').locator('.log-file-name').innerText(), 'the XES file is shown').toBe('support-ticket-triage.xes');
  await page.getByTestId('log-violations').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('log-fitting').innerText()).toBe('196 of 200');
  expect(await page.getByTestId('log-fitness').innerText()).toBe('99.7 %');

  // A timestamp Flowgate cannot read: the row and the value, and nothing of the last comparison left.
  await input.setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from('case_id,activity,timestamp\nT-1,New ticket,2024-06-03T09:00:00Z\nT-1,Classify ticket,yesterday\n') });
  await page.getByTestId('log-error').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('log-error').innerText()).toContain('Row 3: "yesterday" in column "timestamp" is not a date and time Flowgate can read.');
  expect(await page.getByTestId('log-legend').count()).toBe(0);
  await page.locator('.sidebar').screenshot({ path: `${SHOTS}/conformance-error-light.png` });

  // Columns Flowgate cannot guess are chosen in the panel.
  await input.setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from('Ref,What,When\nT-1,New ticket,2024-06-03T09:00:00Z\nT-1,Classify ticket,2024-06-03T09:00:02Z\n') });
  await page.getByTestId('log-columns').waitFor({ timeout: WAIT_MS });
  await page.locator('.sidebar').screenshot({ path: `${SHOTS}/conformance-columns-light.png` });
  await page.getByTestId('log-column-caseId').selectOption('Ref');
  await page.getByTestId('log-column-activity').selectOption('What');
  await page.getByTestId('log-column-time').selectOption('When');
  await page.getByTestId('log-columns-apply').click();
  await page.getByTestId('log-summary').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('log-fitting').innerText()).toMatch(/^1 of 1$/);
}, 120_000);
