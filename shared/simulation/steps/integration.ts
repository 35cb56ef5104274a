// An integration step: one action on one connection; a read keeps what it read in a variable. In a
// batch calibrated from a log, the step is drawn to succeed or fail at the log's shares (`run.forced`
// then decides whether its allowed call fails); a call the connection does not grant fails all the same.
import type { NodeOfKind } from '../../model/schema';
import type { CompiledNode } from '../compile';
import type { Handle, RunState } from '../run-state';
import { callConnector } from './connector-call';

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

export function runIntegration(run: RunState, c: CompiledNode, node: NodeOfKind<'integration'>): Handle {
  const call = c.call!;
  run.forcedHandle(node.id);
  const result = callConnector(run, node.id, call, run.input(call, (s) => ({ mapping: node.config.inputs, text: s.lastText })));
  if (!result.ok) return 'error';
  if (call.effect === 'read') {
    const name = node.config.output?.trim() || (call.dataset ? singular(call.dataset) : node.id);
    run.setVariables(node.id, { [name]: result.value });
  }
  return 'ok';
}
