// What a run records as it goes: the path, the connector calls, approvals, record changes, the outbox,
// the audit log and (unless a batch turns it off) the event list; and the trace assembled from them.
import type { Workflow } from '../model/schema';
import type { ApprovedContent } from './approved-content';
import type { Scenario } from './scenario';
import { round2 } from './text';
import {
  TRACE_FORMAT,
  TRACE_VERSION,
  type ApprovalRecord,
  type AuditEntry,
  type CallRecord,
  type Change,
  type OutboxMessage,
  type PathStep,
  type StopCode,
  type Trace,
  type TraceEvent,
} from './trace';

/** How a run ended, as the trace reports it. */
export interface RunEnd {
  outcome: string | null;
  endNodeId: string | null;
  stopped: string | null;
  stopCode: StopCode | null;
}

export class TraceRecorder {
  readonly path: PathStep[] = [];
  readonly calls: CallRecord[] = [];
  readonly approvals: ApprovalRecord[] = [];
  readonly changes: Change[] = [];
  readonly outbox: OutboxMessage[] = [];
  readonly audit: AuditEntry[] = [];
  /**
   * The event list. Push only when `recording`: callers test it before building an event, so a batch
   * that does not record allocates nothing for events.
   */
  readonly events: TraceEvent[] = [];
  /** What the last approval given in the run approved (approved-content.ts); null before the first. */
  approved: ApprovedContent | null = null;

  constructor(readonly recording: boolean) {}

  /**
   * The trace so far; complete once the run is done (`final`). A snapshot of a run still going gets
   * lists of its own, which later steps do not change.
   */
  trace(wf: Workflow, scenario: Scenario, seed: number, end: RunEnd, nowMs: number, steps: number, variables: Record<string, unknown>, final: boolean): Trace {
    const own = <T>(list: T[]): T[] => (final ? list : list.slice());
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      workflow: { id: wf.id, name: wf.name },
      scenario: { id: scenario.id, name: scenario.name },
      seed,
      outcome: end.outcome,
      endNodeId: end.endNodeId,
      stopped: end.stopped,
      stopCode: end.stopCode,
      elapsedMinutes: round2(nowMs / 60_000),
      elapsedMs: nowMs,
      steps,
      path: own(this.path),
      calls: own(this.calls),
      approvals: own(this.approvals),
      changes: own(this.changes),
      outbox: own(this.outbox),
      variables,
      events: own(this.events),
      audit: own(this.audit),
    };
  }
}
