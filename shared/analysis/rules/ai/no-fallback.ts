import { defineRule, eachStep, listText, q } from '../../rule';

const FALLBACKS = [
  { handle: 'low_confidence', label: '"low confidence"' },
  { handle: 'error', label: '"error"' },
];

export default defineRule('ai/no-fallback', 'warn', 'An AI step’s "low confidence" or "error" output leads nowhere.', [
  eachStep(['outgoing'], (ctx, node, report) => {
    if (node.kind !== 'ai') return;
    let missing: string[] | undefined;
    for (const f of FALLBACKS) if (!ctx.outgoingCount(node.id, f.handle)) (missing ??= []).push(f.label);
    if (!missing) return;
    report({
      nodeId: node.id,
      message: `${q(ctx.label(node))} has no fallback: its ${listText(missing)} output${missing.length > 1 ? 's lead' : ' leads'} nowhere, so an item it is unsure about or fails on just stops.`,
      hint: 'Connect these outputs to a person: an approval, an escalation, or a review queue.',
    });
  }),
]);
