// What a reviewer approved, and whether a later call sends something else. At an approval that is
// given, the run keeps its variables, its draft text and its item as they are (the reviewer's own
// edits included: they are what was approved). A sensitive call afterwards works its input out
// again from that copy, the way it built it (RunState.input); where the two differ, the content
// changed after the approval. The run's clock values (`now`, `today`) are taken as they are now:
// time passing is not a change of content.
import { sameValue } from '../model/edits/same';
import type { CompiledCall } from './compile';
import { callInput, callSources } from './inputs';
import type { RunState } from './run-state';
import { plainCopy, type Variables } from './variables';

const RUN_SET = ['now', 'today', 'runId', 'workflow'];

export interface ApprovedContent {
  approvalNodeId: string;
  vars: Variables;
  lastText: string | undefined;
  item: Record<string, unknown>;
}

/** Keeps what the run holds now as what the approval at `approvalNodeId` approved. */
export function keepApproved(run: RunState, approvalNodeId: string): void {
  run.recorder.approved = { approvalNodeId, vars: { ...run.vars }, lastText: run.lastText, item: run.item };
}

/**
 * The inputs of a call whose values differ from what the call would have sent when the last approval
 * was given, with that approval; null when no approval was given yet, or when the call's input was
 * not built by RunState.input (nothing to compare).
 */
export function changedSinceApproval(run: RunState, call: CompiledCall, input: Record<string, unknown>): { approvalNodeId: string; inputs: string[] } | null {
  const approved = run.recorder.approved;
  const recipe = run.lastInput;
  if (!approved || !recipe || recipe.call !== call) return null;
  const vars: Variables = plainCopy(approved.vars);
  for (const name of RUN_SET) if (name in run.vars) vars[name] = run.vars[name];
  const then = callInput(call, vars, callSources(recipe.sourcesAt({ vars, lastText: approved.lastText }), approved.item));
  const inputs = [...new Set([...Object.keys(input), ...Object.keys(then)])].filter((k) => !sameValue(input[k], then[k]));
  return inputs.length ? { approvalNodeId: approved.approvalNodeId, inputs } : null;
}
