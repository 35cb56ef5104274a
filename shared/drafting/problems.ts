// A problem with a draft, wherever it was found: the reply could not be read as given (`ruleId` null:
// not JSON, not the schema, a link to a step that does not exist), or the analysis found something
// (`ruleId` is the rule's id). Paths point into the draft the model wrote, so the model can find what
// to fix; the ids are the workflow's, so the app can show the step.
import { z } from 'zod';
import { SEVERITIES, type Severity } from '../analysis/types';

export const draftProblemSchema = z.object({
  /** JSON path in the model's draft, like `$.steps[2].next[0].to`; `$` for the whole reply. */
  path: z.string(),
  severity: z.enum(SEVERITIES as unknown as [Severity, ...Severity[]]),
  /** The analysis rule that found it; null when the reply itself could not be read or applied as given. */
  ruleId: z.string().nullable(),
  message: z.string(),
  hint: z.string().optional(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  connectionId: z.string().optional(),
});
export type DraftProblem = z.infer<typeof draftProblemSchema>;

/** A problem reading or applying the reply (an error unless said otherwise). */
export function loadProblem(path: string, message: string, severity: Severity = 'error'): DraftProblem {
  return { path, severity, ruleId: null, message };
}

export function errorsIn(problems: readonly DraftProblem[]): DraftProblem[] {
  return problems.filter((p) => p.severity === 'error');
}
