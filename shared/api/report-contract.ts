// The report part of the API contract: the scenarios a report lists as rehearsed, and the desktop
// app's PDF of a report. Spread into `contract` (contract.ts), so both transports validate these calls
// like every other.
import { z } from 'zod';
import { workflowSchema } from '../model/schema';

const filePath = z.string().min(1).max(4096);

const rehearsalSchema = z.object({
  id: z.string(),
  name: z.string(),
  seed: z.number(),
  /** The end step's outcome; null when the run stopped. */
  outcome: z.string().nullable(),
  /** The end step's label, or why the run stopped. */
  endedAt: z.string(),
  stopped: z.boolean(),
  elapsedMinutes: z.number(),
  steps: z.number(),
  calls: z.number(),
  deniedCalls: z.number(),
  /** Sensitive calls that sent content changed after its approval. */
  changedAfterApproval: z.number(),
  changes: z.number(),
  messages: z.number(),
});

export const reportContract = {
  /**
   * Each scenario of `document` run once with the mock AI and the sample data, as `flowgate report`
   * does (seed 1; approvals nobody decides are approved). `problem` says why none could run.
   */
  'report.scenarios': {
    params: z.object({ document: workflowSchema }).strict(),
    result: z.object({ rehearsals: z.array(rehearsalSchema), problem: z.string().nullable() }),
  },
  /**
   * Desktop only: prints a report's HTML to PDF and writes it to `path`, which must have come from
   * the save dialog. Browser mode answers `unavailable` (a browser's Print makes the PDF there).
   */
  'report.pdf': {
    params: z.object({ html: z.string().min(1).max(50 * 1024 * 1024), path: filePath }).strict(),
    result: z.object({ path: filePath, bytes: z.number().int().min(0) }),
  },
} as const;
