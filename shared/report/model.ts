// What a report says, worked out once from the workflow, its analysis, its latest batch and its
// rehearsed scenarios; markdown.ts and html.ts only lay it out. Pure: no clock (the caller passes the
// date), no files, so the same input always gives the same report.
import { analyze } from '../analysis/analyze';
import { buildWorkflowIndex } from '../workflow-index/workflow-index';
import type { AnalysisResult, Finding, Severity } from '../analysis/types';
import { outputsOf } from '../kinds/registry';
import type { Workflow } from '../model/schema';
import { readiness } from '../readiness/checklists';
import { listText } from '../readiness/phrases';
import type { Checklist, ReadinessSummary, ReadinessTarget } from '../readiness/types';
import type { BatchResult } from '../simulation/metrics-schema';
import { workflowSlaMinutes } from '../simulation/scenario';
import { diagramSvg, type Mark } from './diagram-svg';
import type { ScenarioRehearsal } from './scenarios';

export interface ReportInput {
  workflow: Workflow;
  /** The analysis of the same document; computed when absent. */
  analysis?: AnalysisResult;
  /** The latest batch of this workflow, if one has been run. */
  batch?: BatchResult | null;
  /** Whether that batch ran on the document as it is now. Default: true when a batch is given. */
  batchSinceLastEdit?: boolean;
  /** The scenarios rehearsed, one row each. */
  scenarios?: readonly ScenarioRehearsal[];
  /** Why the scenarios could not be rehearsed, when they could not. */
  scenarioProblem?: string | null;
  /** The date printed on the report (`2024-06-03`); the report has no clock of its own. */
  generatedAt?: string;
  /** "Flowgate 0.1.0". */
  generator?: string;
}

export interface ConnectionRow {
  id: string;
  label: string;
  system: string;
  identity: string;
  grants: string[];
  logging: boolean;
  maintainer: string;
  revocation: string;
  /** Steps that use the connection, by label. */
  usedBy: string[];
}

export interface FindingRow {
  severity: Severity;
  ruleId: string;
  message: string;
  hint: string;
  /** The step, line or connection the finding is about, in words; '' for the whole workflow. */
  where: string;
  /** The reason written in the suppression, for suppressed findings. */
  reason?: string;
}

export interface ReportModel {
  title: string;
  workflow: { id: string; name: string; description: string; owner: string; steps: number; connections: number; lines: number; slaMinutes: number | null };
  generatedAt: string | null;
  generator: string;
  summary: ReadinessSummary;
  checklists: Checklist[];
  /** Where an open checklist item is fixed, as a sentence ("Fix it at the step …"), by item id. */
  fixAt: Record<string, string>;
  connections: ConnectionRow[];
  findings: FindingRow[];
  suppressed: FindingRow[];
  diagramSvg: string;
  batch: BatchResult | null;
  /** The diagram with the batch's visits and traversals drawn on it. */
  heatSvg: string | null;
  scenarios: readonly ScenarioRehearsal[];
  scenarioProblem: string | null;
  nodeLabel: (nodeId: string) => string;
  /** "Classify ticket → Billing reply (label)": a link named by the steps it joins and its output. */
  edgeLabel: (edgeId: string) => string;
}

/** "Fix it at step "Manager check"": where an open checklist item is answered, as a sentence without its full stop. */
function fixSentence(wf: Workflow, target: ReadinessTarget | null): string {
  if (!target) return '';
  switch (target.kind) {
    case 'node': {
      const node = wf.nodes.find((n) => n.id === target.nodeId);
      return `Fix it at the step "${node?.label || target.nodeId}"`;
    }
    case 'edge':
      return `Fix it at the line ${target.edgeId}`;
    case 'connection': {
      const c = wf.connections.find((x) => x.id === target.connectionId);
      return `Fix it at the connection "${c?.label || target.connectionId}"`;
    }
    case 'workflow':
      return { owner: 'Fix it in the workflow’s properties (Owner)', connections: 'Fix it in the Connections panel', nodes: 'Fix it on the canvas', problems: 'Fix it with the findings below' }[target.field];
  }
}

/** "Fix it at the step "A" and at the step "B"": every place an open item is fixed, in one sentence. */
function fixSentences(wf: Workflow, targets: readonly ReadinessTarget[]): string {
  const places = targets.map((t) => fixSentence(wf, t).replace(/^Fix it /, '')).filter(Boolean);
  return places.length ? `Fix it ${listText(places)}` : '';
}

function findingRows(wf: Workflow, findings: readonly Finding[]): FindingRow[] {
  const nodeName = (id: string) => wf.nodes.find((n) => n.id === id)?.label || id;
  return findings.map((f) => {
    let where = '';
    if (f.nodeId) where = `step "${nodeName(f.nodeId)}"`;
    else if (f.connectionId) where = `connection "${wf.connections.find((c) => c.id === f.connectionId)?.label || f.connectionId}"`;
    else if (f.edgeId) {
      const e = wf.edges.find((x) => x.id === f.edgeId);
      where = e ? `line "${nodeName(e.source)}" → "${nodeName(e.target)}"` : `line ${f.edgeId}`;
    }
    return { severity: f.severity, ruleId: f.ruleId, message: f.message, hint: f.hint ?? '', where, ...(f.suppressed ? { reason: f.suppressed.reason } : {}) };
  });
}

function marksOf(findings: readonly Finding[]): Record<string, Mark> {
  const rank: Record<Mark, number> = { error: 0, warn: 1, info: 2 };
  const marks: Record<string, Mark> = {};
  for (const f of findings) {
    if (!f.nodeId) continue;
    const current = marks[f.nodeId];
    if (!current || rank[f.severity] < rank[current]) marks[f.nodeId] = f.severity;
  }
  return marks;
}

export function buildReport(input: ReportInput): ReportModel {
  const wf = input.workflow;
  const analysis = input.analysis ?? analyze(wf);
  const batch = input.batch ?? null;
  const ready = readiness(wf, { analysis, batchSinceLastEdit: input.batchSinceLastEdit ?? batch !== null });
  const ctx = buildWorkflowIndex(wf);
  const fixAt: Record<string, string> = {};
  for (const item of ready.checklists.flatMap((l) => l.items)) if (item.answer === null) fixAt[item.id] = fixSentences(wf, item.targets);
  const connections: ConnectionRow[] = ctx.connections.map((c) => ({
    id: c.id,
    label: ctx.connectionName(c),
    system: ctx.connectorOf(c)?.label ?? `unknown connector "${String(c.connector)}"`,
    identity: typeof c.identity === 'string' ? c.identity : '',
    grants: Array.isArray(c.grants) ? c.grants.filter((g): g is string => typeof g === 'string') : [],
    logging: c.logging === true,
    maintainer: typeof c.maintainer === 'string' ? c.maintainer : '',
    revocation: typeof c.revocation === 'string' ? c.revocation : '',
    usedBy: [...new Set(ctx.allRequirements.filter((r) => r.connectionId === c.id).map((r) => ctx.label(ctx.nodeById.get(r.nodeId))))],
  }));
  const labels = new Map(wf.nodes.map((n) => [n.id, n.label || n.id]));
  return {
    title: `${wf.name || 'Untitled workflow'}: readiness report`,
    workflow: {
      id: wf.id,
      name: wf.name || 'Untitled workflow',
      description: wf.description ?? '',
      owner: wf.owner ?? '',
      steps: wf.nodes.length,
      connections: wf.connections.length,
      lines: wf.edges.length,
      slaMinutes: workflowSlaMinutes(wf),
    },
    generatedAt: input.generatedAt ?? null,
    generator: input.generator ?? 'Flowgate',
    summary: ready.summary,
    checklists: ready.checklists,
    fixAt,
    connections,
    findings: findingRows(wf, analysis.findings),
    suppressed: findingRows(wf, analysis.suppressed),
    diagramSvg: diagramSvg(wf, { idPrefix: 'diagram', marks: marksOf(analysis.findings) }),
    batch,
    heatSvg: batch
      ? diagramSvg(wf, {
          idPrefix: 'heat',
          heat: { nodeVisits: batch.metrics.nodeVisits, edgeTraversals: batch.metrics.edgeTraversals, runs: batch.metrics.runs },
          title: `Where the ${batch.metrics.runs} items of the batch went`,
        })
      : null,
    scenarios: input.scenarios ?? [],
    scenarioProblem: input.scenarioProblem ?? null,
    nodeLabel: (id) => labels.get(id) ?? id,
    edgeLabel: (id) => {
      const e = wf.edges.find((x) => x.id === id);
      if (!e) return id;
      const source = wf.nodes.find((n) => n.id === e.source);
      const outputs = source ? outputsOf(source) : [];
      const handle = outputs.length > 1 ? ` (${outputs.find((h) => h.id === e.sourceHandle)?.label ?? e.sourceHandle})` : '';
      return `${labels.get(e.source) ?? e.source} → ${labels.get(e.target) ?? e.target}${handle}`;
    },
  };
}
