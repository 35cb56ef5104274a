// The Problems panel's list, without React: findings grouped by what they are about (a step, a
// link, a connection, the whole workflow), errors before warnings before infos, filtered by text
// and severity. Each row has a stable test id built from its rule and target.
import { KINDS } from '../../../shared/kinds/registry';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import { SEVERITIES, type Finding, type Severity } from '../../../shared/analysis/types';

export type TargetKind = 'workflow' | 'node' | 'edge' | 'connection';

export interface Target {
  kind: TargetKind;
  /** The element's id; null for the workflow. */
  id: string | null;
}

/** What a finding is about, the step first: a step's missing grant is listed under the step. */
export function targetOf(f: Finding): Target {
  if (f.nodeId !== undefined) return { kind: 'node', id: f.nodeId };
  if (f.edgeId !== undefined) return { kind: 'edge', id: f.edgeId };
  if (f.connectionId !== undefined) return { kind: 'connection', id: f.connectionId };
  return { kind: 'workflow', id: null };
}

export interface ProblemRow {
  finding: Finding;
  /** `problem-<ruleId>-<target id or "workflow">`; a second finding of the same rule on the same element gets `-2`, and so on. */
  testId: string;
  /** The `<ruleId>-<target>` part, for the fix buttons' ids. */
  key: string;
}

export interface ProblemGroup {
  key: string;
  target: Target;
  title: string;
  /** What kind of element it is: "Integration step", "Connection"… */
  kindLabel: string;
  worst: Severity;
  rows: ProblemRow[];
}

export interface ProblemFilter {
  text: string;
  severities: ReadonlySet<Severity>;
}

export const ALL_SEVERITIES: ReadonlySet<Severity> = new Set(SEVERITIES);

const rank = (s: Severity) => SEVERITIES.indexOf(s);
const KIND_ORDER: TargetKind[] = ['workflow', 'node', 'edge', 'connection'];

/** Rows with their test ids, numbered over the whole list (so filtering does not change them). */
export function problemRows(findings: readonly Finding[], prefix = 'problem'): ProblemRow[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = `${finding.ruleId}-${targetOf(finding).id ?? 'workflow'}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const unique = n === 1 ? key : `${key}-${n}`;
    return { finding, key: unique, testId: `${prefix}-${unique}` };
  });
}

interface Describer {
  describe(target: Target): { title: string; kindLabel: string; order: number };
}

/** Names and document order of the elements, looked up once per list. */
export function describer(wf: Workflow): Describer {
  const nodes = new Map(wf.nodes.map((n, i) => [n.id, { n, i }]));
  const edges = new Map(wf.edges.map((e, i) => [e.id, { e, i }]));
  const connections = new Map(wf.connections.map((c, i) => [c.id, { c, i }]));
  const stepName = (id: string) => {
    const hit = nodes.get(id);
    return hit ? displayText(hit.n.label, 80) || hit.n.id : id;
  };
  return {
    describe(target) {
      const id = target.id ?? '';
      switch (target.kind) {
        case 'node': {
          const hit = nodes.get(id);
          if (!hit) return { title: id, kindLabel: 'Step (deleted)', order: Number.MAX_SAFE_INTEGER };
          return { title: stepName(id), kindLabel: KINDS[hit.n.kind]?.label ?? hit.n.kind, order: hit.i };
        }
        case 'edge': {
          const hit = edges.get(id);
          if (!hit) return { title: id, kindLabel: 'Link (deleted)', order: Number.MAX_SAFE_INTEGER };
          return { title: `${stepName(hit.e.source)} → ${stepName(hit.e.target)}`, kindLabel: 'Link', order: hit.i };
        }
        case 'connection': {
          const hit = connections.get(id);
          if (!hit) return { title: id, kindLabel: 'Connection (deleted)', order: Number.MAX_SAFE_INTEGER };
          return { title: displayText(hit.c.label, 80) || hit.c.id, kindLabel: 'Connection', order: hit.i };
        }
        default:
          return { title: 'The whole workflow', kindLabel: 'Workflow', order: 0 };
      }
    },
  };
}

export function matchesFilter(row: ProblemRow, groupTitle: string, filter: ProblemFilter): boolean {
  if (!filter.severities.has(row.finding.severity)) return false;
  return matchesText(row, groupTitle, filter.text);
}

export function matchesText(row: ProblemRow, groupTitle: string, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  const f = row.finding;
  return [f.message, f.ruleId, f.hint ?? '', f.suppressed?.reason ?? '', groupTitle].some((s) => s.toLowerCase().includes(needle));
}

/**
 * Groups rows by target. Groups come worst first; within a severity the workflow's own findings
 * first, then steps, links and connections in document order. Rows keep the analysis's order
 * (severity, then rule, then document) inside a group.
 */
export function groupProblems(wf: Workflow, rows: readonly ProblemRow[], filter: ProblemFilter, keepRow = matchesFilter): ProblemGroup[] {
  const names = describer(wf);
  const groups = new Map<string, ProblemGroup & { order: number }>();
  for (const row of rows) {
    const target = targetOf(row.finding);
    const key = `${target.kind}:${target.id ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      const d = names.describe(target);
      group = { key, target, title: d.title, kindLabel: d.kindLabel, worst: row.finding.severity, rows: [], order: d.order };
      groups.set(key, group);
    }
    if (!keepRow(row, group.title, filter)) continue;
    group.rows.push(row);
  }
  const out: ProblemGroup[] = [];
  for (const g of groups.values()) {
    if (!g.rows.length) continue;
    g.rows.sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity));
    g.worst = g.rows[0].finding.severity;
    out.push(g);
  }
  const order = (g: ProblemGroup) => (g as ProblemGroup & { order: number }).order;
  out.sort((a, b) => rank(a.worst) - rank(b.worst) || KIND_ORDER.indexOf(a.target.kind) - KIND_ORDER.indexOf(b.target.kind) || order(a) - order(b));
  return out.map(({ key, target, title, kindLabel, worst, rows: r }) => ({ key, target, title, kindLabel, worst, rows: r }));
}

/** "2 errors, 1 warning": for the panel's summary and the status bar's tooltip. */
export function countText(counts: { error: number; warn: number; info: number }): string {
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [part(counts.error, 'error', 'errors'), part(counts.warn, 'warning', 'warnings'), part(counts.info, 'info', 'infos')].join(', ');
}
