import { NONE, type KindDefinition } from './types';
import { describeRule, ruleOutputLabel } from './describe';

export const decisionKind: KindDefinition<'decision'> = {
  kind: 'decision',
  label: 'Decision',
  description: 'Routes the item by rules on its variables; the first rule that holds wins.',
  icon: 'split',
  colour: '#f2994a',
  acceptsInput: true,
  defaultConfig: () => ({ rules: [] }),
  outputs: (c) => [...c.rules.map((r, i) => ({ id: r.id, label: ruleOutputLabel(r, i) })), { id: 'else', label: 'else' }],
  summary: (c) => (c.rules.length ? c.rules.map((r, i) => describeRule(r, i)).join('; ') : 'no rules: everything goes to else'),
  requiredActions: () => NONE,
};
