// The simulation part of the API contract: interactive runs in the backend (start, decide, cancel,
// get), the sample records a scenario can start from, and the run history kept per workflow.
// Spread into `contract` (contract.ts), so both transports validate these calls like every other.
import { z } from 'zod';
import { workflowSchema } from '../model/schema';
import { aiUsageSchema } from '../simulation/ai-usage';
import { DECISIONS } from '../simulation/scenario';
import type { Trace } from '../simulation/trace';

/** Run ids name history files, so only plain characters. They start with the time, so they sort by it. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const runId = z.string().regex(RUN_ID, 'is not a run id');
const workflowId = z.string().min(1, 'must not be empty').max(200);

/**
 * Who decides approvals in an app run. `scenario`: the scenario's scripted decisions, then the
 * reviewer profiles; the run waits for the user only where neither decides. `ask`: the run waits for
 * the user at every approval (scripted decisions and profiles are set aside).
 */
export const APPROVAL_MODES = ['scenario', 'ask'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** The trace is built by the engine, not by a caller, so it is checked by shape only. */
const traceSchema = z.custom<Trace>(
  (v) => !!v && typeof v === 'object' && (v as { format?: unknown }).format === 'flowgate.trace' && Array.isArray((v as { events?: unknown }).events),
  'is not a simulation trace',
);

export const RUN_STATUSES = ['running', 'waiting', 'done'] as const;
export type LiveRunStatus = (typeof RUN_STATUSES)[number];

const waitingSchema = z.object({
  nodeId: z.string(),
  label: z.string(),
  reviewer: z.string(),
  instructions: z.string(),
  timeoutHours: z.number().nullable(),
  /** The latest draft (or summary) the reviewer may edit before deciding, and the variable it lives in. */
  draft: z.object({ variable: z.string(), text: z.string() }).nullable(),
  /** What the approval shows its reviewer (its `shows` list): each variable with its value as text, '' when not set. */
  shown: z.array(z.object({ variable: z.string(), text: z.string() })).default([]),
});

const runViewSchema = z.object({
  runId,
  workflowId: z.string(),
  /** `running`: steps are being taken or an AI answer is awaited; `waiting`: a person must decide; `done`: ended or stopped. */
  status: z.enum(RUN_STATUSES),
  waiting: waitingSchema.nullable(),
  /** The trace so far (complete once done): every event from the start, so a replay can begin anywhere. */
  trace: traceSchema,
  /** Whether the finished run was kept in the run history, and why not when it could not be. */
  history: z.object({ saved: z.boolean(), error: z.string().nullable() }),
  /** The run's model calls so far (AI steps marked `external`); absent when none was sent. Never a key. */
  aiUsage: aiUsageSchema.optional(),
});

const runSummarySchema = z.object({
  id: runId,
  workflowId: z.string(),
  /** Wall-clock time the run started (ISO 8601): history only, never in a trace. */
  startedAt: z.string(),
  scenario: z.object({ id: z.string(), name: z.string() }),
  seed: z.number(),
  approvals: z.enum(APPROVAL_MODES),
  outcome: z.string().nullable(),
  stopped: z.string().nullable(),
  steps: z.number(),
  elapsedMinutes: z.number(),
  deniedCalls: z.number(),
});

const userDecisionSchema = z.object({
  nodeId: z.string(),
  decision: z.enum(DECISIONS),
  note: z.string().nullable(),
  editedDraft: z.string().nullable(),
});

export const simulationContract = {
  /**
   * Starts a run of `document` and takes it to its first waiting point (or its end). Give a scenario of
   * the document by id, or one inline (typed in, or built from a sample record); neither: the first.
   */
  'sim.start': {
    params: z
      .object({
        document: workflowSchema,
        scenarioId: z.string().min(1).max(200).optional(),
        scenario: z.record(z.string(), z.unknown()).optional(),
        seed: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).optional(),
        approvals: z.enum(APPROVAL_MODES).optional(),
      })
      .strict(),
    result: runViewSchema,
  },
  /** Decides the approval a run waits at and takes the run to its next waiting point. */
  'sim.decide': {
    params: z
      .object({
        runId,
        nodeId: z.string().min(1).max(200),
        decision: z.enum(DECISIONS),
        /** Why (a rejection's reason); it reaches the run as the variable `reviewNote`. */
        note: z.string().max(4000).optional(),
        /** The draft as the reviewer edited it; replaces the draft variable before the run goes on. */
        editedDraft: z.string().max(200_000).optional(),
      })
      .strict(),
    result: runViewSchema,
  },
  'sim.cancel': { params: z.object({ runId }).strict(), result: z.object({}) },
  /** A live run. With `waitMs`, a run that is still `running` is awaited that long for its next state. */
  'sim.get': {
    params: z.object({ runId, waitMs: z.number().int().min(0).max(30_000).optional() }).strict(),
    result: runViewSchema,
  },
  /** Sample records the document's intake can receive (from the data set its action reads), to start a run from. */
  'sim.samples': {
    params: z.object({ document: workflowSchema }).strict(),
    result: z.object({
      dataset: z.string().nullable(),
      /** The input that names a record (`ticketId`); a run started with just it reads the rest. */
      idKey: z.string().nullable(),
      records: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  },
  /** Finished runs of a workflow, newest first. Unreadable run files are set aside and named in `warnings`. */
  'runs.list': {
    params: z.object({ workflowId }).strict(),
    result: z.object({ runs: z.array(runSummarySchema), warnings: z.array(z.string()) }),
  },
  /** A finished run: its summary, the trace, the decisions a person made, and the document as it ran. */
  'runs.get': {
    params: z.object({ workflowId, runId }).strict(),
    result: z.object({
      summary: runSummarySchema,
      trace: traceSchema,
      decisions: z.array(userDecisionSchema),
      document: workflowSchema,
      /** The run's model calls, when AI steps ran on a model. */
      aiUsage: aiUsageSchema.optional(),
    }),
  },
  'runs.delete': { params: z.object({ workflowId, runId }).strict(), result: z.object({}) },
} as const;
