// A small constructor so each rule file states only what is particular to it.
import type { AnalysisContext } from './context';
import { docsPath, type Report, type Rule, type Severity } from './types';

export function defineRule(id: string, severity: Severity, description: string, check: (ctx: AnalysisContext, report: Report) => void): Rule {
  return { meta: { id, severity, description, docs: docsPath(id) }, check };
}

/** `"Reply to customer"`: how messages name a step, a connection or a scope. */
export function q(text: string): string {
  return `"${text}"`;
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
