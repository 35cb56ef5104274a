// Quick find (issue 19, "Building" 3): Ctrl+K finds a step by name and shows it, adds a kind of step
// or a sticky note, runs a command; keyboard-driven, and Escape leaves everything as it was. Screenshots
// in both themes.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../cli/repo';
import { counts, eventually, newFromTemplate, setTheme, stepsOutsideCanvas, viewportStill } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');
const TEMPLATE = 'support-ticket-triage';

async function open(page: Page): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('dialog-quick-find').waitFor();
}

async function find(page: Page, text: string): Promise<void> {
  await open(page);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.getByTestId('dialog-quick-find').waitFor({ state: 'detached' });
}

test('finds a step by name and shows it, adds a kind and a note, runs a command; Escape changes nothing', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, TEMPLATE);
  await eventually(() => viewportStill(page), 'the first view is still').toBe(true);

  // "Human triage" is off to the right of the first view: found, selected, brought into view, focused.
  await find(page, 'human tri');
  const triage = page.locator('.react-flow__node').filter({ hasText: 'Human triage' });
  const id = (await triage.getAttribute('data-id'))!;
  await eventually(() => page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))).toEqual([id]);
  await eventually(async () => (await stepsOutsideCanvas(page)).includes(id), 'the step is in view').toBe(false);
  await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(id);
  await expect.poll(() => page.getByTestId('inspector-escalation').isVisible()).toBe(true);

  // A kind to add: "approval" lists the step "Supervisor approves reply" (an approval) first, then the
  // kind; Down to the kind, Enter. It lands in a free place near the selection, and is selected.
  const before = await counts(page);
  await open(page);
  await page.keyboard.type('approval');
  const keys = await page.getByTestId('dialog-quick-find').getByRole('option').evaluateAll((els) => els.map((el) => el.getAttribute('data-key')));
  expect(keys[0]).toMatch(/^step:/);
  for (let i = 0; i < keys.indexOf('add:approval'); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await eventually(() => counts(page)).toEqual({ steps: before.steps + 1, links: before.links });
  await eventually(() => page.locator('.react-flow__node.selected .step').getAttribute('data-kind')).toBe('approval');

  // A sticky note.
  await find(page, 'sticky');
  await eventually(() => page.locator('.react-flow__node-note').count()).toBe(1);

  // A command: Zoom to Fit brings every step into view.
  await find(page, 'zoom to fit');
  await eventually(async () => (await stepsOutsideCanvas(page)).length, 'every step in view').toBe(0);

  // Escape: nothing chosen, nothing changed, the keyboard back where it was (on the note, focused
  // first and settled there, so that the check does not depend on when the note took the focus).
  await page.locator('.react-flow__node[data-id="note:note1"]').focus();
  await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('note:note1');
  const focusedBefore = 'note:note1';
  const countsBefore = await counts(page);
  await open(page);
  await page.keyboard.type('send');
  await page.keyboard.press('Escape');
  await page.getByTestId('dialog-quick-find').waitFor({ state: 'detached' });
  expect(await counts(page)).toEqual(countsBefore);
  await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? document.activeElement?.tagName)).toBe(focusedBefore);
});

test('quick find in both themes (screenshots)', async () => {
  const page = await fg.openApp();
  await newFromTemplate(page, TEMPLATE);
  await mkdir(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await open(page);
    await page.keyboard.type('reply');
    // Steps first, then kinds and commands that match.
    await eventually(() => page.getByTestId('dialog-quick-find').getByRole('option').first().innerText()).toMatch(/reply/i);
    await page.keyboard.press('ArrowDown');
    await page.screenshot({ path: join(SHOTS, `quick-find-${theme}.png`) });
    await page.keyboard.press('Escape');
    await page.getByTestId('dialog-quick-find').waitFor({ state: 'detached' });
  }
});
