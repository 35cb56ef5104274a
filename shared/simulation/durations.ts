// How long things take on the virtual clock. Values are typical, not measured: enough to show where a
// run spends its time (people, then AI, then systems) and to compare two designs.
import type { Effect } from '../connectors/types';
import type { AiTask } from '../model/schema';

/** Virtual start of every run: a Monday morning, so that `now` and `today` read naturally in drafts. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2024, 5, 3, 9, 0, 0);

/** An AI step's answer time by task (milliseconds), before ±20 % seeded jitter. */
export const AI_MS: Record<AiTask, number> = {
  classify: 1_800,
  route: 1_500,
  extract: 2_500,
  summarize: 4_000,
  draft: 7_000,
  retrieve: 1_200,
};

/** An AI service that does not answer: the request times out after this long. */
export const AI_TIMEOUT_MS = 30_000;

/** A connector call by effect (milliseconds), before ±20 % seeded jitter. */
export const CALL_MS: Record<Effect, number> = {
  read: 150,
  write: 300,
  send: 500,
  delete: 250,
  trigger: 400,
  approve: 300,
};

/** A refused call comes back fast (a 403); a failing one slowly (a 5xx after retries). */
export const DENIED_MS = 80;
export const FAILED_MS = 1_500;

export const JITTER = 0.2;

/** Reviewers without a profile: most answer within the hour, one in ten takes more than four hours. */
export const DEFAULT_RESPONSE_MINUTES = { median: 30, p90: 240 } as const;
