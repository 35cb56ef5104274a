// Edits of a decision's rules. Rules are data (variable, operator, value), never code: nothing is evaluated here.
import { nextId } from '../../../../shared/model/ids';
import type { Condition, DecisionOp, DecisionRule, Workflow } from '../../../../shared/model/schema';
import { moveBy, removeAt, replaceAt, splitList } from './lists';
import { nodeOfKind, patchConfig } from './nodeConfig';
import type { Parsed } from './values';

export type RuleMode = 'all' | 'any';

/** Operators in the order the form lists them, with the words it shows. */
export const OPERATORS: readonly { op: DecisionOp; label: string }[] = [
  { op: 'eq', label: 'is' },
  { op: 'neq', label: 'is not' },
  { op: 'in', label: 'is one of' },
  { op: 'contains', label: 'contains' },
  { op: 'gt', label: 'is greater than' },
  { op: 'gte', label: 'is at least' },
  { op: 'lt', label: 'is less than' },
  { op: 'lte', label: 'is at most' },
  { op: 'exists', label: 'is set' },
];

const NUMERIC_OPS: ReadonlySet<DecisionOp> = new Set(['gt', 'gte', 'lt', 'lte']);

export function conditionsOf(rule: DecisionRule): { mode: RuleMode; conditions: Condition[] } {
  const when = rule.when as { all?: Condition[]; any?: Condition[] };
  if (Array.isArray(when.any) && !Array.isArray(when.all)) return { mode: 'any', conditions: when.any };
  return { mode: 'all', conditions: when.all ?? [] };
}

function withConditions(rule: DecisionRule, mode: RuleMode, conditions: Condition[]): DecisionRule {
  const when = mode === 'all' ? { all: conditions } : { any: conditions };
  return { ...rule, when };
}

/**
 * Reads the text of a condition's value for an operator. The value is always kept (a number where one
 * is needed and typed, else the text as typed); a warning says what is wrong so the form can show it.
 */
export function parseConditionValue(op: DecisionOp, text: string): Parsed<Condition['value']> {
  if (op === 'exists') return { ok: true, value: undefined };
  if (op === 'in') {
    const list = splitList(text);
    return list.length ? { ok: true, value: list } : { ok: true, value: list, warning: 'List at least one value, separated by commas.' };
  }
  if (NUMERIC_OPS.has(op)) {
    const t = text.trim();
    const n = Number(t.replace(',', '.'));
    if (t && Number.isFinite(n)) return { ok: true, value: n };
    return { ok: true, value: text, warning: t ? `"${t}" is not a number; this comparison needs one.` : 'Enter a number.' };
  }
  return { ok: true, value: text };
}

export function formatConditionValue(value: Condition['value']): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function rulesOf(wf: Workflow, nodeId: string): DecisionRule[] | undefined {
  return nodeOfKind(wf, nodeId, 'decision')?.config.rules;
}

function setRules(wf: Workflow, nodeId: string, rules: DecisionRule[]): Workflow {
  return patchConfig(wf, nodeId, 'decision', { rules });
}

function editRule(wf: Workflow, nodeId: string, index: number, edit: (rule: DecisionRule) => DecisionRule): Workflow {
  const rules = rulesOf(wf, nodeId);
  if (!rules?.[index]) return wf;
  return setRules(wf, nodeId, replaceAt(rules, index, edit(rules[index])));
}

/** A new rule at the end (just before `else`), with one empty condition to fill in. */
export function addRule(wf: Workflow, nodeId: string): { workflow: Workflow; ruleId: string | null } {
  const rules = rulesOf(wf, nodeId);
  if (!rules) return { workflow: wf, ruleId: null };
  const ruleId = nextId('r', rules.map((r) => r.id));
  const rule: DecisionRule = { id: ruleId, label: `Rule ${rules.length + 1}`, when: { all: [{ var: '', op: 'eq', value: '' }] } };
  return { workflow: setRules(wf, nodeId, [...rules, rule]), ruleId };
}

/** Removes a rule; the edge that left from its output goes with it (updateNode drops edges of missing handles). */
export function removeRule(wf: Workflow, nodeId: string, index: number): Workflow {
  const rules = rulesOf(wf, nodeId);
  return rules && rules[index] ? setRules(wf, nodeId, removeAt(rules, index)) : wf;
}

/** Moves a rule up (delta −1) or down (+1): the first rule that holds wins, so order matters. */
export function moveRule(wf: Workflow, nodeId: string, index: number, delta: number): Workflow {
  const rules = rulesOf(wf, nodeId);
  if (!rules) return wf;
  const moved = moveBy(rules, index, delta);
  return moved.every((r, i) => r === rules[i]) ? wf : setRules(wf, nodeId, moved);
}

export function setRuleLabel(wf: Workflow, nodeId: string, index: number, label: string): Workflow {
  return editRule(wf, nodeId, index, (rule) => ({ ...rule, label }));
}

/** Switches between "all conditions hold" and "any condition holds", keeping the conditions. */
export function setRuleMode(wf: Workflow, nodeId: string, index: number, mode: RuleMode): Workflow {
  return editRule(wf, nodeId, index, (rule) => withConditions(rule, mode, conditionsOf(rule).conditions));
}

export function addCondition(wf: Workflow, nodeId: string, ruleIndex: number, variable = ''): Workflow {
  return editRule(wf, nodeId, ruleIndex, (rule) => {
    const { mode, conditions } = conditionsOf(rule);
    return withConditions(rule, mode, [...conditions, { var: variable, op: 'eq', value: '' }]);
  });
}

/**
 * Changes a condition. When the operator changes, the value is carried over in the new operator's
 * form (text ↔ number ↔ list); `exists` takes no value.
 */
export function setCondition(wf: Workflow, nodeId: string, ruleIndex: number, condIndex: number, patch: Partial<Condition>): Workflow {
  return editRule(wf, nodeId, ruleIndex, (rule) => {
    const { mode, conditions } = conditionsOf(rule);
    const current = conditions[condIndex];
    if (!current) return rule;
    const next: Condition = { ...current, ...patch };
    if (patch.op && patch.op !== current.op && !('value' in patch)) {
      const carried = parseConditionValue(patch.op, formatConditionValue(current.value));
      next.value = carried.ok ? carried.value : undefined;
    }
    if (next.op === 'exists') delete next.value;
    return withConditions(rule, mode, replaceAt(conditions, condIndex, next));
  });
}

export function removeCondition(wf: Workflow, nodeId: string, ruleIndex: number, condIndex: number): Workflow {
  return editRule(wf, nodeId, ruleIndex, (rule) => {
    const { mode, conditions } = conditionsOf(rule);
    return withConditions(rule, mode, removeAt(conditions, condIndex));
  });
}
