// A large workflow opened from the workspace is analysed first in a Web Worker (store/analysis.ts,
// analysis/analysis-worker.ts): the status bar says "Checking…" meanwhile, then the counts, the
// Problems panel and the badges show what analyze() finds in the document; an edit afterwards is
// analysed in the page, and the findings shown stay those of the document as saved.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { analyze } from '../../shared/analysis/analyze';
import type { FindingCounts } from '../../shared/analysis/types';
import { loadWorkflow, serializeWorkflow } from '../../shared/model/load';
import { AWAY_FROM } from '../../renderer/src/store/analysis';
import { generateWorkflow } from '../fixtures/generate-workflow';
import { command, readWorkflowFile, waitSaved, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
/** Generous: a loaded 2-core machine analyses and draws thousands of steps. */
const SLOW_MS = 120_000;

async function shownCounts(page: Page): Promise<{ error: number; warn: number }> {
  const read = async (which: string) => Number.parseInt(await page.getByTestId(`status-${which}`).innerText({ timeout: SLOW_MS }), 10);
  return { error: await read('errors'), warn: await read('warnings') };
}

const expectedOf = (c: FindingCounts) => ({ error: c.error, warn: c.warn });

test('a large workflow says "Checking…" while its analysis runs in the background, then shows what analyze() finds, and edits stay correct', { timeout: 300_000 }, async () => {
  const generated = generateWorkflow({ nodes: 3 * AWAY_FROM, variant: 'flawed', seed: 4 });
  const text = serializeWorkflow(generated);
  // The document as the app holds it: the loader's (it fills in what approvals show).
  const opened = loadWorkflow(text).workflow;
  const expected = analyze(opened);
  expect(expected.counts.error).toBeGreaterThan(0);
  const path = join(fg.server.workspaceDir, 'large-flawed.flowgate.json');
  await writeFile(path, text);

  const page = await fg.openApp();
  // The analysis worker the page starts (renderer/src/client/worker-client.ts), by its script's name.
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // Notes whether the status bar ever says "Checking…" (it may not last long enough to be polled).
  await page.evaluate(() => {
    const w = window as unknown as { sawChecking: boolean };
    w.sawChecking = false;
    const note = () => {
      if (document.querySelector('[data-testid="status-checking"]')) w.sawChecking = true;
    };
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByTestId('home-open').click();
  await page.getByTestId('dialog-open').locator(`[data-testid="open-item"][data-path="${path}"]`).click();
  await expect.poll(() => page.getByTestId('canvas').getAttribute('data-drawn'), { timeout: SLOW_MS, interval: 100, message: 'every step drawn' }).toBe('all');

  await page.getByTestId('status-errors').waitFor({ timeout: SLOW_MS });
  await expect.poll(() => shownCounts(page), { timeout: SLOW_MS, message: 'the counts of the analysis' }).toEqual(expectedOf(expected.counts));
  expect(await page.evaluate(() => (window as unknown as { sawChecking: boolean }).sawChecking)).toBe(true);
  expect(workers.some((url) => url.includes('analysis-worker'))).toBe(true);
  expect(await page.getByTestId('status-checking').count()).toBe(0);
  // The Problems tab counts every finding.
  expect(await page.getByTestId('problems-count').innerText()).toBe(String(expected.counts.error + expected.counts.warn + expected.counts.info));

  // The first problem's step, shown from the Problems panel: it and every other step in view take the
  // colour of their worst finding (none for a step without findings).
  await page.getByTestId('tab-problems').click();
  const panel = page.getByTestId('problems-panel');
  await panel.waitFor({ timeout: WAIT_MS });
  await panel.locator('.problem-group-head').first().click();
  const selected = page.locator('.react-flow__node.selected').first();
  await selected.waitFor({ timeout: SLOW_MS });
  const worst = new Map<string, string>();
  for (const f of expected.findings) if (f.nodeId && !worst.has(f.nodeId)) worst.set(f.nodeId, f.severity); // errors first, then warnings, then infos
  expect(worst.has((await selected.getAttribute('data-id'))!)).toBe(true);
  const inView = await page.locator('.react-flow__node-step').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-id') ?? '', tone: /\bhas-(error|warn|info)\b/.exec(el.querySelector('.step')?.className ?? '')?.[1] ?? null })),
  );
  for (const n of inView) expect(n).toEqual({ id: n.id, tone: worst.get(n.id) ?? null });

  // An edit: that step deleted. The counts follow, and equal analyze() of the document as saved.
  await command(page, 'edit.delete');
  await command(page, 'file.save');
  await waitSaved(page);
  const saved = await readWorkflowFile(path);
  expect(saved.nodes.length).toBe(opened.nodes.length - 1);
  await expect.poll(() => shownCounts(page), { timeout: SLOW_MS, message: 'the counts after the edit' }).toEqual(expectedOf(analyze(saved).counts));
});
