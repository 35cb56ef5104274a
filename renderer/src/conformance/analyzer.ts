// Runs the comparison of a log with the workflow off the page's thread: in a Web Worker (log-worker.ts)
// where the page has them, else in the page (tests, a host where the worker's script cannot load).
import { errorText } from '../../../shared/text';
import type { Workflow } from '../../../shared/model/schema';
import { workerClient } from '../client/worker-client';
import type { LogAnalysis, LogColumns } from './log-view';

export interface AnalyzeRequest {
  id: number;
  workflow: Workflow;
  text: string;
  fileName: string;
  columns: LogColumns;
}

export type AnalyzeResponse = { id: number; ok: true; analysis: LogAnalysis } | { id: number; ok: false; message: string };

/** Compares a log with a workflow; rejects with the reason in plain words. */
export type Analyze = (workflow: Workflow, text: string, fileName: string, columns: LogColumns) => Promise<LogAnalysis>;

/** The comparison in the page itself (its code, and the log parsers', loaded only then). */
export const analyzeInPage: Analyze = async (workflow, text, fileName, columns) => {
  const { analyzeLog } = await import('./log-view');
  try {
    return analyzeLog(workflow, text, fileName, columns);
  } catch (e) {
    throw new Error(errorText(e), { cause: e });
  }
};

/** The comparison in a Web Worker, started on first use; in the page when the Worker cannot start. */
export function createWorkerAnalyzer(): Analyze {
  const send = workerClient<AnalyzeRequest, LogAnalysis>({
    open: () => new Worker(new URL('./log-worker.ts', import.meta.url), { type: 'module', name: 'flowgate-log' }),
    read: (data) => {
      const r = data as AnalyzeResponse;
      return r.ok ? { id: r.id, ok: true, value: r.analysis } : r;
    },
    // A worker that cannot load (a blocked script) answers nothing: do what waits in the page instead.
    lost: (waiting) => {
      for (const { request: q, resolve, reject } of waiting) analyzeInPage(q.workflow, q.text, q.fileName, q.columns).then(resolve, reject);
    },
  });
  return (workflow, text, fileName, columns) => send({ workflow, text, fileName, columns }) ?? analyzeInPage(workflow, text, fileName, columns);
}
