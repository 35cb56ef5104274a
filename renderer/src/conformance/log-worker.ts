// The Web Worker that compares a log with the workflow (log-view.ts), so that reading and replaying a
// large log never freezes the page. One request at a time; each answer carries its request's id.
import { errorText } from '../../../shared/text';
import { analyzeLog } from './log-view';
import type { AnalyzeRequest, AnalyzeResponse } from './analyzer';

/** The worker's global scope (the renderer's types describe a window). */
const scope = self as unknown as { onmessage: ((e: MessageEvent<AnalyzeRequest>) => void) | null; postMessage(message: AnalyzeResponse): void };

scope.onmessage = (e) => {
  const { id, workflow, text, fileName, columns } = e.data;
  let response: AnalyzeResponse;
  try {
    response = { id, ok: true, analysis: analyzeLog(workflow, text, fileName, columns) };
  } catch (error) {
    response = { id, ok: false, message: errorText(error) };
  }
  scope.postMessage(response);
};
