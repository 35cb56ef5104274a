// What the inspector says about data flow, from the workflow index (pure, React-free): what a
// sensitive step sends and which steps before it write each value ("this step sends: reply, written
// by Draft reply"), and what an approval shows its reviewer against what the steps after it send.
import type { Workflow } from '../../../../shared/model/schema';
import { upstreamOf, variablesAt, type AvailableVariable } from '../../../../shared/model/variables';
import { DRAFT_TEXT, isContentVariable, variableText } from '../../../../shared/workflow-index/variable-flow';
import { buildWorkflowIndex, type WorkflowIndex } from '../../../../shared/workflow-index/workflow-index';

// The index of the version last asked for: the inspector re-renders on every keystroke of a form, the
// document only changes with edits. A new version's index is built from that one, reusing what the edit
// left alone (as the analysis does; the answers are the same either way): typing in a selected step of
// 10,000 took 36 ms an edit here with an index built afresh each time. The last version's index only (it
// keeps the one before it), not one per version: the undo history keeps up to 200 versions, and at
// 10,000 steps an index is megabytes.
let last: { wf: Workflow; index: WorkflowIndex } | undefined;
function indexOf(wf: Workflow): WorkflowIndex {
  if (last?.wf !== wf) last = { wf, index: buildWorkflowIndex(wf, last?.index) };
  return last.index;
}

export interface SentLine {
  /** The variable, or what stands for the value ("the latest AI draft"). */
  what: string;
  /** The inputs of the call it fills. */
  inputs: string[];
  /** The steps before this one that write it, by label; empty when none does. */
  writtenBy: string[];
  /** It is what the step itself writes (an AI step that acts). */
  own: boolean;
}

/** What a sensitive step sends, value by value; null for a step that sends nothing that needs approval. */
export function sentLines(wf: Workflow, nodeId: string): SentLine[] | null {
  const ctx = indexOf(wf);
  const flow = ctx.variables();
  const sends = flow.sends(nodeId);
  if (!sends.length) return null;
  const before = upstreamOf(wf, nodeId);
  const lines = new Map<string, SentLine>();
  const add = (what: string, input: string, writers: string[], own: boolean) => {
    const line = lines.get(what);
    if (line) {
      if (input && !line.inputs.includes(input)) line.inputs.push(input);
      return;
    }
    lines.set(what, { what, inputs: input ? [input] : [], writtenBy: writers, own });
  };
  for (const s of sends) {
    if (s.how === 'own-output') {
      for (const v of s.variables) add(v, s.input, [], true);
      continue;
    }
    if (s.how === 'item') {
      add('the whole item', s.input, ctx.intakes.filter((n) => before.has(n.id)).map((n) => ctx.label(n)), false);
      continue;
    }
    for (const v of s.variables) {
      const writers = flow
        .writersOf(v)
        .filter((w) => before.has(w.nodeId))
        .map((w) => ctx.label(ctx.nodeById.get(w.nodeId)));
      add(s.how === 'draft' ? `${variableText(DRAFT_TEXT)} (${v})` : v, s.input, [...new Set(writers)], false);
    }
    if (s.how === 'draft' && !s.variables.length) add(variableText(DRAFT_TEXT), s.input, [], false);
  }
  return [...lines.values()];
}

export interface ShowsView {
  /** What the reviewer is shown, in order. */
  shown: string[];
  /** Whether the approval has a list of its own (else it shows the default). */
  explicit: boolean;
  /** Variables that could be shown too: those available at the approval and those sent after it. */
  addable: AvailableVariable[];
  /** The sensitive steps the approval leads to (by label) with the variables each sends, in document order. */
  sent: { step: string; variables: readonly string[] }[];
  /** Variables sent after the approval that it does not show (gate/blind-approval). */
  unshown: string[];
}

export function showsView(wf: Workflow, nodeId: string): ShowsView {
  const ctx = indexOf(wf);
  const coverage = ctx.coverage();
  const flow = ctx.variables();
  const node = ctx.nodeById.get(nodeId);
  const explicit = node?.kind === 'approval' && Array.isArray(node.config.shows);
  const shown = coverage.shows(nodeId);
  const sent = coverage.covered(nodeId).map((id) => ({ step: ctx.label(ctx.nodeById.get(id)), variables: flow.sentVariables(id) }));
  const available = variablesAt(wf, nodeId).filter((v) => isContentVariable(v.name));
  for (const variable of sent.flatMap((s) => s.variables)) {
    if (!available.some((v) => v.name === variable)) available.push({ name: variable, from: 'sent after this approval', kind: 'input' });
  }
  const shownSet = new Set(shown);
  return {
    shown,
    explicit,
    addable: available.filter((v) => !shownSet.has(v.name)),
    sent,
    unshown: coverage.unshown(nodeId).map((u) => u.variable),
  };
}
