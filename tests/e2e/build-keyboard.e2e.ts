// Building a workflow without dragging (issue 19, "Building" 1): with the keyboard only — quick find
// (Ctrl+K) adds the intake, Add Next Step (Alt+Enter) adds each step after it already linked, the same
// picker links outputs to steps already there, Tab reaches the inspector's fields — then saved and
// checked by the analysis in the saved file. Then the "+" buttons with the mouse, and the inspector's
// output pickers; screenshots of the picker and the outputs in both themes.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../cli/repo';
import { analyze } from '../../shared/analysis/analyze';
import type { Workflow } from '../../shared/model/schema';
import { estimatedSize } from '../../renderer/src/canvas/firstView';
import { overlaps } from '../../shared/model/placement';
import { counts, eventually, newBlank, nodeLocator, readWorkflowFile, selectNode, setTheme, waitSaved, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');

/** The data-testid of the focused element, or its tag. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.dataset.testid ?? el?.getAttribute('data-id') ?? el?.id ?? el?.tagName ?? '';
  });
}

/** Presses Tab until the element with this test id (or this id) has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: string, max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Ids of the selected steps, as the page marks them. */
function selectedSteps(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''));
}

/** Quick find: type, then Enter on the first match. */
async function quickFind(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const dialog = page.getByTestId('dialog-quick-find');
  await dialog.waitFor();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
}

/** Add Next Step on the selected step: type a kind or a step's name, `down` times Down, Enter. */
async function nextStep(page: Page, text: string, down = 0): Promise<void> {
  const steps = (await counts(page)).steps;
  const links = (await counts(page)).links;
  await page.keyboard.press('Alt+Enter');
  const picker = page.getByTestId('next-step-picker');
  await picker.waitFor();
  expect(await focused(page)).toBe('next-step-list-input');
  await page.keyboard.type(text);
  for (let i = 0; i < down; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await picker.waitFor({ state: 'detached' });
  // A new step, or a new link to a step already there.
  await eventually(async () => {
    const c = await counts(page);
    return c.steps > steps || c.links > links;
  }, `"${text}" was added or linked`).toBe(true);
}

function overlapping(wf: Workflow): string[] {
  const boxes = wf.nodes.map((n) => ({ id: n.id, ...n.position, ...estimatedSize(n) }));
  return boxes.flatMap((p, i) => boxes.slice(i + 1).filter((q) => overlaps(p, q)).map((q) => `${p.id}/${q.id}`));
}

test('a five-step workflow built with the keyboard only, saved, and clean in the analysis of the saved file', async () => {
  const page = await fg.openApp();
  // From the start page: Alt+N (browser mode's New Workflow) opens a blank workflow.
  await page.keyboard.press('Alt+n');
  await page.getByTestId('canvas').waitFor({ timeout: WAIT_MS });

  await quickFind(page, 'intake');
  await eventually(() => counts(page)).toEqual({ steps: 1, links: 0 });
  await nextStep(page, 'ai step');
  await nextStep(page, 'approval');
  await nextStep(page, 'end');
  expect(await counts(page)).toEqual({ steps: 4, links: 3 });
  // The picker adds each step after the first output that leads nowhere: AI → approval on "ok",
  // approval → end on "approved". Now the AI step's "low confidence": a new escalation.
  await quickFind(page, 'ai step');
  expect(await selectedSteps(page)).toHaveLength(1);
  await nextStep(page, 'escalation');
  // The escalation hands over to the end already there: "end", Down past the new kind, Enter.
  await nextStep(page, 'end', 1);
  // The AI step's "error" and the approval's "rejected" and "timeout" go to that escalation.
  await quickFind(page, 'ai step');
  await nextStep(page, 'escalation', 1);
  await quickFind(page, 'approval');
  await nextStep(page, 'escalation', 1);
  await nextStep(page, 'escalation', 1);
  expect(await counts(page)).toEqual({ steps: 5, links: 8 });

  // Who reviews and who takes over, typed in the inspector, reached with Tab.
  await tabTo(page, 'field-reviewer');
  await page.keyboard.type('Refund lead');
  await quickFind(page, 'escalation');
  await tabTo(page, 'field-team');
  await page.keyboard.type('Support team');
  // The owner, in Properties: Tab to the panel tabs, arrows to Properties, Tab to the field.
  await tabTo(page, 'tab-inspector');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('tab-properties');
  await tabTo(page, 'field-owner');
  await page.keyboard.type('Operations');

  // Save (Ctrl+S asks for a name the first time), then read the file back.
  await page.keyboard.press('Control+s');
  await page.getByTestId('dialog-save-as').waitFor();
  expect(await focused(page)).toBe('save-as-name');
  await page.keyboard.type('refunds');
  await page.keyboard.press('Enter');
  await page.getByTestId('dialog-save-as').waitFor({ state: 'detached' });
  await waitSaved(page);
  const saved = await readWorkflowFile(await page.getByTestId('status-path').innerText());

  expect(saved.nodes.map((n) => n.kind).sort()).toEqual(['ai', 'approval', 'end', 'escalation', 'intake']);
  const kindOf = (id: string) => saved.nodes.find((n) => n.id === id)!.kind;
  expect(saved.edges.map((e) => `${kindOf(e.source)}.${e.sourceHandle} → ${kindOf(e.target)}`).sort()).toEqual([
    'ai.error → escalation',
    'ai.low_confidence → escalation',
    'ai.ok → approval',
    'approval.approved → end',
    'approval.rejected → escalation',
    'approval.timeout → escalation',
    'escalation.out → end',
    'intake.out → ai',
  ]);
  expect(overlapping(saved)).toEqual([]);
  const result = analyze(saved);
  expect(result.findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`)).toEqual([]);
});

test('the "+" of a free output adds a linked step to its right; the inspector relinks an output; screenshots', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await page.getByTestId('palette-ai').click();
  const ai = (await selectedSteps(page))[0];
  // The selected step shows a "+" on itself and on each of its three free outputs.
  await eventually(() => page.locator('.next-step-plus').count()).toBe(4);
  await page.getByTestId('next-step-plus-low_confidence').click();
  const picker = page.getByTestId('next-step-picker');
  await picker.waitFor();
  expect(await picker.textContent()).toContain('from the output low confidence');
  await picker.getByTestId('next-step-list-option').filter({ hasText: 'Escalation' }).first().click();
  await eventually(() => counts(page)).toEqual({ steps: 2, links: 1 });
  const [escalation] = await selectedSteps(page);
  const a = await nodeLocator(page, ai).boundingBox();
  const b = await nodeLocator(page, escalation).boundingBox();
  expect(b!.x).toBeGreaterThan(a!.x + a!.width);

  // The inspector of the AI step: "ok" leads nowhere yet; pick the escalation there.
  await selectNode(page, ai);
  await page.getByTestId('output-target-ok').selectOption(escalation);
  await eventually(() => counts(page)).toEqual({ steps: 2, links: 2 });
  // One undo step takes that link away again.
  await page.getByTestId('tb-edit.undo').click();
  await eventually(() => counts(page)).toEqual({ steps: 2, links: 1 });

  await mkdir(SHOTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await selectNode(page, ai);
    await page.getByTestId('output-links').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `next-step-plus-and-outputs-${theme}.png`) });
    await page.getByTestId('next-step-plus').click();
    await picker.waitFor();
    await page.screenshot({ path: join(SHOTS, `next-step-picker-${theme}.png`) });
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    // Escape closed the picker only: the step is still selected.
    expect(await selectedSteps(page)).toEqual([ai]);
  }
});
