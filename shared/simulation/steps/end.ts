// An end step: the run is done, with the step's outcome.
import { NO_OUTCOME } from '../../kinds/end-outcome';
import type { NodeOfKind } from '../../model/schema';
import type { CompiledNode } from '../compile';
import type { RunState } from '../run-state';

export function runEnd(run: RunState, c: CompiledNode, node: NodeOfKind<'end'>): void {
  // An end whose outcome was never chosen still ends the run, and says so in its outcome.
  const outcome = node.config.outcome.trim() ? node.config.outcome : NO_OUTCOME;
  run.end.outcome = outcome;
  run.end.endNodeId = node.id;
  run.finishStepTime(node.id);
  run.recorder.path.push({ nodeId: node.id, handle: null });
  run.onStep?.(c.index, null, run.now - run.stepStartMs);
  run.tape?.end(c.index);
  if (run.recorder.recording) run.recorder.events.push({ type: 'ended', atMs: run.now, nodeId: node.id, outcome });
  run.phase = 'done';
}
