// What a batch is asked to do: how many items, from which seed, with which inputs and which fault rates.
// One zod schema for the command line, the backend and the API contract, so that every entry point
// refuses the same bad settings with the same words.
import { z } from 'zod';
import { jsonPath } from '../model/load';
import { thousands } from '../text';

export const MAX_BATCH_RUNS = 100_000;

const fraction = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

const slaSchema = z.number().positive('must be more than 0 minutes');

export const batchInputsSchema = z.discriminatedUnion('from', [
  /** Items are records of a sample data set, in an order the seed shuffles. */
  z.object({ from: z.literal('dataset'), dataset: z.string().min(1, 'name a data set') }).strict(),
  /** Items are the inputs of the workflow's scenarios, taken in turn. */
  z.object({ from: z.literal('scenarios') }).strict(),
]);
export type BatchInputs = z.infer<typeof batchInputsSchema>;

export const batchFaultsSchema = z
  .object({
    /** Share of AI steps that get no answer (the step leaves by `error` after the 30 s timeout). */
    aiUnavailable: fraction.default(0),
    /** Share of AI steps whose answer is unsure (the step leaves by `low_confidence`). */
    aiUnsure: fraction.default(0),
    /** Share of connector actions that fail (the step leaves by `error`). */
    connectorFailure: fraction.default(0),
  })
  .strict()
  .refine((f) => f.aiUnavailable + f.aiUnsure <= 1, { message: 'aiUnavailable and aiUnsure must add up to 1 at most', path: ['aiUnsure'] });
export type BatchFaults = z.infer<typeof batchFaultsSchema>;

export const batchSettingsSchema = z
  .object({
    runs: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_BATCH_RUNS, `must be at most ${thousands(MAX_BATCH_RUNS)}`),
    seed: z.number().int('must be a whole number').default(1),
    inputs: batchInputsSchema.default({ from: 'scenarios' }),
    faults: batchFaultsSchema.default({ aiUnavailable: 0, aiUnsure: 0, connectorFailure: 0 }),
    /** A cycle time items should stay within (virtual minutes); items that take longer are SLA breaches. */
    slaMinutes: slaSchema.nullable().default(null),
  })
  .strict();

/**
 * Settings as an API caller gives them: `slaMinutes` left out means the workflow's own SLA
 * (`simulation.slaMinutes`), null means none. prepareBatch fills it in, so a kept batch always says.
 */
export const batchSettingsParamsSchema = batchSettingsSchema.extend({ slaMinutes: slaSchema.nullable().optional() });
/** Settings as given (defaults may be left out). */
export type BatchSettingsInput = z.input<typeof batchSettingsSchema>;
/** Settings with every default filled in: what a batch record keeps so that it can be run again. */
export type BatchSettings = z.output<typeof batchSettingsSchema>;

export class BatchSettingsError extends Error {
  /** JSON path inside the settings, like `$.faults.aiUnsure`. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'BatchSettingsError';
    this.path = path;
  }
}

/** Validates settings and fills in the defaults. Throws BatchSettingsError naming the offending field. */
export function parseBatchSettings(value: unknown): BatchSettings {
  const parsed = batchSettingsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BatchSettingsError(jsonPath(issue.path), issue.message);
  }
  return parsed.data;
}
