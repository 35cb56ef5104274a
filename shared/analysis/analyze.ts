// analyze(): runs the rules over one shared context, applies the workflow's rule settings and the
// nodes' suppressions, and turns a rule that throws into a finding instead of a crash.
import type { Workflow } from '../model/schema';
import { asArray, asString } from '../model/read';
import { buildContext } from './context';
import { RULES } from './rules/index';
import { RULE_ERROR, SEVERITIES, type AnalysisResult, type AnalyzeOptions, type Finding, type Severity } from './types';
import { errorText } from '../text';

const SETTINGS = new Set(['off', 'info', 'warn', 'error']);

/** The workflow's `lint.rules`, keeping only settings this version understands. */
export function ruleSettings(wf: Workflow): Map<string, 'off' | Severity> {
  const rules = (wf?.lint as { rules?: unknown } | undefined)?.rules;
  const out = new Map<string, 'off' | Severity>();
  if (rules && typeof rules === 'object') {
    for (const [id, value] of Object.entries(rules)) if (SETTINGS.has(value as string)) out.set(id, value as 'off' | Severity);
  }
  return out;
}

/** Adds a node's `lint.disable` entries to `byRule` (rule id → reason; the first entry of a rule wins). */
export function addSuppressions(node: unknown, byRule: Map<string, string>): Map<string, string> {
  for (const entry of asArray<{ rule?: unknown; reason?: unknown }>((node as { lint?: { disable?: unknown } })?.lint?.disable)) {
    const rule = asString(entry?.rule);
    if (rule && !byRule.has(rule)) byRule.set(rule, asString(entry.reason).trim());
  }
  return byRule;
}

/** node id → rule id → reason, from each node's `lint.disable`. */
function suppressions(wf: Workflow): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const node of asArray<Workflow['nodes'][number]>(wf?.nodes)) {
    const entries = asArray<unknown>((node as { lint?: { disable?: unknown } })?.lint?.disable);
    if (!entries.length || typeof node.id !== 'string') continue;
    out.set(node.id, addSuppressions(node, out.get(node.id) ?? new Map<string, string>()));
  }
  return out;
}

/** Sorts the findings by severity (a stable sort: rule order and document order stay) and counts them. */
export function finish(findings: Finding[], suppressed: Finding[]): AnalysisResult {
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  findings.sort((a, b) => rank(a) - rank(b));
  const counts = { error: 0, warn: 0, info: 0, suppressed: suppressed.length };
  for (const f of findings) counts[f.severity]++;
  return { findings, suppressed, counts };
}

export function analyze(wf: Workflow, options: AnalyzeOptions = {}): AnalysisResult {
  const ctx = buildContext(wf, options);
  const settings = ruleSettings(wf);
  const disabled = suppressions(wf);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];

  for (const rule of options.rules ?? RULES) {
    const setting = settings.get(rule.meta.id);
    if (setting === 'off') continue;
    const reported: Finding[] = [];
    try {
      rule.check(ctx, (f) => {
        reported.push({ ...f, ruleId: rule.meta.id, severity: setting ?? f.severity ?? rule.meta.severity });
      });
    } catch (e) {
      // Findings reported before the throw are kept: each of them was judged by the rule in full.
      reported.push({
        ruleId: RULE_ERROR,
        severity: 'error',
        message: `The rule "${rule.meta.id}" failed and checked only part of the workflow: ${errorText(e)}`,
        hint: 'This is a bug in Flowgate, not in your workflow. The other rules ran normally.',
      });
    }
    for (const finding of reported) {
      const reason = finding.nodeId === undefined || finding.ruleId === RULE_ERROR ? undefined : disabled.get(finding.nodeId)?.get(finding.ruleId);
      if (reason === undefined) findings.push(finding);
      else suppressed.push({ ...finding, suppressed: { reason } });
    }
  }

  return finish(findings, suppressed);
}
