// A line in the Batch panel when the workflow is calibrated from a log: the batch follows the log's
// outputs and times, not the design's own numbers, and the user should know which log.
import { useMemo } from 'react';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import { plural } from '../../../shared/text';

export function CalibrationNote({ workflow }: { workflow: Workflow }) {
  const source = useMemo(() => {
    try {
      const section = parseSimulationSection(workflow.simulation);
      const used = Object.keys(section.handles ?? {}).length + Object.keys(section.durations ?? {}).length > 0;
      return used ? (section.calibration ?? { log: 'a log', cases: 0, events: 0 }) : null;
    } catch {
      return null;
    }
  }, [workflow.simulation]);
  if (!source) return null;
  return (
    <p className="fg-panel-hint batch-calibrated" data-testid="batch-calibrated">
      Calibrated from {displayText(source.log, 60)}
      {source.cases ? ` (${plural(source.cases, 'case')})` : ''}: steps leave by their outputs as often as in the log and take as long, so the fault rates below apply only to the steps it does
      not cover.
    </p>
  );
}
