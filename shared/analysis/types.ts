// The vocabulary of the analysis: findings, rules, and what analyze() returns.
import type { Workflow } from '../model/schema';
import type { AnalysisContext } from './context';

export type Severity = 'error' | 'warn' | 'info';

/** Severities from the most to the least serious; also the order findings are listed in. */
export const SEVERITIES: readonly Severity[] = ['error', 'warn', 'info'];

/** The rule id of the finding a rule yields when it throws instead of finishing. */
export const RULE_ERROR = 'rule-error';

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** What is wrong, in one or two sentences naming the step or connection. */
  message: string;
  /** How to fix it. */
  hint?: string;
  nodeId?: string;
  edgeId?: string;
  connectionId?: string;
  /** The grant or required scope a permission finding is about; quick fixes read it. */
  scope?: string;
  /** Set on findings a node's `lint.disable` entry suppressed, with the reason written there. */
  suppressed?: { reason: string };
}

export interface RuleMeta {
  /** Stable id, part of the file format (`lint.rules`, `lint.disable`) and of the CLI output. */
  id: string;
  /** Default severity; a rule may report a finding with another one (gate/missing-approval does). */
  severity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Path of the rule's page in the repository: `docs/rules/<id>.md`. */
  docs: string;
}

/** What a rule reports; ruleId is filled in, severity defaults to the rule's. */
export type Report = (finding: Omit<Finding, 'ruleId' | 'severity' | 'suppressed'> & { severity?: Severity }) => void;

/** A pure edit offered for a finding when there is exactly one sensible fix. */
export interface QuickFix {
  /** What the fix does, as a button or menu label. */
  title: string;
  /**
   * Takes the document as it is when the user clicks, re-plans on it, and returns it unchanged if the
   * fix no longer makes sense, so a stale fix can never corrupt a document.
   */
  apply(wf: Workflow): Workflow;
}

/**
 * What the findings a rule reports for one step may depend on besides that step itself (its fields,
 * its config and its requirements, which the connections resolve): its outgoing or incoming links,
 * whether and from which intake it is reached (`reach`, which also covers the set of intakes and the
 * intake's own fields), the data categories flowing into it (`dataFlow`), what the approval coverage
 * answers for an approval (`coverage`: what it covers, shows and does not show, with the steps those
 * answers name and their labels).
 */
export type StepInput = 'outgoing' | 'incoming' | 'reach' | 'dataFlow' | 'coverage';

/**
 * A part of a rule's check. The incremental analysis (incremental.ts) reruns a `step` part only for the
 * steps an edit touched through what it `reads`, and a `workflow` part that reads only `cycles` (the
 * loops, the steps on them and their links) only when those changed; any other `workflow` part runs on
 * every analysis. A rule given as one check is one `workflow` part.
 */
export type RulePart =
  | { scope: 'workflow'; reads?: readonly 'cycles'[]; check(ctx: AnalysisContext, report: Report): void }
  | { scope: 'step'; reads: readonly StepInput[]; check(ctx: AnalysisContext, node: Workflow['nodes'][number], report: Report): void };

export interface Rule {
  meta: RuleMeta;
  /** Runs the whole rule; for a rule made of parts, the parts in order (each step part over `ctx.nodes`). */
  check(ctx: AnalysisContext, report: Report): void;
  /** The rule as parts, when it declares them (see RulePart); absent: one `workflow` part, `check`. */
  parts?: readonly RulePart[];
  /** The quick fixes for one of this rule's findings, planned on `wf` as it is now; none when absent. */
  fixes?(wf: Workflow, finding: Finding): QuickFix[];
}

export interface AnalyzeOptions {
  /**
   * Treat AI steps whose provider is `external` as local (a base URL on this machine), so that
   * `ai/sensitive-data` stays quiet. The provider settings decide this; the document does not.
   */
  externalProviderIsLocal?: boolean;
  /** The rules to run; all rules by default. Tests pass their own. */
  rules?: readonly Rule[];
}

export interface FindingCounts {
  error: number;
  warn: number;
  info: number;
  /** Findings that a node's `lint.disable` entry suppressed; they are in `suppressed`, not `findings`. */
  suppressed: number;
}

export interface AnalysisResult {
  /** Active findings, errors first, then warnings, then infos; in rule order within a severity. */
  findings: Finding[];
  /** Findings a `lint.disable` entry silenced, each with its reason: shown, never dropped. */
  suppressed: Finding[];
  counts: FindingCounts;
}

/** The docs path of a rule id: `gate/missing-approval` → `docs/rules/gate/missing-approval.md`. */
export function docsPath(id: string): string {
  return `docs/rules/${id}.md`;
}
