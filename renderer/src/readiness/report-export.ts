// File → Export Report as HTML / Markdown / PDF. The report is laid out here from the document on the
// canvas (reportHtml / reportMarkdown are pure); the desktop app saves it where the save dialog says
// (the PDF printed by the main process), the browser offers it as a download.
import type { Api, Result } from '../../../shared/api/contract';
import type { AnalysisResult } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import { reportHtml } from '../../../shared/report/html';
import { reportMarkdown } from '../../../shared/report/markdown';
import { baseName, safeFileName } from '../app/files';
import { assembleReport, localDate } from './report-data';
import { errorText } from '../../../shared/text';

export type ReportFormat = 'html' | 'markdown' | 'pdf';

const FORMATS: Record<ReportFormat, { ext: string; mime: string; name: string }> = {
  html: { ext: '.html', mime: 'text/html;charset=utf-8', name: 'HTML' },
  markdown: { ext: '.md', mime: 'text/markdown;charset=utf-8', name: 'Markdown' },
  pdf: { ext: '.pdf', mime: 'application/pdf', name: 'PDF' },
};

export interface ReportActionDeps {
  api: Api;
  workflow(): Workflow | null;
  /** The analysis of the document as it is now (flushed first). */
  analysis(): AnalysisResult;
  info(): Result<'app.info'> | null;
  toast(tone: 'info' | 'ok' | 'warn' | 'error', text: string): void;
  download(fileName: string, mime: string, content: string): void;
  /** Today's date for the report; the computer's clock by default. */
  today?: () => string;
}

/** "Support ticket triage readiness report.html". */
export function reportFileName(workflowName: string, format: ReportFormat): string {
  return `${safeFileName(workflowName || 'Untitled workflow')} readiness report${FORMATS[format].ext}`;
}

export function createReportActions(deps: ReportActionDeps) {
  let busy = false;

  /** Makes and saves the report; false when nothing was written (cancelled, failed, already busy). */
  async function exportReport(format: ReportFormat): Promise<boolean> {
    const wf = deps.workflow();
    if (!wf || busy) return false;
    const info = deps.info();
    const desktop = info?.mode === 'desktop' && info.nativeDialogs;
    if (format === 'pdf' && !desktop) {
      deps.toast('error', 'PDF export is only available in the desktop app. Export the report as HTML and use your browser’s Print instead.');
      return false;
    }
    busy = true;
    try {
      const fileName = reportFileName(wf.name, format);
      // Asked first, so the user is not kept waiting for a report they then cancel.
      const path = desktop ? (await deps.api['dialog.saveFile']({ suggestedName: fileName, kind: format })).path : null;
      if (desktop && !path) return false;
      const { input, warnings } = await assembleReport({ api: deps.api, workflow: wf, analysis: deps.analysis(), version: info?.version ?? null, date: (deps.today ?? localDate)() });
      for (const w of warnings) deps.toast('warn', w);
      const content = format === 'markdown' ? reportMarkdown(input) : reportHtml(input);
      if (!path) {
        deps.download(fileName, FORMATS[format].mime, content);
        return true;
      }
      const written = format === 'pdf' ? await deps.api['report.pdf']({ html: content, path }) : await deps.api['file.writeText']({ path, content });
      deps.toast('ok', `Exported the report as ${FORMATS[format].name}: ${baseName(written.path)}`);
      return true;
    } catch (e) {
      deps.toast('error', `Could not export the report as ${FORMATS[format].name}: ${errorText(e)}`);
      return false;
    } finally {
      busy = false;
    }
  }

  return {
    exportReport,
    get busy() {
      return busy;
    },
  };
}
