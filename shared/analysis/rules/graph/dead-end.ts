import { KINDS } from '../../../kinds/registry';
import { defineRule, eachStep, q } from '../../rule';

export default defineRule('graph/dead-end', 'warn', 'A step other than an end has nothing after it.', [
  eachStep(['outgoing'], (ctx, node, report) => {
    // End steps finish on purpose; a kind this version does not know cannot be judged.
    if (node.kind === 'end' || !Object.hasOwn(KINDS, node.kind) || ctx.outgoing(node.id).length) return;
    report({
      nodeId: node.id,
      message: `Nothing follows ${q(ctx.label(node))}: an item that gets there stops without an outcome.`,
      hint: 'Connect it to the next step, or to an end step that records the outcome.',
    });
  }),
]);
