// The simulation methods of the API: interactive runs (sim.*) and the run history (runs.*). The
// document a run uses comes with the call, so a run rehearses exactly what is on the canvas, saved or not.
import { join } from 'node:path';
import { ApiError, type Params, type Result } from '../../../shared/api/contract';
import { jsonPath } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { compileWorkflow } from '../../../shared/simulation/compile';
import type { DataSets } from '../../../shared/simulation/datasets';
import {
  emptyScenario,
  parseSimulationSection,
  scenarioProblems,
  scenarioSchema,
  SimulationSpecError,
  type Scenario,
  type SimulationSection,
} from '../../../shared/simulation/scenario';
import { realFs, type AtomicFs } from '../atomic-write';
import type { AiProviderFor } from './ai-router';
import { liveRuns, type LiveRunsDeps } from './live-runs';
import { runHistory } from './run-history';
import { sampleDataCache } from './sample-data';

/** Sample records offered to start a run from; enough to choose, few enough to list. */
export const MAX_SAMPLE_RECORDS = 50;

export interface SimulationDeps {
  dataDir: string;
  resourcesDir: string;
  fs?: AtomicFs;
  aiProviderFor?: AiProviderFor;
  /** A fresh count of model calls per run, so a run's view reports its calls, tokens and cost. */
  newLedger?: LiveRunsDeps['newLedger'];
  /** How long start and decide wait for the run's next waiting point (see live-runs.ts). */
  answerWaitMs?: number;
}

type SimMethod = 'sim.start' | 'sim.decide' | 'sim.cancel' | 'sim.get' | 'sim.samples' | 'runs.list' | 'runs.get' | 'runs.delete';
type Handlers = { [M in SimMethod]: (params: Params<M>) => Promise<Result<M>> };

export function simulationService({ dataDir, resourcesDir, fs = realFs, aiProviderFor, newLedger, answerWaitMs }: SimulationDeps) {
  const datasets = sampleDataCache(join(resourcesDir, 'sample-data'));
  const history = runHistory({ dataDir, fs });
  const live = liveRuns({ history, aiProviderFor, newLedger, answerWaitMs });

  const handlers: Handlers = {
    async 'sim.start'(p) {
      const wf = p.document as Workflow;
      const section = sectionOf(wf);
      const scenario = chooseScenario(wf, section, p);
      const compiled = compileWorkflow(wf, await datasets());
      return live.start({ document: wf, compiled, scenario, section, seed: p.seed ?? 1, approvals: p.approvals ?? 'scenario' });
    },
    'sim.decide': (p) => live.decide(p.runId, p.nodeId, p.decision, { note: p.note, editedDraft: p.editedDraft }),
    async 'sim.cancel'({ runId }) {
      live.cancel(runId);
      return {};
    },
    'sim.get': ({ runId, waitMs }) => live.get(runId, waitMs),
    async 'sim.samples'({ document }) {
      return samplesFor(document as Workflow, await datasets());
    },
    'runs.list': ({ workflowId }) => history.list(workflowId),
    'runs.get': ({ workflowId, runId }) => history.get(workflowId, runId),
    async 'runs.delete'({ workflowId, runId }) {
      await history.remove(workflowId, runId);
      return {};
    },
  };

  return { handlers, close: () => live.close(), live, history };
}

/** The document's simulation section, or an error naming the JSON path of what is wrong in it. */
function sectionOf(wf: Workflow): SimulationSection {
  try {
    return parseSimulationSection(wf.simulation);
  } catch (e) {
    if (e instanceof SimulationSpecError) throw new ApiError('invalid-workflow', `The workflow's simulation section is not valid: ${e.message}`, e.path);
    throw e;
  }
}

/** The scenario a start asks for: by id, inline, or the first; refused when it names steps the workflow lacks. */
function chooseScenario(wf: Workflow, section: SimulationSection, p: Params<'sim.start'>): Scenario {
  if (p.scenarioId !== undefined && p.scenario !== undefined) {
    throw new ApiError('bad-request', 'Give either a scenario id or a scenario, not both.', '$.scenario');
  }
  let scenario: Scenario;
  let at: (path: string) => string;
  if (p.scenario !== undefined) {
    const parsed = scenarioSchema.safeParse(p.scenario);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = jsonPath(['scenario', ...issue.path]);
      throw new ApiError('bad-request', `The scenario is not valid: ${where}: ${issue.message}`, where);
    }
    scenario = parsed.data;
    at = (path) => path.replace(/^\$\.simulation\.scenarios\[\d+\]/, '$.scenario');
  } else if (p.scenarioId !== undefined) {
    const found = section.scenarios.find((s) => s.id === p.scenarioId);
    if (!found) {
      const known = section.scenarios.map((s) => `"${s.id}"`).join(', ') || 'none';
      throw new ApiError('bad-request', `The workflow has no scenario "${p.scenarioId}" (scenarios: ${known}).`, '$.scenarioId');
    }
    scenario = found;
    at = (path) => path;
  } else {
    scenario = section.scenarios[0] ?? emptyScenario();
    at = (path) => path;
  }
  const [problem] = scenarioProblems(wf, { scenarios: [scenario], reviewers: section.reviewers });
  if (problem) {
    const path = at(problem.path.replace(/^\$\.simulation\.scenarios\[0\]/, `$.simulation.scenarios[${Math.max(0, section.scenarios.indexOf(scenario))}]`));
    throw new ApiError('bad-request', `The scenario "${scenario.name || scenario.id}" cannot run: ${path}: ${problem.message}.`, path);
  }
  return scenario;
}

/** Records of the data set the workflow's intake reads from, to start a run with one of them. */
export function samplesFor(wf: Workflow, data: DataSets): Result<'sim.samples'> {
  const compiled = compileWorkflow(wf, data);
  const call = compiled.start === -1 ? null : compiled.nodes[compiled.start].call;
  const dataset = call?.problem === null ? call.dataset : null;
  const records = dataset ? data.get(dataset) : undefined;
  if (!call || !dataset || !records) return { dataset: null, idKey: null, records: [] };
  return {
    dataset,
    idKey: call.idKeys[0] ?? 'id',
    records: records.slice(0, MAX_SAMPLE_RECORDS).map((r) => ({ id: r.id, label: labelOf(r) })),
  };
}

function labelOf(r: Readonly<Record<string, unknown>> & { id: string }): string {
  for (const key of ['subject', 'title', 'name', 'fullName', 'company', 'email']) {
    const v = r[key];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 120);
  }
  return r.id;
}
