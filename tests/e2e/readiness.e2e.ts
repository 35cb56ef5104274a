// The readiness view and the report in the browser app: the support template answers every question;
// clearing its owner opens that question, whose link leads to the Owner field; the HTML report comes
// as a download that names the workflow, draws it as SVG and refers to no other host. Screenshots of
// the view in light and dark go to /tmp/fg-shots/readiness-*.png, to be looked at.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { command, eventually, newFromTemplate, readWorkflowFile, saveAs, setTheme, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const SHOTS = '/tmp/fg-shots';
const fg = useFlowgate();

async function openReadiness(page: Page) {
  await command(page, 'view.readiness');
  const panel = page.getByTestId('readiness-panel');
  await panel.waitFor({ timeout: WAIT_MS });
  // The batch history is read when the view opens; wait for its answer so the view is complete.
  await eventually(() => panel.getByTestId('readiness-batch').innerText()).not.toContain('Checking');
  return panel;
}

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  // Animations finished first: the dialog fades in.
  await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled' });
}

test('the support template answers every question, and a cleared owner leads back to its field', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');

  let panel = await openReadiness(page);
  expect(await panel.getByTestId('readiness-answered').innerText()).toContain('16 of 16');
  expect(await panel.getByTestId('readiness-gated').innerText()).toContain('Yes');
  expect(await panel.getByTestId('readiness-findings').innerText()).toContain('0 errors · 0 warnings');
  // No batch has been run in this fresh data folder.
  expect(await panel.getByTestId('readiness-batch').innerText()).toMatch(/No batch has been run yet/);
  const owner = panel.getByTestId('readiness-item-workflow.owner');
  expect(await owner.getAttribute('data-answered')).toBe('true');
  expect(await owner.innerText()).toContain('Support lead');
  expect(await panel.locator('[data-answered="true"]').count()).toBe(16);
  expect(await panel.getByTestId('readiness-item-integration.identities').innerText()).toMatch(/svc-/);
  await shot(page, 'readiness-light');
  await panel.getByTestId('readiness-close').click();
  await panel.waitFor({ state: 'detached' });

  // Break it: nobody owns the workflow any more.
  await page.getByTestId('tab-properties').click();
  await page.getByTestId('field-owner').fill('');
  await page.getByTestId('tab-inspector').click();

  panel = await openReadiness(page);
  expect(await panel.getByTestId('readiness-answered').innerText()).toContain('15 of 16');
  expect(await owner.getAttribute('data-answered')).toBe('false');
  expect(await owner.innerText()).toContain('Not answered');
  const fix = panel.getByTestId('readiness-fix-workflow.owner');
  expect(await fix.innerText()).toBe('Go to Properties → Owner');
  await fix.click();
  await panel.waitFor({ state: 'detached' });
  expect(await page.getByTestId('tab-properties').getAttribute('aria-selected')).toBe('true');
  await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('field-owner');
  await page.keyboard.type('Head of support');
  expect(await page.getByTestId('field-owner').inputValue()).toBe('Head of support');
  panel = await openReadiness(page);
  expect(await owner.innerText()).toContain('Head of support');
});

test('an open step item leads to the step in the Inspector; the view in dark', async () => {
  const page = await fg.openApp({ colorScheme: 'dark' });
  await newFromTemplate(page, 'risky-support-bot');
  await setTheme(page, 'dark');
  const panel = await openReadiness(page);
  expect(await panel.getByTestId('readiness-gated').innerText()).toContain('No');
  expect(await panel.locator('[data-answered="false"]').count()).toBeGreaterThan(3);
  await shot(page, 'readiness-dark');
  // Four steps send or change things without an approval: a link to each.
  const approvals = panel.getByTestId('readiness-fixes-workflow.approvals').getByRole('button');
  expect(await approvals.allInnerTexts()).toEqual(['Go to the step “Answer the customer”', 'Go to the step “Refund automatically”', 'Go to the step “Email a satisfaction survey”', 'Go to the step “Delete the ticket”']);
  const fix = panel.getByTestId('readiness-fix-workflow.reviewers');
  expect(await fix.innerText()).toBe('Go to the step “Manager check”');
  await fix.click();
  await panel.waitFor({ state: 'detached' });
  expect(await page.getByTestId('tab-inspector').getAttribute('aria-selected')).toBe('true');
  await page.getByTestId('inspector-approval').waitFor({ timeout: WAIT_MS });
  expect(await page.locator('.react-flow__node.selected').getAttribute('data-id')).toBe('n7');
  // The open findings lead to the Problems panel.
  const again = await openReadiness(page);
  await again.getByTestId('readiness-open-problems').click();
  await again.waitFor({ state: 'detached' });
  await page.getByTestId('problems-panel').waitFor({ timeout: WAIT_MS });
  await setTheme(page, 'light');
});

test('the HTML report downloads in browser mode: the workflow, its diagram as SVG, nothing from elsewhere', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  const panel = await openReadiness(page);
  // PDF is the desktop app's: browser mode offers HTML and Markdown.
  expect(await panel.getByTestId('readiness-export-pdf').count()).toBe(0);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), panel.getByTestId('readiness-export-html').click()]);
  expect(download.suggestedFilename()).toBe('Support ticket triage readiness report.html');
  const html = await readFile((await download.path())!, 'utf8');
  expect(html).toContain('<title>Support ticket triage: readiness report</title>');
  expect(html).toMatch(/<svg[^>]*>/);
  expect(html).toContain('Content-Security-Policy');
  // The only http(s) address is SVG's namespace name, which is never fetched.
  expect([...new Set(html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])]).toEqual(['http://www.w3.org/2000/svg']);
  // The scenarios were rehearsed in the backend and are in the report.
  expect(html).toContain('Scenarios rehearsed');
  expect(html).not.toContain('The scenarios cannot be run');

  const [md] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), panel.getByTestId('readiness-export-markdown').click()]);
  expect(md.suggestedFilename()).toBe('Support ticket triage readiness report.md');
  expect(await readFile((await md.path())!, 'utf8')).toMatch(/^# Support ticket triage/);
});

/** Calls the backend from the page, as the app does (same origin, the server's token). */
function call<T>(page: Page, method: string, params: unknown): Promise<T> {
  return page.evaluate(
    async ({ name, body, token }) => {
      const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': token }, body: JSON.stringify(body) });
      const envelope = await res.json();
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.result;
    },
    { name: method, body: params, token: fg.server.token },
  ) as Promise<T>;
}

test('a batch of the workflow as it is counts until the next edit, and the report shows it', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, 'support-ticket-triage');
  const path = await saveAs(page, 'Batch readiness');
  const document = await readWorkflowFile(path);
  const { batchId } = await call<{ batchId: string }>(page, 'batch.start', { document, settings: { runs: 200, seed: 5 } });
  await eventually(async () => (await call<{ saved: boolean }>(page, 'batch.progress', { batchId })).saved).toBe(true);

  let panel = await openReadiness(page);
  expect(await panel.getByTestId('readiness-batch').innerText()).toMatch(/Yes[\s\S]*200 items[\s\S]*ran on this version/);
  await shot(page, 'readiness-batch-light');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), panel.getByTestId('readiness-export-html').click()]);
  const html = await readFile((await download.path())!, 'utf8');
  expect(html).toContain('items rehearsed on this version');
  expect(html).toContain('<section id="batch">');
  expect(html).not.toContain('No batch has been run yet');
  await panel.getByTestId('readiness-close').click();
  await panel.waitFor({ state: 'detached' });

  await page.getByTestId('tab-properties').click();
  await page.getByTestId('field-description').fill('Tickets from the help desk, now with refunds too.');
  panel = await openReadiness(page);
  expect(await panel.getByTestId('readiness-batch').innerText()).toMatch(/No[\s\S]*ran on an earlier version/);
});
