// The `simulation` section of a workflow document: scenarios (an input, scripted decisions, faults)
// and reviewer profiles. The workflow schema keeps the section loose; it is validated here, when a
// run is about to use it, with errors that name the JSON path of the offending value.
import { z } from 'zod';
import { jsonPath } from '../model/load';
import type { Workflow } from '../model/schema';

export const DECISIONS = ['approved', 'rejected', 'timeout'] as const;
export type Decision = (typeof DECISIONS)[number];

export const AI_FAULTS = ['error', 'low_confidence'] as const;
export type AiFault = (typeof AI_FAULTS)[number];

const probability = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const minutes = z.number().positive('must be more than 0 minutes');

export const responseMinutesSchema = z.looseObject({ median: minutes, p90: minutes }).refine((r) => r.p90 >= r.median, {
  message: 'p90 must be at least the median',
  path: ['p90'],
});

export const reviewerProfileSchema = z
  .looseObject({
    approve: probability.default(0),
    reject: probability.default(0),
    timeout: probability.default(0),
    responseMinutes: responseMinutesSchema.optional(),
  })
  .refine((p) => p.approve + p.reject + p.timeout > 0, { message: 'approve, reject and timeout cannot all be 0' })
  .refine((p) => p.approve + p.reject + p.timeout <= 1.0001, { message: 'approve, reject and timeout must add up to 1 at most' });
export type ReviewerProfile = z.infer<typeof reviewerProfileSchema>;

const ACTION_FAULT_KEY = /^[^:]+:.+$/;
const actionFaults = z.record(z.string(), z.literal('error')).superRefine((faults, ctx) => {
  for (const key of Object.keys(faults)) {
    if (!ACTION_FAULT_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" must look like "<connectionId>:<action>"` });
  }
});

export const scenarioSchema = z.looseObject({
  id: z.string().min(1, 'must not be empty'),
  name: z.string().default(''),
  description: z.string().optional(),
  input: z.record(z.string(), z.unknown()).default({}),
  decisions: z.record(z.string(), z.enum(DECISIONS)).default({}),
  faults: z
    .looseObject({
      ai: z.record(z.string(), z.enum(AI_FAULTS)).default({}),
      actions: actionFaults.default({}),
    })
    .default({ ai: {}, actions: {} }),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** How often a step leaves by each of its outputs (output handle → share), as a log showed it. */
export const handleSharesSchema = z
  .record(z.string(), probability)
  .refine((s) => Object.values(s).reduce((a, b) => a + b, 0) > 0, { message: 'the shares cannot all be 0' })
  .refine((s) => Object.values(s).reduce((a, b) => a + b, 0) <= 1.0001, { message: 'the shares must add up to 1 at most' });

/** How long a step takes, in minutes: 0 is allowed (a log can show a step done at once). */
export const stepDurationSchema = z
  .looseObject({ median: z.number().min(0, 'must be 0 or more minutes'), p90: z.number().min(0, 'must be 0 or more minutes') })
  .refine((d) => d.p90 >= d.median, { message: 'p90 must be at least the median', path: ['p90'] });

/** Where calibrated numbers came from (`flowgate conform --calibrate`). */
export const calibrationSourceSchema = z.looseObject({
  log: z.string(),
  cases: z.number().int().min(0),
  events: z.number().int().min(0),
});

export const simulationSectionSchema = z.looseObject({
  scenarios: z.array(scenarioSchema).default([]),
  reviewers: z.record(z.string(), reviewerProfileSchema).default({}),
  /** The workflow's SLA: the cycle time (virtual minutes) an item should stay within; a batch's default. */
  slaMinutes: minutes.optional(),
  /** Node id → output handle → share, for AI steps, integrations and decisions (calibrated from a log). */
  handles: z.record(z.string(), handleSharesSchema).optional(),
  /** Node id → how long the step takes in minutes, median and p90 (calibrated from a log). */
  durations: z.record(z.string(), stepDurationSchema).optional(),
  calibration: calibrationSourceSchema.optional(),
});
export type SimulationSection = z.infer<typeof simulationSectionSchema>;

export class SimulationSpecError extends Error {
  /** JSON path inside the workflow document, like `$.simulation.scenarios[1].decisions.n4`. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'SimulationSpecError';
    this.path = path;
  }
}

const ROOT = ['simulation'] as const;

/** Validates a workflow's `simulation` section (absent means: no scenarios, no reviewers). Throws SimulationSpecError. */
export function parseSimulationSection(value: unknown): SimulationSection {
  const parsed = simulationSectionSchema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SimulationSpecError(jsonPath([...ROOT, ...issue.path]), issue.message);
  }
  const seen = new Set<string>();
  parsed.data.scenarios.forEach((s, i) => {
    if (seen.has(s.id)) throw new SimulationSpecError(jsonPath([...ROOT, 'scenarios', i, 'id']), `duplicate scenario id "${s.id}"`);
    seen.add(s.id);
  });
  return parsed.data;
}

/** The workflow's own SLA in minutes (`simulation.slaMinutes`); null when it has none or the section is not valid. */
export function workflowSlaMinutes(wf: Pick<Workflow, 'simulation'>): number | null {
  try {
    return parseSimulationSection(wf.simulation).slaMinutes ?? null;
  } catch {
    return null;
  }
}

export interface SpecProblem {
  path: string;
  message: string;
}

/**
 * References the schema cannot check: decisions must name approval steps, AI faults AI steps,
 * action faults a connection of the workflow. The engine ignores dangling ones; the CLI refuses them.
 */
export function scenarioProblems(wf: Pick<Workflow, 'nodes' | 'connections'>, section: SimulationSection, onlyScenario?: string): SpecProblem[] {
  const kindOf = new Map(wf.nodes.map((n) => [n.id, n.kind]));
  const connections = new Set(wf.connections.map((c) => c.id));
  const problems: SpecProblem[] = [];
  section.scenarios.forEach((s, i) => {
    if (onlyScenario !== undefined && s.id !== onlyScenario) return;
    const at = (...rest: (string | number)[]) => jsonPath([...ROOT, 'scenarios', i, ...rest]);
    for (const nodeId of Object.keys(s.decisions)) {
      if (kindOf.get(nodeId) !== 'approval') problems.push({ path: at('decisions', nodeId), message: `there is no approval step with id "${nodeId}"` });
    }
    for (const nodeId of Object.keys(s.faults.ai)) {
      if (kindOf.get(nodeId) !== 'ai') problems.push({ path: at('faults', 'ai', nodeId), message: `there is no AI step with id "${nodeId}"` });
    }
    for (const key of Object.keys(s.faults.actions)) {
      const connection = key.slice(0, key.indexOf(':'));
      if (!connections.has(connection)) problems.push({ path: at('faults', 'actions', key), message: `there is no connection with id "${connection}"` });
    }
  });
  return problems;
}

/** A scenario with nothing scripted, for workflows that have none. */
export function emptyScenario(id = 'default', name = 'Default'): Scenario {
  return { id, name, input: {}, decisions: {}, faults: { ai: {}, actions: {} } };
}
