// The report exported from the app: what it is assembled from (the document, its analysis, the latest
// batch and whether it ran on this version, the scenarios rehearsed in the backend), and how it is
// saved — a download in browser mode, the save dialog and the backend in the desktop app, PDF there only.
import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { ApiError, type Api } from '../../../shared/api/contract';
import { setProperties } from '../../../shared/model/edits/workflow';
import type { Workflow } from '../../../shared/model/schema';
import { rehearseScenarios } from '../../../shared/report/scenarios';
import { runBatch } from '../../../shared/simulation/batch';
import { loadSampleData } from '../../../cli/commands/simulate';
import { assembleReport, localDate } from '../../../renderer/src/readiness/report-data';
import { createReportActions, reportFileName, type ReportActionDeps } from '../../../renderer/src/readiness/report-export';
import { template } from './analysis-fixtures';

const support = template('support-ticket-triage');
const sample = loadSampleData();
const batchResult = runBatch(support, sample, { runs: 50, seed: 7 });
const rehearsed = rehearseScenarios(support, sample, 1);

/** A backend with one batch in the history (run on `ranOn`), or none. */
function fakeApi(opts: { ranOn?: Workflow | null; scenariosFail?: boolean; listFails?: boolean; mode?: 'browser' | 'desktop'; savePath?: string | null } = {}) {
  const ranOn = opts.ranOn === undefined ? support : opts.ranOn;
  const summary = { id: 'b1', workflowId: support.id, workflowName: support.name, startedAt: '2026-01-02T09:00:00.000Z', finishedAt: '2026-01-02T09:00:01.000Z', durationMs: 800, settings: { runs: 50, seed: 7 }, runs: 50, cancelled: false };
  const raw = {
    'batches.list': vi.fn(async () => {
      if (opts.listFails) throw new ApiError('io', 'The batch history folder cannot be read.');
      return { batches: ranOn ? [summary] : [], warnings: [] };
    }),
    'batches.get': vi.fn(async () => ({ summary, result: batchResult, document: ranOn })),
    'report.scenarios': vi.fn(async () => {
      if (opts.scenariosFail) throw new ApiError('io', 'The sample data file tickets.json cannot be used.');
      return rehearsed;
    }),
    'dialog.saveFile': vi.fn(async (_p: { suggestedName: string; kind: string }) => ({ path: opts.savePath === undefined ? '/home/me/report.out' : opts.savePath })),
    'file.writeText': vi.fn(async ({ path }: { path: string; content: string }) => ({ path })),
    'report.pdf': vi.fn(async ({ path }: { path: string; html: string }) => ({ path, bytes: 1234 })),
  };
  return { api: raw as unknown as Api, raw };
}

describe('assembleReport', () => {
  const sources = (api: Api, workflow: Workflow = support) => ({ api, workflow, analysis: analyze(workflow), version: '1.2.3', date: '2026-02-03' });

  it('takes the latest batch, the rehearsals and the analysis, and says the batch ran on this version', async () => {
    const { api, raw } = fakeApi();
    const { input, warnings } = await assembleReport(sources(api));
    expect(warnings).toEqual([]);
    expect(input.batch).toBe(batchResult);
    expect(input.batchSinceLastEdit).toBe(true);
    expect(input.scenarios).toEqual(rehearsed.rehearsals);
    expect(input.scenarioProblem).toBeNull();
    expect(input).toMatchObject({ workflow: support, generatedAt: '2026-02-03', generator: 'Flowgate 1.2.3' });
    expect(raw['report.scenarios']).toHaveBeenCalledWith({ document: support });
  });

  it('keeps the latest batch but says it ran on an earlier version after an edit', async () => {
    const { api } = fakeApi();
    const edited = setProperties(support, { owner: 'Head of support' });
    const { input } = await assembleReport(sources(api, edited));
    expect(input.batch).toBe(batchResult);
    expect(input.batchSinceLastEdit).toBe(false);
  });

  it('has no batch when none has been run', async () => {
    const { api, raw } = fakeApi({ ranOn: null });
    const { input } = await assembleReport(sources(api));
    expect(input.batch).toBeNull();
    expect(input.batchSinceLastEdit).toBe(false);
    expect(raw['batches.get']).not.toHaveBeenCalled();
  });

  it('still makes the report when the history or the rehearsals fail, and says what is missing', async () => {
    const { api } = fakeApi({ listFails: true, scenariosFail: true });
    const { input, warnings } = await assembleReport(sources(api));
    expect(input.batch).toBeNull();
    expect(warnings).toEqual(['The batch history could not be read, so the report shows no batch: The batch history folder cannot be read.']);
    expect(input.scenarios).toEqual([]);
    expect(input.scenarioProblem).toBe('The scenarios could not be rehearsed: The sample data file tickets.json cannot be used.');
  });

  it('dates the report in local time', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('exporting the report', () => {
  function actions(mode: 'browser' | 'desktop', opts: Parameters<typeof fakeApi>[0] = {}) {
    const { api, raw } = fakeApi(opts);
    const toasts: [string, string][] = [];
    const downloads: { name: string; mime: string; content: string }[] = [];
    const deps: ReportActionDeps = {
      api,
      workflow: () => support,
      analysis: () => analyze(support),
      info: () => ({ version: '1.2.3', mode, workspaceDir: '/ws', nativeDialogs: mode === 'desktop', warnings: [] }),
      toast: (tone, text) => void toasts.push([tone, text]),
      download: (name, mime, content) => void downloads.push({ name, mime, content }),
      today: () => '2026-02-03',
    };
    return { reports: createReportActions(deps), raw, toasts, downloads };
  }

  it('names the file after the workflow', () => {
    expect(reportFileName('Support: triage / EU', 'html')).toBe('Support triage EU readiness report.html');
    expect(reportFileName('', 'markdown')).toBe('Untitled workflow readiness report.md');
  });

  it('offers the HTML report as a download in browser mode: self-contained, with the diagram and the batch', async () => {
    const { reports, downloads, raw } = actions('browser');
    expect(await reports.exportReport('html')).toBe(true);
    expect(raw['dialog.saveFile']).not.toHaveBeenCalled();
    expect(downloads).toHaveLength(1);
    const { name, mime, content } = downloads[0];
    expect(name).toBe('Support ticket triage readiness report.html');
    expect(mime).toMatch(/^text\/html/);
    expect(content).toContain('<title>Support ticket triage: readiness report</title>');
    expect(content).toContain('<svg');
    expect(content).toContain('Flowgate 1.2.3');
    expect(content).toContain('2026-02-03');
    expect(content).toContain(rehearsed.rehearsals[0].name);
    expect(content).toMatch(/items rehearsed on this version/);
    expect(content).not.toMatch(/(?:src|href)=["']https?:/);
  });

  it('offers the Markdown report as a download with the diagram and the batch charts embedded', async () => {
    const { reports, downloads } = actions('browser');
    await reports.exportReport('markdown');
    expect(downloads[0].name).toBe('Support ticket triage readiness report.md');
    expect(downloads[0].content).toMatch(/^# Support ticket triage/);
    expect(downloads[0].content).toContain('data:image/svg+xml');
    for (const chart of ['How items ended', 'Who handled the items', 'Cycle time (virtual clock)', 'Reviewer workload']) {
      expect(downloads[0].content).toContain(`![${chart}](data:image/svg+xml;charset=utf-8,%3Csvg`);
    }
  });

  it('refuses PDF in browser mode without asking anything', async () => {
    const { reports, downloads, toasts, raw } = actions('browser');
    expect(await reports.exportReport('pdf')).toBe(false);
    expect(downloads).toEqual([]);
    expect(raw['report.pdf']).not.toHaveBeenCalled();
    expect(raw['report.scenarios']).not.toHaveBeenCalled();
    expect(toasts).toEqual([['error', expect.stringMatching(/only available in the desktop app/)]]);
  });

  it('saves through the save dialog in the desktop app', async () => {
    const { reports, raw, toasts, downloads } = actions('desktop', { savePath: '/home/me/Support.html' });
    expect(await reports.exportReport('html')).toBe(true);
    expect(raw['dialog.saveFile']).toHaveBeenCalledWith({ suggestedName: 'Support ticket triage readiness report.html', kind: 'html' });
    expect(raw['file.writeText']).toHaveBeenCalledWith({ path: '/home/me/Support.html', content: expect.stringContaining('<svg') });
    expect(downloads).toEqual([]);
    expect(toasts).toEqual([['ok', 'Exported the report as HTML: Support.html']]);
  });

  it('prints the same HTML to PDF in the desktop app', async () => {
    const { reports, raw } = actions('desktop', { savePath: '/home/me/Support.pdf' });
    expect(await reports.exportReport('pdf')).toBe(true);
    expect(raw['dialog.saveFile']).toHaveBeenCalledWith({ suggestedName: 'Support ticket triage readiness report.pdf', kind: 'pdf' });
    expect(raw['report.pdf']).toHaveBeenCalledWith({ path: '/home/me/Support.pdf', html: expect.stringMatching(/^<!doctype html>/i) });
    expect(raw['file.writeText']).not.toHaveBeenCalled();
  });

  it('does nothing more when the save dialog is cancelled', async () => {
    const { reports, raw, toasts } = actions('desktop', { savePath: null });
    expect(await reports.exportReport('markdown')).toBe(false);
    expect(raw['report.scenarios']).not.toHaveBeenCalled();
    expect(raw['file.writeText']).not.toHaveBeenCalled();
    expect(toasts).toEqual([]);
  });

  it('says why a save failed', async () => {
    const { reports, raw, toasts } = actions('desktop');
    raw['file.writeText'].mockRejectedValueOnce(new ApiError('io', 'The disk is full.'));
    expect(await reports.exportReport('markdown')).toBe(false);
    expect(toasts).toEqual([['error', 'Could not export the report as Markdown: The disk is full.']]);
  });
});
