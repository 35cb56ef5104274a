import { KINDS, outputsOf, type OutputHandle } from '../../../kinds/registry';
import type { WorkflowNode } from '../../../model/schema';
import { defineRule, eachStep, listText, q } from '../../rule';

/** Outputs whose rule of their own reports them when they lead nowhere: ai/no-fallback, gate/no-reject-path, gate/no-timeout. */
const REPORTED_ELSEWHERE: Partial<Record<WorkflowNode['kind'], ReadonlySet<string>>> = {
  ai: new Set(['low_confidence', 'error']),
  approval: new Set(['rejected', 'timeout']),
};

function outputsOrNone(node: WorkflowNode): readonly OutputHandle[] {
  try {
    return outputsOf(node);
  } catch {
    return []; // a config of the wrong shape: its outputs cannot be told
  }
}

export default defineRule('graph/dead-end', 'warn', 'A step other than an end has nothing after it, or an output that leads nowhere.', [
  eachStep(['outgoing'], (ctx, node, report) => {
    // End steps finish on purpose; a kind this version does not know cannot be judged.
    if (node.kind === 'end' || !Object.hasOwn(KINDS, node.kind)) return;
    if (!ctx.outgoingCount(node.id)) {
      report({
        nodeId: node.id,
        message: `Nothing follows ${q(ctx.label(node))}: an item that gets there stops without an outcome.`,
        hint: 'Connect it to the next step, or to an end step that records the outcome.',
      });
      return;
    }
    // The simulator stops an item at an output that leads nowhere: each one the step can take counts.
    // (The links are counted on the index's rows: no list of them is made for each step.)
    const elsewhere = REPORTED_ELSEWHERE[node.kind];
    let loose: OutputHandle[] | undefined;
    for (const h of outputsOrNone(node)) if (!elsewhere?.has(h.id) && !ctx.outgoingCount(node.id, h.id)) (loose ??= []).push(h);
    if (!loose) return;
    const names = listText(loose.map((h) => q(h.label || h.id)));
    report({
      nodeId: node.id,
      message: `Nothing follows the ${names} ${loose.length > 1 ? 'outputs' : 'output'} of ${q(ctx.label(node))}: an item that leaves by ${loose.length > 1 ? 'one of them' : 'it'} stops without an outcome.`,
      hint: `Connect ${loose.length > 1 ? 'each of them' : 'it'} to the next step, or to an end step or an escalation that records what happened.`,
    });
  }),
]);
