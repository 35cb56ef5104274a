// The analysis in the app, end to end in Chromium against browser mode: a grant taken away shows as
// a finding on the step that needs it and in the Problems panel, its quick fix is one undo step;
// deleting the approval gate leaves the send step unguarded.
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { command, connect, counts, eventually, fitView, newFromTemplate, nodeLocator, selectNode, viewportStill, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();

/** The number the status bar shows for errors or warnings. */
async function statusCount(page: Page, which: 'errors' | 'warnings'): Promise<number> {
  return Number.parseInt(await page.getByTestId(`status-${which}`).innerText(), 10);
}

/** Ids of the steps that carry a findings badge on the canvas. */
function badgedSteps(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => els.filter((el) => el.querySelector('.step-badge')).map((el) => el.getAttribute('data-id') ?? ''));
}

async function openProblems(page: Page) {
  const tab = page.getByTestId('tab-problems');
  if ((await tab.getAttribute('aria-expanded')) !== 'true') await tab.click();
  const panel = page.getByTestId('problems-panel');
  await panel.waitFor({ timeout: WAIT_MS });
  return panel;
}

test('a grant removed in the Connections panel shows on the step that needs it, and its quick fix is one undo step', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  // The support template passes every rule.
  await eventually(() => statusCount(page, 'errors')).toBe(0);
  expect(await statusCount(page, 'warnings')).toBe(0);
  expect(await badgedSteps(page)).toEqual([]);

  await page.getByTestId('tab-connections').click();
  await page.getByTestId('connection-toggle-helpdesk').click();
  const replyGrant = page.getByTestId('grant-helpdesk-tickets.reply');
  await replyGrant.uncheck();

  // On the canvas: the "Send reply" step, and only it, gets an error badge listing the rule.
  const badge = page.getByTestId('badge-n9');
  await eventually(() => badge.getAttribute('data-severity')).toBe('error');
  expect(await badge.getAttribute('title')).toContain('"Send reply" needs "tickets.reply"');
  expect(await badge.getAttribute('title')).toContain('(permission/exceeds-grant)');
  expect(await badgedSteps(page)).toEqual(['n9']);
  expect(await nodeLocator(page, 'n9').locator('.step').getAttribute('class')).toContain('has-error');
  // The connection's card says so too, and the status bar counts it.
  expect(await page.getByTestId('badge-connection-helpdesk').getAttribute('data-severity')).toBe('error');
  expect(await statusCount(page, 'errors')).toBe(1);

  // In the Problems panel, under the step, with its quick fix.
  await page.getByTestId('status-errors').click();
  const panel = await openProblems(page);
  const row = panel.getByTestId('problem-permission/exceeds-grant-n9');
  await row.waitFor();
  expect(await row.getAttribute('data-severity')).toBe('error');
  expect(await row.innerText()).toContain('Grant "tickets.reply" on "Help desk"');
  expect(await panel.getByTestId('problem-group-node:n9').innerText()).toContain('Send reply');
  const fix = row.getByTestId('fix-permission/exceeds-grant-n9-0');
  expect(await fix.innerText()).toBe('Grant "tickets.reply" on "Help desk"');

  await fix.click();
  await row.waitFor({ state: 'detached' });
  await badge.waitFor({ state: 'detached' });
  await panel.getByTestId('problems-empty').waitFor();
  expect(await replyGrant.isChecked()).toBe(true);
  expect(await statusCount(page, 'errors')).toBe(0);

  // The fix was exactly one undo step.
  await command(page, 'edit.undo');
  await row.waitFor();
  expect(await replyGrant.isChecked()).toBe(false);
  await command(page, 'edit.redo');
  await row.waitFor({ state: 'detached' });
  expect(await replyGrant.isChecked()).toBe(true);
});

test('deleting the approval gate leaves the send step without approval', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  await fitView(page);
  await selectNode(page, 'n8');
  await command(page, 'edit.delete');
  await eventually(() => counts(page)).toEqual({ steps: 15, links: 19 });

  // With the gate went the links into and out of it: "Send reply" is no longer reached at all.
  const panel = await openProblems(page);
  const unreachable = panel.getByTestId('problem-graph/unreachable-n9');
  await unreachable.waitFor();
  // Clicking the problem selects the step and brings it into view, next to "Draft reply".
  await unreachable.locator('.problem-main').click();
  await page.getByTestId('inspector-integration').waitFor();
  await eventually(() => viewportStill(page), 'the view stopped moving').toBe(true);

  // Lead the draft straight to the send step, as if the gate had never been there.
  await connect(page, 'n7', 'ok', 'n9');
  await eventually(() => counts(page)).toEqual({ steps: 15, links: 20 });

  const badge = page.getByTestId('badge-n9');
  await eventually(() => badge.getAttribute('title')).toContain('(gate/missing-approval)');
  expect(await badge.getAttribute('data-severity')).toBe('error');
  const row = panel.getByTestId('problem-gate/missing-approval-n9');
  await row.waitFor();
  expect(await row.innerText()).toContain('"Send reply" can reply to the customer (tickets.reply) without anyone approving it first');
  expect(await panel.getByTestId('problem-graph/unreachable-n9').count()).toBe(0);

  // The quick fix puts a new approval in front of it, where the old one stood, with "rejected" and
  // "timeout" led to the one "rejected" end; the reviewer is left to type, and has the cursor.
  await row.getByTestId('fix-gate/missing-approval-n9-0').click();
  await row.waitFor({ state: 'detached' });
  await eventually(() => counts(page)).toEqual({ steps: 16, links: 23 });
  const gate = page.locator('.react-flow__node:has(.step[data-kind="approval"])');
  expect(await gate.count()).toBe(1);
  const reviewer = page.getByTestId('inspector-approval').getByTestId('field-reviewer');
  await eventually(() => reviewer.evaluate((el) => el === document.activeElement), 'the reviewer field has the cursor').toBe(true);
  expect(await reviewer.inputValue()).toBe('');
  const [gateBox, draftBox, sendBox] = await Promise.all([gate.boundingBox(), nodeLocator(page, 'n7').boundingBox(), nodeLocator(page, 'n9').boundingBox()]);
  expect(gateBox!.x).toBeGreaterThan(draftBox!.x + draftBox!.width);
  expect(gateBox!.x + gateBox!.width).toBeLessThan(sendBox!.x);
  const noReviewer = panel.getByTestId(`problem-gate/no-reviewer-${await gate.getAttribute('data-id')}`);
  await noReviewer.waitFor();
  await page.keyboard.type('Support supervisor');
  await noReviewer.waitFor({ state: 'detached' });
});
