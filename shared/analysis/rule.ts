// A small constructor so each rule file states only what is particular to it: its check, and the
// quick fixes it offers for its findings (`{ fixes }`), next to it. A rule whose findings are about
// single steps says so with parts (eachStep, workflowWide): the incremental analysis then reruns it
// only for the steps an edit touched.
import type { AnalysisContext } from './context';
import { docsPath, type Report, type Rule, type RulePart, type Severity, type StepInput } from './types';
import type { WorkflowNode } from '../model/schema';

export { listText, q } from '../workflow-index/wording';

/** Runs the parts in order, each step part over every step of `ctx.nodes`. */
function runParts(parts: readonly RulePart[]): Rule['check'] {
  return (ctx, report) => {
    for (const part of parts) {
      if (part.scope === 'workflow') part.check(ctx, report);
      else for (const node of ctx.nodes) part.check(ctx, node, report);
    }
  };
}

export function defineRule(
  id: string,
  severity: Severity,
  description: string,
  check: ((ctx: AnalysisContext, report: Report) => void) | readonly RulePart[],
  options: { fixes?: Rule['fixes'] } = {},
): Rule {
  const rule: Rule =
    typeof check === 'function'
      ? { meta: { id, severity, description, docs: docsPath(id) }, check }
      : { meta: { id, severity, description, docs: docsPath(id) }, check: runParts(check), parts: check };
  if (options.fixes) rule.fixes = options.fixes;
  return rule;
}

/**
 * A part that checks one step at a time: what it reports for a step depends only on that step and on
 * what `reads` names (see StepInput). The property test of the incremental analysis holds it to that.
 */
export function eachStep(reads: readonly StepInput[], check: (ctx: AnalysisContext, node: WorkflowNode, report: Report) => void): RulePart {
  return { scope: 'step', reads, check };
}

/** A part that looks at the workflow as a whole; with `reads: ['cycles']`, only at its loops and the steps on them. */
export function workflowWide(check: (ctx: AnalysisContext, report: Report) => void, reads?: readonly 'cycles'[]): RulePart {
  return reads ? { scope: 'workflow', reads, check } : { scope: 'workflow', check };
}

/**
 * Whether `node` (a step of `ctx.nodes`) is the first step with its id. Parts that read a step's requirements check it, as
 * those belong to the first step with an id (a document with repeated ids is refused on load, but
 * the analysis still runs on anything).
 */
export function isFirstOfId(ctx: AnalysisContext, node: WorkflowNode): boolean {
  return ctx.uniqueIds || ctx.nodeById.get(node.id) === node;
}
