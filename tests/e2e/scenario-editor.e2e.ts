// The scenario editor end to end, in Chromium against browser mode: a sample ticket of the support
// template is saved as a scenario, the editor scripts the supervisor's decision and makes the reply
// fail, a reviewer profile refuses probabilities that do not add up to 1 (and undo restores it), the
// run shows the scripted decision and the failure taking effect, and after saving and reopening the
// scenario is in the file and back in the panel.
import { mkdir } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { command, eventually, newFromTemplate, readWorkflowFile, saveAs, waitForBoot, waitForCanvas, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const REVIEWER = 'Support supervisor';
const SHOTS = '/tmp/fg-shots';

async function openRunTab(page: Page) {
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('simulation-panel').waitFor({ timeout: WAIT_MS });
}

async function openEditor(page: Page) {
  const editor = page.getByTestId('sim-scenario-editor');
  if ((await editor.getAttribute('open')) === null) await page.getByTestId('sim-scenario-editor-toggle').click();
  await page.getByTestId('scenario-name').waitFor({ timeout: WAIT_MS });
}

test('a scenario made in the editor scripts a decision and a fault, runs with them, and is saved in the file', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await openRunTab(page);

  // Start from a sample ticket and keep it as a scenario of the workflow.
  await eventually(() => page.getByTestId('sim-scenario').locator('option[value="record:T-1006"]').count(), 'the sample tickets are listed').toBe(1);
  await page.getByTestId('sim-scenario').selectOption('record:T-1006');
  expect(await page.getByTestId('sim-input').inputValue()).toContain('"ticketId": "T-1006"');
  await page.getByTestId('sim-save-scenario').click();
  await page.getByTestId('sim-save-scenario-name').fill('Approved, but the reply fails');
  await page.getByTestId('sim-save-scenario-confirm').click();
  await eventually(() => page.getByTestId('sim-scenario').inputValue(), 'the new scenario is chosen').toBe('scenario:approved-but-the-reply-fails');
  await openEditor(page);
  expect(await page.getByTestId('scenario-name').inputValue()).toBe('Approved, but the reply fails');
  expect(JSON.parse(await page.getByTestId('scenario-input').inputValue())).toEqual({ ticketId: 'T-1006' });
  // The stored input is edited as JSON: an unreadable text is said and kept, a valid one stored, and
  // the run's own Input follows it.
  await page.getByTestId('scenario-input').fill('{"ticketId": "T-1006",');
  expect(await page.getByTestId('sim-scenario-editor').innerText()).toContain('The input is not valid JSON');
  await page.getByTestId('scenario-input').fill('{"ticketId": "T-1006", "channel": "email"}');
  await eventually(async () => JSON.parse(await page.getByTestId('sim-input').inputValue()), 'the run input follows').toEqual({ ticketId: 'T-1006', channel: 'email' });

  // Script the supervisor's decision and make the reply fail.
  await page.getByTestId('scenario-decision-n8').selectOption('approved');
  await page.getByTestId('scenario-fault-action-helpdesk:tickets.reply').selectOption('error');
  await eventually(() => page.getByTestId('sim-scripted').innerText(), 'the panel says what is scripted').toBe(
    'Scripted: “Supervisor approves reply” approved · “Reply to the customer” on Help desk fails. With “Ask me”, its approvals are yours to decide in this run.',
  );

  // The reviewer's profile: probabilities that do not add up to 1 are said inline and not stored.
  await page.getByTestId(`reviewer-${REVIEWER}-approve`).fill('0.5');
  expect(await page.getByTestId(`reviewer-${REVIEWER}-error`).innerText()).toContain('must add up to 1; now they add up to 0.7');
  await mkdir(SHOTS, { recursive: true });
  await page.getByTestId(`reviewer-${REVIEWER}-error`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/scenario-editor.png` });
  await page.getByTestId(`reviewer-${REVIEWER}-reject`).fill('0.45');
  expect(await page.getByTestId(`reviewer-${REVIEWER}-error`).count()).toBe(0);
  // Each edit is an undoable edit of the document: undo brings the old profile back, redo the new one.
  await command(page, 'edit.undo');
  await eventually(() => page.getByTestId(`reviewer-${REVIEWER}-approve`).inputValue(), 'undo restores the profile').toBe('0.8');
  expect(await page.getByTestId(`reviewer-${REVIEWER}-reject`).inputValue()).toBe('0.15');
  await command(page, 'edit.redo');
  await eventually(() => page.getByTestId(`reviewer-${REVIEWER}-approve`).inputValue(), 'redo').toBe('0.5');
  expect(await page.getByTestId('scenario-fault-action-helpdesk:tickets.reply').inputValue()).toBe('error');

  // Run it: the scenario approves, the reply fails, the error path hands the ticket to a person.
  await page.getByTestId('sim-approvals-scenario').click();
  await page.getByTestId('sim-run').click();
  await page.getByTestId('sim-speed').selectOption('8');
  const outcome = page.getByTestId('sim-outcome');
  await outcome.waitFor({ timeout: WAIT_MS });
  expect(await outcome.innerText()).toMatch(/Ended escalated at “Handled by a person”/);
  const timeline = await page.getByTestId('sim-timeline').innerText();
  expect(timeline).toContain('Approved by the scenario');
  expect(timeline).toContain('Reply to the customer (Help desk): failed');
  expect(await page.getByTestId('sim-player').locator('.fg-panel-section-title').textContent()).toBe('Run: Approved, but the reply fails');

  // Saved, the scenario is in the file exactly as scripted.
  const path = await saveAs(page, 'scenario-editor');
  const saved = await readWorkflowFile(path);
  const simulation = saved.simulation as { scenarios: Record<string, unknown>[]; reviewers: Record<string, unknown> };
  expect(simulation.scenarios.at(-1)).toEqual({
    id: 'approved-but-the-reply-fails',
    name: 'Approved, but the reply fails',
    input: { ticketId: 'T-1006', channel: 'email' },
    decisions: { n8: 'approved' },
    faults: { actions: { 'helpdesk:tickets.reply': 'error' } },
  });
  expect(simulation.reviewers[REVIEWER]).toEqual({ approve: 0.5, reject: 0.45, timeout: 0.05, responseMinutes: { median: 30, p90: 240 } });

  // Reopened, it is offered again with its decision and its fault.
  await page.reload();
  await waitForBoot(page);
  await waitForCanvas(page);
  await openRunTab(page);
  await page.getByTestId('sim-scenario').selectOption('scenario:approved-but-the-reply-fails');
  await openEditor(page);
  expect(await page.getByTestId('scenario-decision-n8').inputValue()).toBe('approved');
  expect(await page.getByTestId('scenario-fault-action-helpdesk:tickets.reply').inputValue()).toBe('error');

  // Deleting it removes it from the list (and the panel falls back to the first scenario).
  await page.getByTestId('scenario-delete').click();
  await eventually(() => page.getByTestId('sim-scenario').locator('option[value="scenario:approved-but-the-reply-fails"]').count(), 'deleted').toBe(0);
  expect(await page.getByTestId('sim-scenario').inputValue()).toBe('scenario:happy');
  expect(await page.getByTestId('sim-scenario-editor').getAttribute('open')).toBeNull();
});
