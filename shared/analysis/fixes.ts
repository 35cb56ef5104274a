// Quick fixes: each rule declares the fixes for its findings next to its check (`defineRule(...,
// { fixes })`), built on the pure edits of shared/model/edits/. A fix's `apply` re-plans on the
// document as it is when the user clicks and returns it unchanged when the fix no longer makes sense.
import type { Workflow } from '../model/schema';
import { ruleById } from './rules/index';
import type { Finding, QuickFix } from './types';

export type { QuickFix } from './types';

export function fixesFor(wf: Workflow, finding: Finding): QuickFix[] {
  return ruleById(finding.ruleId)?.fixes?.(wf, finding) ?? [];
}

/** The `index`th quick fix of the finding, planned on `wf` as it is now; `wf` itself when none applies. */
export function applyFix(wf: Workflow, finding: Finding, index: number): Workflow {
  const fix = fixesFor(wf, finding)[index];
  return fix ? fix.apply(wf) : wf;
}
