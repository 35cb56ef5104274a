// Runs the comparison of a log with the workflow off the page's thread: in a Web Worker (log-worker.ts)
// where the page has them, else in the page (tests, a host where the worker's script cannot load).
import { errorText } from '../../../shared/text';
import type { Workflow } from '../../../shared/model/schema';
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
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, { request: AnalyzeRequest; resolve(a: LogAnalysis): void; reject(e: Error): void }>();
  const start = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      worker = new Worker(new URL('./log-worker.ts', import.meta.url), { type: 'module', name: 'flowgate-log' });
    } catch {
      broken = true;
      return null;
    }
    worker.onmessage = (e: MessageEvent<AnalyzeResponse>) => {
      const r = e.data;
      const w = waiting.get(r.id);
      if (!w) return;
      waiting.delete(r.id);
      if (r.ok) w.resolve(r.analysis);
      else w.reject(new Error(r.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      // A worker that cannot load (a blocked script) answers nothing: do what waits in the page instead.
      broken = true;
      worker?.terminate();
      worker = null;
      const pending = [...waiting.values()];
      waiting.clear();
      for (const { request: q, resolve, reject } of pending) analyzeInPage(q.workflow, q.text, q.fileName, q.columns).then(resolve, reject);
    };
    return worker;
  };
  return (workflow, text, fileName, columns) => {
    const w = start();
    if (!w) return analyzeInPage(workflow, text, fileName, columns);
    const id = nextId++;
    const request: AnalyzeRequest = { id, workflow, text, fileName, columns };
    return new Promise<LogAnalysis>((resolve, reject) => {
      waiting.set(id, { request, resolve, reject });
      w.postMessage(request);
    });
  };
}
