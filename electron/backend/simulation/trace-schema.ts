// The shape of a stored trace, checked when a run file is read back: a file edited by hand or cut
// short must be set aside, not handed to the renderer to trip over. Objects stay loose (a newer
// Flowgate may add fields); what the app reads is typed.
import { z } from 'zod';
import { EFFECTS } from '../../../shared/connectors/types';
import { AI_TASKS, NODE_KINDS } from '../../../shared/model/schema';
import { DECISIONS } from '../../../shared/simulation/scenario';
import type { Trace } from '../../../shared/simulation/trace';

const at = { atMs: z.number() };
const node = { ...at, nodeId: z.string() };
const CALL_RESULTS = ['ok', 'denied', 'failed', 'not-found', 'unknown'] as const;
const STOP_CODES = ['step-limit', 'no-path', 'no-intake', 'no-timeout', 'no-error-path', 'not-entered'] as const;
const DECIDED_BY = ['scenario', 'profile', 'user', 'default'] as const;
const effect = z.enum(EFFECTS).nullable();
const record = z.record(z.string(), z.unknown());

const eventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('step.entered'), ...node, kind: z.enum(NODE_KINDS), label: z.string() }),
  z.looseObject({ type: z.literal('step.left'), ...node, handle: z.string() }),
  z.looseObject({ type: z.literal('variables'), ...node, set: record }),
  z.looseObject({
    type: z.literal('call'),
    ...node,
    connection: z.string(),
    identity: z.string(),
    action: z.string(),
    effect,
    allowed: z.boolean(),
    result: z.enum(CALL_RESULTS),
    input: record,
    message: z.string().nullable(),
  }),
  z.looseObject({
    type: z.literal('ai'),
    ...node,
    task: z.enum(AI_TASKS),
    provider: z.string(),
    input: z.string(),
    output: z.unknown(),
    confidence: z.number().nullable(),
    threshold: z.number(),
    note: z.string().nullable(),
    error: z.string().nullable(),
  }),
  z.looseObject({ type: z.literal('decision'), ...node, rule: z.string() }),
  z.looseObject({ type: z.literal('approval.requested'), ...node, reviewer: z.string(), timeoutHours: z.number().nullable() }),
  z.looseObject({
    type: z.literal('approval.decided'),
    ...node,
    decision: z.enum(DECISIONS),
    decidedBy: z.enum(DECIDED_BY),
    responseMinutes: z.number(),
    edited: z.array(z.string()),
  }),
  z.looseObject({
    type: z.literal('changed-after-approval'),
    ...node,
    approvalNodeId: z.string(),
    connection: z.string(),
    action: z.string(),
    inputs: z.array(z.string()),
  }),
  z.looseObject({ type: z.literal('escalated'), ...node, team: z.string(), priority: z.string(), reason: z.string() }),
  z.looseObject({ type: z.literal('change'), ...node, changeId: z.string() }),
  z.looseObject({ type: z.literal('outbox'), ...node, messageId: z.string() }),
  z.looseObject({ type: z.literal('error'), ...node, message: z.string() }),
  z.looseObject({ type: z.literal('stopped'), ...at, nodeId: z.string().nullable(), code: z.enum(STOP_CODES), reason: z.string() }),
  z.looseObject({ type: z.literal('ended'), ...node, outcome: z.string() }),
]);

const fields = record.nullable();

export const storedTraceSchema = z.looseObject({
  format: z.literal('flowgate.trace'),
  version: z.literal(1),
  workflow: z.looseObject({ id: z.string(), name: z.string() }),
  scenario: z.looseObject({ id: z.string(), name: z.string() }),
  seed: z.number(),
  outcome: z.string().nullable(),
  endNodeId: z.string().nullable(),
  stopped: z.string().nullable(),
  stopCode: z.enum(STOP_CODES).nullable(),
  elapsedMinutes: z.number(),
  elapsedMs: z.number(),
  steps: z.number(),
  path: z.array(z.looseObject({ nodeId: z.string(), handle: z.string().nullable() })),
  calls: z.array(
    z.looseObject({ ...node, connection: z.string(), action: z.string(), effect, allowed: z.boolean(), result: z.enum(CALL_RESULTS), approvedContentChanged: z.literal(true).optional() }),
  ),
  approvals: z.array(
    // `shown` is absent in runs kept before Flowgate recorded what the reviewer saw.
    z.looseObject({ nodeId: z.string(), reviewer: z.string(), decision: z.enum(DECISIONS), decidedBy: z.enum(DECIDED_BY), responseMinutes: z.number(), shown: record.optional() }),
  ),
  changes: z.array(
    z.looseObject({
      id: z.string(),
      ...node,
      connection: z.string(),
      action: z.string(),
      kind: z.enum(['create', 'update', 'delete', 'trigger']),
      dataset: z.string().nullable(),
      recordId: z.string().nullable(),
      before: fields,
      after: fields,
    }),
  ),
  outbox: z.array(
    z.looseObject({
      id: z.string(),
      ...node,
      connection: z.string(),
      action: z.string(),
      customerFacing: z.boolean(),
      to: z.string().nullable(),
      subject: z.string().nullable(),
      body: z.string(),
    }),
  ),
  variables: record,
  events: z.array(eventSchema),
  audit: z.array(z.looseObject({ ...at, connection: z.string(), identity: z.string(), action: z.string(), allowed: z.boolean(), logged: z.boolean() })),
});

/** A stored trace that passed the check is a Trace (loose objects may carry more fields, which is fine). */
export function parseStoredTrace(value: unknown): { ok: true; trace: Trace } | { ok: false; error: z.ZodError } {
  const parsed = storedTraceSchema.safeParse(value);
  return parsed.success ? { ok: true, trace: parsed.data as unknown as Trace } : { ok: false, error: parsed.error };
}
