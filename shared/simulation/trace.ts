// The record of one run. Its JSON is stable: keys are written in a fixed order, times are on the
// virtual clock, ids come from counters; the same run always serialises to the same bytes.
import type { AiTask, NodeKind } from '../model/schema';
import type { Effect } from '../connectors/types';
import type { Decision } from './scenario';

export const TRACE_FORMAT = 'flowgate.trace';
export const TRACE_VERSION = 1;

/** How a connector call went: `denied` (scope not granted), `failed` (a scenario fault), `not-found` (no such record), `unknown` (no such connection or action). */
export type CallResult = 'ok' | 'denied' | 'failed' | 'not-found' | 'unknown';

/**
 * Why a run stopped before an end step. `not-entered`: the intake could not read the item, so the
 * item never entered the workflow (it stays where it came from); batches count such items apart.
 */
export type StopCode = 'step-limit' | 'no-path' | 'no-intake' | 'no-timeout' | 'no-error-path' | 'not-entered';

/** Who decided an approval: the scenario, the reviewer's profile, the user, or the default (approve) of a non-interactive run. */
export type DecidedBy = 'scenario' | 'profile' | 'user' | 'default';

export interface PathStep {
  nodeId: string;
  /** The output the token left by; null at the end step and where the run stopped. */
  handle: string | null;
}

export interface CallRecord {
  atMs: number;
  nodeId: string;
  connection: string;
  action: string;
  effect: Effect | null;
  allowed: boolean;
  result: CallResult;
  /**
   * Present (true) on a sensitive call whose content differs from what it would have been when the
   * last approval of the run was given: something changed it after the reviewer approved.
   */
  approvedContentChanged?: true;
}

export interface AuditEntry {
  atMs: number;
  connection: string;
  identity: string;
  action: string;
  allowed: boolean;
  /** Whether the connection keeps an audit log of its calls (its `logging` setting). */
  logged: boolean;
}

export type ChangeKind = 'create' | 'update' | 'delete' | 'trigger';

export interface Change {
  id: string;
  atMs: number;
  nodeId: string;
  connection: string;
  action: string;
  kind: ChangeKind;
  dataset: string | null;
  recordId: string | null;
  /** The fields that changed, as they were (null for a new record or a trigger). */
  before: Record<string, unknown> | null;
  /** The same fields as they are now (null for a deleted record). */
  after: Record<string, unknown> | null;
}

export interface OutboxMessage {
  id: string;
  atMs: number;
  nodeId: string;
  connection: string;
  action: string;
  customerFacing: boolean;
  to: string | null;
  subject: string | null;
  body: string;
}

export interface ApprovalRecord {
  nodeId: string;
  reviewer: string;
  decision: Decision;
  decidedBy: DecidedBy;
  responseMinutes: number;
  /**
   * What the reviewer saw when deciding: each variable the approval shows (its `shows` list) with its
   * value, their own edits included; null for a variable not set. Absent in traces kept before
   * Flowgate recorded it.
   */
  shown?: Record<string, unknown>;
}

export type TraceEvent =
  | { type: 'step.entered'; atMs: number; nodeId: string; kind: NodeKind; label: string }
  | { type: 'step.left'; atMs: number; nodeId: string; handle: string }
  | { type: 'variables'; atMs: number; nodeId: string; set: Record<string, unknown> }
  | {
      type: 'call';
      atMs: number;
      nodeId: string;
      connection: string;
      identity: string;
      action: string;
      effect: Effect | null;
      allowed: boolean;
      result: CallResult;
      input: Record<string, unknown>;
      message: string | null;
    }
  | {
      type: 'ai';
      atMs: number;
      nodeId: string;
      task: AiTask;
      provider: string;
      input: string;
      output: unknown;
      confidence: number | null;
      threshold: number;
      note: string | null;
      error: string | null;
    }
  | { type: 'decision'; atMs: number; nodeId: string; rule: string }
  | { type: 'approval.requested'; atMs: number; nodeId: string; reviewer: string; timeoutHours: number | null }
  | { type: 'approval.decided'; atMs: number; nodeId: string; decision: Decision; decidedBy: DecidedBy; responseMinutes: number; edited: string[] }
  | {
      /** A sensitive call sends content that changed after the last approval (its call record is marked). */
      type: 'changed-after-approval';
      atMs: number;
      nodeId: string;
      /** The approval whose approved content changed. */
      approvalNodeId: string;
      connection: string;
      action: string;
      /** The call's inputs whose values differ from what was approved. */
      inputs: string[];
    }
  | { type: 'escalated'; atMs: number; nodeId: string; team: string; priority: string; reason: string }
  | { type: 'change'; atMs: number; nodeId: string; changeId: string }
  | { type: 'outbox'; atMs: number; nodeId: string; messageId: string }
  | { type: 'error'; atMs: number; nodeId: string; message: string }
  | { type: 'stopped'; atMs: number; nodeId: string | null; code: StopCode; reason: string }
  | { type: 'ended'; atMs: number; nodeId: string; outcome: string };

export interface Trace {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  workflow: { id: string; name: string };
  scenario: { id: string; name: string };
  seed: number;
  /** The end step's outcome; null when the run stopped before reaching one. */
  outcome: string | null;
  endNodeId: string | null;
  /** Why the run stopped early; null when it reached an end step. */
  stopped: string | null;
  stopCode: StopCode | null;
  elapsedMinutes: number;
  elapsedMs: number;
  /** Node executions. */
  steps: number;
  path: PathStep[];
  calls: CallRecord[];
  approvals: ApprovalRecord[];
  changes: Change[];
  outbox: OutboxMessage[];
  /** Final values of the run's variables. */
  variables: Record<string, unknown>;
  events: TraceEvent[];
  audit: AuditEntry[];
}

/** The trace as JSON text: two-space indented with a final newline, the same bytes for the same run. */
export function traceToJson(trace: Trace): string {
  return `${JSON.stringify(trace, null, 2)}\n`;
}
