// The Web Worker that analyses a document just opened (shared/analysis/analyze.ts), so that the first
// view of a large workflow and the first click on it do not wait for the analysis (see
// store/analysis.ts). One request at a time; each answer carries its request's id. Findings are plain data.
import { analyze } from '../../../shared/analysis/analyze';
import type { Workflow } from '../../../shared/model/schema';
import { errorText } from '../../../shared/text';
import type { AnalysisRequest, AnalysisResponse } from './worker-analysis';

/** The worker's global scope (the renderer's types describe a window). */
const scope = self as unknown as { onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null; postMessage(message: AnalysisResponse): void };

scope.onmessage = (e) => {
  const { id, source, options } = e.data;
  let response: AnalysisResponse;
  try {
    const workflow = 'workflow' in source ? source.workflow : (JSON.parse(source.text) as { result: Record<string, Workflow> }).result[source.key];
    response = { id, ok: true, result: analyze(workflow, options) };
  } catch (error) {
    response = { id, ok: false, message: errorText(error) };
  }
  scope.postMessage(response);
};
