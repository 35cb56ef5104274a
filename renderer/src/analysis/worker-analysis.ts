// analyze() in a Web Worker (analysis-worker.ts), for the first analysis of a large document just
// opened (store/analysis.ts). The worker is started on first use and kept; where it cannot start or
// load (a blocked script), the promise rejects and the store analyses in the page instead.
import type { AnalysisResult, AnalyzeOptions } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import { takeAnswerText } from '../client/answer-text';

export interface AnalysisRequest {
  id: number;
  /** The document, or the backend's answer it came in as text (parsed in the worker: cheaper to send). */
  source: { workflow: Workflow } | { text: string; key: string };
  options: AnalyzeOptions;
}

export type AnalysisResponse = { id: number; ok: true; result: AnalysisResult } | { id: number; ok: false; message: string };

export type AnalyzeAway = (wf: Workflow, options: AnalyzeOptions) => Promise<AnalysisResult>;

export function createWorkerAnalysis(): AnalyzeAway {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve(r: AnalysisResult): void; reject(e: Error): void }>();
  const fail = (why: string) => {
    broken = true;
    worker?.terminate();
    worker = null;
    const pending = [...waiting.values()];
    waiting.clear();
    for (const w of pending) w.reject(new Error(why));
  };
  const start = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: 'flowgate-analysis' });
    } catch {
      broken = true;
      return null;
    }
    worker.onmessage = (e: MessageEvent<AnalysisResponse>) => {
      const r = e.data;
      const w = waiting.get(r.id);
      if (!w) return;
      waiting.delete(r.id);
      if (r.ok) w.resolve(r.result);
      else w.reject(new Error(r.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail('The analysis could not start in the background.');
    };
    return worker;
  };
  return (workflow, options) => {
    const w = start();
    if (!w) return Promise.reject(new Error('The analysis cannot run in the background here.'));
    const id = nextId++;
    return new Promise<AnalysisResult>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      try {
        const answer = takeAnswerText(workflow);
        w.postMessage({ id, source: answer ?? { workflow }, options } satisfies AnalysisRequest);
      } catch (e) {
        // A document that cannot be copied to the worker (it should not happen: it came from JSON).
        waiting.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  };
}
