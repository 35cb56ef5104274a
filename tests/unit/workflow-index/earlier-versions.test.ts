// An index built from the previous version's (buildWorkflowIndex(wf, previous)), as the analysis and the
// inspector build one at every keystroke, keeps the version just before it (and the one whose variable
// flow it still shares), not the versions before that. (They were all kept, through the index's closures, its carry and the coverage's,
// until a rebuild was refused: at 10,000 steps about half a megabyte a key.) Checked with the collector
// itself: WeakRefs to each version's document, a full collection, and which are still there.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import { setLabel } from '../../../shared/model/edits/node-config';
import { patchConfig } from '../../../shared/model/edits/node-config';
import type { Workflow } from '../../../shared/model/schema';
import { buildWorkflowIndex, type WorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { TEMPLATES } from '../analysis/edit-scripts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const VERSIONS = 24;

/** The support template edited as typing would: an approval's instructions, then an AI step's label, in turn. */
function edit(wf: Workflow, i: number): Workflow {
  const approval = wf.nodes.find((n) => n.kind === 'approval')!;
  const ai = wf.nodes.find((n) => n.kind === 'ai')!;
  return i % 2 ? patchConfig(wf, approval.id, 'approval', { instructions: `Check ${i}` }) : setLabel(wf, ai.id, `Draft ${i}`);
}

/** How many of the versions but the last `kept` are still alive after a full collection. */
async function stillAlive(refs: WeakRef<Workflow>[], kept: number): Promise<number> {
  // A WeakRef holds its target until the end of the job that made it.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return refs.slice(0, -kept).filter((r) => r.deref() !== undefined).length;
}

describe('earlier versions of a document', () => {
  it('are let go by an index built from the one before, whatever was asked of each', async () => {
    const refs: WeakRef<Workflow>[] = [];
    let wf = TEMPLATES[0];
    let index: WorkflowIndex = buildWorkflowIndex(wf);
    for (let i = 0; i < VERSIONS; i++) {
      wf = edit(wf, i);
      index = buildWorkflowIndex(wf, index);
      // What the inspector asks (the flow for what a step sends, the coverage for an approval), not always both.
      index.variables();
      if (i % 3 === 0) index.coverage();
      refs.push(new WeakRef(wf));
    }
    // Besides the last two, at most the version whose variable flow the later ones still share (an edit
    // that leaves the flow as it was keeps the view made for that version).
    expect(await stillAlive(refs, 2)).toBeLessThanOrEqual(1);
    expect(index.nodes.length).toBe(wf.nodes.length);
  });

  it('are let go by the incremental analysis', async () => {
    const refs: WeakRef<Workflow>[] = [];
    const analyzer = createIncrementalAnalyzer();
    let wf = TEMPLATES[0];
    analyzer.analyze(wf);
    for (let i = 0; i < VERSIONS; i++) {
      wf = edit(wf, i);
      analyzer.analyze(wf);
      refs.push(new WeakRef(wf));
    }
    expect(analyzer.last).toBe('incremental');
    expect(await stillAlive(refs, 2)).toBe(0);
  });
});
