// What a repair round tells the model: each problem of its last draft with the JSON path where it is
// and Flowgate's message (and, for the analysis, the rule and how to fix it). Errors first: they are
// why the round happens; warnings follow, to be fixed where the description allows.
import type { Finding } from '../analysis/types';
import type { Workflow } from '../model/schema';
import type { DraftProblem } from './problems';
import type { DraftOrigin } from './to-workflow';

/** Where a finding is in the draft: the step, its link, or the connection it is about. */
export function pathOf(finding: Pick<Finding, 'nodeId' | 'edgeId' | 'connectionId'>, origin: DraftOrigin): string {
  if (finding.edgeId !== undefined) {
    const at = origin.edges.get(finding.edgeId);
    if (at) return `$.steps[${at[0]}].next[${at[1]}]`;
  }
  if (finding.nodeId !== undefined) {
    const at = origin.nodes.get(finding.nodeId);
    if (at !== undefined) return `$.steps[${at}]`;
  }
  if (finding.connectionId !== undefined) {
    const at = origin.connections.get(finding.connectionId);
    return at === undefined || at === null ? '$.connections' : `$.connections[${at}]`;
  }
  return '$';
}

/** An analysis finding as a problem of the draft. */
export function findingProblem(f: Finding, origin: DraftOrigin): DraftProblem {
  return {
    path: pathOf(f, origin),
    severity: f.severity,
    ruleId: f.ruleId,
    message: f.message,
    ...(f.hint ? { hint: f.hint } : {}),
    ...(f.nodeId !== undefined ? { nodeId: f.nodeId } : {}),
    ...(f.edgeId !== undefined ? { edgeId: f.edgeId } : {}),
    ...(f.connectionId !== undefined ? { connectionId: f.connectionId } : {}),
  };
}

/** One line per problem: `- $.steps[3] ("Send refund") [gate/missing-approval]: message Fix: hint` */
export function problemLine(p: DraftProblem, wf?: Workflow | null): string {
  const step = p.nodeId && wf ? wf.nodes.find((n) => n.id === p.nodeId) : undefined;
  const where = step && p.path.startsWith('$.steps[') ? `${p.path} ("${step.label}")` : p.path;
  const rule = p.ruleId ? ` [${p.ruleId}]` : '';
  const hint = p.hint ? ` Fix: ${p.hint}` : '';
  const message = p.hint && !/[.!?…]$/.test(p.message) ? `${p.message}.` : p.message;
  return `- ${where}${rule}: ${message}${hint}`;
}

export function feedbackMessage(problems: readonly DraftProblem[], wf: Workflow | null): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warn');
  const lines = ['Flowgate checked your draft and found problems. Fix them and send the whole corrected draft again, in the same schema.', '', 'Errors (these must be fixed):', ...errors.map((p) => problemLine(p, wf))];
  if (warnings.length) lines.push('', 'Warnings (fix these too where the description allows):', ...warnings.map((p) => problemLine(p, wf)));
  return lines.join('\n');
}
