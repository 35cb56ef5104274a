// Running a whole simulation in one call: synchronously when nothing can make the run wait (the mock
// AI, every approval decided), or asynchronously with a real AI provider and a person deciding.
import type { Workflow } from '../model/schema';
import { compileWorkflow, type CompiledWorkflow } from './compile';
import type { DataSets } from './datasets';
import { startRun, type DecideOptions, type RunOptions } from './engine';
import { emptyScenario, parseSimulationSection, SimulationSpecError, type Decision, type Scenario, type SimulationSection } from './scenario';
import type { Trace } from './trace';

/** Runs to the end. Throws when the run would have to wait (an async AI provider, or an undecided approval in `pause` mode). */
export function simulate(compiled: CompiledWorkflow, options: RunOptions = {}): Trace {
  const status = startRun(compiled, options).advance();
  if (status.state === 'done') return status.trace;
  if (status.state === 'waiting-decision') throw new Error(`The run waits for a decision at "${status.nodeId}": give one, or run with undecided: "approve".`);
  throw new Error('The AI provider answers asynchronously: use simulateAsync.');
}

export type DecisionCallback = (nodeId: string, reviewer: string) => Promise<{ decision: Decision } & DecideOptions>;

/** Runs to the end, awaiting the AI provider and asking `onDecision` at approvals nobody else decides. */
export async function simulateAsync(compiled: CompiledWorkflow, options: RunOptions = {}, onDecision?: DecisionCallback): Promise<Trace> {
  const run = startRun(compiled, options);
  for (;;) {
    const status = run.advance();
    if (status.state === 'done') return status.trace;
    if (status.state === 'waiting-ai') await status.settled;
    else if (status.state === 'waiting-decision') {
      if (!onDecision) throw new Error(`The run waits for a decision at "${status.nodeId}" and nobody was asked to decide.`);
      const { decision, ...opts } = await onDecision(status.nodeId, status.reviewer);
      run.decide(status.nodeId, decision, opts);
    }
  }
}

export interface ScenarioRequest {
  /** Default: the first scenario; a workflow without scenarios runs an empty one. */
  scenarioId?: string;
  seed?: number;
  /** Decisions given by the user, by approval node id. */
  decisions?: Readonly<Record<string, Decision>>;
  maxSteps?: number;
}

export interface PreparedRun {
  compiled: CompiledWorkflow;
  section: SimulationSection;
  scenario: Scenario;
  options: RunOptions;
}

/**
 * Validates the workflow's simulation section, picks the scenario and checks the given decisions name
 * approval steps. Throws SimulationSpecError (with a JSON path) on anything it cannot use.
 */
export function prepareScenarioRun(wf: Workflow, datasets: DataSets, req: ScenarioRequest = {}): PreparedRun {
  const section = parseSimulationSection(wf.simulation);
  let scenario: Scenario;
  if (req.scenarioId !== undefined) {
    const found = section.scenarios.find((s) => s.id === req.scenarioId);
    if (!found) {
      const known = section.scenarios.map((s) => `"${s.id}"`).join(', ') || 'none';
      throw new SimulationSpecError('$.simulation.scenarios', `there is no scenario "${req.scenarioId}" (scenarios: ${known})`);
    }
    scenario = found;
  } else {
    scenario = section.scenarios[0] ?? emptyScenario();
  }
  for (const nodeId of Object.keys(req.decisions ?? {})) {
    if (!wf.nodes.some((n) => n.id === nodeId && n.kind === 'approval')) {
      throw new SimulationSpecError('$.nodes', `there is no approval step with id "${nodeId}"`);
    }
  }
  return {
    compiled: compileWorkflow(wf, datasets),
    section,
    scenario,
    options: { scenario, reviewers: section.reviewers, seed: req.seed ?? 1, decisions: req.decisions, maxSteps: req.maxSteps, undecided: 'approve' },
  };
}

/** One scenario of a workflow, run the way the command line runs it: approvals nobody decides are approved. */
export function simulateScenario(wf: Workflow, datasets: DataSets, req: ScenarioRequest = {}): Trace {
  const prepared = prepareScenarioRun(wf, datasets, req);
  return simulate(prepared.compiled, prepared.options);
}
