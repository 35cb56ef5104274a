// analyze(): runs the rules over one shared context, applies the workflow's rule settings and the
// nodes' suppressions, and turns a rule that throws into a finding instead of a crash.
import type { Workflow } from '../model/schema';
import { asArray, asString } from '../model/read';
import { buildContext, type AnalysisContext } from './context';
import { RULES } from './rules/index';
import { RULE_ERROR, SEVERITIES, type AnalysisResult, type AnalyzeOptions, type Finding, type Report, type Rule, type RulePart, type Severity } from './types';
import { errorText } from '../text';
import { stepCursor } from '../workflow-index/workflow-index';

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
  const nodes = asArray<Workflow['nodes'][number]>(wf?.nodes);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    // Most steps suppress nothing: no list is made for them.
    const entries = (node as { lint?: { disable?: unknown } })?.lint?.disable;
    if (!Array.isArray(entries) || !entries.length || typeof node.id !== 'string') continue;
    out.set(node.id, addSuppressions(node, out.get(node.id) ?? new Map<string, string>()));
  }
  return out;
}

/** Sorts the findings by severity (a stable sort: rule order and document order stay) and counts them. */
export function finish(findings: Finding[], suppressed: Finding[]): AnalysisResult {
  // A stable sort by severity is a pass per severity (one outside the list first, as a sort by its index -1 put it).
  const sorted: Finding[] = [];
  let known = 0;
  for (const f of findings) if (SEVERITIES.includes(f.severity)) known++;
  if (known < findings.length) for (const f of findings) if (!SEVERITIES.includes(f.severity)) sorted.push(f);
  for (const severity of SEVERITIES) for (const f of findings) if (f.severity === severity) sorted.push(f);
  const counts = { error: 0, warn: 0, info: 0, suppressed: suppressed.length };
  for (const f of sorted) counts[f.severity]++;
  return { findings: sorted, suppressed, counts };
}

/**
 * A reported finding with its rule and severity: the same keys in the same order as
 * `{ ...f, ruleId, severity }`, made by assignment (a spread of findings of varied shapes took
 * milliseconds per thousand findings).
 */
export function withRule(f: Parameters<Report>[0], ruleId: string, severity: Severity): Finding {
  const out = Object.assign({}, f) as Finding;
  out.ruleId = ruleId;
  out.severity = severity;
  return out;
}

/** A rule's parts; a rule given as one check is one workflow part. */
export function partsOf(rule: Rule): readonly RulePart[] {
  return rule.parts ?? [{ scope: 'workflow', check: (ctx: AnalysisContext, report: Report) => rule.check(ctx, report) }];
}

/** One rule's run: its parts in order, what each reported, and the first part (in that order) that threw. */
interface RuleRun {
  rule: Rule;
  setting: Severity | undefined;
  parts: readonly RulePart[];
  found: Finding[][];
  failedAt: number;
  error: unknown;
}

function fail(run: RuleRun, part: number, error: unknown): void {
  if (part >= run.failedAt) return;
  run.failedAt = part;
  run.error = error;
}

/**
 * Runs every rule as rule.check() would, its parts in order, but the step parts of all rules step by
 * step: the questions the rules ask about one step come one after another, and the index answers a
 * repeated question about the same step without a lookup. A rule whose part throws keeps what its
 * earlier parts found and what the throwing part had found, as if its parts had run one after another.
 */
export function analyze(wf: Workflow, options: AnalyzeOptions = {}): AnalysisResult {
  const ctx = buildContext(wf, options);
  const settings = ruleSettings(wf);
  const disabled = suppressions(wf);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];

  const runs: RuleRun[] = [];
  for (const rule of options.rules ?? RULES) {
    const setting = settings.get(rule.meta.id);
    if (setting === 'off') continue;
    const parts = partsOf(rule);
    runs.push({ rule, setting, parts, found: parts.map(() => []), failedAt: parts.length, error: undefined });
  }
  const reporter = (run: RuleRun, into: Finding[]): Report => (f) => {
    into.push(withRule(f, run.rule.meta.id, run.setting ?? f.severity ?? run.rule.meta.severity));
  };
  const stepParts: { run: RuleRun; k: number; check: Extract<RulePart, { scope: 'step' }>['check']; report: Report }[] = [];
  for (const run of runs) {
    run.parts.forEach((part, k) => {
      if (part.scope === 'step') stepParts.push({ run, k, check: part.check, report: reporter(run, run.found[k]) });
    });
  }
  const cursor = stepCursor(ctx);
  const nodes = ctx.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    cursor?.(i);
    // An index loop: a for-of here made an iterator object per step.
    for (let j = 0; j < stepParts.length; j++) {
      const sp = stepParts[j];
      if (sp.k >= sp.run.failedAt) continue;
      try {
        sp.check(ctx, node, sp.report);
      } catch (e) {
        fail(sp.run, sp.k, e);
      }
    }
  }
  for (const run of runs) {
    run.parts.forEach((part, k) => {
      if (part.scope !== 'workflow' || k >= run.failedAt) return;
      try {
        part.check(ctx, reporter(run, run.found[k]));
      } catch (e) {
        fail(run, k, e);
      }
    });
  }

  for (const run of runs) {
    const reported: Finding[] = [];
    const last = Math.min(run.failedAt, run.parts.length - 1);
    for (let k = 0; k <= last; k++) for (const f of run.found[k]) reported.push(f);
    if (run.failedAt < run.parts.length) {
      // Findings reported before the throw are kept: each of them was judged by the rule in full.
      reported.push({
        ruleId: RULE_ERROR,
        severity: 'error',
        message: `The rule "${run.rule.meta.id}" failed and checked only part of the workflow: ${errorText(run.error)}`,
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
