import { actionPhrase } from '../../../workflow-index/wording';
import { defineRule, eachStep, isFirstOfId, q } from '../../rule';

// Imported automations can hold nodes Flowgate has no mapping for (an n8n community node): they are kept
// as steps whose effect is assumed sensitive, and this rule says so instead of staying silent.
export default defineRule('integration/unknown-effect', 'info', 'A step runs an action whose effect Flowgate does not know, so it is treated as sensitive.', [
  eachStep([], (ctx, node, report) => {
    const reqs = isFirstOfId(ctx, node) ? ctx.requirements.get(node.id) : undefined;
    if (!reqs) return; // most steps: no empty list made for them
    for (const r of reqs) {
      if (!r.resolved.ok || r.resolved.action.unknownEffect !== true) continue;
      const step = q(ctx.label(node));
      report({
        nodeId: r.nodeId,
        connectionId: r.connectionId,
        message: `Flowgate does not know what ${step} does (${actionPhrase(r.resolved.action)}), so it treats it as an action that can change something and must be approved.`,
        hint: 'Check what the step does. If it only reads, or its effect is known, describe it in the connector of its connection (effect, customer-facing, data).',
      });
    }
  }),
]);
