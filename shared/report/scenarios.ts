// The scenarios a report lists as rehearsed: each scenario of the workflow run once, the way the
// command line runs it (approvals nobody decides are approved), summed up in one row.
import type { Workflow } from '../model/schema';
import type { DataSets } from '../simulation/datasets';
import { parseSimulationSection, SimulationSpecError } from '../simulation/scenario';
import { simulateScenario } from '../simulation/simulate';
import type { Trace } from '../simulation/trace';
import { REPORT_LIMITS } from './limits';

export interface ScenarioRehearsal {
  id: string;
  name: string;
  seed: number;
  /** The end step's outcome; null when the run stopped. */
  outcome: string | null;
  /** The end step's label, or the reason the run stopped. */
  endedAt: string;
  stopped: boolean;
  elapsedMinutes: number;
  steps: number;
  calls: number;
  deniedCalls: number;
  /** Sensitive calls that sent content changed after its approval (marked in the trace). */
  changedAfterApproval: number;
  changes: number;
  messages: number;
}

export function rehearsalOf(trace: Trace, wf: Pick<Workflow, 'nodes'>): ScenarioRehearsal {
  const end = wf.nodes.find((n) => n.id === trace.endNodeId);
  return {
    id: trace.scenario.id,
    name: trace.scenario.name,
    seed: trace.seed,
    outcome: trace.outcome,
    endedAt: trace.outcome !== null ? (end?.label ?? trace.endNodeId ?? '') : (trace.stopped ?? ''),
    stopped: trace.outcome === null,
    elapsedMinutes: trace.elapsedMinutes,
    steps: trace.steps,
    calls: trace.calls.length,
    deniedCalls: trace.calls.filter((c) => !c.allowed).length,
    changedAfterApproval: trace.calls.filter((c) => c.approvedContentChanged).length,
    changes: trace.changes.length,
    messages: trace.outbox.length,
  };
}

/**
 * Runs every scenario once with the seed — the first REPORT_LIMITS.rows of them, which is what a report
 * lists (it says when there were more). Returns the problem instead when the simulation section
 * cannot be used.
 */
export function rehearseScenarios(wf: Workflow, datasets: DataSets, seed = 1): { rehearsals: ScenarioRehearsal[]; problem: string | null } {
  try {
    const section = parseSimulationSection(wf.simulation);
    const rehearsals = section.scenarios.slice(0, REPORT_LIMITS.rows).map((s) => rehearsalOf(simulateScenario(wf, datasets, { scenarioId: s.id, seed }), wf));
    return { rehearsals, problem: null };
  } catch (e) {
    if (e instanceof SimulationSpecError) return { rehearsals: [], problem: `The scenarios cannot be run: ${e.message}` };
    throw e;
  }
}
