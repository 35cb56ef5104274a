// Plain words before ids, as a newcomer meets the support template in Chromium: the canvas, the
// Inspector of every step, the Problems panel, Properties, the Connections panel, a single run's
// timeline, a batch's results and the readiness checklists show no step id (n5), no link id (e12) and
// no analysis rule id (gate/no-timeout). The ids the issue asks to keep in small type (a rule's id
// under its title in Properties, a scope under its action's name) are marked `.fg-id` and are the
// only ones allowed. Screenshots of the changed views, light and dark, go to /tmp/fg-shots/.
import { mkdir } from 'node:fs/promises';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { RULES } from '../../shared/analysis/rules/index';
import { command, eventually, fitView, newFromTemplate, nodeIds, selectNode, setTheme, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = '/tmp/fg-shots';
const RULE_IDS = RULES.map((r) => r.meta.id);

/**
 * Ids the page shows as text: step ids, link ids and analysis rule ids in the visible text of the
 * page (innerText: what is rendered, nothing folded away), leaving out the ids shown on purpose in
 * small type (`.fg-id`) and the workflow's own file id in Properties: a new workflow's is a random
 * UUID, whose groups of four read as a link id (`…-e073-…`) in about one run of twenty.
 */
function visibleIds(page: Page): Promise<string[]> {
  return page.evaluate((ruleIds) => {
    const hidden = [...document.querySelectorAll<HTMLElement>('.fg-id, [data-testid="workflow-id"]')];
    const saved = hidden.map((el) => el.style.display);
    for (const el of hidden) el.style.display = 'none';
    const text = document.body.innerText;
    hidden.forEach((el, i) => (el.style.display = saved[i]));
    const found = new Set<string>();
    for (const m of text.matchAll(/\b[ne]\d{1,3}\b/g)) found.add(m[0]);
    for (const id of ruleIds) if (text.includes(id)) found.add(id);
    return [...found];
  }, RULE_IDS);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/words-${name}.png` });
}

test('the support template’s default views show no step, link or rule id', async () => {
  await mkdir(SHOTS, { recursive: true });
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');

  // Opened: the canvas and Properties (with the rules, their ids in small type).
  expect(await visibleIds(page)).toEqual([]);
  const ruleRow = page.getByTestId('rule-gate/no-timeout');
  await ruleRow.scrollIntoViewIfNeeded();
  expect(await ruleRow.locator('.rule-title').innerText()).toBe('Approval that can wait forever');
  expect(await ruleRow.getByTestId('rule-id-gate/no-timeout').innerText()).toBe('gate/no-timeout');
  await shoot(page, 'properties-light');

  // Every step's Inspector (the whole workflow in view, so that each step can be clicked).
  await fitView(page);
  for (const id of await nodeIds(page)) {
    await selectNode(page, id);
    expect(await visibleIds(page), `the Inspector of ${id}`).toEqual([]);
  }
  // The decision's output is named by its rule's name, on the canvas and in the Inspector.
  await selectNode(page, 'n3');
  expect(await page.getByTestId('rule-0').innerText()).toContain('Takes “Billing” when');
  // The action picker leads with the action's name and lists what the connection grants first.
  await selectNode(page, 'n9');
  const granted = page.getByTestId('field-action').locator('optgroup').first();
  expect(await granted.getAttribute('label')).toBe('Granted by Help desk');
  expect(await granted.locator('option').allInnerTexts()).toContain('Reply to the customer · tickets.reply · send');
  await shoot(page, 'inspector-light');

  // The Connections panel: each action by its name, its scope under it in small type.
  await page.getByTestId('tab-connections').click();
  await page.getByTestId('connection-toggle-helpdesk').click();
  expect(await page.getByTestId('action-helpdesk-tickets.reply').locator('.fg-panel-check').innerText()).toBe('Reply to the customer');
  expect(await visibleIds(page)).toEqual([]);
  await shoot(page, 'connections-light');

  // A single run, asked at the approval, approved: its timeline.
  await command(page, 'view.run');
  await page.getByTestId('sim-approval').waitFor({ timeout: WAIT_MS });
  await page.getByTestId('sim-approve').click();
  await page.getByTestId('sim-outcome').waitFor({ timeout: WAIT_MS });
  await page.getByTestId('sim-end').click().catch(() => undefined);
  await eventually(() => page.getByTestId('sim-timeline').innerText(), 'the whole run in the timeline').toContain('Ended: resolved');
  expect(await page.getByTestId('sim-timeline').innerText()).toContain('Reply to the customer (Help desk): done');
  expect(await visibleIds(page)).toEqual([]);
  await shoot(page, 'timeline-light');

  // A batch's results.
  await page.getByTestId('run-mode-batch').click();
  await page.getByTestId('batch-runs').fill('200');
  await page.getByTestId('batch-start').click();
  await page.getByTestId('batch-results').waitFor({ timeout: WAIT_MS });
  expect(await visibleIds(page)).toEqual([]);

  // The readiness checklists.
  await command(page, 'view.readiness');
  await page.getByTestId('readiness-panel').waitFor();
  expect(await visibleIds(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByTestId('readiness-panel').waitFor({ state: 'detached' });

  // With a finding: the Problems panel and the step's findings name the rule by its title.
  await page.getByTestId('tab-connections').click();
  const grant = page.getByTestId('grant-helpdesk-tickets.reply');
  if (!(await grant.isVisible())) await page.getByTestId('connection-toggle-helpdesk').click();
  await grant.uncheck();
  await page.getByTestId('tab-problems').click();
  const row = page.getByTestId('rule-link-permission/exceeds-grant-n9');
  await row.waitFor({ timeout: WAIT_MS });
  expect(await row.innerText()).toBe('Needs more than its connection grants');
  expect(await visibleIds(page)).toEqual([]);
  // A click on the problem shows its step, with the finding in the Inspector.
  await page.locator('#problems-dock-body .problem-main').first().click();
  await page.getByTestId('tab-inspector').click();
  await page.getByTestId('inspector-integration').waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('node-finding-permission/exceeds-grant').innerText()).toContain('Needs more than its connection grants');
  expect(await visibleIds(page)).toEqual([]);
  await shoot(page, 'problems-light');

  await setTheme(page, 'dark');
  await shoot(page, 'problems-dark');
  await page.getByTestId('tab-properties').click();
  await page.getByTestId('rule-gate/no-timeout').scrollIntoViewIfNeeded();
  await shoot(page, 'properties-dark');
  await page.getByTestId('tab-simulation').click();
  await page.getByTestId('run-mode-single').click();
  await shoot(page, 'timeline-dark');
  await fitView(page);
  await page.getByTestId('tab-inspector').click();
  await selectNode(page, 'n9');
  await shoot(page, 'inspector-dark');
  await setTheme(page, 'light');
});
