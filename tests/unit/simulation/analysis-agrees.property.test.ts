// The analysis and the simulator agree (docs/ANALYSIS.md, "The analysis and the simulator agree"):
// over random workflows from the generator (tests/fixtures/generate-workflow.ts; clean or flawed,
// some links dropped or moved), each run with random inputs, faults, decisions and reviewer edits,
// - every sensitive call that no approval covers — none was given before it in the run, or the
//   simulator marks it as sending content changed since (`approvedContentChanged`) — is on a step
//   that gate/missing-approval or gate/stale-approval reports;
// - every denied call is on a step that permission/exceeds-grant or permission/unknown-connection
//   reports;
// - every run that stops because an output led nowhere stops at a step that graph/dead-end,
//   ai/no-fallback, gate/no-reject-path or gate/no-timeout reports.
// The same holds over the simulator's own random workflows (random-workflow.ts: any kind and config,
// mappings, tools that act, escalations that call systems, loops). A fixed seed and a size that keep
// it well under a minute on a loaded two-core machine.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftOf } from '../../../electron/backend/simulation/live-runs';
import { loadSampleData } from '../../../cli/commands/simulate';
import { analyze } from '../../../shared/analysis/analyze';
import { loadWorkflowValue } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { batchItemOptions, prepareBatch } from '../../../shared/simulation/batch';
import { compileWorkflow, type CompiledWorkflow } from '../../../shared/simulation/compile';
import { startRun } from '../../../shared/simulation/engine';
import { DECISIONS, parseSimulationSection, type Decision } from '../../../shared/simulation/scenario';
import { simulate } from '../../../shared/simulation/simulate';
import type { Trace } from '../../../shared/simulation/trace';
import { buildWorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { generateWorkflow, MIN_NODES } from '../../fixtures/generate-workflow';
import { testData } from './build';
import { docArb } from './random-workflow';

const data = loadSampleData();

const UNCOVERED = new Set(['gate/missing-approval', 'gate/stale-approval']);
const DENIED = new Set(['permission/exceeds-grant', 'permission/unknown-connection']);
const LEADS_NOWHERE = new Set(['graph/dead-end', 'ai/no-fallback', 'gate/no-reject-path', 'gate/no-timeout']);

interface RunSpec {
  /** Which intake the run starts from (modulo the intakes there are). */
  intake: number;
  /** Which item of the batch inputs and faults (its seed draws the faults). */
  item: number;
  decisions: Decision[];
  /** At each decision: whether the reviewer edits the draft, and whether they leave a note. */
  edits: boolean[];
  notes: boolean[];
}

interface Spec {
  nodes: number;
  seed: number;
  variant: 'clean' | 'flawed';
  /** Links dropped (an output that now leads nowhere), as indexes into the links. */
  drop: number[];
  /** Links moved to another step: [link, target], as indexes. */
  move: [number, number][];
  /** Grant every scope the steps use, so that runs go past the first refused call (a flawed workflow refuses some). */
  grantAll: boolean;
  faults: { aiUnavailable: number; aiUnsure: number; connectorFailure: number };
  runs: RunSpec[];
}

const rate = fc.constantFrom(0, 0.05, 0.2);
const spec: fc.Arbitrary<Spec> = fc.record({
  nodes: fc.integer({ min: MIN_NODES, max: 70 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  variant: fc.constantFrom('clean', 'flawed'),
  drop: fc.array(fc.nat(), { maxLength: 3 }),
  move: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
  grantAll: fc.boolean(),
  faults: fc.record({ aiUnavailable: rate, aiUnsure: rate, connectorFailure: rate }),
  runs: fc.array(
    fc.record({
      intake: fc.nat(),
      item: fc.nat({ max: 500 }),
      // Mostly approved, so that runs reach what comes after the approvals.
      decisions: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant<Decision>('approved') }, { weight: 2, arbitrary: fc.constantFrom(...DECISIONS) }), { minLength: 1, maxLength: 6 }),
      edits: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
      notes: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

/** The generated workflow with some links dropped and some moved (never into an intake), as the loader reads it. */
function workflowOf(s: Spec): Workflow {
  const wf = generateWorkflow({ nodes: s.nodes, seed: s.seed, variant: s.variant });
  let edges = [...wf.edges];
  const targets = wf.nodes.filter((n) => n.kind !== 'intake').map((n) => n.id);
  for (const [e, t] of s.move) {
    const i = e % edges.length;
    edges[i] = { ...edges[i], target: targets[t % targets.length] };
  }
  const dropped = new Set(s.drop.map((d) => edges[d % edges.length].id));
  edges = edges.filter((e) => !dropped.has(e.id));
  const used = buildWorkflowIndex(wf).scopesUsed();
  const connections = s.grantAll ? wf.connections.map((c) => ({ ...c, grants: [...new Set([...c.grants, ...(used.get(c.id) ?? [])])] })) : wf.connections;
  return loadWorkflowValue({ ...wf, connections, edges }).workflow;
}

/** The same workflow with another intake first: the simulator starts from the first one. */
function startingAt(wf: Workflow, intakeId: string): Workflow {
  const first = wf.nodes.find((n) => n.id === intakeId)!;
  return { ...wf, nodes: [first, ...wf.nodes.filter((n) => n !== first)] };
}

/** Runs one item to its end, deciding each approval as the spec says, editing the draft as the app does. */
function runOnce(compiled: CompiledWorkflow, wf: Workflow, s: Spec, r: RunSpec): Trace {
  const prepared = prepareBatch(wf, data, { runs: 1, seed: s.seed, inputs: { from: 'dataset', dataset: 'tickets' }, faults: s.faults }, { compiled });
  const options = batchItemOptions(prepared, r.item, { recordEvents: true });
  const run = startRun(compiled, { ...options, reviewers: {}, undecided: 'pause' });
  for (let turn = 0; ; turn++) {
    const status = run.advance();
    if (status.state === 'done') return status.trace;
    if (status.state !== 'waiting-decision') throw new Error(`the run waits for ${status.state}`);
    const edits: Record<string, unknown> = {};
    const draft = draftOf(wf, run.trace());
    if (draft && r.edits[turn % r.edits.length]) edits[draft.variable] = `${draft.text}\n(edited by the reviewer)`;
    if (r.notes[turn % r.notes.length]) edits.reviewNote = 'Checked.';
    run.decide(status.nodeId, r.decisions[turn % r.decisions.length], Object.keys(edits).length ? { edits } : {});
  }
}

interface Disagreement {
  what: string;
  nodeId: string;
}

/** What one run did that the analysis did not foresee. */
function disagreements(wf: Workflow, trace: Trace, flagged: (rules: Set<string>, nodeId: string) => boolean): Disagreement[] {
  const index = buildWorkflowIndex(wf);
  const sensitive = (nodeId: string, connection: string, action: string) =>
    (index.requirements.get(nodeId) ?? []).some((r) => r.sensitive && r.resolved.ok && r.connectionId === connection && r.scope === action);
  const out: Disagreement[] = [];
  let approved = false;
  let call = 0;
  for (const e of trace.events) {
    if (e.type === 'approval.decided' && e.decision === 'approved') approved = true;
    if (e.type !== 'call') continue;
    const record = trace.calls[call++];
    if (sensitive(e.nodeId, e.connection, e.action) && (!approved || record.approvedContentChanged) && !flagged(UNCOVERED, e.nodeId)) {
      out.push({ what: `sensitive call ${e.action} ${approved ? 'with content changed after approval' : 'without any approval'}`, nodeId: e.nodeId });
    }
    if (!e.allowed && !flagged(DENIED, e.nodeId)) out.push({ what: `denied call ${e.action}`, nodeId: e.nodeId });
  }
  expect(call).toBe(trace.calls.length);
  if (trace.stopCode === 'no-path') {
    const at = trace.path[trace.path.length - 1].nodeId;
    if (!flagged(LEADS_NOWHERE, at)) out.push({ what: `stopped: ${trace.stopped}`, nodeId: at });
  }
  return out;
}

/** node id → the rules that reported it, suppressed findings included. */
function flaggedBy(wf: Workflow): (rules: Set<string>, nodeId: string) => boolean {
  const result = analyze(wf);
  // Suppressions and severity settings change how a finding shows, not whether the analysis saw it.
  const byNode = new Map<string, Set<string>>();
  for (const f of [...result.findings, ...result.suppressed]) if (f.nodeId) (byNode.get(f.nodeId) ?? byNode.set(f.nodeId, new Set()).get(f.nodeId)!).add(f.ruleId);
  return (rules, nodeId) => [...(byNode.get(nodeId) ?? [])].some((r) => rules.has(r));
}

describe('the analysis and the simulator agree', () => {
  it('on every approval, every denied call and every output that led nowhere (fixed seed)', () => {
    const seen = { uncovered: 0, changed: 0, denied: 0, noPath: 0, runs: 0 };
    fc.assert(
      fc.property(spec, (s) => {
        const wf = workflowOf(s);
        const flagged = flaggedBy(wf);
        const intakes = wf.nodes.filter((n) => n.kind === 'intake');
        const compiled = new Map<string, CompiledWorkflow>();
        for (const r of s.runs) {
          const start = intakes[r.intake % intakes.length].id;
          const variant = startingAt(wf, start);
          if (!compiled.has(start)) compiled.set(start, compileWorkflow(variant, data));
          const trace = runOnce(compiled.get(start)!, variant, s, r);
          expect(disagreements(wf, trace, flagged)).toEqual([]);
          seen.runs++;
          seen.changed += trace.calls.filter((c) => c.approvedContentChanged).length;
          seen.denied += trace.calls.filter((c) => !c.allowed).length;
          if (trace.stopCode === 'no-path') seen.noPath++;
          if (flaggedRunHasUncovered(wf, trace)) seen.uncovered++;
        }
      }),
      { seed: 20_260_516, numRuns: 120 },
    );
    // The runs did meet each case: the property was tested, not passed by default.
    expect(seen.changed).toBeGreaterThan(0);
    expect(seen.denied).toBeGreaterThan(0);
    expect(seen.noPath).toBeGreaterThan(0);
    expect(seen.uncovered).toBeGreaterThan(0);
    expect(seen.runs).toBeGreaterThan(200);
  });

  it('over the simulator’s own random workflows too (fixed seed)', () => {
    const small = testData();
    let calls = 0;
    fc.assert(
      fc.property(docArb, fc.integer(), (wf, seed) => {
        const section = parseSimulationSection(wf.simulation);
        const trace = simulate(compileWorkflow(wf, small), { scenario: section.scenarios[0], reviewers: section.reviewers, seed, undecided: 'approve' });
        expect(disagreements(wf, trace, flaggedBy(wf))).toEqual([]);
        calls += trace.calls.length;
      }),
      { seed: 20_260_517, numRuns: 500 },
    );
    expect(calls).toBeGreaterThan(100);
  });
});

/** Whether a run made a sensitive call before any approval (the missing-approval case was exercised). */
function flaggedRunHasUncovered(wf: Workflow, trace: Trace): boolean {
  const index = buildWorkflowIndex(wf);
  let approved = false;
  for (const e of trace.events) {
    if (e.type === 'approval.decided' && e.decision === 'approved') approved = true;
    if (e.type === 'call' && !approved && (index.requirements.get(e.nodeId) ?? []).some((r) => r.sensitive && r.resolved.ok && r.scope === e.action)) return true;
  }
  return false;
}
