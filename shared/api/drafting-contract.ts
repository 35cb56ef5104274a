// The drafting part of the API contract: draft a workflow from a description on the model chosen in
// Settings → AI, in the background (start, progress, cancel), like a batch. Spread into `contract`
// (contract.ts), so both transports validate these calls like every other. The description and the
// draft stay in the backend's memory and go to the configured model's server only.
import { z } from 'zod';
import { MAX_DESCRIPTION_CHARS } from '../drafting/prompt';
import { draftFailureSchema, draftProgressSchema, draftResultSchema } from '../drafting/result';
import { aiUsageSchema } from '../simulation/ai-usage';

export const DRAFT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const draftId = z.string().regex(DRAFT_ID, 'is not a draft id');

export const DRAFT_STATES = ['running', 'done', 'failed', 'cancelled'] as const;

export const draftingContract = {
  /**
   * Starts drafting. Refused with `unavailable` while Settings → AI do not choose an OpenAI-compatible
   * server and a model (the message says where to set them up).
   */
  'draft.start': {
    params: z
      .object({
        description: z
          .string()
          .trim()
          .min(1, 'must describe the process in a few sentences')
          .max(MAX_DESCRIPTION_CHARS, `must be at most ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')} characters`),
      })
      .strict(),
    result: z.object({ draftId, model: z.string(), host: z.string(), local: z.boolean() }),
  },
  /** How far a draft is: the round on its way; once finished, the draft (`result`) or why there is none (`failure`). */
  'draft.progress': {
    params: z.object({ draftId }).strict(),
    result: z.object({
      draftId,
      state: z.enum(DRAFT_STATES),
      finished: z.boolean(),
      /** Null until the first request is on its way. */
      progress: draftProgressSchema.nullable(),
      result: draftResultSchema.optional(),
      failure: draftFailureSchema.optional(),
      aiUsage: aiUsageSchema,
    }),
  },
  /** Stops a draft; the request on its way is aborted. Cancelling a finished draft does nothing. */
  'draft.cancel': { params: z.object({ draftId }).strict(), result: z.object({}) },
} as const;
