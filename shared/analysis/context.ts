// What every rule is given: the workflow index (shared/workflow-index/), built once per analysis so
// that each rule is a single pass over it, with the options the analysis was run with.
import { buildWorkflowIndex, type WorkflowIndex } from '../workflow-index/workflow-index';
import type { Workflow } from '../model/schema';
import type { AnalyzeOptions } from './types';

export interface AnalysisContext extends WorkflowIndex {
  options: AnalyzeOptions;
}

export function buildContext(wf: Workflow, options: AnalyzeOptions = {}): AnalysisContext {
  return Object.assign(buildWorkflowIndex(wf), { options });
}
