// Findings indexed by what they are about (step, link, connection), with a small summary per
// element for the canvas and the connection cards. Summaries that did not change keep their
// object from the previous index, so a rerun re-renders only the elements whose summary changed.
import { SEVERITIES, type AnalysisResult, type Finding, type Severity } from '../../../shared/analysis/types';

/** What a badge shows: the count, the worst severity and a tooltip listing the findings. */
export interface FindingSummary {
  /** Active findings (suppressed ones are not counted). */
  count: number;
  /** The worst active severity; null when every finding here is suppressed. */
  severity: Severity | null;
  suppressed: number;
  /** One line per finding, worst first, then the suppressed ones with their reason. */
  text: string;
}

export interface TargetFindings {
  active: Finding[];
  suppressed: Finding[];
}

export interface FindingIndex {
  byNode: ReadonlyMap<string, TargetFindings>;
  byEdge: ReadonlyMap<string, TargetFindings>;
  byConnection: ReadonlyMap<string, TargetFindings>;
  /** Findings about the workflow as a whole (no step, link or connection). */
  workflow: readonly Finding[];
  nodes: ReadonlyMap<string, FindingSummary>;
  edges: ReadonlyMap<string, FindingSummary>;
  connections: ReadonlyMap<string, FindingSummary>;
}

export const SEVERITY_WORD: Record<Severity, string> = { error: 'Error', warn: 'Warning', info: 'Info' };

export const EMPTY_INDEX: FindingIndex = {
  byNode: new Map(),
  byEdge: new Map(),
  byConnection: new Map(),
  workflow: [],
  nodes: new Map(),
  edges: new Map(),
  connections: new Map(),
};

const rank = (s: Severity) => SEVERITIES.indexOf(s);

export function worstOf(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || rank(f.severity) < rank(worst)) worst = f.severity;
  return worst;
}

/** A suppression's reason as shown; an entry without one still suppresses (see docs/ANALYSIS.md). */
export function reasonText(reason: string | undefined): string {
  return reason?.trim() || 'no reason given';
}

export function summarize(t: TargetFindings): FindingSummary {
  const active = [...t.active].sort((a, b) => rank(a.severity) - rank(b.severity));
  const lines = active.map((f) => `${SEVERITY_WORD[f.severity]}: ${f.message} (${f.ruleId})`);
  for (const f of t.suppressed) lines.push(`Suppressed: ${f.ruleId}, because: ${reasonText(f.suppressed?.reason)}`);
  const count = active.length;
  const head = count ? `${count} ${count === 1 ? 'problem' : 'problems'}` : 'No active problems';
  return { count, severity: worstOf(active), suppressed: t.suppressed.length, text: [head, ...lines].join('\n') };
}

function sameSummary(a: FindingSummary | undefined, b: FindingSummary): boolean {
  return !!a && a.count === b.count && a.severity === b.severity && a.suppressed === b.suppressed && a.text === b.text;
}

function add(map: Map<string, TargetFindings>, id: string | undefined, f: Finding, suppressed: boolean) {
  if (id === undefined) return;
  let t = map.get(id);
  if (!t) map.set(id, (t = { active: [], suppressed: [] }));
  (suppressed ? t.suppressed : t.active).push(f);
}

function summaries(targets: Map<string, TargetFindings>, previous: ReadonlyMap<string, FindingSummary>): ReadonlyMap<string, FindingSummary> {
  const out = new Map<string, FindingSummary>();
  let same = targets.size === previous.size;
  for (const [id, t] of targets) {
    const next = summarize(t);
    const prev = previous.get(id);
    if (sameSummary(prev, next)) out.set(id, prev!);
    else {
      out.set(id, next);
      same = false;
    }
  }
  // Nothing changed: keep the very same map, so that views comparing it by identity skip work.
  return same ? previous : out;
}

/**
 * Indexes a finding under every element it names: a step's missing grant counts on the step and
 * on the connection. `previous` lends its unchanged summaries (see the file comment).
 */
export function buildFindingIndex(result: AnalysisResult, previous: FindingIndex = EMPTY_INDEX): FindingIndex {
  const byNode = new Map<string, TargetFindings>();
  const byEdge = new Map<string, TargetFindings>();
  const byConnection = new Map<string, TargetFindings>();
  const workflow: Finding[] = [];
  const visit = (f: Finding, suppressed: boolean) => {
    add(byNode, f.nodeId, f, suppressed);
    add(byEdge, f.edgeId, f, suppressed);
    add(byConnection, f.connectionId, f, suppressed);
    if (!suppressed && f.nodeId === undefined && f.edgeId === undefined && f.connectionId === undefined) workflow.push(f);
  };
  for (const f of result.findings) visit(f, false);
  for (const f of result.suppressed) visit(f, true);
  return {
    byNode,
    byEdge,
    byConnection,
    workflow,
    nodes: summaries(byNode, previous.nodes),
    edges: summaries(byEdge, previous.edges),
    connections: summaries(byConnection, previous.connections),
  };
}
