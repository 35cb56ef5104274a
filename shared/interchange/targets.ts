// The engines Flowgate hands a workflow to, one module each; the command line and the app list them from here.
import { bpmnTarget } from './bpmn/index';
import { n8nTarget } from './n8n/index';
import type { ExportTarget, ExportTargetId } from './types';

export const EXPORT_TARGETS: readonly ExportTarget[] = [bpmnTarget, n8nTarget];

export function exportTarget(id: string): ExportTarget | undefined {
  return EXPORT_TARGETS.find((t) => t.id === (id as ExportTargetId));
}
