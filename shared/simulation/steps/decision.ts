// A decision: the first branch whose conditions hold decides the output; else `else`. In a batch
// calibrated from a log, the branch is drawn from the log's shares instead (docs/SIMULATION.md).
import type { NodeOfKind } from '../../model/schema';
import { chooseRule } from '../conditions';
import type { Handle, RunState } from '../run-state';

export function runDecision(run: RunState, node: NodeOfKind<'decision'>): Handle {
  const handle = run.forcedHandle(node.id) ?? chooseRule(node.config.rules, run.scope());
  if (run.recorder.recording) run.recorder.events.push({ type: 'decision', atMs: run.now, nodeId: node.id, rule: handle });
  return handle;
}
