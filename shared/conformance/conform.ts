// Conformance of an event log with a workflow: each case replayed on the design by an optimal
// alignment (align.ts), and what the replays say together — fitness, deviations, variants, the
// outputs reality took, durations, cycle time against the SLA, and approval violations.
// docs/CONFORMANCE.md defines every figure.
import { buildContext } from '../analysis/context';
import type { Workflow } from '../model/schema';
import { workflowSlaMinutes } from '../simulation/scenario';
import { align, DEFAULT_ALIGN_LIMITS, type AlignLimits, type Move } from './align';
import { casesOf, type EventLog, type LogEvent } from './log';
import { mapActivities, MappingError, mappingProblems, savedMapping, type ActivityMap, type ActivityMatch, type MappedBy } from './mapping';
import { ReplayModel, START } from './model';
import { handleOfOutcome } from './outcomes';
import { round, spreadOf, type Spread } from './stats';

export type DeviationKind = 'skipped' | 'not-in-design' | 'wrong-order';

export interface Deviation {
  kind: DeviationKind;
  /** The activity as the log names it; for a skipped step, the activity the log uses for it elsewhere, or the step's label. */
  activity: string;
  nodeId?: string;
}

export interface DeviatingCase {
  caseId: string;
  fitness: number;
  deviations: Deviation[];
}

export interface Violation {
  caseId: string;
  /** The sensitive step done without its approval. */
  nodeId: string;
  /** The sensitive action it performs (its scope, `tickets.reply`). */
  action: string;
  activity: string;
  /** When the case did it (ISO 8601, UTC). */
  at: string;
  /** The approval steps the design puts before it, none of which the case passed with an approval. */
  approvalNodeIds: string[];
}

export interface UnmappedActivity {
  activity: string;
  events: number;
  cases: number;
  note?: string;
}

export interface Variant {
  activities: string[];
  count: number;
  /** How many of its cases deviate from the design. */
  deviating: number;
}

export interface UnalignedCase {
  caseId: string;
  events: number;
  reason: string;
}

export interface ConformanceResult {
  workflow: { id: string; name: string };
  cases: number;
  events: number;
  /** Log fitness, 0–1: 1 − the cases' alignment costs / their worst possible costs (docs/CONFORMANCE.md). */
  fitness: number;
  fittingCases: number;
  deviatingCases: DeviatingCase[];
  violations: Violation[];
  unmappedActivities: UnmappedActivity[];
  variants: Variant[];
  /** nodeId → output handle → how many times the cases left the step by it (along their aligned paths). */
  handleCounts: Record<string, Record<string, number>>;
  /** nodeId → time per event of the step in minutes (since the case's previous event, or since its own start). */
  durations: Record<string, Spread>;
  /** From a case's first event to its last, in minutes. */
  cycleTime: { median: number; p90: number; slaMinutes: number | null; overSla: number | null };
  mapping: { activity: string; nodeId: string; by: MappedBy }[];
  /** Steps no activity of the log maps to: the log never records them, so doing them costs nothing. */
  unrecordedSteps: string[];
  /** Sensitive steps the log records that the design itself puts behind no approval (see `flowgate lint`). */
  ungatedSensitiveSteps: string[];
  unalignedCases: UnalignedCase[];
  /** Events left out on purpose (lifecycle transitions other than start and complete). */
  ignoredEvents: number;
  warnings: string[];
}

export interface PathStep {
  node: number;
  /** The output the token left the step by; null for the last step. */
  handle: string | null;
  /** The event the step matched, or null for a step the case did not record (a model-only move). */
  event: number | null;
}

export interface CaseReplay {
  id: string;
  events: LogEvent[];
  /** Node index per event, -1 for an unmapped activity. */
  nodes: Int32Array;
  /** null when the case could not be aligned (unalignedReason says why). */
  cost: number | null;
  fitness: number | null;
  moves: Move[];
  path: PathStep[];
  deviations: Deviation[];
  unalignedReason?: string;
}

export interface Conformance {
  result: ConformanceResult;
  replays: CaseReplay[];
  model: ReplayModel;
  matches: ActivityMatch[];
}

export interface ConformOptions {
  /** The user's mapping (a --map file); its entries win over the workflow's saved mapping. */
  map?: ActivityMap;
  limits?: AlignLimits;
}

/** A workflow that cannot be replayed at all (no intake, no way to an end). */
export class ConformanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceError';
  }
}

const MINUTE = 60_000;

/**
 * Replays the log on the workflow. Throws MappingError when the given map names steps the workflow
 * does not have, ConformanceError when the workflow has no intake or no way from it to a finish.
 */
export function conform(wf: Workflow, log: EventLog, options: ConformOptions = {}): Conformance {
  const warnings: string[] = [];
  const given = options.map ?? {};
  const givenProblems = mappingProblems(wf, given);
  if (givenProblems.length) throw new MappingError(givenProblems.join(' '));
  const saved = savedMapping(wf);
  for (const problem of mappingProblems(wf, saved)) warnings.push(`The workflow's saved mapping: ${problem} The entry is not used.`);
  const map = { ...saved, ...given };

  const cases = casesOf(log);
  const activities = [...new Set(log.events.map((e) => e.activity))];
  const matches = mapActivities(wf, activities, map);
  const nodeOfActivity = new Map<string, string | null>(matches.map((m) => [m.activity, m.nodeId]));
  const recorded = new Set(matches.flatMap((m) => (m.nodeId === null ? [] : [m.nodeId])));
  const model = new ReplayModel(wf, recorded);
  if (!model.starts.length) throw new ConformanceError('The workflow has no intake step, so a case has nowhere to start.');
  if (model.cheapest(START) === Infinity) throw new ConformanceError('No path leads from the intake to an end step, so no case can finish on this workflow.');
  const limits = options.limits ?? DEFAULT_ALIGN_LIMITS;

  const indexOfActivity = new Map<string, number>();
  for (const [activity, nodeId] of nodeOfActivity) indexOfActivity.set(activity, nodeId === null ? -1 : model.indexOf.get(nodeId)!);
  const labelOf = (v: number) => activityNameOf(v, matches, model);

  const byVariant = new Map<string, ReturnType<typeof align>>();
  const replays: CaseReplay[] = cases.map((c) => {
    const n = c.events.length;
    const nodes = new Int32Array(n);
    const handles = new Int32Array(n);
    const keyParts: string[] = new Array(n);
    for (let j = 0; j < n; j++) {
      const e = c.events[j];
      const v = indexOfActivity.get(e.activity)!;
      nodes[j] = v;
      const h = v === -1 ? null : handleOfOutcome(e.outcome, model.handles[v]);
      handles[j] = h === null ? -1 : model.handles[v].indexOf(h);
      keyParts[j] = `${v}:${handles[j]}`;
    }
    // Cases with the same steps and outcomes align the same way: align each such variant once.
    const key = keyParts.join(',');
    let aligned = byVariant.get(key);
    if (!aligned) {
      aligned = align(model, { nodes, handles }, limits);
      byVariant.set(key, aligned);
    }
    if (!aligned.ok) {
      return { id: c.id, events: c.events, nodes, cost: null, fitness: null, moves: [], path: [], deviations: [], unalignedReason: unalignedReason(aligned.reason, n, limits) };
    }
    const worst = n + model.cheapest(START);
    return {
      id: c.id,
      events: c.events,
      nodes,
      cost: aligned.cost,
      fitness: 1 - aligned.cost / worst,
      moves: aligned.moves,
      path: pathOf(model, aligned.moves),
      deviations: deviationsOf(model, aligned.moves, c.events, nodes, labelOf),
    };
  });

  const result: ConformanceResult = {
    workflow: { id: wf.id, name: wf.name },
    cases: cases.length,
    events: log.events.length,
    fitness: logFitness(replays, model),
    fittingCases: replays.filter((r) => r.cost === 0).length,
    deviatingCases: replays
      .filter((r) => r.cost !== null && r.cost > 0)
      .map((r) => ({ caseId: r.id, fitness: round(r.fitness!, 4), deviations: r.deviations })),
    violations: violationsOf(wf, model, replays),
    unmappedActivities: unmappedOf(matches, cases),
    variants: variantsOf(replays),
    handleCounts: handleCountsOf(model, replays),
    durations: durationsOf(model, replays),
    cycleTime: cycleTimeOf(replays, workflowSlaMinutes(wf)),
    mapping: matches
      .flatMap((m) => (m.nodeId === null || m.by === null ? [] : [{ activity: m.activity, nodeId: m.nodeId, by: m.by }]))
      .sort((a, b) => model.indexOf.get(a.nodeId)! - model.indexOf.get(b.nodeId)! || compareText(a.activity, b.activity)),
    unrecordedSteps: model.nodes.filter((_, v) => !model.cost[v]).map((n) => n.id),
    ungatedSensitiveSteps: [],
    unalignedCases: replays.flatMap((r) => (r.unalignedReason === undefined ? [] : [{ caseId: r.id, events: r.events.length, reason: r.unalignedReason }])),
    ignoredEvents: log.ignoredEvents,
    warnings,
  };
  result.ungatedSensitiveSteps = ungatedRecorded(wf, model);
  return { result, replays, model, matches };
}

function unalignedReason(reason: 'too-long' | 'too-complex' | 'no-finish', events: number, limits: AlignLimits): string {
  if (reason === 'too-long') return `it has ${events.toLocaleString('en-US')} events; cases longer than ${limits.maxEvents.toLocaleString('en-US')} events are not replayed`;
  if (reason === 'too-complex') return `no best replay was found within ${limits.maxExpanded.toLocaleString('en-US')} search steps`;
  return 'the token cannot reach an end step from where the case leads it';
}

/** How the log names a step: the first activity mapped to it, else the step's label. */
function activityNameOf(v: number, matches: readonly ActivityMatch[], model: ReplayModel): string {
  const id = model.nodes[v].id;
  return matches.find((m) => m.nodeId === id)?.activity ?? (model.nodes[v].label || id);
}

/** The steps the token did (synchronous and model-only moves), each with the output it left by. */
function pathOf(model: ReplayModel, moves: readonly Move[]): PathStep[] {
  const path: PathStep[] = [];
  let state = START;
  for (const m of moves) {
    if (m.kind === 'log') continue;
    if (path.length) path[path.length - 1].handle = model.handleTo(state, m.node);
    path.push({ node: m.node, handle: null, event: m.kind === 'sync' ? m.event : null });
    state = m.state;
  }
  return path;
}

/**
 * Deviations in the order of the alignment. A log-only move of an activity no step has is a step not
 * in the design; of a mapped activity, a step in the wrong order — paired with a model-only move of
 * the same step when there is one (the case did the step, elsewhere), so that a swap is one deviation.
 * The model-only moves left over are skipped steps. Model moves on unrecorded steps cost nothing and
 * are not deviations.
 */
function deviationsOf(model: ReplayModel, moves: readonly Move[], events: readonly LogEvent[], nodes: Int32Array, labelOf: (v: number) => string): Deviation[] {
  type Slot = { at: number; deviation: Deviation; node: number; paired: boolean };
  const slots: Slot[] = [];
  moves.forEach((m, at) => {
    if (m.kind === 'log') {
      const e = events[m.event];
      const v = nodes[m.event];
      slots.push({ at, node: v, paired: false, deviation: v === -1 ? { kind: 'not-in-design', activity: e.activity } : { kind: 'wrong-order', activity: e.activity, nodeId: model.nodes[v].id } });
    } else if (m.kind === 'model' && model.cost[m.node]) {
      slots.push({ at, node: m.node, paired: false, deviation: { kind: 'skipped', activity: labelOf(m.node), nodeId: model.nodes[m.node].id } });
    }
  });
  const dropped = new Set<Slot>();
  for (const s of slots) {
    if (s.deviation.kind !== 'wrong-order') continue;
    const twin = slots.find((o) => o.deviation.kind === 'skipped' && o.node === s.node && !o.paired);
    if (twin) {
      twin.paired = true;
      dropped.add(twin);
    }
  }
  return slots.filter((s) => !dropped.has(s)).map((s) => s.deviation);
}

function logFitness(replays: readonly CaseReplay[], model: ReplayModel): number {
  let cost = 0;
  let worst = 0;
  for (const r of replays) {
    if (r.cost === null) continue;
    cost += r.cost;
    worst += r.events.length + model.cheapest(START);
  }
  return worst === 0 ? 1 : round(1 - cost / worst, 4);
}

function unmappedOf(matches: readonly ActivityMatch[], cases: readonly { events: readonly LogEvent[] }[]): UnmappedActivity[] {
  const unmapped = new Map(matches.filter((m) => m.nodeId === null).map((m) => [m.activity, { activity: m.activity, events: 0, cases: 0, ...(m.note ? { note: m.note } : {}) }]));
  if (!unmapped.size) return [];
  for (const c of cases) {
    const seen = new Set<string>();
    for (const e of c.events) {
      const u = unmapped.get(e.activity);
      if (!u) continue;
      u.events++;
      if (!seen.has(e.activity)) {
        seen.add(e.activity);
        u.cases++;
      }
    }
  }
  return [...unmapped.values()].sort((a, b) => b.events - a.events || compareText(a.activity, b.activity));
}

/** Code-point order: the same on every computer, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function variantsOf(replays: readonly CaseReplay[]): Variant[] {
  const byKey = new Map<string, Variant>();
  for (const r of replays) {
    const activities = r.events.map((e) => e.activity);
    const key = activities.join('\u0000');
    let v = byKey.get(key);
    if (!v) {
      v = { activities, count: 0, deviating: 0 };
      byKey.set(key, v);
    }
    v.count++;
    if (r.cost !== 0) v.deviating++;
  }
  // Most frequent first; ties in the order their first cases started (replays are in that order).
  return [...byKey.values()].sort((a, b) => b.count - a.count);
}

function handleCountsOf(model: ReplayModel, replays: readonly CaseReplay[]): Record<string, Record<string, number>> {
  const counts = model.nodes.map(() => new Map<string, number>());
  for (const r of replays) {
    for (const step of r.path) if (step.handle !== null) counts[step.node].set(step.handle, (counts[step.node].get(step.handle) ?? 0) + 1);
  }
  const out: Record<string, Record<string, number>> = {};
  model.nodes.forEach((node, v) => {
    if (!counts[v].size) return;
    const byHandle: Record<string, number> = {};
    for (const h of model.handles[v]) if (counts[v].has(h)) byHandle[h] = counts[v].get(h)!;
    out[node.id] = byHandle;
  });
  return out;
}

/** Minutes an event took: since its own start when the log has one, else since the case's previous event. */
export function eventMinutes(events: readonly LogEvent[], j: number): number | null {
  const e = events[j];
  if (e.start !== undefined) return (e.time - e.start) / MINUTE;
  return j === 0 ? null : (e.time - events[j - 1].time) / MINUTE;
}

function durationsOf(model: ReplayModel, replays: readonly CaseReplay[]): Record<string, Spread> {
  const samples = model.nodes.map((): number[] => []);
  for (const r of replays) {
    for (let j = 0; j < r.events.length; j++) {
      const v = r.nodes[j];
      if (v === -1) continue;
      const minutes = eventMinutes(r.events, j);
      if (minutes !== null) samples[v].push(minutes);
    }
  }
  const out: Record<string, Spread> = {};
  model.nodes.forEach((node, v) => {
    if (samples[v].length) out[node.id] = spreadOf(samples[v]);
  });
  return out;
}

/** Minutes from a case's first event (its start, when the log has one) to its last. */
export function caseMinutes(events: readonly LogEvent[]): number {
  const first = events[0];
  let last = first.time;
  for (const e of events) if (e.time > last) last = e.time;
  return (last - (first.start ?? first.time)) / MINUTE;
}

function cycleTimeOf(replays: readonly CaseReplay[], slaMinutes: number | null): ConformanceResult['cycleTime'] {
  const minutes = replays.map((r) => caseMinutes(r.events));
  const { median, p90 } = spreadOf(minutes);
  return { median, p90, slaMinutes, overSla: slaMinutes === null ? null : minutes.filter((m) => m > slaMinutes).length };
}

// ---- approval violations ----

interface Gate {
  action: string;
  /** Approval node indexes whose `approved` output leads to the step. */
  approvals: number[];
}

/** Sensitive steps (the analysis' notion: they change something or reach a customer) and the approvals the design puts before each. */
function gatesOf(wf: Workflow, model: ReplayModel): Map<number, Gate> {
  const ctx = buildContext(wf);
  const gates = new Map<number, Gate>();
  for (const [nodeId, reqs] of ctx.requirements) {
    const sensitive = reqs.find((r) => r.sensitive);
    const v = model.indexOf.get(nodeId);
    if (sensitive && v !== undefined) gates.set(v, { action: sensitive.scope, approvals: [] });
  }
  model.nodes.forEach((node, a) => {
    if (node.kind !== 'approval') return;
    const approved = model.handles[a].indexOf('approved');
    const first = approved === -1 ? -1 : model.targets[a][approved];
    if (first === -1) return;
    const seen = new Set([first]);
    const queue = [first];
    for (let i = 0; i < queue.length; i++) {
      for (const w of model.targets[queue[i]]) {
        if (w !== -1 && !seen.has(w)) {
          seen.add(w);
          queue.push(w);
        }
      }
    }
    for (const v of seen) gates.get(v)?.approvals.push(a);
  });
  return gates;
}

/**
 * A case violates an approval when it does a sensitive step while none of the approvals the design
 * puts before that step was passed with "approved" earlier in the case. An approval event counts as
 * approved unless the log says otherwise: its outcome, or the step that followed it (the replay
 * left the approval by `rejected` or `timeout`).
 */
function violationsOf(wf: Workflow, model: ReplayModel, replays: readonly CaseReplay[]): Violation[] {
  const gates = gatesOf(wf, model);
  const violations: Violation[] = [];
  for (const r of replays) {
    const leftBy = new Map<number, string | null>();
    for (const step of r.path) if (step.event !== null) leftBy.set(step.event, step.handle);
    const approved = new Set<number>();
    r.events.forEach((e, j) => {
      const v = r.nodes[j];
      if (v === -1) return;
      const node = model.nodes[v];
      if (node.kind === 'approval') {
        const said = handleOfOutcome(e.outcome, ['approved', 'rejected', 'timeout']) ?? leftBy.get(j) ?? 'approved';
        if (said === 'approved') approved.add(v);
        return;
      }
      const gate = gates.get(v);
      if (!gate || !gate.approvals.length || gate.approvals.some((a) => approved.has(a))) return;
      violations.push({
        caseId: r.id,
        nodeId: node.id,
        action: gate.action,
        activity: e.activity,
        at: new Date(e.time).toISOString(),
        approvalNodeIds: gate.approvals.map((a) => model.nodes[a].id),
      });
    });
  }
  return violations;
}

/** Sensitive steps the log records although the design puts no approval before them. */
function ungatedRecorded(wf: Workflow, model: ReplayModel): string[] {
  const out: string[] = [];
  for (const [v, gate] of gatesOf(wf, model)) if (!gate.approvals.length && model.cost[v]) out.push(model.nodes[v].id);
  return out.sort((a, b) => model.indexOf.get(a)! - model.indexOf.get(b)!);
}
