// Small text helpers used by the kinds' one-line summaries.
import type { Condition, DecisionRule, Workflow } from '../model/schema';

export function connectionLabel(wf: Pick<Workflow, 'connections'>, id: string): string {
  return wf.connections.find((c) => c.id === id)?.label ?? `unknown connection "${id}"`;
}

const OP_TEXT: Record<Condition['op'], string> = {
  eq: '=',
  neq: '≠',
  in: 'in',
  contains: 'contains',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  exists: 'is set',
};

export function describeCondition(c: Condition): string {
  if (c.op === 'exists') return `${c.var} is set`;
  const value = Array.isArray(c.value) ? `[${c.value.join(', ')}]` : String(c.value ?? '');
  return `${c.var} ${OP_TEXT[c.op]} ${value}`;
}

/** A rule's conditions in words: "category = billing and amount > 100", or "always". */
export function describeConditions(rule: DecisionRule): string {
  const when = rule.when as { all?: Condition[]; any?: Condition[] };
  const list = when.all ?? when.any ?? [];
  const joiner = when.any ? ' or ' : ' and ';
  return list.length ? list.map(describeCondition).join(joiner) : 'always';
}

/**
 * How a decision's output is named everywhere it is shown (the canvas, the inspector, the timeline,
 * the report): the rule's name, else "Rule 2" by its place. The rule's id stays in the file.
 */
export function ruleOutputLabel(rule: Pick<DecisionRule, 'label'>, index: number): string {
  return rule.label.trim() || `Rule ${index + 1}`;
}

export function describeRule(rule: DecisionRule, index: number): string {
  const cond = describeConditions(rule);
  return rule.label.trim() ? `${rule.label.trim()}: ${cond}` : `Rule ${index + 1}: ${cond}`;
}
