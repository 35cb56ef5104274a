// File → Export → Camunda 8 (BPMN)… / n8n workflow…: opens the export dialog for that target; a step
// named in a warning the user clicks is selected and shown on the canvas when the dialog closes.
import type { ExportTargetId } from '../../../shared/interchange/types';
import type { UiStore } from '../store/ui';

export interface EngineExportDeps {
  ui: Pick<UiStore, 'ask'>;
  /** Brings the analysis up to date (it may be waiting out its debounce). */
  flushAnalysis(): void;
  /** Selects a step and scrolls it into view; false when it is gone. */
  revealStep(nodeId: string): void;
}

export function createEngineExport(deps: EngineExportDeps) {
  return {
    async open(target: ExportTargetId): Promise<void> {
      deps.flushAnalysis();
      const nodeId = await deps.ui.ask({ kind: 'engineExport', target });
      if (nodeId) deps.revealStep(nodeId);
    },
  };
}
