// Edits of the lint settings a workflow carries: a rule's severity for this workflow (`lint.rules`)
// and a step's suppressions (`node.lint.disable`). Each returns a new document (or the same one when
// nothing changes), so the app applies it as one undo step.
import type { LintDisable, SeveritySetting, Workflow } from '../schema';
import { updateNode } from './graph';

/** A rule's setting in the Rules panel: one of the file's values, or "default" (no entry). */
export type RuleChoice = SeveritySetting | 'default';

export function ruleChoice(wf: Workflow, ruleId: string): RuleChoice {
  const value = wf.lint?.rules?.[ruleId];
  return value ?? 'default';
}

export function setRuleSetting(wf: Workflow, ruleId: string, choice: RuleChoice): Workflow {
  if (ruleChoice(wf, ruleId) === choice) return wf;
  const rules: Record<string, SeveritySetting> = { ...(wf.lint?.rules ?? {}) };
  if (choice === 'default') delete rules[ruleId];
  else rules[ruleId] = choice;
  const { rules: _old, ...rest } = wf.lint ?? { rules: {} };
  // A lint section left with nothing in it goes, so the file says only what was chosen.
  if (!Object.keys(rules).length && !Object.keys(rest).length) {
    const { lint: _lint, ...doc } = wf;
    return doc as Workflow;
  }
  return { ...wf, lint: { ...rest, rules } };
}

export function suppressionsOf(wf: Workflow, nodeId: string): LintDisable[] {
  return wf.nodes.find((n) => n.id === nodeId)?.lint?.disable ?? [];
}

/** Suppresses `ruleId` on the step with a reason; an existing entry for the rule gets the new reason. */
export function suppress(wf: Workflow, nodeId: string, ruleId: string, reason: string): Workflow {
  const node = wf.nodes.find((n) => n.id === nodeId);
  if (!node) return wf;
  const entries = node.lint?.disable ?? [];
  const entry: LintDisable = { rule: ruleId, reason: reason.trim() };
  const at = entries.findIndex((e) => e.rule === ruleId);
  const disable = at === -1 ? [...entries, entry] : entries.map((e, i) => (i === at ? { ...e, reason: entry.reason } : e));
  return updateNode(wf, nodeId, { lint: { ...node.lint, disable } });
}

/** Removes every suppression of `ruleId` on the step. */
export function unsuppress(wf: Workflow, nodeId: string, ruleId: string): Workflow {
  const node = wf.nodes.find((n) => n.id === nodeId);
  const entries = node?.lint?.disable ?? [];
  if (!node || !entries.some((e) => e.rule === ruleId)) return wf;
  const disable = entries.filter((e) => e.rule !== ruleId);
  const { disable: _old, ...rest } = node.lint ?? { disable: [] };
  if (!disable.length && !Object.keys(rest).length) {
    const { lint: _lint, ...bare } = node;
    return { ...wf, nodes: wf.nodes.map((n) => (n === node ? (bare as typeof node) : n)) };
  }
  return updateNode(wf, nodeId, { lint: { ...rest, disable } });
}
