// The export part of the API contract: what an export to another engine (Camunda 8, n8n) would write,
// with its warnings and the engine's own check, and the writing itself. Spread into `contract`
// (contract.ts), so both transports validate these calls like every other.
import { z } from 'zod';
import { workflowSchema } from '../model/schema';

const filePath = z.string().min(1).max(4096);
const targetId = z.string().min(1).max(40);
/** Target options by id (`{ camunda: "8.8" }`); the target checks the values. */
const options = z.record(z.string().min(1).max(40), z.string().max(40)).refine((o) => Object.keys(o).length <= 10, 'at most 10 options');

const lintMessage = z.object({ rule: z.string(), elementId: z.string().optional(), message: z.string() });
const nodeRef = { nodeId: z.string().optional() };

export const exportContract = {
  /**
   * Builds an export without writing it: the files it would write (named after `baseName`), the
   * target's warnings, the engine's check, and the analysis' errors that refuse it unless forced.
   * A workflow the target cannot express gives `problem` instead of files.
   */
  'export.preview': {
    params: z.object({ document: workflowSchema, target: targetId, options, baseName: z.string().min(1).max(200) }).strict(),
    result: z.object({
      files: z.array(z.object({ name: z.string(), purpose: z.string(), bytes: z.number().int().min(0) })),
      warnings: z.array(z.object({ message: z.string(), ...nodeRef })),
      check: z.object({ tool: z.string(), errors: z.array(lintMessage), warnings: z.array(lintMessage) }).nullable(),
      analysisErrors: z.array(z.object({ ruleId: z.string(), message: z.string(), ...nodeRef })),
      problem: z.object({ message: z.string(), ...nodeRef }).nullable(),
    }),
  },
  /**
   * Builds, checks and writes an export: the main file at `path` (desktop: where the save dialog
   * pointed; browser: inside the workspace), the others beside it. Refused while the analysis finds
   * errors unless `force`, when the target cannot express the workflow, or when the engine's check fails.
   */
  'export.write': {
    params: z.object({ document: workflowSchema, target: targetId, options, path: filePath, force: z.boolean() }).strict(),
    result: z.object({ files: z.array(z.object({ name: z.string(), path: filePath })), warnings: z.number().int().min(0) }),
  },
} as const;
