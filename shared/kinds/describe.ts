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

export function describeRule(rule: DecisionRule): string {
  const when = rule.when as { all?: Condition[]; any?: Condition[] };
  const list = when.all ?? when.any ?? [];
  const joiner = when.any ? ' or ' : ' and ';
  const cond = list.length ? list.map(describeCondition).join(joiner) : 'always';
  return `${rule.label || rule.id}: ${cond}`;
}
