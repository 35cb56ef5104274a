// What drafting gives back: the workflow with what was assumed and what remains, or why it failed.
// The API contract and the command line's JSON output carry this shape.
import { z } from 'zod';
import { workflowSchema } from '../model/schema';
import { draftProblemSchema } from './problems';

export const DRAFT_FAILURES = ['refused', 'failed', 'unreadable', 'cancelled'] as const;
export type DraftFailure = (typeof DRAFT_FAILURES)[number];

export const draftResultSchema = z.object({
  workflow: workflowSchema,
  /** Requests sent: 1 for a first draft that passed, up to 1 + the repair rounds. */
  rounds: z.number().int().min(1),
  /** What the model said it assumed that the description does not say. */
  assumptions: z.array(z.string()),
  /** What Flowgate filled in or changed on its own. */
  notes: z.array(z.string()),
  /** Labels of the approval steps Flowgate inserted before sensitive steps the model left ungated. */
  insertedGates: z.array(z.string()),
  /** What is still wrong: parts of the reply that could not be applied, then the analysis findings. */
  remaining: z.array(draftProblemSchema),
  counts: z.object({ error: z.number().int(), warn: z.number().int(), info: z.number().int() }),
});
export type DraftResult = z.infer<typeof draftResultSchema>;

export const draftFailureSchema = z.object({
  reason: z.enum(DRAFT_FAILURES),
  message: z.string(),
  rounds: z.number().int().min(0),
  /** The problems of the last reply, when the model never sent a draft Flowgate could use. */
  problems: z.array(draftProblemSchema),
});
export type DraftFailureResult = z.infer<typeof draftFailureSchema>;

export type DraftOutcome = ({ ok: true } & DraftResult) | ({ ok: false } & DraftFailureResult);

/** Progress of a draft: which request is on its way, and how many errors it is asked to fix. */
export const draftProgressSchema = z.object({
  round: z.number().int().min(0),
  maxRounds: z.number().int().min(1),
  phase: z.enum(['asking', 'checking']),
  /** Errors of the previous reply this round asks the model to fix (0 in the first round). */
  fixing: z.number().int().min(0),
});
export type DraftProgress = z.infer<typeof draftProgressSchema>;
