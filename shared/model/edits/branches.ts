// Edits of a decision's branches: each is a set of conditions on variables with an output of its own;
// the first branch that holds decides the path, and `else` takes the rest. Branches are data
// (variable, operator, value), never code: nothing is evaluated here. The file format keeps them under
// `config.rules` (type DecisionRule); in code, "rule" means a lint rule only.
import { nextId } from '../ids';
import type { Condition, DecisionOp, DecisionRule, Workflow } from '../schema';
import { moveBy, removeAt, replaceAt, splitList } from './lists';
import { nodeOfKind, patchConfig } from './node-config';
import type { Parsed } from './values';

/** A decision branch, stored under `config.rules` in the file. */
export type DecisionBranch = DecisionRule;

/** Whether all of a branch's conditions must hold, or any one of them. */
export type BranchMode = 'all' | 'any';

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

export function conditionsOf(branch: DecisionBranch): { mode: BranchMode; conditions: Condition[] } {
  const when = branch.when as { all?: Condition[]; any?: Condition[] };
  if (Array.isArray(when.any) && !Array.isArray(when.all)) return { mode: 'any', conditions: when.any };
  return { mode: 'all', conditions: when.all ?? [] };
}

function withConditions(branch: DecisionBranch, mode: BranchMode, conditions: Condition[]): DecisionBranch {
  const when = mode === 'all' ? { all: conditions } : { any: conditions };
  return { ...branch, when };
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

function branchesOf(wf: Workflow, nodeId: string): DecisionBranch[] | undefined {
  return nodeOfKind(wf, nodeId, 'decision')?.config.rules;
}

function setBranches(wf: Workflow, nodeId: string, branches: DecisionBranch[]): Workflow {
  return patchConfig(wf, nodeId, 'decision', { rules: branches });
}

function editBranch(wf: Workflow, nodeId: string, index: number, edit: (branch: DecisionBranch) => DecisionBranch): Workflow {
  const branches = branchesOf(wf, nodeId);
  if (!branches?.[index]) return wf;
  return setBranches(wf, nodeId, replaceAt(branches, index, edit(branches[index])));
}

/** A new branch at the end (just before `else`), with one empty condition to fill in. */
export function addBranch(wf: Workflow, nodeId: string): { workflow: Workflow; branchId: string | null } {
  const branches = branchesOf(wf, nodeId);
  if (!branches) return { workflow: wf, branchId: null };
  const branchId = nextId('r', branches.map((b) => b.id));
  const branch: DecisionBranch = { id: branchId, label: `Rule ${branches.length + 1}`, when: { all: [{ var: '', op: 'eq', value: '' }] } };
  return { workflow: setBranches(wf, nodeId, [...branches, branch]), branchId };
}

/** Removes a branch; the link that left from its output goes with it (updateNode drops links of missing outputs). */
export function removeBranch(wf: Workflow, nodeId: string, index: number): Workflow {
  const branches = branchesOf(wf, nodeId);
  return branches && branches[index] ? setBranches(wf, nodeId, removeAt(branches, index)) : wf;
}

/** Moves a branch up (delta −1) or down (+1): the first branch that holds wins, so order matters. */
export function moveBranch(wf: Workflow, nodeId: string, index: number, delta: number): Workflow {
  const branches = branchesOf(wf, nodeId);
  if (!branches) return wf;
  const moved = moveBy(branches, index, delta);
  return moved.every((b, i) => b === branches[i]) ? wf : setBranches(wf, nodeId, moved);
}

export function setBranchLabel(wf: Workflow, nodeId: string, index: number, label: string): Workflow {
  return editBranch(wf, nodeId, index, (branch) => ({ ...branch, label }));
}

/** Switches between "all conditions hold" and "any condition holds", keeping the conditions. */
export function setBranchMode(wf: Workflow, nodeId: string, index: number, mode: BranchMode): Workflow {
  return editBranch(wf, nodeId, index, (branch) => withConditions(branch, mode, conditionsOf(branch).conditions));
}

export function addCondition(wf: Workflow, nodeId: string, branchIndex: number, variable = ''): Workflow {
  return editBranch(wf, nodeId, branchIndex, (branch) => {
    const { mode, conditions } = conditionsOf(branch);
    return withConditions(branch, mode, [...conditions, { var: variable, op: 'eq', value: '' }]);
  });
}

/**
 * Changes a condition. When the operator changes, the value is carried over in the new operator's
 * form (text ↔ number ↔ list); `exists` takes no value.
 */
export function setCondition(wf: Workflow, nodeId: string, branchIndex: number, condIndex: number, patch: Partial<Condition>): Workflow {
  return editBranch(wf, nodeId, branchIndex, (branch) => {
    const { mode, conditions } = conditionsOf(branch);
    const current = conditions[condIndex];
    if (!current) return branch;
    const next: Condition = { ...current, ...patch };
    if (patch.op && patch.op !== current.op && !('value' in patch)) {
      const carried = parseConditionValue(patch.op, formatConditionValue(current.value));
      next.value = carried.ok ? carried.value : undefined;
    }
    if (next.op === 'exists') delete next.value;
    return withConditions(branch, mode, replaceAt(conditions, condIndex, next));
  });
}

export function removeCondition(wf: Workflow, nodeId: string, branchIndex: number, condIndex: number): Workflow {
  return editBranch(wf, nodeId, branchIndex, (branch) => {
    const { mode, conditions } = conditionsOf(branch);
    return withConditions(branch, mode, removeAt(conditions, condIndex));
  });
}
