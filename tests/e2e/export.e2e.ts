// Export to Camunda 8 from the browser app: the support template's export dialog shows the Camunda
// version, the warnings, Camunda's own check and the files before anything is written; Export writes
// the .bpmn with its forms and worker manifest into the workspace; and the written BPMN renders in
// bpmn-js (the library Camunda Modeler draws with) without an import warning. A workflow with analysis
// errors is refused until "Export anyway" is ticked. Screenshots go to /tmp/fg-shots/export-*.png.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../../cli/repo';
import { command, eventually, newFromTemplate, setTheme, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const SHOTS = '/tmp/fg-shots';
const fg = useFlowgate();

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled' });
}

async function openExport(page: Page) {
  await command(page, 'file.exportBpmn');
  const dialog = page.getByTestId('dialog-engine-export');
  await dialog.waitFor({ timeout: WAIT_MS });
  // The preview has come back from the backend: Camunda's check is shown.
  await dialog.getByTestId('export-check').waitFor({ timeout: WAIT_MS });
  return dialog;
}

/** Draws a BPMN file with bpmn-js's own viewer bundle, on a blank page; answers bpmn-js's import warnings. */
async function renderWithBpmnJs(page: Page, xml: string): Promise<{ warnings: string[]; shapes: number; gatewayMarkers: number }> {
  const dist = join(REPO_ROOT, 'node_modules', 'bpmn-js', 'dist');
  const origin = 'http://bpmn-js.test';
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') {
      return route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html><head><link rel="stylesheet" href="/assets/diagram-js.css"><link rel="stylesheet" href="/assets/bpmn-js.css"><style>html,body,#canvas{margin:0;height:100%;background:#fff}</style></head><body><div id="canvas"></div><script src="/bpmn-viewer.development.js"></script></body></html>',
      });
    }
    return route.fulfill({ path: join(dist, path) });
  });
  await page.goto(`${origin}/`);
  return page.evaluate(async (text) => {
    const BpmnJS = (window as unknown as { BpmnJS: new (o: { container: string }) => { importXML(x: string): Promise<{ warnings: { message: string }[] }>; get(name: string): { zoom(v: string): void; getRootElement(): unknown } & { getAll(): { type: string }[] } } }).BpmnJS;
    const viewer = new BpmnJS({ container: '#canvas' });
    const { warnings } = await viewer.importXML(text);
    (viewer.get('canvas') as { zoom(v: string): void }).zoom('fit-viewport');
    const all = (viewer.get('elementRegistry') as unknown as { getAll(): { type: string }[] }).getAll();
    return {
      warnings: warnings.map((w) => w.message),
      shapes: all.filter((e) => e.type !== 'bpmn:SequenceFlow' && e.type !== 'label' && e.type !== 'bpmn:Process').length,
      gatewayMarkers: document.querySelectorAll('[data-element-id^="Gateway_"] .djs-visual path').length,
    };
  }, xml);
}

test('the support template exports to Camunda 8: warnings and checks first, then the files, which bpmn-js draws', async () => {
  const page = await fg.openApp({ colorScheme: 'light' });
  await newFromTemplate(page, 'support-ticket-triage');
  await setTheme(page, 'light');

  const dialog = await openExport(page);
  expect(await dialog.getByTestId('export-option-camunda').inputValue()).toBe('8.8');
  const check = await dialog.getByTestId('export-check').innerText();
  expect(check).toContain('bpmnlint-plugin-camunda-compat');
  expect(check).toContain('(Camunda 8.8): no errors');
  const warnings = dialog.getByTestId('export-warnings');
  expect(await warnings.innerText()).toContain('"New ticket" starts when a message "support-ticket-triage.new-ticket" is published');
  expect(await warnings.innerText()).toContain('flowgate.ai.classify');
  const files = await dialog.getByTestId('export-files').innerText();
  expect(files).toContain('Support ticket triage.bpmn');
  expect(files).toContain('Support ticket triage.workers.json');
  expect(files).toContain('Support ticket triage.supervisor-approves-reply.form');
  expect(await dialog.getByTestId('export-analysis-errors').count()).toBe(0);
  await shot(page, 'export-dialog-light');

  // Another version: the check follows it.
  await dialog.getByTestId('export-option-camunda').selectOption('8.6');
  await eventually(() => dialog.getByTestId('export-check').innerText()).toContain('(Camunda 8.6): no errors');

  // The same dialog in the dark theme.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
  await setTheme(page, 'dark');
  const dark = await openExport(page);
  await shot(page, 'export-dialog-dark');
  await page.keyboard.press('Escape');
  await dark.waitFor({ state: 'detached', timeout: WAIT_MS });
  await setTheme(page, 'light');

  const again = await openExport(page);
  await again.getByTestId('export-file-name').fill('support');
  await eventually(() => again.getByTestId('export-files').innerText()).toContain('support.bpmn');
  await again.getByTestId('export-confirm').click();
  await again.waitFor({ state: 'detached', timeout: WAIT_MS });
  await eventually(() => page.locator('.toast').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Exported to Camunda 8 (BPMN): support.bpmn and 6 more files beside it')]));

  const written = readdirSync(fg.server.workspaceDir).sort();
  expect(written).toEqual([
    'support.agent-writes-the-reply.form',
    'support.bpmn',
    'support.escalate-to-billing-team.form',
    'support.human-triage.form',
    'support.review-overdue.form',
    'support.supervisor-approves-reply.form',
    'support.workers.json',
  ]);
  const xml = readFileSync(join(fg.server.workspaceDir, 'support.bpmn'), 'utf8');
  expect(xml).toContain('modeler:executionPlatformVersion="8.8.0"');

  const viewer = await fg.newPage({ colorScheme: 'light' });
  await viewer.setViewportSize({ width: 1800, height: 1000 });
  const drawn = await renderWithBpmnJs(viewer, xml);
  expect(drawn.warnings).toEqual([]);
  // Every flow node has its shape (16 steps, their added gateways and boundary events).
  expect(drawn.shapes).toBe((xml.match(/<bpmndi:BPMNShape /g) ?? []).length);
  expect(drawn.gatewayMarkers).toBeGreaterThan(0);
  await shot(viewer, 'export-bpmn-js');
});

test('a workflow with analysis errors is refused until "Export anyway" is ticked', async () => {
  const page = await fg.openApp({ colorScheme: 'light' });
  await newFromTemplate(page, 'risky-support-bot');
  const dialog = await openExport(page);
  const errors = dialog.getByTestId('export-analysis-errors');
  await errors.waitFor({ timeout: WAIT_MS });
  expect(await errors.innerText()).toContain('permission/exceeds-grant');
  expect(await dialog.getByTestId('export-confirm').isDisabled()).toBe(true);
  expect(await dialog.getByTestId('export-blocked').innerText()).toContain('Export anyway');
  await shot(page, 'export-dialog-refused');
  await dialog.getByTestId('export-force').check();
  await eventually(() => dialog.getByTestId('export-confirm').isDisabled()).toBe(false);
  await dialog.getByTestId('export-file-name').fill('risky');
  await eventually(() => dialog.getByTestId('export-files').innerText()).toContain('risky.bpmn');
  await dialog.getByTestId('export-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
  await eventually(() => readdirSync(fg.server.workspaceDir).includes('risky.bpmn')).toBe(true);
});

test('every export target is listed; one that cannot export says why and cannot be written', async () => {
  const page = await fg.openApp({ colorScheme: 'light' });
  await newFromTemplate(page, 'support-ticket-triage');
  const dialog = await openExport(page);
  await dialog.getByTestId('export-target-n8n').click();
  // Whatever n8n's exporter answers — files, or a refusal with its reason — the dialog shows that target's answer.
  const answer = dialog.getByTestId('export-problem').or(dialog.getByTestId('export-files'));
  await answer.first().waitFor({ timeout: WAIT_MS });
  expect(await page.getByTestId('dialog-engine-export').locator('h2').innerText()).toBe('Export to n8n');
  if (await dialog.getByTestId('export-problem').isVisible()) {
    expect(await dialog.getByTestId('export-problem').innerText()).toMatch(/^Cannot export to n8n\./);
    expect(await dialog.getByTestId('export-files').count()).toBe(0);
    expect(await dialog.getByTestId('export-confirm').isDisabled()).toBe(true);
    await shot(page, 'export-dialog-n8n-refused');
  } else {
    expect(await dialog.getByTestId('export-files').innerText()).toContain('.json');
    expect(await dialog.getByTestId('export-problem').count()).toBe(0);
  }
  await dialog.getByTestId('export-target-bpmn').click();
  await eventually(() => dialog.getByTestId('export-check').innerText()).toContain('no errors');
});
