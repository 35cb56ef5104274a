// analyze() in a Web Worker (analysis-worker.ts), for the first analysis of a large document just
// opened (store/analysis.ts). The worker is started on first use and kept; where it cannot start or
// load (a blocked script), the promise rejects and the store analyses in the page instead.
import type { AnalysisResult, AnalyzeOptions } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import { takeAnswerText } from '../client/answer-text';
import { workerClient } from '../client/worker-client';

export interface AnalysisRequest {
  id: number;
  /** The document, or the backend's answer it came in as text (parsed in the worker: cheaper to send). */
  source: { workflow: Workflow } | { text: string; key: string };
  options: AnalyzeOptions;
}

export type AnalysisResponse = { id: number; ok: true; result: AnalysisResult } | { id: number; ok: false; message: string };

export type AnalyzeAway = (wf: Workflow, options: AnalyzeOptions) => Promise<AnalysisResult>;

export function createWorkerAnalysis(): AnalyzeAway {
  const send = workerClient<AnalysisRequest, AnalysisResult>({
    open: () => new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: 'flowgate-analysis' }),
    read: (data) => {
      const r = data as AnalysisResponse;
      return r.ok ? { id: r.id, ok: true, value: r.result } : r;
    },
    lost: (waiting) => {
      for (const w of waiting) w.reject(new Error('The analysis could not start in the background.'));
    },
  });
  return (workflow, options) => {
    let sent: Promise<AnalysisResult> | null;
    try {
      sent = send({ source: takeAnswerText(workflow) ?? { workflow }, options });
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return sent ?? Promise.reject(new Error('The analysis cannot run in the background here.'));
  };
}
