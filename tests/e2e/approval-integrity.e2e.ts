// An approval covers what was approved, end to end in Chromium: the redraft-after-approval workflow
// (tests/fixtures/) is opened from the workspace; the editor flags its send (badge, Problems panel,
// inspector), the inspector says what the send sends and who writes it and what the approval shows,
// and a simulated run marks the send as changed after approval, on the canvas and in the timeline.
// The approval panel of a run asked at every approval shows what the reviewer sees, and an edit of
// the draft there is the reviewer's own content. Screenshots, light and dark, go to
// tests/e2e/screenshots/ (ignored by git).
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../cli/repo';
import { command, eventually, nodeLocator, waitSaved, selectNode, setTheme, viewportStill, waitForCanvas, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');
const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'redraft-after-approval.flowgate.json');

async function openFixture(page: Page): Promise<void> {
  const path = join(fg.server.workspaceDir, 'redraft-after-approval.flowgate.json');
  await copyFile(FIXTURE, path);
  await page.getByTestId('home-open').click();
  await page.getByTestId('dialog-open').locator(`[data-testid="open-item"][data-path="${path}"]`).click();
  await waitForCanvas(page);
}

async function openProblems(page: Page) {
  const tab = page.getByTestId('tab-problems');
  if ((await tab.getAttribute('aria-expanded')) !== 'true') await tab.click();
  const panel = page.getByTestId('problems-panel');
  await panel.waitFor({ timeout: WAIT_MS });
  return panel;
}

async function runScenario(page: Page, approvals: 'scenario' | 'ask') {
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('simulation-panel').waitFor({ timeout: WAIT_MS });
  await page.getByTestId('sim-scenario').selectOption('scenario:approved');
  await page.getByTestId(`sim-approvals-${approvals}`).click();
  await page.getByTestId('sim-run').click();
  await page.getByTestId('sim-speed').selectOption('8');
}

test('the send after a redraft is flagged in the editor, and the inspector says what it sends and what the approval shows', async () => {
  await mkdir(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    const page = await fg.openApp();
    await setTheme(page, theme);
    await openFixture(page);

    // The badge on "Send reply" is an error, and the Problems panel says why.
    const badge = page.getByTestId('badge-n5');
    await eventually(() => badge.getAttribute('data-severity'), 'the send is flagged').toBe('error');
    const row = (await openProblems(page)).getByTestId('problem-gate/stale-approval-n5');
    await row.waitFor({ timeout: WAIT_MS });
    expect(await row.innerText()).toContain('which "Polish reply" changes after "Supervisor approves reply" approved it');

    // The send's inspector: the finding, and what it sends with who writes it.
    await selectNode(page, 'n5');
    const inspector = page.getByTestId('inspector');
    expect(await inspector.getByTestId('node-finding-gate/stale-approval').count()).toBe(1);
    const sends = inspector.getByTestId('inspector-sends');
    expect(await sends.getByTestId('sends-reply').innerText()).toBe('reply, written by Draft reply and Polish reply');
    expect(await sends.getByTestId('sends-ticketId').innerText()).toBe('ticketId, written by New ticket');
    await page.screenshot({ path: join(SHOTS, `approval-integrity-${theme}-send-inspector.png`) });

    // The approval's inspector: what its reviewer is shown, and what is sent after it.
    await selectNode(page, 'n3');
    const shows = inspector.getByTestId('shows-list');
    expect(await shows.locator('[data-testid^="shown-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['shown-ticketId', 'shown-reply']);
    expect(await inspector.getByTestId('shows-sent').innerText()).toBe('After it is approved: Send reply sends ticketId and reply.');
    // Showing less is a blind approval: the warning comes, in the form and as a finding; undo takes it back.
    await inspector.getByTestId('stop-showing-reply').click();
    await inspector.getByTestId('shows-unshown').waitFor({ timeout: WAIT_MS });
    await eventually(() => inspector.getByTestId('node-finding-gate/blind-approval').count(), 'the approval is blind').toBe(1);
    await page.screenshot({ path: join(SHOTS, `approval-integrity-${theme}-approval-inspector.png`) });
    await inspector.getByTestId('shows-chips').getByTestId('var-chip-reply').click();
    await eventually(() => inspector.getByTestId('node-finding-gate/blind-approval').count(), 'shown again').toBe(0);
    expect(await inspector.getByTestId('shows-unshown').count()).toBe(0);
    // Saved, so the next theme's fresh browser context is not offered this page's unsaved work.
    await command(page, 'file.save');
    await waitSaved(page);
  }
});

test('a simulated send is marked as changed after approval, on the canvas and in the timeline', async () => {
  await mkdir(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    const page = await fg.openApp();
    await setTheme(page, theme);
    await openFixture(page);
    await runScenario(page, 'scenario');

    await page.getByTestId('sim-outcome').waitFor({ timeout: WAIT_MS });
    const send = nodeLocator(page, 'n5').locator('.step');
    await eventually(() => send.getAttribute('class'), 'the send is marked').toContain('sim-changed');
    expect(await nodeLocator(page, 'n5').getByTestId('sim-changed-mark').innerText()).toBe('Sent changed after approval');
    // Only the send: the draft, the approval and the polish sent nothing.
    for (const id of ['n1', 'n2', 'n3', 'n4', 'n6']) expect(await nodeLocator(page, id).locator('.step').getAttribute('class'), id).not.toContain('sim-changed');
    expect(await page.getByTestId('sim-outcome-changed').innerText()).toBe('1 call sent content that changed after it was approved: the reviewer saw something else.');
    const timeline = page.getByTestId('sim-timeline');
    const event = timeline.locator('li.tone-danger', { hasText: 'Sends body changed after approval' });
    expect(await event.count()).toBe(1);
    expect(await event.innerText()).toContain('“Supervisor approves reply” approved other content');
    expect(await timeline.innerText()).toContain('shown ticketId, reply');
    await eventually(() => viewportStill(page), 'the view stopped moving').toBe(true);
    await page.screenshot({ path: join(SHOTS, `approval-integrity-${theme}-marked-call.png`) });
  }
});

test('moved after the polish by its quick fix, the approval shows the final reply; the reviewer’s own edit is what is sent, unmarked', async () => {
  const page = await fg.openApp();
  await setTheme(page, 'light');
  await openFixture(page);
  const panel = await openProblems(page);
  await panel.getByTestId('fix-gate/stale-approval-n5-0').click();
  await eventually(() => panel.getByTestId('problem-gate/stale-approval-n5').count(), 'the finding is gone').toBe(0);
  expect(await page.getByTestId('badge-n5').count()).toBe(0);

  await runScenario(page, 'ask');
  const prompt = page.getByTestId('sim-approval');
  await prompt.waitFor({ timeout: WAIT_MS });
  // The reviewer now sees the polished reply, promise included, and the ticket it goes to.
  expect(await prompt.getByTestId('sim-shown-ticketId').innerText()).toContain('T-2001');
  const draft = prompt.getByTestId('sim-edit-draft');
  expect(await draft.inputValue()).toContain('we have refunded');
  await page.screenshot({ path: join(SHOTS, 'approval-integrity-light-approval-prompt.png') });
  await draft.fill('Hello Ana, a fix for the PDF export ships on Monday.');
  await prompt.getByTestId('sim-approve').click();
  await page.getByTestId('sim-outcome').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('sim-outcome-changed').count()).toBe(0);
  expect(await nodeLocator(page, 'n5').locator('.step').getAttribute('class')).not.toContain('sim-changed');
  const timeline = await page.getByTestId('sim-timeline').innerText();
  expect(timeline).toContain('reply edited');
  expect(timeline).not.toContain('changed after approval');
});
