// One connector call of a step, against the mock connectors: refused when the reference leads nowhere
// or the scope is not granted (as a real 403 would be), failed when the scenario says so, else
// performed on the run's copy of the sample data. Every call goes into the calls and the audit log.
// A sensitive call made after an approval is compared with what was approved (approved-content.ts):
// content that changed since is marked on the call, with an event.
import { changedSinceApproval } from '../approved-content';
import type { CompiledCall } from '../compile';
import { CALL_MS, DENIED_MS, FAILED_MS } from '../durations';
import { perform } from '../mock-connectors';
import type { RunState } from '../run-state';
import type { CallRecord, Change, OutboxMessage } from '../trace';

export interface CallOutcome {
  ok: boolean;
  value: unknown;
  message: string;
}

export function callConnector(run: RunState, nodeId: string, call: CompiledCall, input: Record<string, unknown>): CallOutcome {
  const rec = run.recorder;
  const at = run.now;
  let allowed = true;
  let result: CallRecord['result'] = 'ok';
  let message = '';
  let value: unknown = null;
  let change: Change | null = null;
  let sent: OutboxMessage | null = null;
  let fault: string | null;
  if (call.problem !== null) {
    allowed = false;
    result = 'unknown';
    message = call.problem;
  } else if (!call.granted) {
    allowed = false;
    result = 'denied';
    message = `Denied (403): the connection "${call.connection}" does not grant "${call.action}".`;
    run.wait(DENIED_MS);
  } else if ((fault = run.callFault(call.key)) !== null) {
    result = 'failed';
    message = `"${call.action}" on "${call.connection}" failed (${fault}).`;
    run.wait(FAILED_MS);
  } else {
    const done = perform(call, input, run.store, run.item);
    run.waitJitter(CALL_MS[call.effect!]);
    if (!done.ok) {
      result = 'not-found';
      message = done.message;
    } else {
      value = done.value;
      const base = { atMs: run.now, nodeId, connection: call.connection, action: call.action };
      if (done.change) change = { id: `chg-${rec.changes.length + 1}`, ...base, ...done.change };
      if (done.message) sent = { id: `msg-${rec.outbox.length + 1}`, ...base, customerFacing: call.customerFacing, ...done.message };
    }
  }
  // A call that was refused carries nothing anywhere; an intake's read brings the item in, before any approval.
  const changed = allowed && call.sensitive && run.compiled.nodes[run.current]?.node.kind !== 'intake' ? changedSinceApproval(run, call, input) : null;
  const record: CallRecord = { atMs: at, nodeId, connection: call.connection, action: call.action, effect: call.effect, allowed, result };
  if (changed) record.approvedContentChanged = true;
  rec.calls.push(record);
  rec.audit.push({ atMs: at, connection: call.connection, identity: call.identity, action: call.action, allowed, logged: call.logging });
  if (change) rec.changes.push(change);
  if (sent) rec.outbox.push(sent);
  if (rec.recording) {
    const { connection, identity, action, effect } = call;
    rec.events.push({ type: 'call', atMs: at, nodeId, connection, identity, action, effect, allowed, result, input, message: message || null });
    if (changed) rec.events.push({ type: 'changed-after-approval', atMs: at, nodeId, approvalNodeId: changed.approvalNodeId, connection, action, inputs: changed.inputs });
    if (result !== 'ok') rec.events.push({ type: 'error', atMs: run.now, nodeId, message });
    if (change) rec.events.push({ type: 'change', atMs: run.now, nodeId, changeId: change.id });
    if (sent) rec.events.push({ type: 'outbox', atMs: run.now, nodeId, messageId: sent.id });
  }
  return { ok: result === 'ok', value, message };
}
