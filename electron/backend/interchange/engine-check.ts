// Each export target's check by the engine's own published tools, run before anything is written:
// for BPMN, Camunda's moddle and linter (bpmn-lint.ts). A target without a check here is written as
// its exporter builds it. Errors mean Flowgate built a wrong export; warnings are for the user.
import { camundaVersion } from '../../../shared/interchange/bpmn/versions';
import type { ExportOptions, ExportOutput, ExportTargetId } from '../../../shared/interchange/types';
import { checkBpmn, type BpmnCheck, type LintMessage } from './bpmn-lint';

export type EngineCheck = BpmnCheck;
export type { LintMessage };

const CHECKS: Partial<Record<ExportTargetId, (output: ExportOutput, options: ExportOptions) => Promise<EngineCheck>>> = {
  bpmn: (output, options) => checkBpmn(output.files[0].content, camundaVersion(options.camunda)),
};

/** The engine's check of an export, or null when the target has none. */
export async function engineCheck(target: ExportTargetId, output: ExportOutput, options: ExportOptions): Promise<EngineCheck | null> {
  const check = CHECKS[target];
  return check ? check(output, options) : null;
}

/** "camunda-compat/feel (Flow_1): Property … is not a valid FEEL expression" */
export function lintLine(m: LintMessage): string {
  return `${m.rule}${m.elementId ? ` (${m.elementId})` : ''}: ${m.message}`;
}
