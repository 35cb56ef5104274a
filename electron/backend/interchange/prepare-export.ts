// One export, prepared the same way for the command line and the app: the analysis' errors (which
// refuse an export unless the user forces it), the target's files and warnings, and the engine's own
// check of them. Nothing is written here.
import { analyze } from '../../../shared/analysis/analyze';
import { exportTarget } from '../../../shared/interchange/targets';
import type { ExportOptions, ExportOutput, ExportTarget } from '../../../shared/interchange/types';
import type { Workflow } from '../../../shared/model/schema';
import { engineCheck, type EngineCheck } from './engine-check';

export interface AnalysisError {
  ruleId: string;
  message: string;
  nodeId?: string;
}

/** The analysis' errors: a workflow with any is not exported unless the user says "export anyway". */
export function analysisErrors(workflow: Workflow): AnalysisError[] {
  return analyze(workflow)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => ({ ruleId: f.ruleId, message: f.message, ...(f.nodeId ? { nodeId: f.nodeId } : {}) }));
}

export interface PreparedExport {
  target: ExportTarget;
  output: ExportOutput;
  check: EngineCheck | null;
}

/** Builds and checks an export; the target's ExportError (cannot be expressed) passes through. */
export async function prepareExport(workflow: Workflow, targetId: string, options: ExportOptions): Promise<PreparedExport> {
  const target = exportTarget(targetId);
  if (!target) throw new Error(`Flowgate cannot export to "${targetId}".`);
  const output = await target.export(workflow, options);
  const check = await engineCheck(target.id, output, options);
  return { target, output, check };
}
