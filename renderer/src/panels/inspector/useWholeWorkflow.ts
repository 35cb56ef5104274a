// The workflow as the inspector's sections that read all of it see it (what a step sends, the steps an
// output may lead to): in a large workflow, the document of the previous render until React has time
// for them, and nothing on their first render. Those sections cost a build of the workflow index and
// thousands of list entries at 10,000 steps; deferred, a click on a step selects it (and shows its
// name and form) at once, and they follow in the background a moment later (useDeferredValue: an
// interruptible render after the urgent one). Edits always start from the current document instead.
import { useDeferredValue } from 'react';
import type { Workflow } from '../../../../shared/model/schema';
import { DRAW_AT_ONCE } from '../../canvas/firstView';

export function useWholeWorkflow(wf: Workflow): Workflow | null {
  return useDeferredValue<Workflow | null>(wf, wf.nodes.length > DRAW_AT_ONCE ? null : wf);
}
