// A small constructor so each rule file states only what is particular to it: its check, and the
// quick fixes it offers for its findings (`{ fixes }`), next to it.
import type { AnalysisContext } from './context';
import { docsPath, type Report, type Rule, type Severity } from './types';

export { listText, q } from '../workflow-index/wording';

export function defineRule(
  id: string,
  severity: Severity,
  description: string,
  check: (ctx: AnalysisContext, report: Report) => void,
  options: { fixes?: Rule['fixes'] } = {},
): Rule {
  const rule: Rule = { meta: { id, severity, description, docs: docsPath(id) }, check };
  if (options.fixes) rule.fixes = options.fixes;
  return rule;
}
