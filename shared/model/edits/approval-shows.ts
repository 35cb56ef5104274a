// What an approval shows its reviewer (`shows`): set, added to, taken from. An approval without a
// list shows the default (what the sensitive steps after it send); the first edit writes that list
// down with the change, so what the reviewer sees never shifts under the user's hands.
import { explicitShows } from '../../workflow-index/approval-coverage';
import { buildWorkflowIndex } from '../../workflow-index/workflow-index';
import type { Workflow } from '../schema';
import { nodeOfKind, patchConfig } from './node-config';

/** The variables the approval shows now: its list, or the default when it has none. */
export function shownBy(wf: Workflow, nodeId: string): string[] {
  const node = nodeOfKind(wf, nodeId, 'approval');
  if (!node) return [];
  return explicitShows(node.config) ?? buildWorkflowIndex(wf).coverage().defaultShows(nodeId);
}

/** Sets the list (names trimmed, each once, empty ones dropped). */
export function setShows(wf: Workflow, nodeId: string, names: readonly string[]): Workflow {
  const list = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  return patchConfig(wf, nodeId, 'approval', { shows: list });
}

/** Shows these variables too (after those it shows already). */
export function showAlso(wf: Workflow, nodeId: string, names: readonly string[]): Workflow {
  return setShows(wf, nodeId, [...shownBy(wf, nodeId), ...names]);
}

/** Stops showing one variable. */
export function stopShowing(wf: Workflow, nodeId: string, name: string): Workflow {
  return setShows(
    wf,
    nodeId,
    shownBy(wf, nodeId).filter((n) => n !== name),
  );
}
