// The batch part of the API contract: batches run in the backend (start, progress, cancel) and the
// batch history kept per workflow. Spread into `contract` (contract.ts), so both transports validate
// these calls like every other.
import { z } from 'zod';
import { workflowSchema } from '../model/schema';
import { aiUsageSchema } from '../simulation/ai-usage';
import { batchSettingsParamsSchema, batchSettingsSchema } from '../simulation/batch-settings';
import { batchMetricsSchema, batchResultSchema } from '../simulation/metrics-schema';

/** Batch ids name history files, so only plain characters. They start with the time, so they sort by it. */
export const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const batchId = z.string().regex(BATCH_ID, 'is not a batch id');
const workflowId = z.string().min(1, 'must not be empty').max(200);

export const BATCH_STATES = ['running', 'done', 'cancelled', 'failed'] as const;

const batchSummarySchema = z.object({
  id: batchId,
  workflowId: z.string(),
  workflowName: z.string(),
  /** Wall-clock times (ISO 8601): history only, never in the metrics. */
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Wall-clock milliseconds the batch took. */
  durationMs: z.number(),
  settings: batchSettingsSchema,
  /** Items finished; fewer than settings.runs when cancelled. */
  runs: z.number().int().min(0),
  cancelled: z.boolean(),
});

export const batchContract = {
  /**
   * Starts a batch of `document` (as it is on the canvas, saved or not) in the background. Settings
   * without `slaMinutes` take the workflow's own SLA (`simulation.slaMinutes`). Bad settings,
   * an invalid simulation section or an unknown data set are refused at once (`bad-request`, with the path).
   * When AI steps marked `external` run on a model (Settings → AI) and the batch would make more calls
   * than Settings allow without asking, it is refused with `conflict` at `$.confirmCalls` unless
   * `confirmCalls` is at least the estimate (`batch.estimate`): the user said yes to that many.
   */
  'batch.start': {
    params: z
      .object({ document: workflowSchema, settings: batchSettingsParamsSchema, confirmCalls: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() })
      .strict(),
    result: z.object({ batchId }),
  },
  /**
   * What a batch would send to the model before it starts: the calls (the external AI steps an item
   * can reach, once per item; retries not counted), the model and its server, and whether batch.start
   * needs `confirmCalls`. No calls, model or host while every step uses the mock.
   */
  'batch.estimate': {
    params: z.object({ document: workflowSchema, settings: batchSettingsParamsSchema }).strict(),
    result: z.object({
      calls: z.number().int().min(0),
      maxCallsWithoutAsking: z.number().int().min(0),
      mustAsk: z.boolean(),
      /** The model the external steps run on; null when the batch uses the mock only. */
      model: z.string().nullable(),
      /** Its server (`api.openai.com`, `localhost:11434`); null when the batch uses the mock only. */
      host: z.string().nullable(),
      /** Whether that server is on this computer (nothing leaves it, nothing is billed). */
      local: z.boolean(),
      /** Ids of the external AI steps that would call the model. */
      steps: z.array(z.string()),
    }),
  },
  /** How far a batch is. `metrics` once it is finished (done, or cancelled: the items finished before the cancel). */
  'batch.progress': {
    params: z.object({ batchId }).strict(),
    result: z.object({
      batchId,
      state: z.enum(BATCH_STATES),
      done: z.number().int().min(0),
      total: z.number().int().min(0),
      /** Items per second (wall clock). */
      rate: z.number().min(0),
      /** Seconds left at the current rate; null before the rate is known, 0 once finished. */
      etaSeconds: z.number().min(0).nullable(),
      finished: z.boolean(),
      cancelled: z.boolean(),
      /** Whether the batch runs in a worker thread (false: in the backend's own thread, in slices). */
      inWorker: z.boolean(),
      metrics: batchMetricsSchema.optional(),
      /** Why a failed batch failed; why a finished batch could not be kept in the history. */
      error: z.string().nullable(),
      /** Whether the finished batch was kept in the batch history. */
      saved: z.boolean(),
      /** The model calls so far, when the batch runs AI steps on a model (absent: the mock only). */
      aiUsage: aiUsageSchema.optional(),
    }),
  },
  /** Stops a batch; the items it finished are kept (and saved in the history). Cancelling a finished batch does nothing. */
  'batch.cancel': { params: z.object({ batchId }).strict(), result: z.object({}) },
  /** The batches of a workflow, newest first; unreadable records are set aside and reported in `warnings`. */
  'batches.list': {
    params: z.object({ workflowId }).strict(),
    result: z.object({ batches: z.array(batchSummarySchema), warnings: z.array(z.string()) }),
  },
  /** One batch of the history: its result and the document as it ran, so it can be run again. */
  'batches.get': {
    params: z.object({ workflowId, batchId }).strict(),
    result: z.object({ summary: batchSummarySchema, result: batchResultSchema, document: workflowSchema }),
  },
  /**
   * The sample data sets a batch can draw its items from, by name: how many records each holds, and the
   * fields its records have (so the panel can offer first the sets that fit the workflow's intake).
   */
  'sim.datasets': {
    params: z.object({}).strict(),
    result: z.object({ datasets: z.array(z.object({ name: z.string(), records: z.number().int().min(0), fields: z.array(z.string()) })) }),
  },
} as const;
