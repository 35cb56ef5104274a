// The editor end to end, in Chromium against browser mode: build a workflow with the mouse, undo and
// redo, save, reload and reopen; refused links and refused imports; the side panels; the gallery.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { RESOURCES_DIR } from '../../cli/repo';
import {
  command,
  connect,
  counts,
  dragFromPalette,
  eventually,
  goHome,
  importFile,
  newBlank,
  newFromTemplate,
  nodeIds,
  nodeLocator,
  readWorkflowFile,
  saveAs,
  selectNode,
  waitForBoot,
  waitForCanvas,
} from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();

const REVIEWER = 'Support supervisor';

/** The links drawn on the canvas, as "source→target" (React Flow labels each edge this way). */
async function drawnLinks(page: Page): Promise<string[]> {
  const labels = await page.locator('.react-flow__edge').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.replace(/^Edge from (\S+) to (\S+)$/, '$1→$2')).sort();
}

function reviewerField(page: Page) {
  return page.getByTestId('inspector-approval').getByTestId('field-reviewer');
}

test('a workflow drawn with the mouse survives undo, redo, save, reload and reopening', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  const intake = await dragFromPalette(page, 'intake', 140, 220);
  const ai = await dragFromPalette(page, 'ai', 420, 220);
  const approval = await dragFromPalette(page, 'approval', 700, 220);
  expect(await counts(page)).toEqual({ steps: 3, links: 0 });
  expect(await page.locator('.react-flow__node .step').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(['intake', 'ai', 'approval']);

  await connect(page, intake, 'out', ai);
  await eventually(() => counts(page)).toEqual({ steps: 3, links: 1 });
  await connect(page, ai, 'ok', approval);
  await eventually(() => counts(page)).toEqual({ steps: 3, links: 2 });
  expect(await drawnLinks(page)).toEqual([`${ai}→${approval}`, `${intake}→${ai}`].sort());

  await selectNode(page, approval);
  // The Inspector's tab carries no number that could pass for a count of problems.
  expect(await page.getByTestId('tab-inspector').innerText()).toBe('Inspector');
  await reviewerField(page).pressSequentially(REVIEWER);
  await eventually(() => reviewerField(page).inputValue()).toBe(REVIEWER);
  // The step on the canvas summarises its reviewer.
  await eventually(() => nodeLocator(page, approval).innerText()).toContain(REVIEWER);

  // The typing is one undo step, the second link the one before it.
  await command(page, 'edit.undo');
  await eventually(() => reviewerField(page).inputValue()).toBe('');
  expect((await counts(page)).links).toBe(2);
  await command(page, 'edit.undo');
  await eventually(() => counts(page)).toEqual({ steps: 3, links: 1 });
  expect(await reviewerField(page).inputValue()).toBe('');
  await command(page, 'edit.redo');
  await eventually(() => counts(page)).toEqual({ steps: 3, links: 2 });
  expect(await reviewerField(page).inputValue()).toBe('');
  await command(page, 'edit.redo');
  await eventually(() => reviewerField(page).inputValue()).toBe(REVIEWER);
  await eventually(() => page.getByTestId('tb-edit.redo').isDisabled()).toBe(true);

  // The same from the keyboard, with the canvas (not a field) focused: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y.
  await page.getByTestId('canvas').click({ position: { x: 420, y: 600 } });
  expect(await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName ?? ''))).toBe(false);
  const summary = () => nodeLocator(page, approval).innerText();
  await page.keyboard.press('Control+z');
  await eventually(summary).not.toContain(REVIEWER);
  await page.keyboard.press('Control+z');
  await eventually(() => counts(page)).toEqual({ steps: 3, links: 1 });
  await page.keyboard.press('Control+Shift+z');
  await eventually(() => counts(page)).toEqual({ steps: 3, links: 2 });
  expect(await summary()).not.toContain(REVIEWER);
  await page.keyboard.press('Control+y');
  await eventually(summary).toContain(REVIEWER);
  await eventually(() => page.getByTestId('tb-edit.redo').isDisabled()).toBe(true);

  expect(await page.getByTestId('status-save').innerText()).toBe('New workflow — not saved yet');
  expect(await page.getByTestId('status-path').count()).toBe(0);
  const path = await saveAs(page, 'Ticket review');
  expect(path).toBe(join(fg.server.workspaceDir, 'Ticket review.flowgate.json'));
  // Saved as "Ticket review", the untitled workflow took that name.
  expect(await page.locator('.doc-name').innerText()).toBe('Ticket review');
  const [exported] = await Promise.all([page.waitForEvent('download'), command(page, 'file.export')]);
  expect(exported.suggestedFilename()).toBe('Ticket review.flowgate.json');
  const saved = await readWorkflowFile(path);
  expect(saved.nodes.map((n) => [n.id, n.kind])).toEqual([
    [intake, 'intake'],
    [ai, 'ai'],
    [approval, 'approval'],
  ]);
  expect(saved.edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual([
    [intake, 'out', ai],
    [ai, 'ok', approval],
  ]);
  expect(saved.nodes.find((n) => n.id === approval)?.config).toMatchObject({ reviewer: REVIEWER });

  const expectIntact = async (p: Page) => {
    await waitForCanvas(p);
    expect(await counts(p)).toEqual({ steps: 3, links: 2 });
    expect(await nodeIds(p)).toEqual([intake, ai, approval]);
    expect(await drawnLinks(p)).toEqual([`${ai}→${approval}`, `${intake}→${ai}`].sort());
    await selectNode(p, approval);
    expect(await reviewerField(p).inputValue()).toBe(REVIEWER);
    expect(await p.getByTestId('status-path').innerText()).toBe(path);
    expect(await p.getByTestId('status-save').innerText()).toBe('All changes saved');
  };

  // A reload reopens the tab's file by itself.
  await page.reload();
  await waitForBoot(page);
  await expectIntact(page);

  // From the start page's recent list.
  await goHome(page);
  await page.locator(`[data-testid="recent-item"][data-path="${path}"]`).getByTestId('recent-open').click();
  await expectIntact(page);

  // In a new tab (nothing to reopen), through the Open dialog.
  const other = await fg.openApp();
  await other.getByTestId('home-open').click();
  await other.getByTestId('dialog-open').locator(`[data-testid="open-item"][data-path="${path}"]`).click();
  await expectIntact(other);
});

test('browser mode answers Alt+N and Alt+W, where the browser keeps Ctrl+N and Ctrl+W, and lists them', async () => {
  const page = await fg.openApp();
  await page.getByTestId('home').waitFor();
  await page.keyboard.press('Alt+n');
  await page.getByTestId('canvas').waitFor();
  expect(await page.locator('.doc-name').innerText()).toBe('Untitled workflow');

  await command(page, 'help.shortcuts');
  const dialog = page.getByTestId('dialog-shortcuts');
  expect(await dialog.getByTestId('shortcut-file.new').locator('kbd').allInnerTexts()).toEqual(['Alt+N']);
  expect(await dialog.getByTestId('shortcut-file.home').locator('kbd').allInnerTexts()).toEqual(['Alt+W']);
  expect((await dialog.locator('.shortcut-table kbd').allInnerTexts()).filter((k) => /^Ctrl\+[NW]$/.test(k))).toEqual([]);
  expect(await dialog.getByTestId('shortcuts-browser-note').innerText()).toContain('Alt+N stands in for Ctrl+N');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // Nothing unsaved in the new workflow, so it closes without a question.
  await page.keyboard.press('Alt+w');
  await page.getByTestId('home').waitFor();
});

test('a refused link says why and adds nothing', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  const intake = await dragFromPalette(page, 'intake', 140, 220);
  const ai = await dragFromPalette(page, 'ai', 480, 220);
  const banner = page.getByTestId('connection-refused');

  // Into an intake: it has no input, so the drag ends on the step itself.
  await connect(page, ai, 'ok', intake);
  await eventually(() => banner.innerText()).toContain('An intake starts the workflow: nothing can lead into it.');
  expect(await counts(page)).toEqual({ steps: 2, links: 0 });
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await banner.waitFor({ state: 'detached' });

  // A step into itself.
  await connect(page, ai, 'error', ai);
  await eventually(() => banner.innerText()).toContain('A step cannot connect to itself.');
  expect(await counts(page)).toEqual({ steps: 2, links: 0 });
  expect(await page.locator('.react-flow__edge').count()).toBe(0);
  // Moving on to another step takes the banner away.
  await nodeLocator(page, intake).locator('.step-head').click();
  await banner.waitFor({ state: 'detached' });
  // Nothing happened, so there is nothing to undo but the two drops.
  await command(page, 'edit.undo');
  await eventually(() => counts(page)).toEqual({ steps: 1, links: 0 });
});

test('a broken import shows what is wrong and where, and leaves the open workflow as it was', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, 'invoice-approval');
  const before = { counts: await counts(page), ids: await nodeIds(page), name: await page.locator('.doc-name').innerText(), save: await page.getByTestId('status-save').innerText() };
  const dialog = page.getByTestId('import-error');
  const expectUntouched = async () => {
    await dialog.getByTestId('import-error-ok').click();
    await dialog.waitFor({ state: 'detached' });
    expect({ counts: await counts(page), ids: await nodeIds(page), name: await page.locator('.doc-name').innerText(), save: await page.getByTestId('status-save').innerText() }).toEqual(before);
  };

  await importFile(page, 'notes.txt.json', 'These are my meeting notes, not a workflow.');
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain('notes.txt.json');
  expect(await dialog.getByTestId('import-error-path').innerText()).toBe('$ (the whole file)');
  expect(await dialog.getByTestId('import-error-message').innerText()).toMatch(/JSON/);
  await expectUntouched();

  const template = JSON.parse(await readFile(join(RESOURCES_DIR, 'templates', 'invoice-approval.flowgate.json'), 'utf8'));
  const i = template.nodes.findIndex((n: { kind: string }) => n.kind === 'ai');
  template.nodes[i].config.confidenceThreshold = 'very sure';
  await importFile(page, 'bad-threshold.flowgate.json', JSON.stringify(template));
  await dialog.waitFor();
  expect(await dialog.getByTestId('import-error-path').innerText()).toBe(`$.nodes[${i}].config.confidenceThreshold`);
  expect(await dialog.getByTestId('import-error-message').innerText()).not.toBe('');
  await expectUntouched();
});

test('the Connections panel adds a connection and grants it a scope', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await page.getByTestId('tab-connections').click();
  const panel = page.getByTestId('connections-panel');
  await panel.getByTestId('connections-empty').waitFor();
  await panel.getByTestId('add-connection').click();
  await panel.getByTestId('connector-option-helpdesk').click();

  const card = panel.getByTestId('connection-helpdesk');
  const grant = card.getByTestId('grant-helpdesk-tickets.read');
  expect(await grant.isChecked()).toBe(false);
  await grant.check();
  expect(await grant.isChecked()).toBe(true);
  expect(await card.getByTestId('connection-toggle-helpdesk').innerText()).toContain('1 grant');
  expect(await card.getByTestId('grant-helpdesk-tickets.reply').isChecked()).toBe(false);
  await card.getByTestId('field-identity').fill('svc-ai-triage');

  const path = await saveAs(page, 'Help desk access');
  const saved = await readWorkflowFile(path);
  expect(saved.connections).toEqual([expect.objectContaining({ id: 'helpdesk', connector: 'helpdesk', identity: 'svc-ai-triage', grants: ['tickets.read'] })]);
});

test('the workflow properties are edited in the Properties panel and saved', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await page.getByTestId('tab-properties').click();
  const panel = page.getByTestId('properties-panel');
  await panel.getByTestId('field-name').fill('Refund requests');
  await panel.getByTestId('field-description').fill('Customers ask for a refund; a person approves it.');
  await panel.getByTestId('field-owner').fill('Finance lead');
  await eventually(() => page.locator('.doc-name').innerText()).toBe('Refund requests');
  await eventually(() => page.title()).toBe('• Refund requests — Flowgate');

  // Save As suggests the workflow's name.
  await command(page, 'file.saveAs');
  const dialog = page.getByTestId('dialog-save-as');
  expect(await dialog.getByTestId('save-as-name').inputValue()).toBe('Refund requests');
  await dialog.getByTestId('save-as-confirm').click();
  await eventually(() => page.getByTestId('status-save').innerText()).toBe('All changes saved');
  await eventually(() => page.title()).toBe('Refund requests — Flowgate');
  const saved = await readWorkflowFile(join(fg.server.workspaceDir, 'Refund requests.flowgate.json'));
  expect({ name: saved.name, description: saved.description, owner: saved.owner }).toEqual({
    name: 'Refund requests',
    description: 'Customers ask for a refund; a person approves it.',
    owner: 'Finance lead',
  });
});

test('the template gallery lists the five templates in gallery order', async () => {
  const page = await fg.openApp();
  const order: string[] = JSON.parse(await readFile(join(RESOURCES_DIR, 'templates', 'order.json'), 'utf8'));
  const names = await Promise.all(order.map(async (id) => JSON.parse(await readFile(join(RESOURCES_DIR, 'templates', `${id}.flowgate.json`), 'utf8')).name as string));
  const cards = page.locator('[data-testid^="template-"]');
  await eventually(() => cards.count()).toBe(5);
  expect(await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).toEqual(order.map((id) => `template-${id}`));
  expect(await page.locator('.template-name').allInnerTexts()).toEqual(names);
});
