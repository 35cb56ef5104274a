// A newcomer's first run, in Chromium: Run on the toolbar rehearses the first scenario and stops at the
// supervisor's approval for the user to decide ("Ask me" is the default of a single run); the scenario
// and profile behaviour is one click away and runs through without asking; a batch keeps the profiles.
// Editing the workflow during a run: the run panel says the workflow changed since the run started and
// offers to run again; a timeline entry of a deleted step says so when clicked; the run leaves the
// canvas while the Batch or Connections tab is shown. Screenshots, light and dark, go to /tmp/fg-shots/.
import { mkdir } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { command, eventually, newFromTemplate, nodeLocator, selectNode, setTheme, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = '/tmp/fg-shots';

const simState = (page: Page, id: string) => nodeLocator(page, id).locator('.step').getAttribute('data-sim-state');

/** Skips the replay to the end of what has run. */
async function toEnd(page: Page) {
  const end = page.getByTestId('sim-end');
  if (await end.isEnabled()) await end.click();
}

test('the first run stops at the approval for the user; scenario and profiles are one click away', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');

  // Run, from the toolbar: the Run tab opens on a single run of the first scenario, asking at approvals.
  await command(page, 'view.run');
  expect(await page.getByTestId('tab-simulation').getAttribute('aria-selected')).toBe('true');
  expect(await page.getByTestId('sim-approvals').getAttribute('data-value')).toBe('ask');
  expect(await page.getByTestId('sim-approvals-ask').getAttribute('aria-checked')).toBe('true');
  expect(await page.getByTestId('sim-approvals-hint').innerText()).toBe('The run waits at every approval for you to decide in the reviewer’s place.');
  const prompt = page.getByTestId('sim-approval');
  await prompt.waitFor({ timeout: WAIT_MS });
  expect(await prompt.innerText()).toContain('“Supervisor approves reply” waits for Support supervisor');
  // The scenario scripts an approval, and says that with "Ask me" it is the user's to decide.
  expect(await page.getByTestId('sim-scripted').innerText()).toContain('With “Ask me”, its approvals are yours to decide in this run.');
  await page.screenshot({ path: `${SHOTS}/first-run-approval-light.png` });
  await setTheme(page, 'dark');
  await page.screenshot({ path: `${SHOTS}/first-run-approval-dark.png` });
  await setTheme(page, 'light');
  await page.getByTestId('sim-approve').click();
  await page.getByTestId('sim-outcome').waitFor({ timeout: WAIT_MS });
  await toEnd(page);
  expect(await page.getByTestId('sim-outcome').innerText()).toMatch(/Ended resolved at “Resolved”/);
  expect(await page.getByTestId('sim-timeline').innerText()).toContain('Approved by you');

  // One click: the scenario's scripted decision and the reviewers' profiles decide; no question.
  await page.getByTestId('sim-approvals-scenario').click();
  expect(await page.getByTestId('sim-approvals-hint').innerText()).toMatch(/^The scenario’s scripted decisions decide, else the reviewer’s profile/);
  await page.getByTestId('sim-run').click();
  await eventually(async () => {
    await toEnd(page);
    return page.getByTestId('sim-timeline').innerText();
  }, 'the scenario approves').toContain('Approved by the scenario');
  await page.getByTestId('sim-outcome').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('sim-approval').count()).toBe(0);

  // A batch follows the profiles: it never asks.
  await page.getByTestId('run-mode-batch').click();
  expect(await page.getByTestId('batch-panel').innerText()).toContain('reviewers follow their profiles');
  expect(await page.getByTestId('sim-approvals').count()).toBe(0);
});

test('editing the workflow during a run: the run says so and runs again; deleted steps say so when clicked', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await command(page, 'view.run');
  await page.getByTestId('sim-approval').waitFor({ timeout: WAIT_MS });
  await toEnd(page);
  expect(await simState(page, 'n8')).toBe('current');
  expect(await page.getByTestId('sim-workflow-changed').count()).toBe(0);

  // The run shows on the canvas only next to it: the Batch and Connections tabs show the workflow plain.
  await page.getByTestId('run-mode-batch').click();
  await eventually(() => simState(page, 'n8'), 'the run leaves the canvas in Batch').toBeNull();
  await page.getByTestId('tab-connections').click();
  expect(await simState(page, 'n8')).toBeNull();
  expect(await page.locator('.react-flow__edge.sim-taken').count()).toBe(0);
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('run-mode-single').click();
  await eventually(() => simState(page, 'n8'), 'back with the single run').toBe('current');

  // Delete "Draft reply" while the run waits at the approval.
  await page.getByTestId('tab-inspector').click();
  await selectNode(page, 'n7');
  await command(page, 'edit.delete');
  await eventually(() => nodeLocator(page, 'n7').count(), 'the step is deleted').toBe(0);
  await page.getByTestId('tab-simulation').click();
  const changed = page.getByTestId('sim-workflow-changed');
  await changed.waitFor({ timeout: WAIT_MS });
  expect(await changed.innerText()).toMatch(/^The workflow changed since this run started\. The replay shows the run as it ran, and the run goes on as it started\./);

  // The timeline entry of the deleted step says so when clicked, instead of doing nothing.
  const entry = page.getByTestId('sim-timeline').locator('button[data-gone="true"]', { hasText: 'Draft reply' }).first();
  expect(await entry.getAttribute('title')).toBe('This step is no longer in the workflow: it was deleted after this run');
  await entry.click();
  const toast = page.locator('.toast', { hasText: 'is no longer in the workflow' });
  await toast.waitFor({ timeout: WAIT_MS });
  expect(await toast.innerText()).toContain('“Draft reply” is no longer in the workflow: it was deleted after this run.');
  await page.screenshot({ path: `${SHOTS}/run-changed-light.png` });
  await setTheme(page, 'dark');
  await page.screenshot({ path: `${SHOTS}/run-changed-dark.png` });
  await setTheme(page, 'light');

  // Run it again: a new run on the workflow as it is now (its AI draft step is gone, so the run takes
  // another way), and the note is gone.
  await page.getByTestId('sim-rerun').click();
  await eventually(() => page.getByTestId('sim-workflow-changed').count(), 'the new run ran on this version').toBe(0);
  await page.getByTestId('sim-outcome').or(page.getByTestId('sim-approval')).first().waitFor({ timeout: WAIT_MS });
  await toEnd(page);
  expect(await page.getByTestId('sim-timeline').innerText()).not.toContain('Draft reply');
});
