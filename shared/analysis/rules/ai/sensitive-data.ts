import { DATA_CATEGORIES } from '../../../connectors/types';
import { maskToSet, readMask } from '../../../workflow-index/data-flow';
import type { WorkflowNode } from '../../../model/schema';
import type { AnalysisContext } from '../../context';
import { defineRule, eachStep, listText, q } from '../../rule';
import type { Report } from '../../types';

/**
 * The check of one AI step with an external provider, apart from the step part: its callback closes
 * over what the step reads, and a step part with it would allocate that context for every step.
 */
function checkExternalAi(ctx: AnalysisContext, node: WorkflowNode, report: Report): void {
  const ownMask = readMask(ctx.requirements.get(node.id));
  const upstream = ctx.dataInto(node.id);
  if (!ownMask && !upstream.size) return;
  const own = maskToSet(ownMask);
  const categories = DATA_CATEGORIES.filter((c) => own.has(c) || upstream.has(c));
  if (!categories.length) return;
  const from = own.size && upstream.size ? 'from reads before it and from its own sources' : own.size ? 'from its own sources' : 'from reads before it';
  report({
    nodeId: node.id,
    message: `${q(ctx.label(node))} sends ${listText(categories)} data (${from}) to an external AI provider.`,
    hint: 'Check that your agreement with the provider covers this data, keep it out of the step’s inputs, or use a provider that runs locally.',
  });
}

export default defineRule('ai/sensitive-data', 'info', 'Personal, financial, medical, legal or security data flows into an AI step that uses an external provider.', [
  eachStep(['dataFlow'], (ctx, node, report) => {
    if (!ctx.options.externalProviderIsLocal && node.kind === 'ai' && ctx.configOf(node).provider === 'external') checkExternalAi(ctx, node, report);
  }),
]);
