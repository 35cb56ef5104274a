// @vitest-environment happy-dom
// The export dialog, rendered with testing-library over the real controller and a fake backend: it
// shows what the preview says before writing, refuses while the analysis finds errors until "Export
// anyway" is ticked, shows a target's refusal cleanly, writes through export.write (into the workspace
// in browser mode, where the save dialog points in the desktop app), and leads to a step from a warning.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api, Result } from '../../../shared/api/contract';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import type { Workflow } from '../../../shared/model/schema';
import { AppContext } from '../../../renderer/src/app/context';
import { createController } from '../../../renderer/src/app/controller';
import { EngineExportDialog } from '../../../renderer/src/export/EngineExportDialog';
import { blockers, exportBaseName, targetById } from '../../../renderer/src/export/export-model';

afterEach(() => cleanup());

type Preview = Result<'export.preview'>;

const CLEAN: Preview = {
  files: [
    { name: 'Refunds.bpmn', purpose: 'The process', bytes: 2048 },
    { name: 'Refunds.workers.json', purpose: 'The workers', bytes: 300 },
  ],
  warnings: [{ message: '"Check" has no reviewer', nodeId: 'n1' }, { message: 'A warning about the whole workflow' }],
  check: { tool: 'bpmnlint 11 (Camunda 8.8)', errors: [], warnings: [] },
  analysisErrors: [],
  problem: null,
};

function workflow(): Workflow {
  return { ...blankWorkflow('wf', 'Refunds'), nodes: [{ id: 'n1', kind: 'intake', label: 'Check', position: { x: 0, y: 0 }, config: { source: 'form', fields: [] } }] };
}

async function setup(preview: (p: { target: string; options: Record<string, string> }) => Preview, mode: 'browser' | 'desktop' = 'browser') {
  const calls = {
    preview: vi.fn(async (p: { target: string; options: Record<string, string>; baseName: string }) => preview(p)),
    write: vi.fn(async (p: { path: string }) => ({ files: [{ name: 'Refunds.bpmn', path: p.path }, { name: 'Refunds.workers.json', path: `${p.path}.w` }], warnings: 1 })),
    saveFile: vi.fn(async () => ({ path: '/home/me/Refunds.bpmn' as string | null })),
  };
  const api = {
    'export.preview': calls.preview,
    'export.write': calls.write,
    'dialog.saveFile': calls.saveFile,
  } as unknown as Api;
  const app = createController(api, {
    randomId: () => 'id',
    download: () => {},
    writeClipboard: async () => false,
    readClipboard: async () => null,
    rememberPath: () => {},
    systemPrefersDark: () => false,
    rasterise: async () => new Blob([]),
    pickImportFile: () => {},
  });
  app.setInfo({ version: '0', mode, workspaceDir: '/ws', nativeDialogs: mode === 'desktop', warnings: [] });
  app.doc.load(workflow());
  const resolve = vi.fn();
  render(
    <AppContext.Provider value={app}>
      <EngineExportDialog target="bpmn" resolve={resolve} />
    </AppContext.Provider>,
  );
  // The preview has come back: its check, or the target's refusal, is shown.
  await waitFor(() => expect(screen.queryByTestId('export-check') ?? screen.queryByTestId('export-problem')).not.toBeNull());
  return { app, calls, resolve };
}

describe('the export dialog', () => {
  it('shows the files, warnings and the check before writing, then writes into the workspace', async () => {
    const { app, calls, resolve } = await setup(() => CLEAN);
    expect(calls.preview).toHaveBeenCalledWith({ document: expect.objectContaining({ name: 'Refunds' }), target: 'bpmn', options: { camunda: '8.8' }, baseName: 'Refunds' });
    expect(screen.getByTestId('export-check').textContent).toContain('bpmnlint 11 (Camunda 8.8): no errors, no warnings.');
    expect(screen.getByTestId('export-warnings').textContent).toContain('"Check" has no reviewer');
    expect(screen.getByTestId('export-files').textContent).toContain('Refunds.workers.json');
    const confirm = screen.getByTestId('export-confirm') as HTMLButtonElement;
    await waitFor(() => expect(confirm.disabled).toBe(false));
    await act(async () => fireEvent.click(confirm));
    expect(calls.write).toHaveBeenCalledWith({ document: expect.objectContaining({ name: 'Refunds' }), target: 'bpmn', options: { camunda: '8.8' }, path: '/ws/Refunds.bpmn', force: false });
    expect(resolve).toHaveBeenCalledWith(null);
    expect(app.ui.state.toasts.map((t) => t.text)).toEqual(['Exported to Camunda 8 (BPMN): Refunds.bpmn and 1 more file beside it.']);
  });

  it('a new Camunda version asks for a new preview', async () => {
    const { calls } = await setup(({ options }) => ({ ...CLEAN, check: { ...CLEAN.check!, tool: `bpmnlint 11 (Camunda ${options.camunda})` } }));
    await act(async () => fireEvent.change(screen.getByTestId('export-option-camunda'), { target: { value: '8.6' } }));
    await waitFor(() => expect(screen.getByTestId('export-check').textContent).toContain('(Camunda 8.6)'));
    expect(calls.preview).toHaveBeenLastCalledWith(expect.objectContaining({ options: { camunda: '8.6' } }));
  });

  it('refuses while the analysis finds errors, until "Export anyway" is ticked', async () => {
    const { calls } = await setup(() => ({ ...CLEAN, analysisErrors: [{ ruleId: 'gate/missing-approval', message: 'Sends without approval', nodeId: 'n1' }] }));
    const confirm = screen.getByTestId('export-confirm') as HTMLButtonElement;
    expect(screen.getByTestId('export-analysis-errors').textContent).toContain('gate/missing-approval');
    await waitFor(() => expect(screen.getByTestId('export-blocked').textContent).toContain('Export anyway'));
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('export-force'));
    await waitFor(() => expect(confirm.disabled).toBe(false));
    await act(async () => fireEvent.click(confirm));
    expect(calls.write).toHaveBeenCalledWith(expect.objectContaining({ force: true }));
  });

  it('shows a target’s refusal cleanly and cannot write', async () => {
    await setup(() => ({ files: [], warnings: [], check: null, analysisErrors: [], problem: { message: 'not built yet' } }));
    const problem = screen.getByTestId('export-problem');
    expect(problem.textContent).toBe('Cannot export to Camunda 8 (BPMN). not built yet ');
    await waitFor(() => expect(screen.getByTestId('export-blocked').textContent).toBe('The workflow cannot be expressed in this format.'));
    expect((screen.getByTestId('export-confirm') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a warning’s "Show step" closes the dialog with that step', async () => {
    const { resolve } = await setup(() => CLEAN);
    fireEvent.click(screen.getByTestId('export-warnings').querySelector('button')!);
    expect(resolve).toHaveBeenCalledWith('n1');
  });

  it('in the desktop app, writes where the save dialog points, and nothing when it is cancelled', async () => {
    const { calls } = await setup(() => CLEAN, 'desktop');
    expect(screen.queryByTestId('export-file-name')).toBeNull();
    const confirm = screen.getByTestId('export-confirm') as HTMLButtonElement;
    await waitFor(() => expect(confirm.disabled).toBe(false));
    calls.saveFile.mockResolvedValueOnce({ path: null });
    await act(async () => fireEvent.click(confirm));
    expect(calls.saveFile).toHaveBeenCalledWith({ suggestedName: 'Refunds.bpmn', kind: 'bpmn' });
    expect(calls.write).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(confirm));
    expect(calls.write).toHaveBeenCalledWith(expect.objectContaining({ path: '/home/me/Refunds.bpmn' }));
  });
});

describe('export dialog rules', () => {
  it('says why Export is not possible', () => {
    expect(blockers(null, false, 'x')).toEqual(['The export is being prepared.']);
    expect(blockers(CLEAN, false, 'x')).toEqual([]);
    expect(blockers(CLEAN, false, '  ')).toEqual(['Give the file a name.']);
    expect(blockers({ ...CLEAN, check: { tool: 't', errors: [{ rule: 'r', message: 'm' }], warnings: [] } }, true, null)).toEqual(["The engine's own check refuses the export."]);
  });

  it('names the file after the workflow, without a typed extension or characters a file system refuses', () => {
    const bpmn = targetById('bpmn');
    expect(exportBaseName('Refunds: EU/UK', bpmn)).toBe('Refunds EU UK');
    expect(exportBaseName('flow.BPMN', bpmn)).toBe('flow');
  });
});

describe('File → Export → Camunda 8 (BPMN)…', () => {
  it('opens the dialog for the target, and shows the step a warning leads to', async () => {
    const app = createController({} as Api, {
      randomId: () => 'id',
      download: () => {},
      writeClipboard: async () => false,
      readClipboard: async () => null,
      rememberPath: () => {},
      systemPrefersDark: () => false,
      rasterise: async () => new Blob([]),
      pickImportFile: () => {},
    });
    app.setInfo({ version: '0', mode: 'browser', workspaceDir: '/ws', nativeDialogs: false, warnings: [] });
    app.doc.load(workflow());
    const running = app.run('file.exportN8n');
    await waitFor(() => expect(app.ui.state.dialog).toMatchObject({ kind: 'engineExport', target: 'n8n' }));
    (app.ui.state.dialog as { resolve(v: string | null): void }).resolve('n1');
    await running;
    expect([...app.ui.state.selectedNodes]).toEqual(['n1']);
  });
});
