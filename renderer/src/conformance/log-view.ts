// What the app shows of a log compared with the design: the conformance result (shared/conformance),
// the calibration it would write, and what the canvas draws — how often reality took each link, which
// steps it never visits, the deviations as extra links between the steps where they happened, and
// each deviating case's path. Pure and serialisable, so that it is worked out in a Web Worker
// (log-worker.ts) and handed to the page as it is.
import { parse as parseCsv } from 'csv-parse/browser/esm/sync';
import { calibrationOf, type Calibration } from '../../../shared/conformance/calibrate';
import { conform, type CaseReplay, type ConformanceResult } from '../../../shared/conformance/conform';
import { guessDelimiter } from '../../../shared/conformance/csv';
import { FIELD_WORDS, guessFields, type FieldName } from '../../../shared/conformance/fields';
import { logFormatOf, readLog } from '../../../shared/conformance/read';
import type { ReplayModel } from '../../../shared/conformance/model';
import { outputsOf } from '../../../shared/kinds/registry';
import type { Workflow } from '../../../shared/model/schema';
import { DEVIATION_EDGE_PREFIX, MAX_LISTED_CASES } from './limits';

export { DEVIATION_EDGE_PREFIX, MAX_LISTED_CASES, MAX_LOG_BYTES } from './limits';

/** Columns of a CSV log the user named, for logs whose headers Flowgate cannot guess. */
export type LogColumns = Partial<Record<FieldName, string>>;

export interface LogActivity {
  activity: string;
  events: number;
  cases: number;
  nodeId: string | null;
  by: 'map' | 'id' | 'label' | null;
  note?: string;
}

/** An extra link: cases went from `source` to `target` in a way the design does not. */
export interface DeviationEdge {
  id: string;
  source: string;
  /** The output of `source` the link starts at (the one the cases left it by, else its first). */
  sourceHandle: string;
  target: string;
  /** The cases, in the order they started. */
  cases: string[];
  /** What happened between the two steps, most frequent first ("skipped Approve", "Call customer (not in the design)"). */
  what: string[];
}

/** What a case did on the canvas: the steps it went through, the design links it took, its extra links. */
export interface CasePath {
  nodes: string[];
  edges: string[];
  deviationEdges: string[];
  /** The first step where it left the design, to scroll to. */
  firstDeviation: string | null;
}

export interface LogView {
  fileName: string;
  result: ConformanceResult;
  activities: LogActivity[];
  /** Design link id → how many times the cases took it (along their replays). */
  edgeCounts: Record<string, number>;
  /** Steps the log visits: done by some case, or passed on its way (steps the log does not record). */
  visited: string[];
  deviationEdges: DeviationEdge[];
  /** Paths of the listed deviating cases and of the cases that skipped an approval. */
  casePaths: Record<string, CasePath>;
  calibration: Calibration;
}

/** A CSV log whose case, activity or time column Flowgate cannot tell: the user names them. */
export interface ColumnsNeeded {
  fileName: string;
  headers: string[];
  /** What Flowgate guessed, by field. */
  guessed: LogColumns;
  /** The required fields it could not guess, in words. */
  missing: string[];
}

export type LogAnalysis = { kind: 'view'; view: LogView } | { kind: 'columns'; columns: ColumnsNeeded };

const REQUIRED: FieldName[] = ['caseId', 'activity', 'time'];

/** The header row of a CSV log, or null when the text is not CSV Flowgate can read (readLog then says why). */
function csvHeaders(text: string): string[] | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    const rows = parseCsv(body, { delimiter: guessDelimiter(body), bom: true, skip_empty_lines: true, to: 1, relax_column_count: true }) as string[][];
    return rows[0]?.map((h) => h.trim()) ?? null;
  } catch {
    return null;
  }
}

/**
 * Reads the log and compares it with the workflow. A CSV whose case, activity or time column cannot
 * be guessed (and is not named in `columns`) asks for them. Throws LogReadError (the log), MappingError
 * or ConformanceError (the workflow cannot be replayed), each with a message in plain words.
 */
export function analyzeLog(wf: Workflow, text: string, fileName: string, columns: LogColumns = {}): LogAnalysis {
  if (logFormatOf(text, fileName) === 'csv') {
    const headers = csvHeaders(text);
    if (headers) {
      const { index } = guessFields(headers, Object.fromEntries(Object.entries(columns).filter(([, v]) => v && headers.includes(v))));
      const missing = REQUIRED.filter((f) => index[f] === undefined);
      if (missing.length) {
        const guessed: LogColumns = {};
        for (const [field, at] of Object.entries(index)) guessed[field as FieldName] = headers[at];
        return { kind: 'columns', columns: { fileName, headers, guessed, missing: missing.map((f) => FIELD_WORDS[f]) } };
      }
    }
  }
  const log = readLog(text, { fileName, columns });
  const conformance = conform(wf, log);
  const { result, replays, model, matches } = conformance;

  const counts = new Map<string, { events: number; cases: Set<string> }>();
  for (const e of log.events) {
    let c = counts.get(e.activity);
    if (!c) counts.set(e.activity, (c = { events: 0, cases: new Set() }));
    c.events++;
    c.cases.add(e.caseId);
  }
  const order = new Map(model.nodes.map((n, i) => [n.id, i]));
  const activities: LogActivity[] = matches
    .map((m) => ({ activity: m.activity, events: counts.get(m.activity)?.events ?? 0, cases: counts.get(m.activity)?.cases.size ?? 0, nodeId: m.nodeId, by: m.by, ...(m.note ? { note: m.note } : {}) }))
    // The unmatched first (they need the user), then in the design's order.
    .sort((a, b) => (a.nodeId === null ? -1 : order.get(a.nodeId)!) - (b.nodeId === null ? -1 : order.get(b.nodeId)!) || b.events - a.events);

  const links = linkIndex(wf, model);
  const edgeCounts: Record<string, number> = Object.fromEntries(wf.edges.map((e) => [e.id, 0]));
  const visited = new Set<string>();
  for (const r of replays) {
    for (let i = 0; i < r.path.length; i++) {
      const step = r.path[i];
      const recordedSkip = step.event === null && model.cost[step.node] === 1;
      if (!recordedSkip) visited.add(model.nodes[step.node].id);
      const next = r.path[i + 1];
      if (!next || step.handle === null) continue;
      const edge = links.get(`${step.node}\u0000${step.handle}`);
      if (edge && !recordedSkip && !(next.event === null && model.cost[next.node] === 1)) edgeCounts[edge] = (edgeCounts[edge] ?? 0) + 1;
    }
    r.events.forEach((_, j) => {
      if (r.nodes[j] !== -1) visited.add(model.nodes[r.nodes[j]].id);
    });
  }

  const deviating = new Set(result.deviatingCases.slice(0, MAX_LISTED_CASES).map((c) => c.caseId));
  for (const v of result.violations) deviating.add(v.caseId);
  const edges = new Map<string, DeviationEdge & { whatCounts: Map<string, number> }>();
  const casePaths: Record<string, CasePath> = {};
  for (const r of replays) {
    if (r.cost === null || r.cost === 0) {
      if (!deviating.has(r.id)) continue;
    }
    const found = deviationsOnCanvas(r, model);
    for (const d of found.edges) {
      const id = `${DEVIATION_EDGE_PREFIX}${d.source}>${d.target}`;
      let edge = edges.get(id);
      if (!edge) edges.set(id, (edge = { id, source: d.source, sourceHandle: d.sourceHandle, target: d.target, cases: [], what: [], whatCounts: new Map() }));
      if (edge.cases[edge.cases.length - 1] !== r.id) edge.cases.push(r.id);
      for (const w of d.what) edge.whatCounts.set(w, (edge.whatCounts.get(w) ?? 0) + 1);
    }
    if (deviating.has(r.id)) casePaths[r.id] = casePathOf(r, model, links, found);
  }
  const deviationEdges = [...edges.values()].map(({ whatCounts, ...e }) => ({ ...e, what: [...whatCounts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w) }));

  return {
    kind: 'view',
    view: {
      fileName,
      result,
      activities,
      edgeCounts,
      visited: wf.nodes.filter((n) => visited.has(n.id)).map((n) => n.id),
      deviationEdges,
      casePaths,
      calibration: calibrationOf(wf, conformance, fileName),
    },
  };
}

/** (node index, output) → the id of the link the token follows: the output's first edge, as in the replay and the simulator. */
function linkIndex(wf: Workflow, model: ReplayModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of wf.edges) {
    const u = model.indexOf.get(e.source);
    if (u === undefined) continue;
    const key = `${u}\u0000${e.sourceHandle}`;
    if (!out.has(key)) out.set(key, e.id);
  }
  return out;
}

interface FoundDeviation {
  source: string;
  sourceHandle: string;
  target: string;
  what: string[];
}

/**
 * The places a case left the design, as links between the steps it really did. Walking its
 * alignment: a step done out of turn is reached from the step before it, and the step after it is
 * reached from it too; skipped steps and activities the design does not have lie on the link between
 * the steps done before and after them (or, at the end, the end step the case's replay reaches).
 */
function deviationsOnCanvas(r: CaseReplay, model: ReplayModel): { edges: FoundDeviation[]; nodes: Set<number> } {
  const found: FoundDeviation[] = [];
  const nodes = new Set<number>();
  const leftBy = new Map<number, string | null>();
  for (const step of r.path) if (step.event !== null) leftBy.set(step.event, step.handle);
  // The step the case last really did (the intake to begin with, recorded or not), and what happened since.
  const walk: { last: { node: number; handle: string | null } | null; pending: string[] } = {
    last: r.path.length ? { node: r.path[0].node, handle: r.path[0].handle } : null,
    pending: [],
  };
  const arrive = (v: number, handle: string | null) => {
    const { last, pending } = walk;
    if (pending.length && last && last.node !== v) {
      const sourceHandle = last.handle ?? outputsOf(model.nodes[last.node])[0]?.id;
      if (sourceHandle) found.push({ source: model.nodes[last.node].id, sourceHandle, target: model.nodes[v].id, what: pending });
    }
    walk.pending = [];
    walk.last = { node: v, handle };
  };
  for (const m of r.moves) {
    if (m.kind === 'sync') arrive(m.node, leftBy.get(m.event) ?? null);
    else if (m.kind === 'log') {
      const v = r.nodes[m.event];
      const activity = r.events[m.event].activity;
      if (v === -1) walk.pending.push(`${activity} (not in the design)`);
      else {
        walk.pending.push(`${activity} out of turn`);
        nodes.add(v);
        arrive(v, null);
        // Going on from a step done out of turn leaves the design too.
        walk.pending = [`${activity} out of turn`];
      }
    } else if (model.cost[m.node]) {
      const label = model.nodes[m.node].label || model.nodes[m.node].id;
      // A step the design needs here that the case did elsewhere is the other half of "out of turn".
      walk.pending.push(nodes.has(m.node) ? `${label} done earlier` : `skipped ${label}`);
    }
  }
  // Deviations after the last step the case did lie on the way to the end its replay reaches.
  const end = r.path[r.path.length - 1]?.node;
  if (walk.pending.length && end !== undefined) arrive(end, null);
  return { edges: found, nodes };
}

function casePathOf(r: CaseReplay, model: ReplayModel, links: Map<string, string>, found: { edges: FoundDeviation[]; nodes: Set<number> }): CasePath {
  const nodes = new Set<string>();
  const edges: string[] = [];
  const skipped = (i: number) => r.path[i].event === null && model.cost[r.path[i].node] === 1;
  for (let i = 0; i < r.path.length; i++) {
    if (skipped(i)) continue;
    nodes.add(model.nodes[r.path[i].node].id);
    const step = r.path[i];
    if (i + 1 < r.path.length && step.handle !== null && !skipped(i + 1)) {
      const edge = links.get(`${step.node}\u0000${step.handle}`);
      if (edge) edges.push(edge);
    }
  }
  for (const v of found.nodes) nodes.add(model.nodes[v].id);
  const deviationEdges = [...new Set(found.edges.map((d) => `${DEVIATION_EDGE_PREFIX}${d.source}>${d.target}`))];
  const firstNodeId = r.deviations.find((d) => d.nodeId)?.nodeId ?? found.edges[0]?.target ?? null;
  return { nodes: [...nodes], edges: [...new Set(edges)], deviationEdges, firstDeviation: firstNodeId };
}
