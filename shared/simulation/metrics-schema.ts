// The shape of a batch's metrics and of a batch result, as zod schemas: the API contract validates
// what the backend returns with them, and the types below are inferred from them.
import { z } from 'zod';
import { aiUsageSchema } from './ai-usage';
import { batchSettingsSchema } from './batch-settings';

const count = z.number().int().min(0);
const counts = z.record(z.string(), count);

export const reviewerLoadSchema = z.object({
  /** Items that reached this role's gates (each visit of a gate counts). */
  items: count,
  approved: count,
  rejected: count,
  timedOut: count,
  /** Virtual hours items waited at this role's gates: the time until the decision, or the timeout. */
  hours: z.number().min(0),
});
export type ReviewerLoad = z.infer<typeof reviewerLoadSchema>;

export const cycleTimeSchema = z.object({
  mean: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  max: z.number(),
});
export type CycleTime = z.infer<typeof cycleTimeSchema>;

/** One bar of the cycle-time histogram: items whose cycle time is at least `fromMinutes` and below the next bucket's. */
export const cycleBucketSchema = z.object({ fromMinutes: z.number().min(0), items: count });
export type CycleBucket = z.infer<typeof cycleBucketSchema>;

export const batchMetricsSchema = z.object({
  /** Items finished (all of them, or those finished before a cancel). */
  runs: count,
  /** End outcome → items that reached an end step with it. */
  outcomes: counts,
  /** Stop code → items that stopped before an end step. outcomes, stopped and notEntered add up to runs. */
  stopped: counts,
  /**
   * Items whose intake could not read them (its call was refused or failed): they never entered the
   * workflow, so they are counted apart, in no outcome, stop or cycle time. Optional: batches kept
   * before it existed counted them as stopped (`no-error-path`).
   */
  notEntered: count.optional(),
  /** Items that reached an end step without passing an approval or an escalation. */
  completedWithoutHuman: count,
  /** Items a reviewer approved or rejected at least once. */
  reviewed: count,
  /** Items that passed at least one escalation step. */
  escalated: count,
  /** Connector calls refused: scope not granted, or a connection or action that does not exist. */
  deniedCalls: count,
  /** Connector calls that failed (faults). */
  failedCalls: count,
  /** Steps that left by their `error` output, plus steps that stopped the run because they could not go on. */
  errors: count,
  deniedCallsByNode: counts,
  errorsByNode: counts,
  /** Sensitive calls that sent content changed after the run's last approval (marked `approvedContentChanged` in a trace). Optional: older batches have none. */
  changedAfterApproval: count.optional(),
  /** The same, by step (steps with none left out). */
  changedAfterApprovalByNode: counts.optional(),
  /** Virtual minutes from intake to end (or stop), over the finished items. */
  cycleTimeMinutes: cycleTimeSchema,
  /**
   * Items by cycle time, in fixed buckets (CYCLE_BUCKETS_MINUTES, the last open-ended), so that two
   * batches' histograms line up. Optional: batches kept before it existed have none.
   */
  cycleTimeHistogram: z.array(cycleBucketSchema).optional(),
  slaMinutes: z.number().nullable(),
  /** Items whose cycle time exceeded slaMinutes; null without an SLA. */
  slaBreaches: count.nullable(),
  /** Reviewer role (the gate's `reviewer`) → workload. */
  reviewerWorkload: z.record(z.string(), reviewerLoadSchema),
  /** Node executions, all items together. */
  steps: count,
  /** Node id → executions (every node of the workflow, 0 when never reached). */
  nodeVisits: counts,
  /** Node id → mean virtual seconds per execution (0 when never reached); seconds, since most steps take less than a minute. */
  nodeMeanSeconds: z.record(z.string(), z.number()),
  /** Edge id → times a token followed it (every edge, 0 when never followed). */
  edgeTraversals: counts,
});
export type BatchMetrics = z.infer<typeof batchMetricsSchema>;

export const BATCH_FORMAT = 'flowgate.batch';
export const BATCH_VERSION = 1;

export const batchResultSchema = z.object({
  format: z.literal(BATCH_FORMAT),
  version: z.literal(BATCH_VERSION),
  workflow: z.object({ id: z.string(), name: z.string() }),
  settings: batchSettingsSchema,
  /** True when the batch was cancelled: the metrics cover the items finished before, the same as in a full batch. */
  cancelled: z.boolean(),
  metrics: batchMetricsSchema,
  /**
   * The model calls of a batch whose AI steps marked `external` ran on a real model (absent when every
   * step used the mock). Such a batch is not reproducible: the model may answer differently each time.
   */
  aiUsage: aiUsageSchema.optional(),
});
export type BatchResult = z.infer<typeof batchResultSchema>;
