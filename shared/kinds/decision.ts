import { NONE, type KindDefinition } from './types';
import { describeRule, ruleOutputLabel } from './describe';

// Shared by every decision step's outputs (read only by its type, as the fixed lists of types.ts).
const ELSE: Readonly<{ id: string; label: string }> = { id: 'else', label: 'else' };

export const decisionKind: KindDefinition<'decision'> = {
  kind: 'decision',
  label: 'Decision',
  description: 'Routes the item by rules on its variables; the first rule that holds wins.',
  icon: 'split',
  colour: '#f2994a',
  acceptsInput: true,
  defaultConfig: () => ({ rules: [] }),
  outputs: (c) => {
    // One list of its final length: the analysis asks every decision step for its outputs.
    const out = new Array<{ id: string; label: string }>(c.rules.length + 1);
    for (let i = 0; i < c.rules.length; i++) out[i] = { id: c.rules[i].id, label: ruleOutputLabel(c.rules[i], i) };
    out[c.rules.length] = ELSE;
    return out;
  },
  summary: (c) => (c.rules.length ? c.rules.map((r, i) => describeRule(r, i)).join('; ') : 'no rules: everything goes to else'),
  requiredActions: () => NONE,
};
