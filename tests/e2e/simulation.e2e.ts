// Simulation end to end, in Chromium against browser mode: the support template's run stops at the
// supervisor's approval, is approved in the panel and ends with the reply in the outbox; without the
// reply grant the same run is denied at "Send reply" and takes the error path. Runs are kept in the
// history and reopen. Screenshots of both moments, light and dark, go to /tmp/fg-shots/. A breakpoint
// pauses as the token enters its step, before it runs; a run waiting for a slow AI server says so, and
// Stop run says it stopped.
//
// The template's `billing` scenario escalates billing tickets to the billing team before any approval,
// and its other scenarios script the supervisor's decision (a reviewer profile decides the rest), so
// the run here is the `happy` scenario with "Ask me at every approval": it reaches the approval with
// no decision made for it.
import { mkdir } from 'node:fs/promises';
import { afterAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startMockOpenAi, type MockOpenAi } from '../backend/support/mock-openai-server';
import { command, eventually, newFromTemplate, nodeLocator, selectNode, setTheme, stepsOutsideCanvas, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = '/tmp/fg-shots';

function step(page: Page, id: string) {
  return nodeLocator(page, id).locator('.step');
}

function simState(page: Page, id: string) {
  return step(page, id).getAttribute('data-sim-state');
}

function edgeClass(page: Page, id: string) {
  return page.locator(`.react-flow__edge[data-id="${id}"]`).getAttribute('class');
}

async function openSimulation(page: Page) {
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('simulation-panel').waitFor({ timeout: WAIT_MS });
}

/** Runs the chosen scenario, asking at every approval (the default of a single run), replayed at the highest speed. */
async function runAskingMe(page: Page) {
  expect(await page.getByTestId('sim-approvals').getAttribute('data-value')).toBe('ask');
  await page.getByTestId('sim-run').click();
  // The speed control comes with the replay, and stays as set for the next runs.
  await page.getByTestId('sim-speed').selectOption('8');
}

/** True when the canvas's pan and zoom did not change over two animation frames. */
function viewStill(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
        const before = viewport?.style.transform;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(!!viewport && viewport.style.transform === before)));
      }),
  );
}

/** A screenshot once the canvas stopped moving (the replay centres the step where it stops). */
async function shoot(page: Page, name: string) {
  await eventually(() => viewStill(page), 'the view stopped moving').toBe(true);
  await page.screenshot({ path: `${SHOTS}/sim-${name}.png` });
}

test('the support run waits at the approval, is approved in the panel, and without the reply grant is denied', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await openSimulation(page);
  await page.getByTestId('sim-scenario').selectOption('scenario:happy');
  expect(await page.getByTestId('sim-input').inputValue()).toContain('"ticketId": "T-1001"');
  await runAskingMe(page);

  // The token stops at the supervisor's approval, which asks the user.
  const approval = page.getByTestId('sim-approval');
  await approval.waitFor({ timeout: WAIT_MS });
  await eventually(() => simState(page, 'n8'), 'the token is at the approval').toBe('current');
  expect(await step(page, 'n8').getAttribute('class')).toContain('sim-waiting');
  expect(await simState(page, 'n1')).toBe('visited');
  expect(await simState(page, 'n7')).toBe('visited');
  expect(await simState(page, 'n9')).toBe('idle');
  expect(await simState(page, 'n4')).toBe('idle');
  expect(await edgeClass(page, 'e11')).toContain('sim-taken');
  expect(await edgeClass(page, 'e5')).not.toContain('sim-taken');
  expect(await approval.innerText()).toContain('Support supervisor');
  expect(await page.getByTestId('sim-edit-draft').inputValue()).toContain('Maria');
  await expect.poll(() => page.getByTestId('sim-outbox').innerText()).toContain('Nothing would be sent');
  await shoot(page, 'waiting-light');
  await setTheme(page, 'dark');
  await shoot(page, 'waiting-dark');
  await setTheme(page, 'light');

  // Approve: the run goes on to its end, with the reply in the outbox.
  await page.getByTestId('sim-approve').click();
  const outcome = page.getByTestId('sim-outcome');
  await outcome.waitFor({ timeout: WAIT_MS });
  expect(await outcome.innerText()).toMatch(/Ended resolved at “Resolved”/);
  expect(await simState(page, 'n11')).toBe('current');
  expect(await simState(page, 'n8')).toBe('visited');
  const outbox = await page.getByTestId('sim-outbox').innerText();
  expect(outbox).toContain('To maria.lopez@example.com');
  expect(outbox).toContain('customer-facing');
  expect(await page.getByTestId('sim-changes').innerText()).toMatch(/update\s*tickets T-1001/);
  expect(await page.getByTestId('sim-denied').count()).toBe(0);
  await eventually(() => page.getByTestId('sim-history').locator('.sim-history-item').count(), 'the run is in the history').toBe(1);
  await page.getByTestId('sim-outbox').scrollIntoViewIfNeeded();
  await shoot(page, 'done-light');
  await setTheme(page, 'dark');
  await page.getByTestId('sim-outbox').scrollIntoViewIfNeeded();
  await shoot(page, 'done-dark');
  await setTheme(page, 'light');

  // Clicking an event of the timeline selects its step (the panel stays open).
  const sendEvent = page.getByTestId('sim-timeline').locator('button', { hasText: 'Send reply' }).first();
  await sendEvent.click();
  await eventually(() => step(page, 'n9').getAttribute('class'), 'the step is selected').toContain('is-selected');
  expect(await page.getByTestId('simulation-panel').isVisible()).toBe(true);

  // Take the reply grant away in the Connections tab and run again.
  await page.getByTestId('tab-connections').click();
  await page.getByTestId('connection-toggle-helpdesk').click();
  await page.getByTestId('grant-helpdesk-tickets.reply').uncheck();
  await openSimulation(page);
  await page.getByTestId('sim-run').click();
  await page.getByTestId('sim-approval').waitFor({ timeout: WAIT_MS });
  await page.getByTestId('sim-reject-note').fill('Looks right.');
  await page.getByTestId('sim-approve').click();

  await page.getByTestId('sim-outcome').waitFor({ timeout: WAIT_MS });
  await eventually(() => page.getByTestId('sim-outcome').innerText()).toMatch(/Ended escalated at “Handled by a person”/);
  // The reviewer's note is quoted in the timeline, under the decision it came with.
  const decided = page.getByTestId('sim-timeline').locator('.sim-event', { hasText: 'Approved by you' });
  expect(await decided.innerText()).toMatch(/with a note[\s\S]*Note: Looks right\./);
  const denied = await page.getByTestId('sim-denied').innerText();
  expect(denied).toContain('A call was denied');
  expect(denied).toMatch(/Send reply: tickets\.reply on Help desk/);
  expect(await page.locator('[data-testid^="sim-event-"][data-denied="true"]').count()).toBe(1);
  expect(await step(page, 'n9').getAttribute('class')).toContain('sim-error');
  expect(await simState(page, 'n15')).toBe('visited');
  expect(await simState(page, 'n16')).toBe('current');
  expect(await simState(page, 'n10')).toBe('idle');
  expect(await edgeClass(page, 'e18')).toContain('sim-taken');
  expect(await page.getByTestId('sim-outbox').innerText()).toContain('Nothing would be sent.');
  await page.getByTestId('sim-denied').scrollIntoViewIfNeeded();
  await shoot(page, 'denied-light');

  // Both runs are kept; the first reopens and replays to its outcome.
  const history = page.getByTestId('sim-history').locator('.sim-history-item');
  await eventually(() => history.count(), 'two runs in the history').toBe(2);
  expect(await history.nth(0).innerText()).toMatch(/escalated[\s\S]*1 denied/);
  await history.nth(1).locator('.sim-history-open').click();
  await eventually(() => page.getByTestId('sim-player').innerText(), 'the saved run is shown').toMatch(/Saved run/i);
  await page.getByTestId('sim-end').click();
  expect(await page.getByTestId('sim-outcome').innerText()).toMatch(/Ended resolved/);
  expect(await simState(page, 'n11')).toBe('current');
});

test('a breakpoint pauses the replay as the token enters its step, before it runs; step and play go on', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await openSimulation(page);
  await step(page, 'n6').locator('.step-head').click({ force: true });
  await page.getByTestId('sim-breakpoint-toggle').click();
  await eventually(() => step(page, 'n6').getAttribute('class')).toContain('sim-breakpoint');
  await page.getByTestId('sim-scenario').selectOption('scenario:happy');
  // The scenario approves at the supervisor's gate, so the replay runs through to the end.
  await page.getByTestId('sim-approvals-scenario').click();
  await page.getByTestId('sim-run').click();
  await page.getByTestId('sim-speed').selectOption('8');
  await eventually(() => simState(page, 'n6'), 'paused at the breakpoint').toBe('current');
  expect(await page.getByTestId('sim-player').innerText()).toContain('Paused at the breakpoint on “Find help articles”');
  // Paused on entry: the timeline ends with the token arriving; nothing the step did is shown yet.
  const events = page.getByTestId('sim-timeline').locator('.sim-event');
  expect(await events.last().innerText()).toContain('Find help articles');
  expect(await page.getByTestId('sim-timeline').innerText()).not.toContain('AI retrieve');
  // The canvas brings the whole paused step into view, and its breakpoint dot stays big enough to see.
  await eventually(() => viewStill(page), 'the view stopped moving').toBe(true);
  expect(await stepsOutsideCanvas(page)).not.toContain('n6');
  await page.screenshot({ path: `${SHOTS}/sim-breakpoint.png` });
  const zoom = async () => Number((await page.getByTestId('status-zoom').innerText()).replace('%', ''));
  for (let i = 0; i < 10 && (await zoom()) > 60; i++) await page.locator('.react-flow__controls-zoomout').click();
  await eventually(() => viewStill(page), 'the view stopped moving').toBe(true);
  expect(await zoom()).toBeLessThanOrEqual(60);
  const dot = await nodeLocator(page, 'n6').getByTestId('sim-bp-dot').boundingBox();
  expect(dot!.width).toBeGreaterThanOrEqual(16);

  // One step runs the paused step: its output and its way out appear, the token is still there.
  await page.getByTestId('sim-step').click();
  expect(await simState(page, 'n6')).toBe('current');
  expect(await page.getByTestId('sim-timeline').innerText()).toContain('AI retrieve');
  expect(await events.last().innerText()).toContain('Leaves by “ok”');
  expect(await page.getByTestId('sim-paused').count()).toBe(0);
  await page.getByTestId('sim-step').click();
  expect(await simState(page, 'n7')).toBe('current');
  await page.getByTestId('sim-play').click();
  await page.getByTestId('sim-outcome').waitFor({ timeout: WAIT_MS });
  expect(await simState(page, 'n11')).toBe('current');
});

let model: MockOpenAi | null = null;
afterAll(async () => {
  await model?.close();
});

test('a run waiting for a slow AI server says so, with its timeout, and Stop run says the run stopped', async () => {
  model = await startMockOpenAi({ models: ['slow-model'] });
  // The model never answers the classification.
  model.script({ hang: true });
  const page = await fg.openApp();
  await command(page, 'view.settings');
  const settings = page.getByTestId('dialog-settings');
  await settings.getByTestId('settings-ai-provider').selectOption('openai-compatible');
  await settings.getByTestId('settings-ai-baseurl').fill(model.url);
  await settings.getByTestId('settings-ai-model').fill('slow-model');
  await settings.getByTestId('settings-ai-save').click();
  await eventually(() => settings.getByTestId('settings-ai-message').innerText(), 'saved').toBe('Saved.');
  await settings.getByTestId('settings-done').click();
  await settings.waitFor({ state: 'detached' });

  await newFromTemplate(page, 'support-ticket-triage');
  await selectNode(page, 'n2');
  await page.getByTestId('field-provider').selectOption('external');
  await openSimulation(page);
  await page.getByTestId('sim-scenario').selectOption('scenario:happy');
  await page.getByTestId('sim-run').click();
  await page.getByTestId('sim-speed').selectOption('8');
  const waiting = page.getByTestId('sim-waiting-ai');
  await waiting.waitFor({ timeout: WAIT_MS });
  await eventually(() => waiting.innerText(), 'the wait and its limit').toMatch(/^Waiting for the AI server to answer “Classify ticket”… Each request gives up after \d+ s/);

  await page.getByTestId('sim-cancel').click();
  await eventually(() => page.getByTestId('sim-stopped').innerText(), 'the run stopped').toContain('Run stopped.');
  expect(await page.getByTestId('sim-player').count()).toBe(0);
  expect(await page.getByTestId('sim-cancel').count()).toBe(0);
});
