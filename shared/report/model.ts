// What a report says, worked out once from the workflow, its analysis, its latest batch and its
// rehearsed scenarios; markdown.ts and html.ts only lay it out. Pure: no clock (the caller passes the
// date), no files, so the same input always gives the same report.
import { analyze } from '../analysis/analyze';
import { buildWorkflowIndex } from '../workflow-index/workflow-index';
import type { AnalysisResult, Finding, Severity } from '../analysis/types';
import { outputsOf } from '../kinds/registry';
import { notesOf } from '../model/notes';
import type { Workflow } from '../model/schema';
import { readiness } from '../readiness/checklists';
import { listText } from '../readiness/phrases';
import type { Checklist, ReadinessSummary, ReadinessTarget } from '../readiness/types';
import type { BatchResult } from '../simulation/metrics-schema';
import { workflowSlaMinutes } from '../simulation/scenario';
import { thousands } from '../text';
import { diagramSvg, findingMarks } from './diagram-svg';
import { REPORT_LIMITS } from './limits';
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
  /** Steps that use the connection, by label (at most REPORT_LIMITS.items, then "and N more"). */
  usedBy: string[];
  /** Grants beyond the REPORT_LIMITS.items listed. */
  moreGrants: number;
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
  /** The findings listed, at most REPORT_LIMITS.rows of each severity; `findingTotals` counts them all. */
  findings: FindingRow[];
  suppressed: FindingRow[];
  findingTotals: Record<Severity | 'suppressed', number>;
  /** The diagram as SVG; '' when the workflow is too large to draw (omissions says so). */
  diagramSvg: string;
  batch: BatchResult | null;
  /** The diagram with the batch's visits and traversals drawn on it. */
  heatSvg: string | null;
  scenarios: readonly ScenarioRehearsal[];
  scenarioProblem: string | null;
  /**
   * What the report leaves out so that its size stays bounded (REPORT_LIMITS), one sentence each;
   * empty for a workflow of ordinary size. Both layouts list them near the top.
   */
  omissions: string[];
  /** The sticky notes' texts, top to bottom and left to right as on the canvas (at most REPORT_LIMITS.rows). */
  notes: string[];
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
    case 'edge': {
      const e = wf.edges.find((x) => x.id === target.edgeId);
      const name = (id: string) => wf.nodes.find((n) => n.id === id)?.label || id;
      return e ? `Fix it at the link "${name(e.source)}" → "${name(e.target)}"` : 'Fix it at a link that is no longer there';
    }
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
  const nodes = firstById(wf.nodes);
  const connections = firstById(wf.connections);
  const edges = firstById(wf.edges);
  const nodeName = (id: string) => nodes.get(id)?.label || id;
  return findings.map((f) => {
    let where = '';
    if (f.nodeId) where = `step "${nodeName(f.nodeId)}"`;
    else if (f.connectionId) where = `connection "${connections.get(f.connectionId)?.label || f.connectionId}"`;
    else if (f.edgeId) {
      const e = edges.get(f.edgeId);
      where = e ? `line "${nodeName(e.source)}" → "${nodeName(e.target)}"` : `line ${f.edgeId}`;
    }
    return { severity: f.severity, ruleId: f.ruleId, message: f.message, hint: f.hint ?? '', where, ...(f.suppressed ? { reason: f.suppressed.reason } : {}) };
  });
}

/** Things by id, the first of each id winning (as the analysis reads a document with duplicate ids). */
function firstById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) if (!out.has(item.id)) out.set(item.id, item);
  return out;
}

/** The first `max` items, then "and N more" as a last item when there were more. */
function listed(items: readonly string[], max: number = REPORT_LIMITS.items): string[] {
  return items.length > max ? [...items.slice(0, max), `and ${thousands(items.length - max)} more`] : [...items];
}

/** At most `max` rows of each severity, in their order, with the sentence saying what was cut. */
function capFindings(rows: FindingRow[], what: (severity: Severity) => string, omissions: string[]): FindingRow[] {
  const out: FindingRow[] = [];
  for (const severity of ['error', 'warn', 'info'] as const) {
    const all = rows.filter((r) => r.severity === severity);
    out.push(...all.slice(0, REPORT_LIMITS.rows));
    if (all.length > REPORT_LIMITS.rows) omissions.push(`Only the first ${thousands(REPORT_LIMITS.rows)} of ${thousands(all.length)} ${what(severity)} are listed.`);
  }
  return out;
}

/** Keeps the `max` entries with the largest counts, in their order; says what was cut. */
function topEntries<T>(entries: Record<string, T>, count: (value: T) => number, what: string, omissions: string[]): Record<string, T> {
  const all = Object.entries(entries);
  if (all.length <= REPORT_LIMITS.rows) return entries;
  const kept = new Set(
    all
      .map(([key, value], i) => ({ key, n: count(value), i }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .slice(0, REPORT_LIMITS.rows)
      .map((e) => e.key),
  );
  omissions.push(`Only the ${thousands(REPORT_LIMITS.rows)} most frequent of ${thousands(all.length)} ${what} are shown.`);
  return Object.fromEntries(all.filter(([key]) => kept.has(key)));
}

/** The batch as its tables and charts show it: each list cut to its busiest rows. */
function boundedBatch(batch: BatchResult, omissions: string[]): BatchResult {
  const m = batch.metrics;
  return {
    ...batch,
    metrics: {
      ...m,
      outcomes: topEntries(m.outcomes, (n) => n, 'outcomes', omissions),
      reviewerWorkload: topEntries(m.reviewerWorkload, (w) => w.items, 'reviewer roles', omissions),
      nodeVisits: topEntries(m.nodeVisits, (n) => n, 'steps of the batch', omissions),
      edgeTraversals: topEntries(m.edgeTraversals, (n) => n, 'links followed', omissions),
    },
  };
}

/** Whether a text the report shows is longer than it shows texts. */
function tooLong(text: unknown, max: number = REPORT_LIMITS.text): boolean {
  return typeof text === 'string' && text.length > max;
}

/** Whether any text the report shows from the document or its analysis is cut. */
function cutsText(wf: Workflow, analysis: AnalysisResult, scenarios: readonly ScenarioRehearsal[]): boolean {
  if (tooLong(wf.name) || tooLong(wf.owner) || tooLong(wf.description, REPORT_LIMITS.description)) return true;
  for (const n of wf.nodes) {
    if (tooLong(n.label)) return true;
    const config = (n.config ?? {}) as Record<string, unknown>;
    if (tooLong(config.team) || tooLong(config.reason) || tooLong(config.reviewer) || tooLong(config.outcome)) return true;
  }
  for (const c of wf.connections) {
    if ([c.label, c.identity, c.maintainer, c.revocation].some((t) => tooLong(t))) return true;
    if (Array.isArray(c.grants) && c.grants.some((g) => tooLong(g))) return true;
  }
  for (const f of [...analysis.findings, ...analysis.suppressed]) if (tooLong(f.message) || tooLong(f.hint) || tooLong(f.suppressed?.reason)) return true;
  if (notesOf(wf).some((n) => tooLong(n.text))) return true;
  return scenarios.some((s) => tooLong(s.name) || tooLong(s.endedAt));
}

export function buildReport(input: ReportInput): ReportModel {
  const wf = input.workflow;
  const analysis = input.analysis ?? analyze(wf);
  const batch = input.batch ?? null;
  const ready = readiness(wf, { analysis, batchSinceLastEdit: input.batchSinceLastEdit ?? batch !== null });
  const ctx = buildWorkflowIndex(wf);
  const omissions: string[] = [];
  const scenarios = input.scenarios ?? [];
  if (cutsText(wf, analysis, scenarios)) {
    omissions.push(`Texts longer than ${thousands(REPORT_LIMITS.text)} characters are cut, ending in “…” (the description at ${thousands(REPORT_LIMITS.description)}); the workflow file keeps them whole.`);
  }
  const fixAt: Record<string, string> = {};
  for (const item of ready.checklists.flatMap((l) => l.items)) if (item.answer === null) fixAt[item.id] = fixSentences(wf, item.targets.slice(0, REPORT_LIMITS.items));
  const checklists = ready.checklists.map((l) => ({ ...l, items: l.items.map((i) => ({ ...i, answerParts: listed(i.answerParts) })) }));
  const usedBy = new Map<string, Set<string>>();
  for (const r of ctx.allRequirements()) {
    const names = usedBy.get(r.connectionId) ?? new Set<string>();
    names.add(ctx.label(ctx.nodeById.get(r.nodeId)));
    usedBy.set(r.connectionId, names);
  }
  if (ctx.connections.length > REPORT_LIMITS.rows) omissions.push(`Only the first ${thousands(REPORT_LIMITS.rows)} of ${thousands(ctx.connections.length)} connections are listed.`);
  let grantsCut = false;
  const connections: ConnectionRow[] = ctx.connections.slice(0, REPORT_LIMITS.rows).map((c) => {
    const grants = Array.isArray(c.grants) ? c.grants.filter((g): g is string => typeof g === 'string') : [];
    grantsCut ||= grants.length > REPORT_LIMITS.items;
    return {
      id: c.id,
      label: ctx.connectionName(c),
      system: ctx.connectorOf(c)?.label ?? `unknown connector "${String(c.connector)}"`,
      identity: typeof c.identity === 'string' ? c.identity : '',
      grants: grants.slice(0, REPORT_LIMITS.items),
      moreGrants: Math.max(0, grants.length - REPORT_LIMITS.items),
      logging: c.logging === true,
      maintainer: typeof c.maintainer === 'string' ? c.maintainer : '',
      revocation: typeof c.revocation === 'string' ? c.revocation : '',
      usedBy: listed([...(usedBy.get(c.id) ?? [])]),
    };
  });
  if (grantsCut) omissions.push(`A connection lists at most ${REPORT_LIMITS.items} of its grants (and of the steps that use it).`);
  const allFindings = findingRows(wf, analysis.findings);
  const allSuppressed = findingRows(wf, analysis.suppressed);
  const findings = capFindings(allFindings, (s) => ({ error: 'errors', warn: 'warnings', info: 'notes' })[s], omissions);
  const suppressed = allSuppressed.slice(0, REPORT_LIMITS.rows);
  if (allSuppressed.length > REPORT_LIMITS.rows) omissions.push(`Only the first ${thousands(REPORT_LIMITS.rows)} of ${thousands(allSuppressed.length)} findings accepted on purpose are listed.`);
  const findingTotals = { error: analysis.counts.error, warn: analysis.counts.warn, info: analysis.counts.info, suppressed: allSuppressed.length };
  // A diagram of thousands of steps is unreadable and, with a tooltip per step and line, enormous.
  const drawn = wf.nodes.length <= REPORT_LIMITS.diagramSteps && wf.edges.length <= REPORT_LIMITS.diagramLines;
  if (!drawn) {
    omissions.push(
      `The diagram is left out: ${thousands(wf.nodes.length)} steps and ${thousands(wf.edges.length)} links are more than a report draws (${thousands(REPORT_LIMITS.diagramSteps)} steps, ${thousands(REPORT_LIMITS.diagramLines)} links). Open the workflow in Flowgate to see it.`,
    );
  }
  const shownBatch = batch ? boundedBatch(batch, omissions) : null;
  const totalScenarios = scenarioCount(wf);
  const shownScenarios = scenarios.slice(0, REPORT_LIMITS.rows);
  if (Math.max(totalScenarios, scenarios.length) > shownScenarios.length) {
    omissions.push(`Only ${thousands(shownScenarios.length)} of the workflow's ${thousands(Math.max(totalScenarios, scenarios.length))} scenarios are rehearsed here.`);
  }
  const labels = new Map<string, string>();
  for (const n of wf.nodes) if (!labels.has(n.id)) labels.set(n.id, n.label || n.id);
  const allNotes = notesOf(wf).filter((n) => typeof n.text === 'string' && n.text.trim());
  if (allNotes.length > REPORT_LIMITS.rows) omissions.push(`Only the first ${thousands(REPORT_LIMITS.rows)} of ${thousands(allNotes.length)} notes are listed.`);
  // In reading order: by row (a band of note height), then left to right.
  const notes = [...allNotes]
    .sort((a, b) => Math.floor(a.position.y / 100) - Math.floor(b.position.y / 100) || a.position.x - b.position.x)
    .slice(0, REPORT_LIMITS.rows)
    .map((n) => n.text.trim());
  const edges = firstById(wf.edges);
  const nodes = firstById(wf.nodes);
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
    checklists,
    fixAt,
    connections,
    findings,
    suppressed,
    findingTotals,
    diagramSvg: drawn ? diagramSvg(wf, { idPrefix: 'diagram', marks: findingMarks(analysis.findings) }) : '',
    batch: shownBatch,
    heatSvg:
      batch && drawn
      ? diagramSvg(wf, {
          idPrefix: 'heat',
          heat: { nodeVisits: batch.metrics.nodeVisits, edgeTraversals: batch.metrics.edgeTraversals, runs: batch.metrics.runs },
          title: `Where the ${batch.metrics.runs} items of the batch went`,
        })
      : null,
    scenarios: shownScenarios,
    scenarioProblem: input.scenarioProblem ?? null,
    omissions,
    notes,
    nodeLabel: (id) => labels.get(id) ?? id,
    edgeLabel: (id) => {
      const e = edges.get(id);
      if (!e) return id;
      const source = nodes.get(e.source);
      const outputs = source ? outputsOf(source) : [];
      const handle = outputs.length > 1 ? ` (${outputs.find((h) => h.id === e.sourceHandle)?.label ?? e.sourceHandle})` : '';
      return `${labels.get(e.source) ?? e.source} → ${labels.get(e.target) ?? e.target}${handle}`;
    },
  };
}

/** How many scenarios the document's simulation section lists (0 when it has none or is not a list). */
function scenarioCount(wf: Workflow): number {
  const scenarios = (wf.simulation as { scenarios?: unknown } | undefined)?.scenarios;
  return Array.isArray(scenarios) ? scenarios.length : 0;
}
