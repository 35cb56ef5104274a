// Importing an n8n workflow in the app, end to end in Chromium against browser mode: through File →
// Import and by dropping the file on the window, the n8n nodes appear as steps (ids and names kept)
// and the AI step that sends without approval carries its finding on the canvas and in Problems
// (screenshots: /tmp/fg-shots/n8n-import-light.png and -dark.png).
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../cli/repo';
import { eventually, fitView, importFile, nodeLocator, setTheme, waitForCanvas, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = '/tmp/fg-shots';
const fixture = (name: string) => readFile(join(REPO_ROOT, 'tests', 'fixtures', 'n8n', name), 'utf8');
const SEND_REPLY = '6b2f3c1e-8a4d-4f0b-9c3e-1d2a3b4c5d04';
const AGENT = '8d4b5e3a-0c6f-4b2d-9e5a-3f4c5d6e7f02';

async function openProblems(page: Page) {
  const tab = page.getByTestId('tab-problems');
  if ((await tab.getAttribute('aria-expanded')) !== 'true') await tab.click();
  const panel = page.getByTestId('problems-panel');
  await panel.waitFor({ timeout: WAIT_MS });
  return panel;
}

test('File → Import opens an n8n workflow as a new unsaved document with its findings on the canvas', async () => {
  const page = await fg.openApp();
  await importFile(page, 'support-inbox.json', await fixture('support-inbox-ungated.json'));
  await waitForCanvas(page);
  await eventually(() => page.getByTestId('toast-ok').first().innerText()).toContain('Imported the n8n workflow support-inbox.json');

  // The n8n nodes are steps with their ids and names; the chat model is folded into the AI step.
  await expect(nodeLocator(page, SEND_REPLY).innerText()).resolves.toContain('Send reply');
  await expect(page.locator('.react-flow__node').filter({ hasText: 'OpenAI Chat Model' }).count()).resolves.toBe(0);

  const badge = page.getByTestId(`badge-${SEND_REPLY}`);
  await eventually(() => badge.getAttribute('data-severity')).toBe('error');
  expect(await badge.getAttribute('title')).toContain('"Send reply" can reply to an email with Gmail');
  expect(await badge.getAttribute('title')).toContain('(gate/missing-approval)');

  const panel = await openProblems(page);
  const row = panel.getByTestId(`problem-gate/missing-approval-${SEND_REPLY}`);
  await row.waitFor({ timeout: WAIT_MS });
  expect(await row.getAttribute('data-severity')).toBe('error');

  await mkdir(SHOTS, { recursive: true });
  await fitView(page);
  await page.screenshot({ path: `${SHOTS}/n8n-import-light.png` });
  await setTheme(page, 'dark');
  await page.screenshot({ path: `${SHOTS}/n8n-import-dark.png` });

  // The Gmail credential is a connection granting what its steps use, its connector the n8n Gmail family.
  await page.getByTestId('tab-connections').click();
  await page.getByTestId('connection-toggle-Xk2LmP9qRt5vWy1Z').click();
  await eventually(() => page.getByTestId('grant-Xk2LmP9qRt5vWy1Z-gmail.message.reply').isChecked()).toBe(true);
  await page.locator('.sidebar').screenshot({ path: `${SHOTS}/n8n-import-connection.png` });
});

test('dropping an n8n file on the window opens it; the agent with a send tool is flagged', async () => {
  const page = await fg.openApp();
  const text = await fixture('agent-with-tools.json');
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'agent.json', { type: 'application/json' }));
    for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  await waitForCanvas(page);
  const badge = page.getByTestId(`badge-${AGENT}`);
  await eventually(() => badge.getAttribute('data-severity')).toBe('error');
  const title = (await badge.getAttribute('title')) ?? '';
  expect(title).toContain('(ai/unreviewed-action)');
  expect(title).toContain('"AI Agent" can send an email with Gmail');
});

test('a broken n8n file is refused in plain words and what was open stays open', async () => {
  const page = await fg.openApp();
  await importFile(page, 'support-inbox.json', await fixture('support-inbox-ungated.json'));
  await waitForCanvas(page);
  const broken = JSON.parse(await fixture('slack-digest.json'));
  broken.nodes[1].name = 'Every morning';
  await importFile(page, 'digest.json', JSON.stringify(broken));
  const message = page.getByTestId('import-error-message');
  await message.waitFor({ timeout: WAIT_MS });
  expect(await message.innerText()).toContain('This is an n8n workflow, but it cannot be imported: The workflow has two nodes called "Every morning"');
  await page.getByTestId('import-error-ok').click();
  await expect(nodeLocator(page, SEND_REPLY).innerText()).resolves.toContain('Send reply');
});
